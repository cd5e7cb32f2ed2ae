/* Line reading for the INI files libinih parses (see ini.h). */
#include "config.h"

#include <string.h>

#include "domain/fieldcheck.h"
#include "domain/ini.h"

enum ini_line
ini_line_next(const char *p, size_t left, int num, int *line, size_t *n,
    size_t *text)
{
	const char *nl;

	if (left == 0 || num < 4)
		return INI_LINE_END;
	nl = memchr(p, '\n', left);
	*n = nl != NULL ? (size_t)(nl - p) + 1 : left;
	(*line)++;
	*text = *n;
	if (*text > 0 && p[*text - 1] == '\n')
		(*text)--;
	if (*text > 0 && p[*text - 1] == '\r')
		(*text)--;
	/* Room for "\r\n" and the NUL whatever the file's line ending. */
	if (*text > (size_t)num - 3)
		return INI_LINE_TOO_LONG;
	return INI_LINE_OK;
}

char *
ini_line_take(const char **p, size_t *left, char *str, size_t n)
{
	memcpy(str, *p, n);
	str[n] = '\0';
	*p += n;
	*left -= n;
	return str;
}

const char *
ini_line_start(const char *s, size_t n, int line)
{
	const char *start = s, *end = s + n;

	if (line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		start += 3;
	while (start < end && (*start == ' ' || *start == '\t' ||
	    *start == '\r'))
		start++;
	if (start == end || *start == ';' || *start == '#')
		return NULL;
	return start;
}

int
ini_line_chars(const char *s, size_t n, int line, unsigned int *cp)
{
	size_t i, len;

	for (i = 0; i < n; i += len) {
		if ((len = fieldcheck_utf8_next(s + i, n - i, cp)) == 0)
			return -1;
		/* libinih skips a byte order mark at the very start. */
		if (*cp == 0xfeff && line == 1 && i == 0)
			continue;
		if (*cp != '\t' && fieldcheck_is_control(*cp))
			return -2;
	}
	return 0;
}
