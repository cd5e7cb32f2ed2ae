/* Benchmark: importing the server's result to a full persons registration
 * file. 'setup' builds a vault (extract imported, numbers confirmed, one
 * full persons file written) and the result file that accepts it all;
 * 'run' imports that result into a copy of the vault and prints the
 * seconds, so that bench/run-results can alternate it with the baselines
 * and every run does the same work. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ops/accounts.h"
#include "ops/registration.h"
#include "ops/vault-admin.h"
#include "store/vault-impl.h"
#include "util/xmalloc.h"

#define BENCH_NAME "bench-results"
#include "bench-util.h"
#include "bench-setup.h"

#define BENCH_USER "yamada"
#define BENCH_PW "Bench-pass-2026"

static void
setup(const char *extract, const char *numbers, const char *dir)
{
	struct reg_export_request rq = { REG_PERSONS, REG_MODE_FULL, dir, NULL,
	    NULL, 0 };
	struct reg_export_report rep;
	char *vault = xasprintf("%s/v", dir), *err = NULL;
	struct vault_init in = { vault, "133033", "bench", BENCH_USER, BENCH_PW,
	    10 };
	unsigned char rk[32];
	struct session *s;

	ops_slot_logn = 10;
	if (ops_vault_init(&in, rk, &err) < 0 ||
	    ops_login(vault, BENCH_USER, BENCH_PW, &s, &err) != 0)
		die("vault", err);
	bench_import_file(s, extract);
	bench_confirm_numbers(s, numbers);
	if (ops_reg_export(s, &rq, &rep, &err) < 0)
		die("export", err);
	free(bench_result_file(rep.file, rep.records, dir));
	printf("RECORDS=%lld\n", rep.records);
	reg_export_report_clear(&rep);
	ops_logout(s);
	free(vault);
}

static void
run(const char *vault, const char *result)
{
	struct session *s;
	char *err = NULL;

	if (ops_login(vault, BENCH_USER, BENCH_PW, &s, &err) != 0)
		die("vault", err);
	bench_profile(s->v->db);
	printf("SECONDS=%.3f\n", bench_results_import(s, result));
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
		fprintf(stderr, "usage: bench-results setup EXTRACT NUMBERS DIR\n"
		    "       bench-results run VAULT RESULT\n");
		return 2;
	}
	return 0;
}
