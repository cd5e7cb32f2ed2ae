/* libFuzzer harness for the files `export verify` reads: the manifest, the
 * range proof, the checkpoint note and the records CSV, and the record
 * check over whatever parsed. The first byte picks the parser; 3 feeds the
 * rest split at NUL bytes into all three package parts and checks them.
 * fuzz-sources: src/domain/exportpkg.c src/domain/exportcheck.c src/domain/merkle-range.c src/domain/merkle.c src/domain/auditrec.c src/domain/csv.c src/domain/csvout.c src/util/xbuf.c src/util/hex.c src/util/xmalloc.c src/util/err.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/exportpkg.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_problem(const char *file, const char *msg, void *arg)
{
	(void)file;
	(void)msg;
	(*(int *)arg)++;
}

/* The three parts of a package, then the check that ties them together. */
static void
fuzz_package(const char *p, size_t n)
{
	const char *a = p, *b, *c, *end = p + n;
	struct rangeproof rp;
	struct exportrecs rs;
	unsigned char root[32];
	int64_t size;
	int problems = 0;

	if ((b = memchr(a, '\0', n)) == NULL ||
	    (c = memchr(b + 1, '\0', (size_t)(end - b - 1))) == NULL)
		return;
	b++;
	c++;
	if (cpnote_parse(a, (size_t)(b - 1 - a), &size, root, NULL) < 0)
		return;
	if (rangeproof_parse(b, (size_t)(c - 1 - b), &rp, NULL) < 0) {
		rangeproof_free(&rp);
		return;
	}
	/* Keep each input cheap: trees beyond a few thousand leaves are only
	 * parsed. */
	if (rp.tree_size <= 4096 &&
	    exportrecs_parse(c, (size_t)(end - c), &rs, NULL) == 0) {
		exportrecs_check(&rs, &rp, size, root, fuzz_problem, &problems);
		exportrecs_free(&rs);
	}
	rangeproof_free(&rp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + 1;
	size_t n = size - 1;
	struct manifest m;
	struct rangeproof rp;
	struct exportrecs rs;
	unsigned char root[32];
	int64_t cs;

	if (size < 1)
		return 0;
	switch (data[0] % 4) {
	case 0:
		(void)manifest_parse(p, n, &m, NULL);
		manifest_free(&m);
		break;
	case 1:
		(void)rangeproof_parse(p, n, &rp, NULL);
		rangeproof_free(&rp);
		break;
	case 2:
		if (exportrecs_parse(p, n, &rs, NULL) == 0)
			exportrecs_free(&rs);
		(void)cpnote_parse(p, n, &cs, root, NULL);
		break;
	default:
		fuzz_package(p, n);
		break;
	}
	return 0;
}
