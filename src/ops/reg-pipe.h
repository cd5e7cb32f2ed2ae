/* Threads for a full export of a persons-based file: the worker builds,
 * checks, hashes and writes the records; rows are read either on the
 * starting thread, which also stores what the worker packed, or on a
 * reading thread of their own with its own connection, while the starting
 * thread only stores (regpipe_read_apart). Storing the packed records
 * costs about a third of reading, so the second way keeps both cores of
 * the machines this runs on busy. The worker never calls SQLite, so each
 * connection keeps one thread. */
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
typedef int (*regpipe_read_fn)(void *arg);
/* Runs read(arg) on a thread of its own, which puts the rows; this thread
 * stores chunks meanwhile and returns read's result once reading and the
 * worker are done. read must use a connection of its own. Without a
 * worker, or without a thread to spare, read runs here. */
int regpipe_read_apart(struct regpipe *p, regpipe_read_fn read, void *arg);
/* The worker's end of regstore_writer_sink: takes the chunk over. */
int regpipe_sink(void *pipe, long long file_id, long long first_seq,
    struct regpack *p, char **err);
/* Hands over what is left, waits for the worker, stores its last chunks
 * and frees the pipe. Returns -1 when fn or a store failed (a store's
 * message in *err), else 0. */
int regpipe_finish(struct regpipe *p, char **err);

#endif
