/* Writing CSV: a field is quoted when it holds a comma, a quote, a line end
 * or leading/trailing spaces (which Excel would otherwise trim); quotes
 * inside are doubled. */
#include "config.h"

#include <string.h>

#include "domain/csvout.h"

void
csvout_begin(struct xbuf *b)
{
	xbuf_add(b, "\xEF\xBB\xBF", 3);
}

static int
csvout_needs_quotes(const char *f)
{
	size_t n = strlen(f);

	return strpbrk(f, ",\"\r\n") != NULL ||
	    (n > 0 && (f[0] == ' ' || f[n - 1] == ' '));
}

static void
csvout_field(struct xbuf *b, const char *f)
{
	const char *p;

	if (!csvout_needs_quotes(f)) {
		xbuf_puts(b, f);
		return;
	}
	xbuf_add(b, "\"", 1);
	for (p = f; *p != '\0'; p++) {
		if (*p == '"')
			xbuf_add(b, "\"", 1);
		xbuf_add(b, p, 1);
	}
	xbuf_add(b, "\"", 1);
}

void
csvout_row(struct xbuf *b, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			xbuf_add(b, ",", 1);
		csvout_field(b, fields[i] ? fields[i] : "");
	}
	xbuf_add(b, "\r\n", 2);
}
