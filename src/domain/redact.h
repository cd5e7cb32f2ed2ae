/* Masking of anything that looks like a My Number before it is stored or shown. */
#ifndef MYNA_REDACT_H
#define MYNA_REDACT_H

/* Returns a copy of text in which every run of 12 or more digits (ASCII or
 * full-width, optionally split by single separators: spaces, hyphens, dots,
 * slashes, their full-width forms and the dash look-alikes) keeps only its
 * last four digits, the others replaced by '*'. A run followed by one letter
 * and no more ("539503891138X") is masked too. */
char *redact_numbers(const char *text);

#endif
