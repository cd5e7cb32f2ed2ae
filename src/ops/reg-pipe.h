/* Two threads for a full export of a persons-based file: this one reads
 * the vault and stores what the worker packed, the worker builds, checks,
 * hashes and writes the records. Reading and building cost about the
 * same, and the machines this runs on have two cores or more. The worker
 * never calls SQLite, so the vault's connection keeps one thread. */
#ifndef MYNA_OPS_REG_PIPE_H
#define MYNA_OPS_REG_PIPE_H

#include "domain/regpack.h"
#include "store/registration.h"

struct regpipe;

/* Stores a chunk the worker packed (on this thread). */
typedef int (*regpipe_store_fn)(void *arg, long long file_id,
    long long first_seq, const struct regpack *p, char **err);

/* Starts the worker (threaded) or not: then fn runs here, as rows come.
 * fn(row, arg) is called for every row put, in order. */
struct regpipe *regpipe_start(int threaded, regsrc_fn fn, void *arg,
    regpipe_store_fn store, void *store_arg);
/* Copies the row for the worker (its pointers need not outlive the call).
 * Non-zero once the worker or a store has failed. */
int regpipe_put(const struct regsrc *row, void *pipe);
/* The worker's end of regstore_writer_sink: takes the chunk over. */
int regpipe_sink(void *pipe, long long file_id, long long first_seq,
    struct regpack *p, char **err);
/* Hands over what is left, waits for the worker, stores its last chunks
 * and frees the pipe. Returns -1 when fn or a store failed (a store's
 * message in *err), else 0. */
int regpipe_finish(struct regpipe *p, char **err);

#endif
