/* The office's registers as .xlsx, for people who open them in Excel or
 * LibreOffice: every cell is text, so codes keep their leading zeros
 * (municipality codes, seal numbers, an all-zero hash) and nothing is read
 * as a formula. */
#ifndef MYNA_XLSX_OUT_H
#define MYNA_XLSX_OUT_H

#include <stddef.h>

/* Writes the records of csv (as csvout writes them: a guard apostrophe is
 * taken off again) as one sheet named sheet into a new file at path; an
 * existing file is never replaced. The first record is the header, in
 * bold and frozen. Returns 0, or -1 with *err (no file is left then). */
int xlsx_from_csv(const char *csv, size_t len, const char *sheet,
    const char *path, char **err);

#endif
