/* libFuzzer harness for the upload server's key=value replies.
 * fuzz-sources: src/net/reply.c */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "net/upload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *keys[] = { "id", "state", "" };
	char v[65];
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (upload_reply_value((const char *)data, size, keys[i], v,
		    sizeof v) == 0 && strlen(v) >= sizeof v)
			__builtin_trap();
	return 0;
}
