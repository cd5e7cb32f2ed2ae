/* libFuzzer harness for the vault's packed registration records: any bytes
 * must be read record by record or refused, never past their end, and the
 * records read must pack again, into no more bytes than they came from.
 * fuzz-sources: src/domain/regpack.c src/util/xmalloc.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/regpack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct regpack p;
	struct regpack_rec r;
	size_t off = 0;
	int rc;

	regpack_init(&p);
	while ((rc = regpack_next(data, size, &off, &r)) == 1) {
		if (off > size)
			abort();
		if (regpack_add(&p, &r) < 0)
			abort();
	}
	/* A varint may be spelt longer than packing spells it, never
	 * shorter. */
	if (p.len > off)
		abort();
	regpack_free(&p);
	return 0;
}
