/* libFuzzer harness for the small text parsers: the recovery key, dates,
 * and the number masker (whose output must never hold 12 bare digits).
 * fuzz-sources: src/store/keyslot.c src/domain/redact.c src/domain/dates.c src/util/xmalloc.c src/util/secret.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/dates.h"
#include "domain/redact.h"
#include "store/keyslot.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Twelve ASCII digits in a row, free-standing, would be a leaked number. */
static int
fuzz_has_bare_number(const char *s)
{
	size_t run = 0;
	const char *p;

	for (p = s; ; p++) {
		if (*p >= '0' && *p <= '9') {
			run++;
			continue;
		}
		if (run >= 12 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) &&
		    (p - (ptrdiff_t)run == s || !((p[-(ptrdiff_t)run - 1] >= 'a' &&
		    p[-(ptrdiff_t)run - 1] <= 'z') || (p[-(ptrdiff_t)run - 1] >= 'A' &&
		    p[-(ptrdiff_t)run - 1] <= 'Z'))))
			return 1;
		run = 0;
		if (*p == '\0')
			return 0;
	}
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
