/* The insurer number (保険者番号): its two lengths, the 検証番号, and how a
 * file layout writes it. */
#ifndef MYNA_INSURER_H
#define MYNA_INSURER_H

#include <stddef.h>

/* The longest insurer number, and the widest a layout may pad it to. */
#define INSURER_MAX 8

/*
 * The 検証番号 (0-9) of n ASCII digits, the last digit of a number without
 * it: from the right the digits are multiplied by 2, 1, 2, 1, ..., the
 * digits of each product are added, and the check is (10 - the last digit
 * of the sum) mod 10 (保険者番号設定要領). -1 if a byte is not a digit.
 */
int insurer_check_digit(const char *digits, size_t n);

/*
 * Checks the n bytes at s: 6 digits (国民健康保険, 国保組合 included:
 * prefecture, insurer, 検証番号) or 8 (健保, 共済, 後期高齢者: 法別番号 and
 * the same 6), with a 検証番号 that matches. A 6-digit number zero-padded to
 * 8 keeps its check digit and passes too. 0, or -1 with *err.
 */
int insurer_check_n(const char *s, size_t n, char **err);
/* The same for a string (NULL reads as empty). */
int insurer_check(const char *code, char **err);

/*
 * Writes code as a layout wants it into out: as it is when width is 0 or
 * not above its length, else left-padded to width with pad ('0' keeps the
 * 検証番号 valid; some specifications use ' '). width is at most
 * INSURER_MAX.
 */
void insurer_format(const char *code, int width, char pad,
    char out[INSURER_MAX + 1]);

#endif
