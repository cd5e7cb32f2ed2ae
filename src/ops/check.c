/* The checker over a file on disk. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "ops/check.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

#define CHECK_CHUNK (64 * 1024)

int
ops_check_layout(const char *name, struct layout *out,
    const struct filecheck_rules **rules, char **err)
{
	size_t n = name != NULL ? strlen(name) : 0;
	char *forms, *path;
	int rc;

	if (n == 0)
		return err_set(err, _("give --layout NAME (%s)"), filecheck_names());
	if (strchr(name, '/') != NULL || (n > 7 && strcmp(name + n - 7,
	    ".layout") == 0)) {
		if (layout_load(name, out, err) < 0)
			return -1;
	} else {
		if ((*rules = filecheck_find(name)) == NULL)
			return err_set(err, _("unknown layout '%s': use %s, or a "
			    "layout file"), name, filecheck_names());
		if ((forms = paths_data("forms")) == NULL)
			return err_set(err, _("layouts not found: is mynadesk "
			    "installed?"));
		path = xasprintf("%s/%s", forms, (*rules)->layout_file);
		rc = layout_load(path, out, err);
		free(path);
		free(forms);
		if (rc < 0)
			return -1;
	}
	if ((*rules = filecheck_find(out->name)) == NULL) {
		err_set(err, _("layout '%s' is not one the checker knows (%s)"),
		    out->name, filecheck_names());
		layout_free(out);
		return -1;
	}
	return 0;
}

/* One pass over the file; md, when not NULL, takes its SHA-256 on the way. */
static int
check_stream(const struct layout *l, const struct filecheck_rules *rules,
    const char *path, struct check_run *run, EVP_MD_CTX *md, char **err)
{
	struct filecheck *fc;
	FILE *f;
	char *buf;
	size_t n;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	if ((fc = filecheck_new(l, rules, path, run->on_err, run->err_arg,
	    err)) == NULL) {
		fclose(f);
		return -1;
	}
	filecheck_on_row(fc, run->on_row, run->row_arg);
	buf = xmalloc(CHECK_CHUNK);
	while ((n = fread(buf, 1, CHECK_CHUNK, f)) > 0) {
		if (md != NULL)
			EVP_DigestUpdate(md, buf, n);
		if (filecheck_feed(fc, buf, n) < 0)
			break;
	}
	if (ferror(f))
		rc = err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	run->errors = filecheck_finish(fc);
	run->rows = filecheck_rows(fc);
	filecheck_free(fc);
	free(buf);
	fclose(f);
	return rc;
}

int
ops_check_file(const struct layout *l, const struct filecheck_rules *rules,
    const char *path, struct check_run *run, char **err)
{
	unsigned char digest[32];
	EVP_MD_CTX *md;
	int rc;

	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	rc = check_stream(l, rules, path, run, md, err);
	EVP_DigestFinal_ex(md, digest, NULL);
	hex_encode(digest, 32, run->sha256);
	EVP_MD_CTX_free(md);
	return rc;
}

int
ops_check_file_nosum(const struct layout *l,
    const struct filecheck_rules *rules, const char *path,
    struct check_run *run, char **err)
{
	run->sha256[0] = '\0';
	return check_stream(l, rules, path, run, NULL, err);
}
