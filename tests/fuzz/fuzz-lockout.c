/* libFuzzer harness for the failed-login counter file: damaged text must
 * never crash, and its normal form must be a fixed point.
 * fuzz-sources: src/store/lockout.c src/util/xmalloc.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/lockout.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size), *once, *twice;
	struct lockout_state s, back;

	lockout_parse(text, &s);
	once = lockout_format(&s);
	lockout_parse(once, &back);
	twice = lockout_format(&back);
	if (strcmp(once, twice) != 0)
		abort();
	free(twice);
	free(once);
	lockout_state_free(&back);
	lockout_state_free(&s);
	free(text);
	return 0;
}
