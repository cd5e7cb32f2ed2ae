/* Masking of anything that looks like a My Number before it is stored or shown. */
#ifndef MYNA_REDACT_H
#define MYNA_REDACT_H

/* Returns a copy of text in which every run of 12 or more digits (ASCII or
 * full-width, optionally split by single spaces or hyphens) keeps only its
 * last four digits, the others replaced by '*'. */
char *redact_numbers(const char *text);

#endif
