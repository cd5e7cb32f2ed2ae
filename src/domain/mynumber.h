/* The individual number (個人番号): input rules, check digit, masked display. */
#ifndef MYNA_MYNUMBER_H
#define MYNA_MYNUMBER_H

#include <stddef.h>
#include <stdint.h>

#define MYNUMBER_DIGITS 12
/* Bytes mynumber_mask writes with its NUL: eight U+25CF (three bytes each),
 * two spaces and four digits. */
#define MYNUMBER_MASK_SIZE 31

/* Reads a number as a clerk may type or paste it: ASCII or full-width
 * digits, with ASCII and full-width spaces and the usual hyphens and dashes
 * ignored. On success writes the 12 ASCII digits and a NUL to out and
 * returns 0. Otherwise returns -1 with *err saying what is wrong and out
 * cleared: a character that is not allowed (named), a count other than 12,
 * a number whose first 11 digits are one digit repeated (placeholders such
 * as 000000000000 or 111111111118), or a wrong check digit. NULL reads as
 * empty. */
int mynumber_normalize(const char *input, char out[13], char **err);

/* The check digit (0-9) of the first 11 ASCII digits: weights 2-7, 2-6 from
 * the right, r = sum mod 11, 0 when r <= 1 else 11 - r. Returns -1 if any of
 * the 11 bytes is not a digit. */
int mynumber_check_digit(const char first11[11]);

/* Writes "●●●● ●●●● 1234" (only the last four digits shown) to out. When len
 * is below MYNUMBER_MASK_SIZE nothing but an empty string is written, so a
 * short buffer never shows part of a number. */
void mynumber_mask(const char num[12], char *out, size_t len);

/* Writes to out the next number of a deterministic sequence (splitmix64 on
 * *state) that passes mynumber_normalize. For tests and demo data only: a
 * number that passes the check digit may belong to a real person, so never
 * use one outside a test or demo vault. */
void mynumber_generate(uint64_t *state, char out[13]);

#endif
