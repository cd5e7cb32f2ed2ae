/* Setting up a vault for a benchmark (bench-setup.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "ops/person-import.h"
#include "ops/registration.h"
#include "store/vault-impl.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/xmalloc.h"

#define BENCH_NAME "bench"
#include "bench-util.h"
#include "bench-setup.h"

void
bench_import_file(struct session *s, const char *file)
{
	struct import_request rq = { 0 };
	struct import_report rep;
	char *err = NULL;

	rq.file = file;
	if (ops_person_import(s, &rq, &rep, &err) < 0)
		die("import", err);
	import_report_clear(&rep);
}

/* KEY,NUMBER lines written as confirmed, with the vault's keyed hash. */
void
bench_confirm_numbers(struct session *s, const char *numbers)
{
	char *hex = db_get_text(s->v->db, "SELECT value FROM vault_meta WHERE "
	    "key = ?", "number_hmac_key"), line[128], *err = NULL;
	unsigned char key[32], mac[32];
	unsigned int n;
	sqlite3_stmt *st;
	FILE *f = fopen(numbers, "r");

	if (hex == NULL || hex_decode(hex, key, 32) < 0 || f == NULL)
		die("numbers", numbers);
	if (db_begin(s->v->db, &err) < 0 || db_prepare(s->v->db, "INSERT INTO "
	    "numbers (person_id, state, number, hmac, channel, received, doc, "
	    "entered_by, entered, confirmed_by, confirmed) SELECT id, "
	    "'confirmed', ?, ?, 'jlis', '2026-11-01', 'bench', 'bench-a', "
	    "'2026-11-01', 'bench-b', '2026-11-01' FROM persons WHERE key = ?",
	    &st, &err) < 0)
		die("numbers", err);
	while (fgets(line, sizeof line, f) != NULL) {
		char *comma = strchr(line, ',');

		if (comma == NULL)
			continue;
		*comma = '\0';
		comma[1 + strcspn(comma + 1, "\r\n")] = '\0';
		HMAC(EVP_sha256(), key, 32, (unsigned char *)comma + 1, 12, mac, &n);
		sqlite3_bind_text(st, 1, comma + 1, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, mac, 32, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, line, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("numbers", sqlite3_errmsg(s->v->db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	fclose(f);
	if (db_commit(s->v->db, &err) < 0)
		die("numbers", err);
	free(hex);
}


/* The server's answer, every record accepted, as reg-result.layout says. */
char *
bench_result_file(const char *file, long long records, const char *dir)
{
	char *path = xasprintf("%s/result.csv", dir);
	const char *base = strrchr(file, '/') + 1;
	FILE *f = fopen(path, "w");
	FILE *in = fopen(file, "rb");
	char line[1024];
	long long i = 0;

	/* The key is the 4th field of the persons file, the 5th of the 副本. */
	int keyf = strstr(base, "_persons_") ? 4 : 5;

	if (f == NULL || in == NULL)
		die("result", path);
	while (fgets(line, sizeof line, in) != NULL) {
		char *p = line, *k;
		int j;

		for (j = 1; j < keyf; j++)
			p = strchr(p, ',') + 1;
		k = p;
		*strchr(k, ',') = '\0';
		i++;
		/* Collated, matched: the J-LIS columns as a server fills them. */
		fprintf(f, "%s,,%lld,%s,%010lld,0,,0,,,,,,\r\n", base, i, k, i);
	}
	fclose(in);
	fclose(f);
	if (i != records)
		die("result", "count");
	return path;
}

double
bench_results_import(struct session *s, const char *path)
{
	struct reg_results_report rep;
	char *err = NULL;
	double t0 = now();

	if (ops_reg_results(s, path, NULL, &rep, &err) < 0)
		die("results", err);
	reg_results_report_clear(&rep);
	return now() - t0;
}

double
bench_accept_all(struct session *s, const char *file, long long records,
    const char *dir)
{
	char *path = bench_result_file(file, records, dir);
	double t = bench_results_import(s, path);

	free(path);
	return t;
}

void
bench_copy(struct session *s, const char *path, const char *key)
{
	/* An encrypted copy gets the vault's page size: SQLCipher 3 would
	 * give an attached database its old default of 1 KiB, and its cost
	 * is per page, so the shell's figure would overstate encryption. */
	int keyed = strcmp(key, "''") != 0;
	char *sql = xasprintf("ATTACH DATABASE '%s' AS copy KEY %s; %s SELECT "
	    "sqlcipher_export('copy'); DETACH DATABASE copy;", path, key,
	    keyed ? "PRAGMA copy.cipher_page_size = 4096;" : "");
	char *err = NULL;
	FILE *f = fopen(path, "w");	/* the vault opens without CREATE */

	if (f == NULL)
		die("copy", path);
	fclose(f);
	if (db_exec(s->v->db, sql, &err) < 0)
		die("copy", err);
	free(sql);
}

#define BENCH_PROFILE_MAX 256

static struct bench_stmt {
	char *text;
	double secs;
	long long runs;
} bench_stmts[BENCH_PROFILE_MAX];
static int bench_nstmts;

static int
bench_profile_cmp(const void *a, const void *b)
{
	const struct bench_stmt *x = a, *y = b;

	return (x->secs < y->secs) - (x->secs > y->secs);
}

static void
bench_profile_print(void)
{
	int i;

	qsort(bench_stmts, bench_nstmts, sizeof *bench_stmts, bench_profile_cmp);
	for (i = 0; i < bench_nstmts && bench_stmts[i].secs >= 0.005; i++)
		fprintf(stderr, "%8.3f s %8lld x  %.150s\n", bench_stmts[i].secs,
		    bench_stmts[i].runs, bench_stmts[i].text);
}

static int
bench_profile_trace(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	int i;

	(void)type;
	(void)ctx;
	if (sql == NULL)
		return 0;
	for (i = 0; i < bench_nstmts; i++)
		if (strcmp(bench_stmts[i].text, sql) == 0)
			break;
	if (i == bench_nstmts) {
		if (i == BENCH_PROFILE_MAX)
			return 0;
		bench_stmts[i].text = xstrdup(sql);
		bench_nstmts++;
	}
	bench_stmts[i].secs += (double)*(sqlite3_int64 *)x / 1e9;
	bench_stmts[i].runs++;
	return 0;
}

void
bench_profile(sqlite3 *db)
{
	if (getenv("BENCH_PROFILE") == NULL)
		return;
	sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, bench_profile_trace, NULL);
	atexit(bench_profile_print);
}
