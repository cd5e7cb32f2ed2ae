/* Reading every page of the vault, to find damage the audit chain cannot
 * see (a changed index or a table the chain does not cover). */
#ifndef MYNA_PAGECHECK_H
#define MYNA_PAGECHECK_H

struct vault;

/* Reads every page of every table and index (SQLite's integrity check,
 * which also decrypts and authenticates each page). Returns 0 when all is
 * well, 1 when something is damaged, with *where naming the first table or
 * index that could not be read (or SQLite's own finding when none could be
 * named), and -1 with *err when the check could not run. */
int pagecheck_run(struct vault *v, char **where, char **err);

#endif
