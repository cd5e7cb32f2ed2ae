/* Benchmark: the J-LIS inquiry for persons without numbers. 'setup'
 * builds a vault from an extract (nobody has a number) and leaves an
 * unencrypted and a raw-keyed copy of its database for the shells'
 * baselines; 'run' writes the inquiry files from a copy of the vault and
 * prints the seconds, so that bench/run-jlis can alternate it with them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ops/accounts.h"
#include "ops/jlis.h"
#include "ops/vault-admin.h"
#include "store/vault-impl.h"
#include "util/xmalloc.h"

#define BENCH_NAME "bench-jlis"
#include "bench-util.h"
#include "bench-setup.h"

#define BENCH_USER "yamada"
#define BENCH_PW "Bench-pass-2026"

static void
setup(const char *extract, const char *dir, const char *rawkey)
{
	char *vault = xasprintf("%s/v", dir), *err = NULL;
	char *plain = xasprintf("%s/plain.db", dir);
	char *enc = xasprintf("%s/enc.db", dir);
	char *key = xasprintf("\"x'%s'\"", rawkey);
	struct vault_init in = { vault, "133033", "bench", BENCH_USER, BENCH_PW,
	    10 };
	unsigned char rk[32];
	struct session *s;

	ops_slot_logn = 10;
	if (ops_vault_init(&in, rk, &err) < 0 ||
	    ops_login(vault, BENCH_USER, BENCH_PW, &s, &err) != 0)
		die("vault", err);
	bench_import_file(s, extract);
	bench_copy(s, plain, "''");
	bench_copy(s, enc, key);
	ops_logout(s);
	free(key);
	free(enc);
	free(plain);
	free(vault);
}

static void
run(const char *vault, const char *out)
{
	struct jlis_request_report rep;
	struct session *s;
	char *err = NULL;
	double t0;

	if (ops_login(vault, BENCH_USER, BENCH_PW, &s, &err) != 0)
		die("vault", err);
	bench_profile(s->v->db);
	t0 = now();
	if (ops_jlis_request(s, out, NULL, &rep, &err) < 0)
		die("request", err);
	printf("SECONDS=%.3f\nROWS=%lld\n", now() - t0, rep.rows[0] + rep.rows[1]);
	jlis_request_report_clear(&rep);
	ops_logout(s);
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "setup") == 0)
		setup(argv[2], argv[3], argv[4]);
	else if (argc == 4 && strcmp(argv[1], "run") == 0)
		run(argv[2], argv[3]);
	else {
		fprintf(stderr, "usage: bench-jlis setup EXTRACT DIR RAWKEYHEX\n"
		    "       bench-jlis run VAULT OUTDIR\n");
		return 2;
	}
	return 0;
}
