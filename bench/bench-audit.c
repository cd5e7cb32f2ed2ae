/* Benchmark: what the audit chain costs. Appends N records in one
 * transaction, then re-walks the chain, against a baseline measured in the
 * same run: the same rows inserted without hashing into a table of the same
 * shape in the same encrypted vault. Prints ratios, never asserts timings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/accounts.h"
#include "ops/vault-admin.h"
#include "store/audit.h"
#include "util/xmalloc.h"

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
bench_baseline(sqlite3 *db, int n)
{
	sqlite3_stmt *st;
	double t0;
	int i;

	db_exec(db, "CREATE TABLE plain (seq INTEGER PRIMARY KEY, ts TEXT, actor "
	    "TEXT, actor2 TEXT, action TEXT, subject TEXT, detail TEXT, prev BLOB, "
	    "hash BLOB)", NULL);
	t0 = bench_now();
	db_begin(db, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO plain VALUES (?, '2026-11-26T00:00:00Z', "
	    "'yamada', '', 'person.update', ?, 'field=address', zeroblob(32), "
	    "zeroblob(32))", -1, &st, NULL);
	for (i = 1; i <= n; i++) {
		char subject[32];

		snprintf(subject, sizeof subject, "P%07d", i);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, subject, -1, SQLITE_TRANSIENT);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	db_commit(db, NULL);
	return bench_now() - t0;
}

static double
bench_append(sqlite3 *db, int n)
{
	double t0 = bench_now();
	int i;

	db_begin(db, NULL);
	for (i = 1; i <= n; i++) {
		char subject[32];

		snprintf(subject, sizeof subject, "P%07d", i);
		audit_append(db, "yamada", "", "person.update", subject,
		    "field=address", NULL, NULL);
	}
	db_commit(db, NULL);
	return bench_now() - t0;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200000;
	char tmpl[] = "/tmp/myna-bench-XXXXXX", *dir, *err = NULL;
	struct vault_init in;
	unsigned char rk[32];
	struct session *s;
	unsigned char head[32];
	int64_t count;
	double base, app, ver;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	dir = xasprintf("%s/v", tmpl);
	ops_slot_logn = 10;
	in = (struct vault_init){ dir, "133033", "bench", "yamada",
	    "Bench-pass-2026", 10 };
	if (ops_vault_init(&in, rk, &err) < 0 ||
	    ops_login(dir, "yamada", "Bench-pass-2026", &s, &err) != 0) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	base = bench_baseline(s->v->db, n);
	app = bench_append(s->v->db, n);
	ver = bench_now();
	if (audit_verify(s->v->db, NULL, NULL, &count, head, &err) < 0)
		fprintf(stderr, "bench: %s\n", err);
	ver = bench_now() - ver;
	printf("records                       %d\n", n);
	printf("baseline insert (no hashing)  %.3f s  (1.00x)\n", base);
	printf("audit append (hash chain)     %.3f s  (%.2fx baseline)\n", app,
	    app / base);
	printf("audit verify (full re-walk)   %.3f s  (%.2fx baseline)\n", ver,
	    ver / base);
	printf("append rate                   %.0f records/s\n", n / app);
	ops_logout(s);
	free(dir);
	if (system("rm -rf /tmp/myna-bench-*") != 0)
		return 1;
	return 0;
}
