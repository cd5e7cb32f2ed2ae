/* Errors: a message for people in a plain allocated string (char **err, as
 * every function takes it), and beside it, for programs, a code and the
 * input the error is about, so the console can put the cursor on that
 * field without comparing translated text.
 *
 * One rule for every setter: the first failure wins. A message already in
 * *err is the cause and is kept; what fails after it is a consequence.
 * A caller that words a failure itself passes NULL to the call below it,
 * or uses err_replace. */
#ifndef MYNA_ERR_H
#define MYNA_ERR_H

enum err_code {
	ERR_NONE = 0,
	ERR_FAILED,	/* could not be done (disk, vault, a bug) */
	ERR_REFUSED,	/* a rule says no */
	ERR_INPUT,	/* what was typed or given is not usable */
};

/* The input an error is about; a face maps it to its own field. */
enum err_field {
	ERR_FIELD_NONE = 0,
	ERR_FIELD_DOC,			/* a number's document reference */
	ERR_FIELD_RECEIVED,		/* the day a number was received */
	ERR_FIELD_WITNESS,		/* the second person's name */
	ERR_FIELD_WITNESS_PASSWORD,	/* the second person's password */
	ERR_FIELD_SOURCE,		/* an input file to read */
};

/* Sets *err (when err is not NULL and holds no message yet) and returns
 * -1, so that error paths read "return err_set(err, ...)". */
int err_set(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* err_set with a code and the field the error is about. */
int err_typed(char **err, enum err_code code, enum err_field field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Gives the message already in *err a code and a field, when it has none
 * yet (first failure wins: a typed cause keeps its own); returns -1. For
 * a caller that knows what a lower layer's plain message is about. */
int err_mark(char **err, enum err_code code, enum err_field field);
/* Replaces *err with a caller's own words for the same failure. */
int err_replace(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands msg (allocated, or NULL) over to *err unless err is NULL or already
 * holds a message, and frees it otherwise: also when the failure happened
 * on another thread. */
void err_keep(char **err, char *msg);

/* What err_typed noted for this message; ERR_FAILED and ERR_FIELD_NONE for
 * one set otherwise, ERR_NONE for NULL. */
enum err_code err_code_of(const char *msg);
enum err_field err_field_of(const char *msg);

#endif
