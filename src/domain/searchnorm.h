/* What a clerk types into the person search, brought to the form the
 * vault stores: kana as full-width katakana with U+3000 between names,
 * digits as ASCII, birth dates as YYYYMMDD. */
#ifndef MYNA_SEARCHNORM_H
#define MYNA_SEARCHNORM_H

#include <stddef.h>

/* A newly allocated copy of the UTF-8 text s with full-width ASCII made
 * ASCII, hiragana and half-width kana made full-width katakana (a
 * half-width voiced mark joins the kana before it), and each run of ASCII
 * or ideographic spaces made one U+3000, none at the ends. Bytes that are
 * not UTF-8 are kept as they are. */
char *searchnorm_text(const char *s);

/* A birth date as typed: 1972-09-25, 1972/9/25, 19720925, S47.9.25,
 * 昭和47年9月25日 (元年 for the first year), in any of them full-width
 * digits. On a real day within its era, writes YYYYMMDD to out and
 * returns 0; anything else (not a date, no such day, S65, H31.5.1) is -1. */
int searchnorm_date(const char *s, char out[9]);

#endif
