/* Benchmark: importing an extract of insured persons, re-importing it with
 * a share changed, and searching by kana prefix. Run by bench/run-import,
 * which times a plain sqlite3 .import of the same file as the baseline. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ops/accounts.h"
#include "ops/person-import.h"
#include "ops/persons.h"
#include "ops/vault-admin.h"
#include "store/vault-impl.h"
#include "util/xmalloc.h"

#include "bench-setup.h"

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The process's CPU seconds (user and system): on a shared machine the
 * wall time of a run depends on the others' load, its CPU time much less. */
static double
bench_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static double
bench_import(struct session *s, const char *file, struct import_report *rep,
    double *cpu)
{
	struct import_request rq = { 0 };
	char *err = NULL;
	double t0 = bench_now(), c0 = bench_cpu();

	rq.file = file;
	if (ops_person_import(s, &rq, rep, &err) < 0) {
		fprintf(stderr, "bench-import: %s\n", err);
		exit(1);
	}
	*cpu = bench_cpu() - c0;
	return bench_now() - t0;
}

static int
bench_count(int64_t id, const struct person *p, void *arg)
{
	(void)id;
	(void)p;
	(*(int *)arg)++;
	return 0;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median over prefixes of the kana of persons spread through the file. */
static double
bench_search(struct session *s, int *hits)
{
	static const char *const prefixes[] = { "ヤマ", "サト", "スズ", "タカ", "タナ",
	    "ワタ", "イト", "ナカ", "コバ", "カト", "ヨシ", "ヤマダ", "ササ", "マツ",
	    "イノ", "キム", "ハヤ", "シミ", "ヤマグ", "モリ", "アベ" };
	double t[sizeof prefixes / sizeof prefixes[0]];
	size_t i, n = sizeof prefixes / sizeof prefixes[0];

	*hits = 0;
	for (i = 0; i < n; i++) {
		double t0 = bench_now();

		ops_person_search(s, prefixes[i], 50, bench_count, hits, NULL);
		t[i] = bench_now() - t0;
	}
	qsort(t, n, sizeof t[0], bench_cmp);
	return t[n / 2];
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/myna-bench-XXXXXX", *dir, *err = NULL;
	struct import_report full, again;
	struct vault_init in;
	struct session *s;
	struct rusage ru;
	unsigned char rk[32];
	double tf, tr, ts, cf, cr;
	int hits;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-import EXTRACT EDITED-EXTRACT\n");
		return 2;
	}
	if (mkdtemp(tmpl) == NULL)
		return 1;
	dir = xasprintf("%s/v", tmpl);
	ops_slot_logn = 10;
	in = (struct vault_init){ dir, "133033", "bench", "yamada",
	    "Bench-pass-2026", 10 };
	if (ops_vault_init(&in, rk, &err) < 0 ||
	    ops_login(dir, "yamada", "Bench-pass-2026", &s, &err) != 0) {
		fprintf(stderr, "bench-import: %s\n", err);
		return 1;
	}
	bench_profile(s->v->db);
	tf = bench_import(s, argv[1], &full, &cf);
	tr = bench_import(s, argv[2], &again, &cr);
	ts = bench_search(s, &hits);
	getrusage(RUSAGE_SELF, &ru);
	printf("full import      %.3f s  (%lld added)  CPU %.3f s\n", tf,
	    full.counts.added, cf);
	printf("re-import        %.3f s  (%lld added, %lld changed, %lld unchanged)"
	    "  %.2fx full import  CPU %.3f s (%.2fx)\n", tr, again.counts.added,
	    again.counts.changed, again.counts.unchanged, tr / tf, cr, cr / cf);
	printf("kana search      %.3f ms median (%d hits in all)\n", ts * 1000, hits);
	printf("peak memory      %ld MB\n", ru.ru_maxrss / 1024);
	printf("FULL_SECONDS=%.3f\nREIMPORT_SECONDS=%.3f\nPEAK_KB=%ld\n", tf, tr,
	    ru.ru_maxrss);
	import_report_clear(&full);
	import_report_clear(&again);
	ops_logout(s);
	free(dir);
	/* Only this run's folder: other benches may be running. */
	dir = xasprintf("rm -rf '%s'", tmpl);
	tf = system(dir);
	free(dir);
	return tf == 0 ? 0 : 1;
}
