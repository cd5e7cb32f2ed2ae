/* Setting up a vault for a benchmark: shortcuts, not the product's path
 * (see bench-reg.c), shared by the programs that need a large vault. */
#ifndef MYNA_BENCH_SETUP_H
#define MYNA_BENCH_SETUP_H

#include "ops/session.h"
#include "store/db.h"

/* Imports an extract with the product's import. */
void bench_import_file(struct session *s, const char *file);
/* KEY,NUMBER lines written as confirmed, with the vault's keyed hash, in one
 * transaction instead of two audited entries a number. */
void bench_confirm_numbers(struct session *s, const char *numbers);
/* Writes the server's answer to a registration file, every record
 * accepted, as dir/result.csv; returns its path (to free). */
char *bench_result_file(const char *file, long long records,
    const char *dir);
/* Imports a result file; returns the seconds it took. */
double bench_results_import(struct session *s, const char *path);
/* Writes the server's answer to a registration file, every record
 * accepted, into dir and imports it; returns the import's seconds. */
double bench_accept_all(struct session *s, const char *file,
    long long records, const char *dir);
/* Copies the vault's database to path with key: "''" for an unencrypted
 * copy the sqlite3 shell reads, or a raw key ("\"x'HEX'\"") for the
 * SQLCipher shell. */
void bench_copy(struct session *s, const char *path, const char *key);

/* With BENCH_PROFILE set in the environment, the time each statement of
 * db took, summed by its SQL and printed to stderr at exit, most first:
 * where a run's time goes, without symbols for SQLCipher. */
void bench_profile(sqlite3 *db);

#endif
