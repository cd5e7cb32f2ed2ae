/* Names in the hand-over folders: the only files a staff member reaches
 * through the service account. "inbox/NAME" is what staff bring in (put),
 * "outbox/NAME" or "outbox/FOLDER/NAME" what the program wrote for them
 * (get). */
#ifndef MYNA_HANDOVER_H
#define MYNA_HANDOVER_H

#include <stddef.h>

#define HANDOVER_NAME_MAX 200

enum handover_box { HANDOVER_INBOX, HANDOVER_OUTBOX };

struct handover_path {
	enum handover_box box;
	char name[HANDOVER_NAME_MAX + 1];	/* the first part */
	char sub[HANDOVER_NAME_MAX + 1];	/* inside a folder, or "" */
};

/* One part of a name: 1..HANDOVER_NAME_MAX bytes, no '/', no control
 * character, and not starting with '.' (no "..", no hidden files) or '-'
 * (never read as an option). */
int handover_name_ok(const char *name);

/* Parses "inbox/NAME", "outbox/NAME[/NAME]", or a bare "NAME[/NAME]" which
 * means the box deflt. A second part is allowed only when allow_sub. */
int handover_parse(const char *word, enum handover_box deflt, int allow_sub,
    struct handover_path *out, char **err);

/* "inbox" or "outbox". */
const char *handover_box_name(enum handover_box box);

#endif
