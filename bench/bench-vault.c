/* Builds a large vault for the console benchmark (bench/run-console): an
 * extract imported, the numbers given confirmed, and one full persons
 * registration file answered as accepted, so that every figure on the home
 * screen has rows behind it. The account is yamada / Bench-pass-2026 with a
 * light key derivation, so that logging in is not what is measured. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ops/accounts.h"
#include "ops/registration.h"
#include "ops/vault-admin.h"
#include "util/xmalloc.h"

#define BENCH_NAME "bench-vault"
#include "bench-util.h"
#include "bench-setup.h"

int
main(int argc, char **argv)
{
	struct reg_export_request rq = { REG_PERSONS, REG_MODE_FULL, NULL,
	    NULL, NULL, 1 };
	struct reg_export_report rep;
	struct vault_init in;
	struct session *s;
	unsigned char rk[32];
	char *err = NULL;

	if (argc != 5) {
		fprintf(stderr, "usage: bench-vault EXTRACT NUMBERS VAULT WORKDIR\n");
		return 2;
	}
	ops_slot_logn = 10;
	in = (struct vault_init){ argv[3], "133033", "bench", "yamada",
	    "Bench-pass-2026", 10 };
	if (ops_vault_init(&in, rk, &err) < 0 ||
	    ops_login(argv[3], "yamada", "Bench-pass-2026", &s, &err) != 0)
		die("vault", err);
	bench_import_file(s, argv[1]);
	bench_confirm_numbers(s, argv[2]);
	rq.out_dir = argv[4];
	if (ops_reg_export(s, &rq, &rep, &err) < 0)
		die("export", err);
	bench_accept_all(s, rep.file, rep.records, argv[4]);
	reg_export_report_clear(&rep);
	ops_logout(s);
	return 0;
}
