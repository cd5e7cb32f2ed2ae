/* The hand-over folders of the service account: put brings a file into
 * the inbox, get hands one out of the outbox (or back from the inbox).
 * Neither follows a symbolic link, put never overwrites, and each is
 * recorded in the hand-over journal before it returns. */
#ifndef MYNA_OPS_HANDOVER_H
#define MYNA_OPS_HANDOVER_H

#include "domain/handover.h"
#include "domain/svcconf.h"
#include "ops/session.h"

struct handover_result {
	long long size;
	char sha256[65];
};

/* Copies in_fd into a new file (at most c->put_limit bytes). */
int ops_handover_put(const struct svcconf *c, const char *staff,
    const struct handover_path *p, int in_fd, struct handover_result *r,
    char **err);
/* Copies the regular file named by p to out_fd. */
int ops_handover_get(const struct svcconf *c, const char *staff,
    const struct handover_path *p, int out_fd, struct handover_result *r,
    char **err);
/* Calls fn with each entry's name (folders end in '/'), sorted. */
int ops_handover_list(const struct svcconf *c, enum handover_box box,
    void (*fn)(const char *name, long long size, void *arg), void *arg,
    char **err);

/* The absolute path of p, allocated, after checking that no part of it
 * is a symbolic link; must_exist: it must be there (an input), else it must
 * not be (an output). */
char *ops_handover_resolve(const struct svcconf *c,
    const struct handover_path *p, int must_exist, char **err);

/* Service mode: from now on every file a user names (in the console or a
 * command) must be in the hand-over folders of c. */
void ops_handover_confine(const struct svcconf *c);
int ops_handover_confined(void);

enum handover_use { HANDOVER_READ, HANDOVER_WRITE_FILE, HANDOVER_WRITE_DIR };
/* The path to open for what the user typed (allocated): typed itself when
 * not confined; else "NAME", "inbox/NAME" or "outbox/NAME[/NAME]" in its
 * folder (reading: inbox unless named; writing: outbox only, a new name;
 * a folder to write into is made). NULL with *err otherwise. */
char *ops_handover_path(const char *typed, enum handover_use use, char **err);

/* Moves the journal's events into the audit log (actor: the staff member
 * whose key was used). Called after each login; returns how many. */
int ops_handover_seal(struct session *s, char **err);

#endif
