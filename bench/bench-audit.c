/* Benchmark: what the audit chain costs. Appends N records in one
 * transaction, then re-walks the chain, against a baseline measured in the
 * same run: the same rows inserted without hashing into a table of the same
 * shape in the same encrypted vault. Prints ratios, never asserts timings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/auditrec.h"
#include "ops/accounts.h"
#include "ops/vault-admin.h"
#include "store/audit.h"
#include "store/vault-impl.h"
#include "util/xmalloc.h"

static int
bench_rm(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd) != 0;

	free(cmd);
	return rc;
}

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
bench_append(struct vault *v, int n)
{
	sqlite3 *db = v->db;
	double t0 = bench_now();
	int i;

	db_begin(db, NULL);
	for (i = 1; i <= n; i++) {
		char subject[32];

		snprintf(subject, sizeof subject, "P%07d", i);
		audit_append(v, "yamada", "", "person.update", subject,
		    "field=address", NULL, NULL);
	}
	db_commit(db, NULL);
	return bench_now() - t0;
}

/* The bytes a verify hashes, into path: for each record the leaf's input
 * (0x00 and the canonical body) and the chain's (the previous hash and
 * the leaf), for a baseline of sha256sum over the same bytes. */
static int
bench_bytes(sqlite3 *db, const char *path)
{
	FILE *f = fopen(path, "wb");
	sqlite3_stmt *st;
	int rc = -1;

	if (f == NULL || sqlite3_prepare_v2(db, "SELECT seq, ts, actor, actor2, "
	    "action, subject, detail, prev FROM audit ORDER BY seq", -1, &st,
	    NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct auditrec r;
		unsigned char *body, leaf[AUDIT_HASH_LEN];
		size_t len;
		int i;

		memset(&r, 0, sizeof r);
		r.seq = sqlite3_column_int64(st, 0);
		for (i = 1; i <= 6; i++) {
			const char *t = (const char *)sqlite3_column_text(st, i);
			char **to[] = { &r.ts, &r.actor, &r.actor2, &r.action,
			    &r.subject, &r.detail };

			*to[i - 1] = xstrdup(t != NULL ? t : "");
		}
		body = auditrec_body(&r, &len);
		auditrec_leaf(&r, leaf);
		fputc(0, f);
		fwrite(body, 1, len, f);
		if (sqlite3_column_bytes(st, 7) == AUDIT_HASH_LEN)
			fwrite(sqlite3_column_blob(st, 7), 1, AUDIT_HASH_LEN, f);
		fwrite(leaf, 1, AUDIT_HASH_LEN, f);
		free(body);
		auditrec_clear(&r);
	}
	sqlite3_finalize(st);
	rc = 0;
out:
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	return rc;
}

/* The verify again, runs times (a median for run-audit). */
static void
bench_verify_runs(struct vault *v, int runs)
{
	unsigned char head[32];
	int64_t count;
	char *err = NULL;
	int i;

	for (i = 0; i < runs; i++) {
		double t0 = bench_now();

		if (audit_verify(v, NULL, NULL, &count, head, &err) < 0) {
			fprintf(stderr, "bench: %s\n", err);
			free(err);
			return;
		}
		printf("VERIFY_SECONDS=%.3f\n", bench_now() - t0);
	}
}

/* Usage: bench-audit [N [BYTES-FILE RUNS]]: with BYTES-FILE, the verify
 * is run RUNS times more and the bytes it hashes are written there. */
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
	app = bench_append(s->v, n);
	ver = bench_now();
	if (audit_verify(s->v, NULL, NULL, &count, head, &err) < 0)
		fprintf(stderr, "bench: %s\n", err);
	ver = bench_now() - ver;
	printf("records                       %d\n", n);
	printf("baseline insert (no hashing)  %.3f s  (1.00x)\n", base);
	printf("audit append (hash chain)     %.3f s  (%.2fx baseline)\n", app,
	    app / base);
	printf("audit verify (full re-walk)   %.3f s  (%.2fx baseline)\n", ver,
	    ver / base);
	printf("append rate                   %.0f records/s\n", n / app);
	if (argc > 3) {
		bench_verify_runs(s->v, atoi(argv[3]));
		if (bench_bytes(s->v->db, argv[2]) < 0)
			fprintf(stderr, "bench: cannot write %s\n", argv[2]);
	}
	ops_logout(s);
	free(dir);
	/* Only this run's folder: other benches may be running beside it. */
	return bench_rm(tmpl);
}
