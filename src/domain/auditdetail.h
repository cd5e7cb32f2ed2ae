/* Audit details as typed fields. The kind says what a value is, and so how
 * the masker treats it: anything a person typed or named is masked like
 * free text (a My Number typed into a note is never kept), while the two
 * kinds that are long digit strings by nature are kept whole when they
 * have their kind's shape: a SHA-256 and a courier's tracking number (12
 * digits at Japan Post and Yamato, kept whole by design so that the parcel
 * can be traced from the log). The stored text is the same "key=value"
 * form as before, so old records keep their bytes and the chain. */
#ifndef MYNA_AUDITDETAIL_H
#define MYNA_AUDITDETAIL_H

#include <stddef.h>

enum audit_kind {
	AUDIT_TEXT,	/* free text someone typed: a note, a reason, a word */
	AUDIT_NAME,	/* a name (person, user, courier, medium): as text */
	AUDIT_PATH,	/* a file or folder name: as text */
	AUDIT_COUNT,	/* a count, sequence or date the program made: as text */
	AUDIT_HASH,	/* a SHA-256: kept when it is 64 lowercase hex digits */
	AUDIT_TRACKING,	/* a tracking number: kept when it is 1-32 ASCII
			 * digits, letters and hyphens */
};

struct audit_field {
	const char *key;	/* NULL: a whole free-text detail, no key */
	enum audit_kind kind;
	const char *value;	/* NULL is written as "-" */
};

/* The value as its kind lets it be kept (allocated); a value without its
 * kind's shape is masked as free text (redact_numbers). */
char *auditdetail_value(enum audit_kind kind, const char *value);
/* "key=value key=value", each value through auditdetail_value. */
char *auditdetail_format(const struct audit_field *f, size_t n);

#endif
