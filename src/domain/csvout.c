/* Writing CSV: a field is quoted when it holds a comma, a quote, a line end
 * or leading/trailing spaces (which Excel would otherwise trim); quotes
 * inside are doubled; a field that would run as a formula is guarded. */
#include "config.h"

#include <string.h>

#include "domain/csvout.h"

void
csvout_begin(struct xbuf *b)
{
	xbuf_add(b, "\xEF\xBB\xBF", 3);
}

/* The characters that make a spreadsheet read a cell as a formula, and the
 * apostrophe that marks our own guard. */
#define CSVOUT_FORMULA_START "=+-@\t\r'"

/* "-5", "+3.25": a number a spreadsheet reads as a number, nothing more. */
static int
csvout_plain_number(const char *f)
{
	const char *p = f + 1;
	int digits = 0, dot = 0;

	if (*f != '-' && *f != '+')
		return 0;
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot && digits > 0)
			dot = 1;
		else
			return 0;
	}
	return digits > 0 && p[-1] != '.';
}

static int
csvout_needs_guard(const char *f)
{
	return *f != '\0' && strchr(CSVOUT_FORMULA_START, *f) != NULL &&
	    !csvout_plain_number(f);
}

const char *
csvout_unguard(const char *f)
{
	if (f[0] == '\'' && f[1] != '\0' &&
	    strchr(CSVOUT_FORMULA_START, f[1]) != NULL)
		return f + 1;
	return f;
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
	int guard = csvout_needs_guard(f);

	if (!guard && !csvout_needs_quotes(f)) {
		xbuf_puts(b, f);
		return;
	}
	xbuf_add(b, "\"", 1);
	if (guard)
		xbuf_add(b, "'", 1);
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
