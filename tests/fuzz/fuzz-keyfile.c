/* libFuzzer harness for the key-slot file parser: any bytes must parse or be
 * refused cleanly; whatever parses must survive a format/parse round trip.
 * fuzz-sources: src/store/keyfile.c src/store/keyslot.c src/store/keyseal.c src/util/hex.c src/util/xmalloc.c src/util/err.c src/util/secret.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/keyfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char key[KEY_LEN] = { 7 };
	struct keyfile kf, back;
	char *err = NULL, *text;

	if (keyfile_parse((const char *)data, size, &kf, &err) == 0) {
		/* Parsed input must verify against its own MAC or not at all,
		 * and re-serialise into something that parses again. */
		(void)keyfile_verify(&kf, (const char *)data, key);
		text = keyfile_format(&kf, key);
		if (keyfile_parse(text, strlen(text), &back, NULL) != 0 ||
		    keyfile_verify(&back, text, key) != 0 ||
		    back.nslots != kf.nslots)
			abort();
		keyfile_free(&back);
		free(text);
		keyfile_free(&kf);
	}
	free(err);
	return 0;
}
