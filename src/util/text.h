/* Text measured in terminal columns, for lists that line up in Japanese. */
#ifndef MYNA_TEXT_H
#define MYNA_TEXT_H

#include <stddef.h>

/* Display width of a string in the current locale (invalid bytes count 1). */
int text_width(const char *s);
/* Characters (code points) in UTF-8 text, whatever their width. */
size_t text_chars(const char *s);
/* Copy of s padded with spaces to at least width columns. */
char *text_pad(const char *s, int width);
/* Copy of s in exactly width columns (width >= 1): padded when shorter,
 * else cut at a character boundary and ended with "…", so a table's
 * column never pushes the next one aside. */
char *text_fit(const char *s, int width);

#endif
