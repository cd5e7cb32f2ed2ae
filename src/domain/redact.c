/* Defence in depth: audit details and messages pass through here, so a full
 * 12-digit number written by mistake is masked before it can be kept. */
#include "config.h"

#include <string.h>

#include "domain/redact.h"
#include "util/xmalloc.h"

/* Length in bytes of a digit at s (ASCII 1, full-width UTF-8 3), else 0. */
static size_t
redact_digit_len(const unsigned char *s)
{
	if (*s >= '0' && *s <= '9')
		return 1;
	/* U+FF10..U+FF19 is EF BC 90..99 in UTF-8. */
	if (s[0] == 0xef && s[1] == 0xbc && s[2] >= 0x90 && s[2] <= 0x99)
		return 3;
	return 0;
}

/* Length in bytes of a separator people put between groups of digits, else
 * 0: space, hyphen, dot and slash, their full-width forms, the ideographic
 * space, and the dash look-alikes an input method gives (－ − ‐ – ー ｰ).
 * A number typed with any of them is still the number. */
static size_t
redact_sep_len(const unsigned char *s)
{
	static const char *const wide[] = {
		"\xe3\x80\x80",	/* U+3000 ideographic space */
		"\xef\xbc\x8d",	/* U+FF0D full-width hyphen-minus */
		"\xef\xbc\x8e",	/* U+FF0E full-width full stop */
		"\xef\xbc\x8f",	/* U+FF0F full-width solidus */
		"\xe2\x88\x92",	/* U+2212 minus sign */
		"\xe2\x80\x90",	/* U+2010 hyphen */
		"\xe2\x80\x91",	/* U+2011 non-breaking hyphen */
		"\xe2\x80\x93",	/* U+2013 en dash */
		"\xe3\x83\xbc",	/* U+30FC prolonged sound mark */
		"\xef\xbd\xb0",	/* U+FF70 half-width prolonged sound mark */
	};
	size_t i;

	if (*s == ' ' || *s == '-' || *s == '.' || *s == '/')
		return 1;
	/* Byte by byte, so nothing past the string's end is read. */
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (s[0] == (unsigned char)wide[i][0] &&
		    s[1] == (unsigned char)wide[i][1] &&
		    s[2] == (unsigned char)wide[i][2])
			return 3;
	return 0;
}

/* Counts digits in the run starting at s, allowing single separators between
 * digits; returns the count and the run's byte length in *len. */
static int
redact_run(const unsigned char *s, size_t *len)
{
	const unsigned char *p = s;
	int digits = 0;
	size_t d, sep;

	for (;;) {
		d = redact_digit_len(p);
		if (d == 0)
			break;
		digits++;
		p += d;
		sep = redact_sep_len(p);
		if (sep > 0 && redact_digit_len(p + sep) > 0)
			p += sep;
	}
	*len = (size_t)(p - s);
	return digits;
}

/* Digits within the first len bytes of a run. */
static int
redact_run_digits(const unsigned char *s, size_t len)
{
	size_t i = 0, d;
	int digits = 0;

	while (i < len) {
		d = redact_digit_len(s + i);
		if (d == 0) {
			i++;
			continue;
		}
		digits++;
		i += d;
	}
	return digits;
}

static int
redact_is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* One letter and then no more word: a check letter or a slip of the finger
 * after the number ("539503891138X"), not an identifier that goes on. */
static int
redact_suffix_letter(const unsigned char *s)
{
	int letter = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z');

	return letter && !redact_is_word(s[1]);
}

/* Digits after the last separator of a run of len bytes. */
static int
redact_last_group(const unsigned char *s, size_t len)
{
	size_t i = 0, d;
	int group = 0;

	while (i < len) {
		d = redact_digit_len(s + i);
		if (d > 0) {
			group++;
			i += d;
		} else {
			d = redact_sep_len(s + i);
			group = 0;
			i += d > 0 ? d : 1;
		}
	}
	return group;
}

/* A run that ends glued to a word ("1234 5678 9012 3456 7x") may still hold a
 * free-standing number before its last separator: shorten it until it ends
 * cleanly, and return its digit count (0 when nothing free-standing is left). */
static int
redact_trim(const unsigned char *s, size_t *len)
{
	for (;;) {
		size_t i, cut = 0, sep;

		if (!redact_is_word(s[*len]))
			break;
		for (i = 0; i < *len; i += sep > 0 ? sep : 1) {
			sep = redact_sep_len(s + i);
			if (sep > 0)
				cut = i;
		}
		if (cut == 0)
			return 0;
		*len = cut;
	}
	return redact_run_digits(s, *len);
}

char *
redact_numbers(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), o = 0, len;
	char *out = xmalloc(n + 1);

	while (*s != '\0') {
		/* A run inside a word (a hex hash, an identifier) is not a
		 * number someone wrote; only free-standing runs are masked. */
		int glued = (o > 0 && redact_is_word((unsigned char)out[o - 1]));
		int digits = glued ? 0 : redact_run(s, &len), seen = 0;

		/* "...1138X" is a number with a letter after it; "... 8u" is
		 * a short word after a number, cut off below. */
		if (digits >= 12 && redact_is_word(s[len]) &&
		    !(redact_suffix_letter(s + len) &&
		    redact_last_group(s, len) >= 4))
			digits = redact_trim(s, &len);
		if (digits < 12) {
			/* Not a number: copy the rest of the word, the short
			 * digit run, or one byte. */
			if (glued)
				for (len = 0; redact_is_word(s[len]); len++)
					;
			len = len > 0 ? len : 1;
			memcpy(out + o, s, len);
			o += len;
			s += len;
			continue;
		}
		while (len > 0) {
			size_t d = redact_digit_len(s);

			if (d == 0) {
				out[o++] = (char)*s++;
				len--;
				continue;
			}
			seen++;
			if (seen <= digits - 4) {
				out[o++] = '*';
			} else {
				memcpy(out + o, s, d);
				o += d;
			}
			s += d;
			len -= d;
		}
	}
	out[o] = '\0';
	return out;
}
