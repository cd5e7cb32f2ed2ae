/* libFuzzer harness for the small text parsers: the recovery key, dates,
 * and the number masker (whose output must never hold 12 bare digits).
 * fuzz-sources: src/store/keyslot.c src/store/keyseal.c src/domain/redact.c src/domain/dates.c src/util/xmalloc.c src/util/err.c src/util/secret.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/dates.h"
#include "domain/redact.h"
#include "store/keyslot.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fuzz_word(const char *s, const char *p)
{
	unsigned char c = (unsigned char)*p;

	(void)s;
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* A full-width digit (EF BC 90..99) ends at p - 1 or starts at p. */
static int
fuzz_fullwidth_before(const char *s, const char *p)
{
	return p - s >= 3 && (unsigned char)p[-3] == 0xef &&
	    (unsigned char)p[-2] == 0xbc && (unsigned char)p[-1] >= 0x90 &&
	    (unsigned char)p[-1] <= 0x99;
}

static int
fuzz_fullwidth_at(const char *p)
{
	return (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbc &&
	    (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99;
}

/* Twelve ASCII digits in a row that touch no other letter or digit (ASCII
 * or full-width) would be a leaked number: the masker's own rule. */
static int
fuzz_has_bare_number(const char *s)
{
	const char *p = s, *start;

	while (*p != '\0') {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		start = p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p - start >= 12 &&
		    !(start > s && fuzz_word(s, start - 1)) &&
		    !fuzz_fullwidth_before(s, start) &&
		    !fuzz_word(s, p) && !fuzz_fullwidth_at(p))
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size), *masked, *err = NULL;
	unsigned char key[RECOVERY_KEY_LEN];

	(void)recovery_parse(text, key);
	(void)date_check(text, &err);
	free(err);
	masked = redact_numbers(text);
	if (fuzz_has_bare_number(masked))
		abort();
	free(masked);
	free(text);
	return 0;
}
