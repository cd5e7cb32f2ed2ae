/* Two threads for a persons-based export: this one reads the vault, a
 * worker builds, hashes and writes the records. Reading and building cost
 * about the same, and the machines this runs on have two cores or more. */
#ifndef MYNA_OPS_REG_PIPE_H
#define MYNA_OPS_REG_PIPE_H

#include "store/registration.h"

struct regpipe;

/* Starts the worker, which calls fn(row, arg) for every row put, in order.
 * Where the vault's library cannot be shared between threads, fn runs on
 * the caller's thread instead (same result, slower). */
struct regpipe *regpipe_start(regsrc_fn fn, void *arg);
/* Copies the row for the worker (its pointers need not outlive the call).
 * Returns non-zero once the worker has stopped on an error. */
int regpipe_put(const struct regsrc *row, void *pipe);
/* Hands over what is left, waits for the worker and frees the pipe.
 * Returns the first non-zero value fn returned, or 0. */
int regpipe_finish(struct regpipe *p);

#endif
