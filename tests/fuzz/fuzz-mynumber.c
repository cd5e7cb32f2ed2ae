/* libFuzzer harness for the individual number rules.
 * fuzz-sources: src/domain/mynumber.c src/util/xmalloc.c src/util/err.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/mynumber.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What every accepted number must be: 12 digits, not one digit repeated
 * in the first 11, the right check digit, read back unchanged. */
static void
fuzz_accepted(const char *num)
{
	char again[13], mask[MYNUMBER_MASK_SIZE];
	int i;

	if (strlen(num) != 12)
		abort();
	for (i = 0; i < 12; i++)
		if (num[i] < '0' || num[i] > '9')
			abort();
	for (i = 1; i < 11 && num[i] == num[0]; i++)
		;
	if (i == 11)
		abort();
	if (mynumber_check_digit(num) != num[11] - '0')
		abort();
	if (mynumber_normalize(num, again, NULL) != 0 ||
	    strcmp(again, num) != 0)
		abort();
	mynumber_mask(num, mask, sizeof mask);
	if (strlen(mask) != MYNUMBER_MASK_SIZE - 1 ||
	    memcmp(mask + MYNUMBER_MASK_SIZE - 5, num + 8, 4) != 0 ||
	    memchr(mask, num[0], MYNUMBER_MASK_SIZE - 5) != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), out[13], *err = NULL;
	uint64_t seed;
	int rc, i, cd, digits;

	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';

	rc = mynumber_normalize(in, out, &err);
	if (rc == 0) {
		if (err != NULL)
			abort();
		fuzz_accepted(out);
	} else if (rc != -1 || err == NULL || *err == '\0' || out[0] != '\0')
		abort();
	free(err);

	if (size >= 11) {
		for (i = 0, digits = 1; i < 11; i++)
			if (data[i] < '0' || data[i] > '9')
				digits = 0;
		cd = mynumber_check_digit((const char *)data);
		if (digits ? cd < 0 || cd > 9 : cd != -1)
			abort();
	}

	if (size >= sizeof seed) {
		memcpy(&seed, data, sizeof seed);
		mynumber_generate(&seed, out);
		fuzz_accepted(out);
	}
	free(in);
	return 0;
}
