/* The line reader that the layout and the identity rule table hand to
 * libinih: it counts lines itself (Debian's libinih has no line numbers),
 * refuses lines libinih would split or cut, and says where a line's
 * content starts. Each file's parser adds its own rules and messages. */
#ifndef MYNA_INI_H
#define MYNA_INI_H

#include <stddef.h>

enum ini_line {
	INI_LINE_OK,
	INI_LINE_END,		/* nothing left, or no room to read into */
	INI_LINE_TOO_LONG	/* over num - 3 bytes, libinih's buffer */
};

/* Looks at the next line of *p (*left bytes) for a buffer of num bytes
 * and counts it in *line: *n bytes with its end, *text without. Nothing
 * is consumed until ini_line_take. */
enum ini_line ini_line_next(const char *p, size_t left, int num, int *line,
    size_t *n, size_t *text);
/* Copies the n bytes of the line into str (NUL-terminated) and moves on. */
char *ini_line_take(const char **p, size_t *left, char *str, size_t n);
/* Where the content of line number line starts (after a byte order mark
 * on line 1 and blanks), or NULL for an empty line or a comment. */
const char *ini_line_start(const char *s, size_t n, int line);
/* 0 when the line is UTF-8 without control characters (tab allowed);
 * -1 for invalid UTF-8; -2 with the control character in *cp. */
int ini_line_chars(const char *s, size_t n, int line, unsigned int *cp);

#endif
