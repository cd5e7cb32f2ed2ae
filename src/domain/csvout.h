/* CSV for people who open it in Excel: UTF-8 with a byte-order mark (so
 * Excel does not read it as Shift_JIS), CRLF line ends, fields quoted only
 * when they need it (RFC 4180). */
#ifndef MYNA_CSVOUT_H
#define MYNA_CSVOUT_H

#include <stddef.h>

#include "util/xbuf.h"

/* A cell that a spreadsheet would take for a formula (it starts with = + -
 * @, a tab or a carriage return, and is not a plain number) is written with
 * a leading apostrophe, so Excel and LibreOffice show it as text instead of
 * running =HYPERLINK(...) or a DDE command. A cell that starts with an
 * apostrophe gets one more, so readers of our own files can undo it:
 * csvout_unguard() gives back the value that was written. */
const char *csvout_unguard(const char *field);

/* Starts a file: the UTF-8 byte-order mark. */
void csvout_begin(struct xbuf *b);
/* One record of n fields and its CRLF. */
void csvout_row(struct xbuf *b, const char *const *fields, size_t n);

#endif
