/* Display width: Japanese characters take two columns, so byte counts (as
 * printf's %-12s uses) do not line up columns. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/text.h"
#include "util/xmalloc.h"

int
text_width(const char *s)
{
	mbstate_t st;
	int width = 0;

	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, strlen(s), &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof st);
			width++;
			s++;
			continue;
		}
		w = wcwidth(wc);
		width += w > 0 ? w : 0;
		s += n;
	}
	return width;
}

char *
text_pad(const char *s, int width)
{
	int w = text_width(s), fill = w < width ? width - w : 0;
	size_t len = strlen(s);
	char *out = xmalloc(len + (size_t)fill + 1);

	memcpy(out, s, len);
	memset(out + len, ' ', (size_t)fill);
	out[len + (size_t)fill] = '\0';
	return out;
}

/* The bytes of s that fit in room columns, never half a character. */
static size_t
text_prefix(const char *s, int room)
{
	mbstate_t st;
	size_t used = 0, len = strlen(s);
	int width = 0;

	memset(&st, 0, sizeof st);
	while (used < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + used, len - used, &st);
		int w = 1;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof st);
			n = 1;
		} else if (n == 0) {
			break;
		} else {
			w = wcwidth(wc) > 0 ? wcwidth(wc) : 0;
		}
		if (width + w > room)
			break;
		width += w;
		used += n;
	}
	return used;
}

char *
text_fit(const char *s, int width)
{
	/* "…" is one column under a UTF-8 locale; elsewhere its three bytes
	 * would count three, and "~" keeps the width. */
	const char *mark = text_width("\xe2\x80\xa6") == 1 ? "\xe2\x80\xa6" : "~";
	size_t keep, ml = strlen(mark);
	char *cut, *out;

	if (text_width(s) <= width)
		return text_pad(s, width);
	keep = text_prefix(s, width - 1);
	cut = xmalloc(keep + ml + 1);
	memcpy(cut, s, keep);
	memcpy(cut + keep, mark, ml + 1);
	/* A wide character that did not fit leaves one column to pad. */
	out = text_pad(cut, width);
	free(cut);
	return out;
}

size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}
