/* libFuzzer harness for the CSV reader: any bytes, any chunking, same rows.
 * fuzz-sources: src/domain/csv.c src/util/xmalloc.c src/util/err.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What one reading gave: a hash of every record and how it ended. */
struct fuzz_result {
	uint64_t hash;
	size_t	 rows;
	size_t	 stop_at;	/* stop after this many records; 0 never */
	long	 last_line;
	int	 rc;
	char	*err;
};

static void
fuzz_hash(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	/* FNV-1a: enough to tell two readings apart. */
	for (i = 0; i < n; i++) {
		*h ^= s[i];
		*h *= UINT64_C(0x100000001b3);
	}
}

static int
fuzz_row(const struct csv_row *row, void *arg)
{
	struct fuzz_result *res = arg;
	size_t i;

	if (row->nfields == 0 || row->line <= res->last_line)
		abort();
	for (i = 0; i < row->nfields; i++) {
		/* A NUL-terminated copy with no NUL inside, within limits. */
		if (row->lens[i] > CSVR_FIELD_MAX ||
		    row->fields[i][row->lens[i]] != '\0' ||
		    strlen(row->fields[i]) != row->lens[i])
			abort();
		fuzz_hash(&res->hash, &row->lens[i], sizeof row->lens[i]);
		fuzz_hash(&res->hash, row->fields[i], row->lens[i]);
	}
	fuzz_hash(&res->hash, &row->line, sizeof row->line);
	res->last_line = row->line;
	res->rows++;
	return res->stop_at > 0 && res->rows >= res->stop_at;
}

static void
fuzz_read(const uint8_t *data, size_t size, int strict, size_t chunk,
    struct fuzz_result *res)
{
	struct csvr *r = csvr_new(strict);
	size_t off = 0, n;

	res->hash = UINT64_C(0xcbf29ce484222325);
	res->rows = 0;
	res->last_line = 0;
	res->err = NULL;
	res->rc = 0;
	while (res->rc == 0 && off < size) {
		n = size - off < chunk ? size - off : chunk;
		res->rc = csvr_feed(r, (const char *)data + off, n, fuzz_row,
		    res, &res->err);
		off += n;
	}
	if (res->rc == 0)
		res->rc = csvr_finish(r, fuzz_row, res, &res->err);
	if ((res->rc == -1) != (res->err != NULL))
		abort();
	/* Every error names its line. */
	if (res->err != NULL && strncmp(res->err, "line ", 5) != 0)
		abort();
	csvr_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_result whole, parts;
	int strict;
	size_t chunk;

	if (size < 1)
		return 0;
	/* The first byte picks the mode, a chunk size and a stop. */
	strict = data[0] & 1;
	chunk = 1 + ((data[0] >> 1) & 7);
	whole.stop_at = parts.stop_at = data[0] >> 4;
	data++;
	size--;

	fuzz_read(data, size, strict, size > 0 ? size : 1, &whole);
	fuzz_read(data, size, strict, chunk, &parts);
	if (whole.rc != parts.rc || whole.rows != parts.rows ||
	    whole.hash != parts.hash)
		abort();
	if (whole.err != NULL && strcmp(whole.err, parts.err) != 0)
		abort();
	free(whole.err);
	free(parts.err);
	return 0;
}
