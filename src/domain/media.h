/* Rules of a medium's life (住基ネット media exchange): the order of its
 * steps, the inquiry file name rule, the container password, the answer
 * deadline. Pure: no vault, no files. */
#ifndef MYNA_DOMAIN_MEDIA_H
#define MYNA_DOMAIN_MEDIA_H

#include <stddef.h>

/* The steps, in the only order they may happen. */
enum media_step {
	MSTEP_CREATED,		/* files checked and put in a container */
	MSTEP_PACKED,		/* packer and witness sealed it */
	MSTEP_SHIPPED,		/* handed to the security courier */
	MSTEP_RECEIVED,		/* the answer medium arrived */
	MSTEP_IMPORTED,		/* the answer was imported */
	MSTEP_DISPOSED,		/* the medium was destroyed */
	MSTEP_COUNT
};

/* "created", "packed", ... as kept in the vault; -1 for an unknown name. */
const char *media_step_name(enum media_step s);
int media_step_parse(const char *name);
/* The step's name in words for a person (translated). */
const char *media_step_label(enum media_step s);
/* The same for a medium of channel ("courier" or "terminal"): a terminal
 * medium is copied, carried to the dedicated terminal, brought back. */
const char *media_step_label_on(enum media_step s, const char *channel);

/*
 * Whether step may follow a medium whose last step is last (its state).
 * The order is packed, shipped, received, imported, disposed; a medium
 * still packed may be disposed of (a spoiled one that was never sent), one
 * that was shipped or whose answer is not imported may not. Returns 0, or
 * -1 with a message that says what must come first.
 */
int media_step_allowed(enum media_step last, enum media_step step,
    char **err);

/* The inquiry file name rule: <8-digit insurer>N|G<seq>Y.csv with the
 * vault's insurer code and a sequence number 1-999999 without leading
 * zero. *kind gets 'N' (Japanese residents) or 'G' (foreign residents). */
int media_name_check(const char *name, const char *insurer, char *kind,
    char **err);

/* Container passwords: 24 characters from an alphabet without look-alikes
 * (no 0/O, 1/I), in groups of four joined by '-': 120 bits from
 * RAND_bytes, easy to read out and type. */
#define MEDIA_PW_CHARS 24
#define MEDIA_PW_LEN (MEDIA_PW_CHARS + MEDIA_PW_CHARS / 4 - 1)
int media_password_new(char out[MEDIA_PW_LEN + 1]);

/* Days from date a to date b (both YYYY-MM-DD, already checked). */
long media_days_between(const char *a, const char *b);
/* Days an answer is overdue: shipped more than limit days before today
 * and not received yet; 0 when it is not. */
long media_overdue_days(const char *state, const char *shipped,
    const char *today, long limit);

/* The medium's label from its row id: M0001. */
void media_label(long long id, char out[16]);

#endif
