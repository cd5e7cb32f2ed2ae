/* libFuzzer harness for the person search's normaliser: any bytes give a
 * NUL-terminated result, a date is either refused or eight digits naming
 * a real day, and normalising valid UTF-8 (all a console or a script can
 * type) twice changes nothing more. Invalid bytes are passed through as
 * they come, so they may pair up differently on a second pass.
 * fuzz-sources: src/domain/searchnorm.c src/util/xbuf.c src/util/xmalloc.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/searchnorm.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether s is well-formed UTF-8 (shortest forms, no surrogates). */
static int
fuzz_utf8(const unsigned char *s)
{
	while (*s != '\0') {
		int n = *s < 0x80 ? 0 : (*s & 0xe0) == 0xc0 ? 1 :
		    (*s & 0xf0) == 0xe0 ? 2 : (*s & 0xf8) == 0xf0 ? 3 : -1;
		unsigned long c;
		int i;

		if (n < 0 || (n == 1 && *s < 0xc2) || *s > 0xf4)
			return 0;
		c = n == 0 ? *s : *s & (0x3f >> n);
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
		s += n + 1;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1), *once, *twice, ymd[9];

	memcpy(s, data, size);
	s[size] = '\0';
	once = searchnorm_text(s);
	twice = searchnorm_text(once);
	if (fuzz_utf8((const unsigned char *)s) && strcmp(once, twice) != 0)
		abort();
	if (searchnorm_date(s, ymd) == 0 &&
	    (strlen(ymd) != 8 || strspn(ymd, "0123456789") != 8))
		abort();
	free(twice);
	free(once);
	free(s);
	return 0;
}
