/* libFuzzer harness for extracting a container: any bytes either fail with
 * a message and leave no file behind, or give safe names that exist inside
 * the output folder and nowhere else.
 * fuzz-sources: src/domain/zipbox.c src/util/xmalloc.c src/util/err.c */
#include "config.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/zipbox.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[] = "/tmp/myna-fuzz-zipbox-XXXXXX";
static char *fuzz_out;
static int fuzz_files;

static int
fuzz_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0)
		return 0;
	if (flag != FTW_DP)
		fuzz_files++;
	return remove(path);
}

/* Empties out and counts the files it held. */
static int
fuzz_clean(void)
{
	fuzz_files = 0;
	(void)nftw(fuzz_out, fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
	return fuzz_files;
}

static void
fuzz_check_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", fuzz_out, names[i]);

		if (zipbox_name_check(names[i], NULL) != 0 || access(p, F_OK) != 0)
			abort();
		free(p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **names = NULL, *err = NULL, *parent;
	size_t n = 0;
	int rc;

	if (fuzz_out == NULL) {
		if (mkdtemp(fuzz_dir) == NULL)
			abort();
		fuzz_out = xasprintf("%s/out", fuzz_dir);
		if (mkdir(fuzz_out, 0700) != 0)
			abort();
	}
	if (size < 1)
		return 0;
	/* The first byte says whether a password is given. */
	rc = zipbox_extract_mem(data + 1, size - 1, data[0] & 1 ? "fuzz-pass" :
	    NULL, fuzz_out, &names, &n, &err);
	if ((rc == -1) != (err != NULL) || (rc == -1 && (names || n)))
		abort();
	if (rc == 0)
		fuzz_check_names(names, n);
	/* Nothing may ever land beside the output folder. */
	parent = xasprintf("%s/evil", fuzz_dir);
	if (access(parent, F_OK) == 0)
		abort();
	free(parent);
	/* A failed extraction leaves no file (folders may stay). */
	if (fuzz_clean() > 0 && rc == -1)
		abort();
	zipbox_names_free(names, n);
	free(err);
	return 0;
}
