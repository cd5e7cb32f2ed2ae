/* The individual number (個人番号): input rules, check digit, masked display. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "domain/mynumber.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Separators a clerk may type or paste between digit groups; they carry no
 * meaning and are dropped. */
static const char *mynumber_separators[] = {
	" ",			/* U+0020 space */
	"\xe3\x80\x80",		/* U+3000 ideographic space */
	"-",			/* U+002D hyphen-minus */
	"\xe2\x80\x90",		/* U+2010 hyphen */
	"\xe2\x80\x91",		/* U+2011 non-breaking hyphen */
	"\xe2\x80\x92",		/* U+2012 figure dash */
	"\xe2\x80\x93",		/* U+2013 en dash */
	"\xe2\x80\x94",		/* U+2014 em dash */
	"\xe2\x80\x95",		/* U+2015 horizontal bar */
	"\xe2\x88\x92",		/* U+2212 minus sign */
	"\xef\xbc\x8d",		/* U+FF0D full-width hyphen-minus */
	"\xe3\x83\xbc",		/* U+30FC katakana prolonged sound mark */
};

/* Weights of the first 11 digits, left to right: 2,3,4,5,6,7,2,3,4,5,6
 * counted from the right. */
static const int mynumber_weights[11] = { 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

/* Value of a digit at s (ASCII or U+FF10..U+FF19) with its length in *len,
 * else -1. */
static int
mynumber_digit(const unsigned char *s, size_t *len)
{
	if (s[0] >= '0' && s[0] <= '9') {
		*len = 1;
		return s[0] - '0';
	}
	if (s[0] == 0xef && s[1] == 0xbc && s[2] >= 0x90 && s[2] <= 0x99) {
		*len = 3;
		return s[2] - 0x90;
	}
	return -1;
}

/* Length of a separator at s, else 0. */
static size_t
mynumber_separator(const unsigned char *s)
{
	size_t i, n;

	for (i = 0; i < sizeof mynumber_separators / sizeof *mynumber_separators;
	    i++) {
		n = strlen(mynumber_separators[i]);
		if (strncmp((const char *)s, mynumber_separators[i], n) == 0)
			return n;
	}
	return 0;
}

/* Decodes one UTF-8 character at s; returns its length and code point in
 * *cp, or 0 when the bytes are not valid UTF-8. */
static size_t
mynumber_utf8(const unsigned char *s, unsigned long *cp)
{
	size_t n, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Names the character at s for a message: "'x' (U+0078)", just "U+0009" for
 * a control character, or "byte 0xFF" when it is not UTF-8. */
static void
mynumber_describe(const unsigned char *s, char *buf, size_t len)
{
	unsigned long cp;
	size_t n = mynumber_utf8(s, &cp);

	if (n == 0)
		/* L10N: a byte that is not part of a UTF-8 character. */
		snprintf(buf, len, _("byte 0x%02X"), s[0]);
	else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		snprintf(buf, len, "U+%04lX", cp);
	else
		snprintf(buf, len, "'%.*s' (U+%04lX)", (int)n, (const char *)s,
		    cp);
}

int
mynumber_check_digit(const char first11[11])
{
	int i, sum = 0, r;

	for (i = 0; i < 11; i++) {
		if (first11[i] < '0' || first11[i] > '9')
			return -1;
		sum += (first11[i] - '0') * mynumber_weights[i];
	}
	r = sum % 11;
	return r <= 1 ? 0 : 11 - r;
}

int
mynumber_normalize(const char *input, char out[13], char **err)
{
	const unsigned char *s = (const unsigned char *)(input ? input : "");
	size_t count = 0, len;
	char what[64];
	int d, i;

	memset(out, 0, 13);
	while (*s != '\0') {
		if ((d = mynumber_digit(s, &len)) >= 0) {
			if (count < MYNUMBER_DIGITS)
				out[count] = (char)('0' + d);
			count++;
			s += len;
		} else if ((len = mynumber_separator(s)) > 0)
			s += len;
		else {
			memset(out, 0, 13);
			mynumber_describe(s, what, sizeof what);
			/* L10N: %s names the character, e.g. 'a' (U+0061). */
			return err_set(err, _("the number contains %s: only "
			    "digits, spaces and hyphens are allowed"), what);
		}
	}
	if (count != MYNUMBER_DIGITS) {
		memset(out, 0, 13);
		return err_set(err, _("the number must have 12 digits; it has %zu"),
		    count);
	}

	/* 000000000000 passes the formula and so would any eleven equal
	 * digits followed by their own check digit (111111111118): they are
	 * placeholders or test input, never a number from a document. */
	for (i = 1; i < 11 && out[i] == out[0]; i++)
		;
	if (i == 11) {
		memset(out, 0, 13);
		return err_set(err, _("the number is one digit repeated: re-read "
		    "the number from the document"));
	}

	if (mynumber_check_digit(out) != out[11] - '0') {
		memset(out, 0, 13);
		return err_set(err, _("check digit does not match: re-read the "
		    "number from the document"));
	}
	return 0;
}

void
mynumber_mask(const char num[12], char *out, size_t len)
{
	static const char dot[] = "\xe2\x97\x8f";	/* U+25CF black circle */
	size_t o = 0;
	int i;

	if (out == NULL || len == 0)
		return;
	out[0] = '\0';
	if (len < MYNUMBER_MASK_SIZE)
		return;
	for (i = 0; i < 8; i++) {
		memcpy(out + o, dot, 3);
		o += 3;
		if (i == 3 || i == 7)
			out[o++] = ' ';
	}
	memcpy(out + o, num + 8, 4);
	o += 4;
	out[o] = '\0';
}

/* splitmix64 (Steele, Lea and Flood): one 64-bit step of the sequence. */
static uint64_t
mynumber_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void
mynumber_generate(uint64_t *state, char out[13])
{
	uint64_t x;
	int i, same;

	do {
		/* One step gives 19 decimal digits; the bias of taking 11 of
		 * them is below 1e-8, irrelevant for test data. */
		x = mynumber_next(state);
		same = 1;
		for (i = 0; i < 11; i++) {
			out[i] = (char)('0' + x % 10);
			x /= 10;
			if (out[i] != out[0])
				same = 0;
		}
	} while (same);
	out[11] = (char)('0' + mynumber_check_digit(out));
	out[12] = '\0';
}
