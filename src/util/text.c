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

size_t
text_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}
