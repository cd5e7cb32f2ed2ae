/* The export package writer. A package is a list of sections, one file
 * each, written by one function each; the manifest (SHA256SUMS) and its
 * signature are added over whatever the sections wrote. A new kind of
 * record (media custody, disposal register) is one more row in
 * export_sections and one function: the README lists it and the manifest
 * covers it without other changes. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "domain/dates.h"
#include "domain/exportsig.h"
#include "domain/jstday.h"
#include "ops/export-sections.h"
#include "ops/export.h"
#include "ops/tx.h"
#include "store/checkpoint.h"
#include "store/exportq.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static void export_cleanup(const char *dir);

/* Whether name is one of the package's files under its dot-name: what a
 * killed export leaves behind, never a package. */
static int
export_is_staged(const char *name)
{
	size_t i, n;
	const struct export_section *sec = export_section_list(&n);

	if (name[0] != '.')
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(name + 1, sec[i].name) == 0)
			return 1;
	return strcmp(name, ".SHA256SUMS") == 0 ||
	    strcmp(name, ".SHA256SUMS.sig") == 0;
}

/* Whether name is left by an export killed while it named its files: the
 * manifest is named last, so while .SHA256SUMS is still there the package's
 * files that already have their names are no package either. */
static int
export_is_half_named(const char *name, int manifest_staged)
{
	char *dotted;
	int half;

	if (!manifest_staged || name[0] == '.')
		return 0;
	dotted = xasprintf(".%s", name);
	half = export_is_staged(dotted) && strcmp(name, "SHA256SUMS") != 0;
	free(dotted);
	return half;
}

/* The directory must be new or empty: a package never mixes with other
 * files (verify refuses files the manifest does not list). The files of a
 * killed export, still under dot-names or named without their manifest,
 * are no package: they are removed. */
static int
export_dir_ready(const char *dir, char **err)
{
	struct dirent *de;
	DIR *d;
	char *manifest = xasprintf("%s/.SHA256SUMS", dir);
	int empty = 1, staged = access(manifest, F_OK) == 0;

	free(manifest);
	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno != EEXIST || (d = opendir(dir)) == NULL)
		return err_set(err, _("cannot create the folder %s: %s"), dir,
		    strerror(errno));
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
		    !export_is_staged(de->d_name) &&
		    !export_is_half_named(de->d_name, staged))
			empty = 0;
	closedir(d);
	if (!empty)
		return err_set(err, _("the folder %s is not empty: choose a new "
		    "one for the package"), dir);
	export_cleanup(dir);
	return 0;
}

/* Files are written under a dot-name and get their names only after the
 * audit record commits (export_publish): a package is never seen whose
 * export is not in the log. */
static int
export_write_file(const char *dir, const char *name, const struct xbuf *b,
    char **err)
{
	char *path = xasprintf("%s/.%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600), ok;
	ssize_t w = fd >= 0 ? write(fd, b->data ? b->data : "", b->len) : -1;

	ok = fd >= 0 && w == (ssize_t)b->len && fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = 0;
	if (!ok)
		err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	free(path);
	return ok ? 0 : -1;
}

static void
export_remove(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *staged;

	staged = xasprintf("%s/.%s", dir, name);
	(void)unlink(path);
	(void)unlink(staged);
	free(staged);
	free(path);
}

static int
export_name(const char *dir, const char *name, char **err)
{
	char *from = xasprintf("%s/.%s", dir, name);
	char *to = xasprintf("%s/%s", dir, name);
	int rc = rename(from, to) == 0 ? 0 : err_set(err, _("cannot name %s: "
	    "%s"), to, strerror(errno));

	free(from);
	free(to);
	return rc;
}

/* After the commit: every section gets its name, the manifest last, so a
 * folder with SHA256SUMS in it holds the whole package; then the folder
 * itself is synced so the names survive a power cut. */
static int
export_publish(void *arg, char **err)
{
	const char *dir = arg;
	const struct export_section *sec;
	size_t i, n;
	int rc = 0, fd;

	sec = export_section_list(&n);
	for (i = 0; rc == 0 && i < n; i++)
		rc = export_name(dir, sec[i].name, err);
	if (rc == 0)
		rc = export_name(dir, "SHA256SUMS.sig", err);
	if (rc == 0)
		rc = export_name(dir, "SHA256SUMS", err);
	if (rc == 0 && (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	return rc;
}

/* Writes every section and the manifest lines for them. */
static int
export_sections_write(struct export_ctx *c, const char *dir,
    export_progress_fn progress, void *arg, struct xbuf *manifest, char **err)
{
	size_t i, n;
	const struct export_section *sec = export_section_list(&n);

	for (i = 0; i < n; i++) {
		struct xbuf b = { NULL, 0, 0 };
		unsigned char sum[32];
		int rc;

		if (progress != NULL)
			progress(sec[i].name, arg);
		rc = sec[i].write(c, &b, err);
		if (rc == 0)
			rc = export_write_file(dir, sec[i].name, &b, err);
		if (rc == 0) {
			SHA256((const unsigned char *)(b.data ? b.data : ""), b.len, sum);
			manifest_line(manifest, sec[i].name, sum);
			c->files++;
		}
		xbuf_free(&b);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
export_manifest_write(struct export_ctx *c, const char *dir,
    const struct xbuf *manifest, struct export_result *res, char **err)
{
	unsigned char sig[64], sum[32];
	struct xbuf sb = { NULL, 0, 0 };
	int rc;

	if (checkpoint_sign_data(c->s->v, manifest->data, sig, NULL, err) < 0 ||
	    export_write_file(dir, "SHA256SUMS", manifest, err) < 0)
		return -1;
	xbuf_add(&sb, sig, sizeof sig);
	rc = export_write_file(dir, "SHA256SUMS.sig", &sb, err);
	xbuf_free(&sb);
	SHA256((const unsigned char *)manifest->data, manifest->len, sum);
	hex_encode(sum, 32, res->manifest_sum);
	c->files += 2;
	return rc;
}

/* Everything inside the transaction: checkpoint, files, audit record. */
static int
export_build(struct export_ctx *c, const char *dir, export_progress_fn progress,
    void *arg, struct export_result *res, char **err)
{
	struct xbuf manifest = { NULL, 0, 0 };
	char *origin, *detail;
	int rc;

	origin = xasprintf("mynadesk/%s/%s", vault_insurer(c->s->v),
	    vault_id(c->s->v));
	rc = checkpoint_make(c->s->v, origin, c->s->user, &c->cp, err);
	free(origin);
	if (rc == 0 && exportsig_fingerprint(c->cp.pubkey_pem,
	    strlen(c->cp.pubkey_pem), c->key_print) < 0)
		rc = err_set(err, _("the vault's public key cannot be read"));
	if (rc == 0)
		rc = exportq_seq_range(c->s->v, c->start, c->end, &c->first,
		    &c->last, err);
	/* The checkpoint is made in this transaction, so it covers the period;
	 * a record beyond it could not be proved and is cut off. */
	if (rc == 0 && c->last > c->cp.tree_size)
		c->last = c->cp.tree_size;
	if (rc == 0 && c->first > c->last)
		c->first = c->last = 0;
	if (rc == 0)
		rc = export_sections_write(c, dir, progress, arg, &manifest, err);
	if (rc == 0)
		rc = export_manifest_write(c, dir, &manifest, res, err);
	xbuf_free(&manifest);
	if (rc < 0)
		return -1;
	detail = xasprintf("from=%s to=%s records=%lld-%lld tree=%lld manifest=%s",
	    c->from, c->to, (long long)c->first, (long long)c->last,
	    (long long)c->cp.tree_size, res->manifest_sum);
	rc = ops_audit(c->s, "", "audit.export", dir, detail, err);
	free(detail);
	return rc;
}

static void
export_cleanup(const char *dir)
{
	size_t i, n;
	const struct export_section *sec = export_section_list(&n);

	for (i = 0; i < n; i++)
		export_remove(dir, sec[i].name);
	export_remove(dir, "SHA256SUMS");
	export_remove(dir, "SHA256SUMS.sig");
}

struct export_tx {
	struct export_ctx *c;
	const char *dir;
	export_progress_fn progress;
	void *arg;
	struct export_result *res;
	int built;	/* every file is written under its dot-name */
};

static int
export_tx_body(struct session *s, void *arg, char **err)
{
	struct export_tx *t = arg;

	(void)s;
	if (export_build(t->c, t->dir, t->progress, t->arg, t->res, err) < 0)
		return -1;
	t->built = 1;
	return 0;
}

static int
export_tx_publish(void *arg, char **err)
{
	return export_publish((void *)((struct export_tx *)arg)->dir, err);
}

/* A failed build is cleared now; a failed COMMIT leaves only dot-names,
 * which the next export into the folder clears. */
static void
export_tx_discard(void *arg)
{
	struct export_tx *t = arg;

	if (!t->built)
		export_cleanup(t->dir);
}

int
ops_audit_export(struct session *s, const char *from, const char *to,
    const char *dir, export_progress_fn progress, void *arg,
    struct export_result *res, char **err)
{
	static const struct ops_tx_def def = { export_tx_body, export_tx_publish,
	    export_tx_discard };
	struct export_ctx c;
	struct export_tx t = { &c, dir, progress, arg, res, 0 };
	char end_of_from[21], start_of_to[21];
	int rc;

	memset(res, 0, sizeof *res);
	memset(&c, 0, sizeof c);
	if (date_check(from, err) < 0 || date_check(to, err) < 0)
		return -1;
	if (strcmp(from, to) > 0)
		return err_set(err, _("the period ends (%s) before it starts (%s)"),
		    to, from);
	jst_day_bounds(from, c.start, end_of_from);
	jst_day_bounds(to, start_of_to, c.end);
	c.s = s;
	c.from = from;
	c.to = to;
	if (export_dir_ready(dir, err) < 0)
		return -1;
	/* A failed naming is reported (the export stands). */
	rc = ops_tx(s, &def, &t, err);
	res->first = c.first;
	res->last = c.last;
	res->tree_size = c.cp.tree_size;
	res->files = c.files;
	memcpy(res->key_print, c.key_print, sizeof res->key_print);
	checkpoint_clear(&c.cp);
	return rc;
}
