/* libFuzzer harness for the person search's normaliser: any bytes give a
 * NUL-terminated result, a date is either refused or eight digits naming
 * a real day, and normalising twice changes nothing more.
 * fuzz-sources: src/domain/searchnorm.c src/util/xbuf.c src/util/xmalloc.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/searchnorm.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1), *once, *twice, ymd[9];

	memcpy(s, data, size);
	s[size] = '\0';
	once = searchnorm_text(s);
	twice = searchnorm_text(once);
	if (strcmp(once, twice) != 0)
		abort();
	if (searchnorm_date(s, ymd) == 0 &&
	    (strlen(ymd) != 8 || strspn(ymd, "0123456789") != 8))
		abort();
	free(twice);
	free(once);
	free(s);
	return 0;
}
