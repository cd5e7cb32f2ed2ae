/* libFuzzer harness for the answer parser: the jlis-answer layout and its
 * rules over any bytes, then, for each row that passed, what the receiver
 * reads from it (target identifier, status, number). A row that passed
 * must hold a parseable target and a valid status; no message may repeat
 * a 12-digit number.
 * fuzz-sources: src/domain/filecheck.c src/domain/checkers.c src/domain/jlis.c src/domain/csv.c src/domain/encoding.c src/domain/fieldcheck.c src/domain/layout.c src/domain/ini.c src/domain/dates.c src/domain/mynumber.c src/domain/person.c src/util/readfile.c src/util/xmalloc.c src/util/err.c src/domain/insurer.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/filecheck.h"
#include "domain/jlis.h"
#include "domain/mynumber.h"
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

static void
fuzz_err(const char *msg, void *arg)
{
	const char *p;
	int run = 0;

	(void)arg;
	for (p = msg; *p; p++) {
		run = *p >= '0' && *p <= '9' ? run + 1 : 0;
		if (run >= 12)
			abort();
	}
}

static int
fuzz_row(struct filecheck *fc, const struct csv_row *row, void *arg)
{
	const char *t = filecheck_value(fc, row, "target");
	const char *st = filecheck_value(fc, row, "status");
	const char *n = filecheck_value(fc, row, "mynumber");
	char ins[9], *err = NULL;
	long long serial;

	(void)arg;
	if (jlis_target_parse(t, strlen(t), ins, &serial, &err) != 0 ||
	    strcmp(ins, "00133033") != 0)
		abort();
	if (strcmp(st, "1") == 0) {
		if (strlen(n) != 12 || mynumber_check_digit(n) != n[11] - '0')
			abort();
	} else if ((strcmp(st, "2") != 0 && strcmp(st, "3") != 0) || n[0] != '\0')
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct layout l;
	static int loaded;
	struct filecheck *fc;
	char *err = NULL;

	if (!loaded) {
		char *path = fuzz_form("jlis-answer.layout");

		if (layout_load(path, &l, &err) != 0)
			abort();
		free(path);
		loaded = 1;
	}
	fc = filecheck_new(&l, filecheck_find("jlis-answer"), "00133033N1R.csv",
	    fuzz_err, NULL, &err);
	if (fc == NULL)
		abort();
	filecheck_on_row(fc, fuzz_row, NULL);
	filecheck_feed(fc, (const char *)data, size);
	filecheck_finish(fc);
	filecheck_free(fc);
	return 0;
}
