/* libFuzzer harness for the backup header and trailer parsers: any bytes
 * parse or are refused cleanly, never read past the buffer; whatever parses
 * must come back byte for byte from backupfmt_header.
 * fuzz-sources: src/domain/backupfmt.c src/util/hex.c src/util/xmalloc.c src/util/err.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/backupfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct backup_header h;
	unsigned char sha[32];
	char *err = NULL, *text;

	if (backupfmt_parse((const char *)data, size, &h, &err) == 0) {
		text = backupfmt_header(&h);
		if (strlen(text) != h.header_len ||
		    memcmp(text, data, h.header_len) != 0)
			abort();
		free(text);
	}
	free(err);
	(void)backupfmt_parse_trailer((const char *)data, size, sha);
	return 0;
}
