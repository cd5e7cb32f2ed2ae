/* Checks on one value of an imported file, by the type its layout gives. */
#ifndef MYNA_FIELDCHECK_H
#define MYNA_FIELDCHECK_H

#include <stddef.h>

#include "domain/layout.h"

/* What fieldcheck_kana found: positive is valid, as municipality_check. */
#define FIELDCHECK_KANA_OK		1
#define FIELDCHECK_KANA_OTHER		0	/* not katakana, or not UTF-8 */
#define FIELDCHECK_KANA_HALF_WIDTH	-1	/* U+FF61..U+FF9F */

/*
 * Checks a UTF-8 value (len bytes, not NUL-terminated) against f. Returns 0
 * or -1 with *err a sentence for the clerk that starts with the field's
 * label ("氏名カナ: half-width kana: use full-width"); the message never
 * repeats the value, only at most the one character at fault.
 *
 * A value of spaces only (ASCII or U+3000) counts as empty: an error when
 * the field is required, accepted otherwise whatever the type. max_chars
 * counts code points; max_bytes counts bytes in f->encoding, so with CP932
 * the value is converted and a character CP932 cannot encode is refused
 * even when there is no byte limit (the value must fit the file it goes
 * back to).
 */
int fieldcheck_value(const struct layout_field *f, const char *value,
    size_t len, char **err);
/*
 * fieldcheck_value that also gives, in *cp932_bytes, the bytes the value
 * takes in CP932 (ASCII and half-width kana one, every other character
 * two), counted in the same pass: for a checker that decoded a CP932 file
 * and so knows every character has a code. Set when it returns 0.
 */
int fieldcheck_value_cp932(const struct layout_field *f, const char *value,
    size_t len, size_t *cp932_bytes, char **err);

/* What fieldcheck_value_seen counted on its way through a value. */
struct fieldcheck_seen {
	size_t cp932_bytes;	/* as fieldcheck_value_cp932 gives */
	size_t half_kana;	/* characters U+FF61..U+FF9F */
};
/*
 * fieldcheck_value_cp932 that also counts the value's half-width kana, in
 * the same pass, so that a rule about them need not scan the value again.
 * *seen is set when it returns 0.
 */
int fieldcheck_value_seen(const struct layout_field *f, const char *value,
    size_t len, struct fieldcheck_seen *seen, char **err);

/* 1 when code6 is six ASCII digits whose last is the local-government check
 * digit (weights 6,5,4,3,2; r = sum mod 11; last digit of 11 - r), else 0. */
int municipality_check(const char *code6);

/* Whether a NUL-terminated UTF-8 string is full-width katakana: U+30A0..
 * U+30FF (long vowel mark and middle dot included) and U+3000 spaces. The
 * empty string is. Returns one of FIELDCHECK_KANA_*, for the first
 * character that is not. */
int fieldcheck_kana(const char *utf8);

/* Length of the valid UTF-8 sequence at s (within n bytes), storing its code
 * point in *cp; 0 for an invalid, overlong, surrogate or truncated one. */
size_t fieldcheck_utf8_next(const char *s, size_t n, unsigned int *cp);

/* Whether a code point moves the cursor, reorders text or hides (C0, DEL,
 * C1, zero-width and bidirectional controls, line separators, U+FEFF): a
 * value holding one displays as something it is not. */
int fieldcheck_is_control(unsigned int cp);

#endif
