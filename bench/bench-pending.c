/* What the console queries when the registration area or home opens, timed
 * on a vault bench-vault built (the console bench's vault): a key's time
 * in bench/run-console is split here by query (BENCH_PROFILE=1 prints each
 * statement's share). Usage: bench-pending VAULT [ROUNDS] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ops/dashboard.h"
#include "ops/registration.h"
#include "ops/reg-view.h"
#include "store/vault-impl.h"
#include "store/vault.h"

#define BENCH_NAME "bench-pending"
#include "bench-util.h"
#include "bench-setup.h"

static int
bench_recent(const struct regfile_recent *f, void *arg)
{
	(void)f;
	(void)arg;
	return 0;
}

int
main(int argc, char **argv)
{
	struct reg_pending p;
	struct dashboard d;
	struct session *s;
	char *err = NULL;
	int r, rounds = argc > 2 ? atoi(argv[2]) : 5;
	double t0, t1, t2, t3;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-pending VAULT [ROUNDS]\n");
		return 2;
	}
	if (ops_login(argv[1], "yamada", "Bench-pass-2026", &s, &err) != 0)
		die("login", err);
	bench_profile(s->v->db);
	for (r = 0; r < rounds; r++) {
		t0 = now();
		if (ops_registration_pending(s, &p, &err) < 0)
			die("pending", err);
		t1 = now();
		if (ops_reg_recent(s, 10, bench_recent, NULL, &err) < 0)
			die("recent", err);
		t2 = now();
		if (ops_dashboard(s, &d, &err) < 0)
			die("dashboard", err);
		t3 = now();
		printf("pending %.1f ms  recent files %.1f ms  dashboard %.1f ms"
		    "  (changes %lld, refused %lld)\n", (t1 - t0) * 1e3,
		    (t2 - t1) * 1e3, (t3 - t2) * 1e3, p.changes[0], p.failed[0]);
	}
	ops_logout(s);
	return 0;
}
