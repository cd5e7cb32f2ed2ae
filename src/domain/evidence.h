/* Evidence files: what a file is (from its first bytes) and what it is
 * about (person:KEY, medium:ID, test:NAME). Pure: no I/O. */
#ifndef MYNA_DOMAIN_EVIDENCE_H
#define MYNA_DOMAIN_EVIDENCE_H

#include <stddef.h>

/* How many leading bytes evidence_sniff looks at. */
#define EVIDENCE_SNIFF_LEN 4096

/* A MIME type from magic bytes: application/pdf, image/png, image/jpeg,
 * image/tiff, application/zip, text/csv, text/plain, else
 * application/octet-stream. Never NULL. */
const char *evidence_sniff(const unsigned char *buf, size_t n);

enum evidence_about_kind {
	ABOUT_NONE = 0,		/* nothing given */
	ABOUT_PERSON,		/* person:KEY, an insured person's key */
	ABOUT_MEDIUM,		/* medium:ID, an exchanged medium */
	ABOUT_TEST		/* test:NAME, a pre-production test (2.7) */
};

#define EVIDENCE_ABOUT_MAX 128

/* Parses "kind:value". On success the value (without the prefix) is copied
 * into value (EVIDENCE_ABOUT_MAX bytes). NULL or "" gives ABOUT_NONE. */
int evidence_about_parse(const char *s, enum evidence_about_kind *kind,
    char value[EVIDENCE_ABOUT_MAX], char **err);

/* A title: 1 to 200 bytes of valid UTF-8 without control characters and
 * without anything that looks like an individual number (titles go to the
 * audit log). */
int evidence_title_check(const char *title, char **err);

/* Whether s is valid UTF-8 without control characters. */
int evidence_text_ok(const char *s);

#endif
