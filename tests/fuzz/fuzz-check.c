/* libFuzzer harness for the format checker: any bytes, fed in two chunks
 * at a point the input picks, with each layout of the registry; the
 * checker must report problems, never crash, and a clean file must have
 * rows. Layouts are read from the source tree's forms/.
 * fuzz-sources: src/domain/filecheck.c src/domain/checkers.c src/domain/jlis.c src/domain/csv.c src/domain/encoding.c src/domain/fieldcheck.c src/domain/layout.c src/domain/ini.c src/domain/dates.c src/domain/mynumber.c src/domain/person.c src/util/readfile.c src/util/xmalloc.c src/util/err.c src/domain/insurer.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/filecheck.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shipped layouts, found from this file's own path (tests/fuzz/ is two
 * folders below the source tree) when the build does not say. */
static char *
fuzz_form(const char *name)
{
#ifdef MYNA_SRCDIR
	return xasprintf("%s/forms/%s", MYNA_SRCDIR, name);
#else
	const char *f = __FILE__, *end = strstr(f, "tests/fuzz/");

	return xasprintf("%.*sforms/%s", end ? (int)(end - f) : 0, f, name);
#endif
}

static const char *const fuzz_layouts[] = { "persons", "jlis-request",
	"jlis-answer" };

static void
fuzz_err(const char *msg, void *arg)
{
	/* Every message names the file and a line. */
	if (strncmp(msg, "00133033N1Y.csv:", 16) != 0)
		abort();
	(*(long long *)arg)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct layout layouts[3];
	static int loaded;
	const struct filecheck_rules *rules;
	struct filecheck *fc;
	long long seen = 0, errors;
	size_t i, cut;
	char *err = NULL;

	if (!loaded) {
		for (i = 0; i < 3; i++) {
			char *path = fuzz_form(filecheck_find(
			    fuzz_layouts[i])->layout_file);

			if (layout_load(path, &layouts[i], &err) != 0)
				abort();
			free(path);
		}
		loaded = 1;
	}
	if (size < 2)
		return 0;
	i = data[0] % 3;
	cut = size > 2 ? data[1] % (size - 1) : 0;
	rules = filecheck_find(fuzz_layouts[i]);
	fc = filecheck_new(&layouts[i], rules, "00133033N1Y.csv", fuzz_err,
	    &seen, &err);
	if (fc == NULL)
		abort();
	filecheck_feed(fc, (const char *)data + 2, cut);
	filecheck_feed(fc, (const char *)data + 2 + cut, size - 2 - cut);
	errors = filecheck_finish(fc);
	if (errors < seen || (errors == 0 && filecheck_rows(fc) == 0))
		abort();
	filecheck_free(fc);
	return 0;
}
