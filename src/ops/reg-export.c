/* Writing a registration file: one pass over the source (the vault's
 * persons, or an input CSV for the benefit datasets), each record checked
 * against the layout, written, hashed and remembered, all in one audited
 * transaction. The file appears under its final name only once the vault
 * knows what it holds: it is written under a dot-name and renamed after the
 * commit, so a process killed before the commit leaves no final-named file
 * that the vault never recorded (only the dot-name, which the next export
 * replaces). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "domain/csv.h"
#include "domain/regfile.h"
#include "ops/reg-internal.h"
#include "ops/registration.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

#define REG_IOBUF (64 * 1024)

static const char *const reg_mode_names[] = { "full", "diff", "retry",
	"correction" };

char *
reg_layout_path(int kind)
{
	char *forms = paths_data("forms"), *p;

	if (forms == NULL)
		return NULL;
	if (kind < 0)
		p = xasprintf("%s/reg-result.layout", forms);
	else
		p = xasprintf("%s/reg-%s.layout", forms,
		    reg_kind_name((enum reg_kind)kind));
	free(forms);
	return p;
}

void
reg_export_report_clear(struct reg_export_report *rep)
{
	int i;

	for (i = 0; i < rep->nmessages; i++)
		free(rep->messages[i]);
	free(rep->messages);
	free(rep->file);
	free(rep->manifest);
	memset(rep, 0, sizeof *rep);
}

void
reg_message(char ***msgs, int *n, const char *fmt, ...)
{
	va_list ap;

	if (*n >= REG_MAX_MESSAGES)
		return;
	*msgs = xrealloc(*msgs, (size_t)(*n + 1) * sizeof **msgs);
	va_start(ap, fmt);
	(*msgs)[(*n)++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* A record that cannot go out: counted and named, the others go on. */
static void
reg_refuse(struct regx *x, const char *key, const char *why)
{
	x->rep->refused++;
	reg_message(&x->rep->messages, &x->rep->nmessages, "%s: %s", key, why);
}

/* Every REG_WRITEBACK bytes, asks the kernel to start writing what came
 * before, without waiting: the fsync before the commit then finds most of
 * a 70 MB file on disk already. */
#define REG_WRITEBACK (8 * 1024 * 1024)

static void
reg_early_writeback(struct regx *x, size_t len)
{
#ifdef HAVE_SYNC_FILE_RANGE
	x->unsynced += len;
	if (x->unsynced < REG_WRITEBACK || fflush(x->f) != 0)
		return;
	(void)sync_file_range(fileno(x->f), x->synced, (off_t)x->unsynced,
	    SYNC_FILE_RANGE_WRITE);
	x->synced += (off_t)x->unsynced;
	x->unsynced = 0;
#else
	(void)x;
	(void)len;
#endif
}

/* n in decimal into buf (room for 21 bytes); snprintf's parsing of its
 * format cost as much per record as building the rest of it. */
static const char *
reg_decimal(char *buf, long long n)
{
	char *p = buf + 20;
	unsigned long long u = n < 0 ? 0 - (unsigned long long)n :
	    (unsigned long long)n;

	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	return p;
}

int
regx_emit(struct regx *x, int64_t person, const char *rkey, int action,
    const char *key, const unsigned char *same_as, int *skipped)
{
	unsigned char sent[32], content[32];
	struct regrec r;
	const char *line;
	char seq[24], act[24], *why = NULL;
	size_t len;

	*skipped = 0;
	if (x->seq_col >= 0)
		x->values[x->seq_col] = reg_decimal(seq, x->seq + 1);
	if (x->action_col >= 0)
		x->values[x->action_col] = reg_decimal(act, action);
	if (reg_writer_record(x->w, x->values, &line, &len, sent, content,
	    &why) < 0) {
		reg_refuse(x, key, why);
		free(why);
		return 0;
	}
	if (same_as != NULL && memcmp(same_as, content, 32) == 0) {
		*skipped = 1;
		return 0;
	}
	if (fwrite(line, 1, len, x->f) != len) {
		x->fatal = xasprintf(_("cannot write %s: %s"), x->tmp,
		    strerror(errno));
		return -1;
	}
	reg_early_writeback(x, len);
	EVP_DigestUpdate(x->md, line, len);
	r.seq = ++x->seq;
	r.person = person;
	r.rkey = rkey;
	r.action = action;
	r.sent = sent;
	r.content = content;
	x->rep->records++;
	return regstore_writer_put(x->sw, &r, &x->fatal);
}

/* Roles the export fills for every kind; the rest depend on the kind. */
static int
reg_layout_roles(struct regx *x, char **err)
{
	const struct layout *l = &x->layout;
	static const char *const need[] = { "seq", "key", NULL };
	size_t i;

	if (layout_require_roles(l, need, err) < 0)
		return -1;
	if (x->rq->kind == REG_PERSONS &&
	    layout_index_of_role(l, "mynumber") < 0)
		return err_set(err, _("layout '%s' has no field with role "
		    "mynumber: the registration of persons carries the number"),
		    l->name);
	for (i = 0; i < l->nfields; i++) {
		const char *r = l->fields[i].role;

		if (r != NULL && strcmp(r, "mynumber") == 0 &&
		    x->rq->kind != REG_PERSONS)
			return err_set(err, _("layout '%s': the individual "
			    "number goes in the persons file only; a 副本 is "
			    "linked by the branch number"), l->name);
	}
	return 0;
}

static int
reg_open_layout(struct regx *x, char **err)
{
	char *path = x->rq->layout != NULL ? xstrdup(x->rq->layout) :
	    reg_layout_path((int)x->rq->kind);
	int rc;

	if (path == NULL)
		return err_set(err, _("layouts not found: is mynadesk installed?"));
	rc = layout_load(path, &x->layout, err);
	free(path);
	if (rc < 0 || reg_layout_roles(x, err) < 0)
		return -1;
	if ((x->w = reg_writer_new(&x->layout, err)) == NULL)
		return -1;
	x->values = xcalloc(x->layout.nfields, sizeof *x->values);
	x->seq_col = layout_index_of_role(&x->layout, "seq");
	x->action_col = layout_index_of_role(&x->layout, "action");
	return 0;
}

static void
reg_today(char out[9])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 9, "%Y%m%d", &tm);
}

/* The file is created private: it holds individual numbers. */
static int
reg_open_file(struct regx *x, char **err)
{
	char day[9];
	int fd;

	reg_today(day);
	x->name = reg_file_name(vault_insurer(x->s->v), x->rq->kind, day,
	    x->id);
	x->rep->file = xasprintf("%s/%s", x->rq->out_dir, x->name);
	x->rep->manifest = xasprintf("%s.manifest", x->rep->file);
	x->tmp = xasprintf("%s/.%s.tmp", x->rq->out_dir, x->name);
	x->mtmp = xasprintf("%s.manifest", x->tmp);
	if (access(x->rep->file, F_OK) == 0)
		return err_set(err, _("%s exists already"), x->rep->file);
	/* The name carries the next file id, which the vault (locked by this
	 * transaction) does not hold: temporaries of that name were left by a
	 * run killed before its commit, and may go. */
	(void)unlink(x->tmp);
	(void)unlink(x->mtmp);
	fd = open(x->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || (x->f = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		return err_set(err, _("cannot create %s: %s"), x->tmp,
		    strerror(errno));
	}
	x->iobuf = xmalloc(REG_IOBUF);
	setvbuf(x->f, x->iobuf, _IOFBF, REG_IOBUF);
	return 0;
}

static int
reg_close_file(struct regx *x, char **err)
{
	int rc = 0;

	if (x->f == NULL)
		return 0;
	if (fflush(x->f) != 0 || fsync(fileno(x->f)) != 0)
		rc = err_set(err, _("cannot write %s: %s"), x->tmp,
		    strerror(errno));
	if (fclose(x->f) != 0 && rc == 0)
		rc = err_set(err, _("cannot write %s: %s"), x->tmp,
		    strerror(errno));
	x->f = NULL;
	OPENSSL_cleanse(x->iobuf, REG_IOBUF);
	return rc;
}

static int
reg_write_manifest(struct regx *x, const char *path, char **err)
{
	FILE *f = fopen(path, "w");
	time_t now = time(NULL);
	char when[32];

	if (f == NULL)
		return err_set(err, _("cannot create %s: %s"), path,
		    strerror(errno));
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(f, "file=%s\nsha256=%s\nrecords=%lld\nkind=%s\nmode=%s\n"
	    "layout=%s\nlayout_version=%d\nencoding=%s\ncreated=%s\n", x->name,
	    x->rep->sha256, x->rep->records, reg_kind_name(x->rq->kind),
	    reg_mode_names[x->rq->mode], x->layout.name, x->layout.version,
	    x->layout.encoding, when);
	if (x->source_sha256[0] != '\0')
		fprintf(f, "source_sha256=%s\n", x->source_sha256);
	if (fclose(f) != 0)
		return err_set(err, _("cannot write %s: %s"), path,
		    strerror(errno));
	return 0;
}

/* Audit and manifest under its temporary name; the caller commits, then
 * names the files (reg_publish). */
static int
reg_finish(struct regx *x, char **err)
{
	unsigned char digest[32];
	char *detail;
	int rc;

	EVP_DigestFinal_ex(x->md, digest, NULL);
	hex_encode(digest, 32, x->rep->sha256);
	if (regstore_file_finish(x->s->v, x->id, x->rep->sha256,
	    x->rep->records, x->source_sha256, err) < 0)
		return -1;
	detail = xasprintf("kind=%s mode=%s file=%s sha256=%s records=%lld "
	    "refused=%lld unchanged=%lld no-number=%lld layout=%s/%d%s%s",
	    reg_kind_name(x->rq->kind), reg_mode_names[x->rq->mode], x->name,
	    x->rep->sha256, x->rep->records, x->rep->refused, x->rep->unchanged,
	    x->rep->no_number, x->layout.name, x->layout.version,
	    x->source_sha256[0] ? " source-sha256=" : "", x->source_sha256);
	rc = ops_audit(x->s, "", "bulk.export", x->name, detail, err);
	free(detail);
	if (rc < 0)
		return -1;
	return reg_write_manifest(x, x->mtmp, err);
}

/* After the commit: the file, then its manifest, take their names. The
 * vault already holds the record, so on failure the written file stays
 * under its temporary name and the message says where. */
static int
reg_publish(void *arg, char **err)
{
	struct regx *x = arg;

	/* Recorded: from here on what was written is kept, not unlinked. */
	x->kept = 1;
	/* The manifest first: a file under its final name always has its
	 * manifest beside it, and a kill between the two leaves the file
	 * under its dot-name, which the next run names. */
	if (rename(x->mtmp, x->rep->manifest) != 0)
		return err_set(err, _("the file was recorded but its manifest "
		    "cannot be named %s: %s; it is %s"), x->rep->manifest,
		    strerror(errno), x->mtmp);
	if (rename(x->tmp, x->rep->file) != 0)
		return err_set(err, _("the file was recorded but cannot be named "
		    "%s: %s; it is %s"), x->rep->file, strerror(errno), x->tmp);
	return 0;
}

/* SHA-256 (hex) of a file, read in chunks; -1 if it cannot be read. */
static int
reg_sha256_path(const char *path, char hex[65])
{
	unsigned char buf[REG_IOBUF], digest[32];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = -1;

	if (md != NULL && f != NULL && EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			EVP_DigestUpdate(md, buf, n);
		if (!ferror(f) && EVP_DigestFinal_ex(md, digest, NULL)) {
			hex_encode(digest, 32, hex);
			rc = 0;
		}
	}
	OPENSSL_cleanse(buf, sizeof buf);
	if (f != NULL)
		fclose(f);
	EVP_MD_CTX_free(md);
	return rc;
}

/* A run killed between its commit and the renames left the newest file
 * recorded but still under its dot-names in this folder: they take their
 * names now, if the bytes are those the vault recorded. */
static void
reg_finish_naming(struct regx *x)
{
	char *name = regstore_newest_awaiting(x->s->v,
	    reg_kind_name(x->rq->kind));
	char *file, *tmp, *mtmp, hex[65];
	struct regfile_row row;

	if (name == NULL)
		return;
	file = xasprintf("%s/%s", x->rq->out_dir, name);
	tmp = xasprintf("%s/.%s.tmp", x->rq->out_dir, name);
	mtmp = xasprintf("%s.manifest", tmp);
	if (access(file, F_OK) != 0 && reg_sha256_path(tmp, hex) == 0 &&
	    regstore_file_get(x->s->v, name, &row, NULL) == 1 &&
	    strcmp(hex, row.sha256) == 0 && rename(tmp, file) == 0) {
		free(file);
		file = xasprintf("%s/%s.manifest", x->rq->out_dir, name);
		(void)rename(mtmp, file);
	}
	free(file);
	free(tmp);
	free(mtmp);
	free(name);
}

static int
reg_header_line(struct regx *x, char **err)
{
	const char *line;
	size_t len;

	if (!x->layout.header)
		return 0;
	if (reg_writer_header(x->w, &line, &len, err) < 0)
		return -1;
	EVP_DigestUpdate(x->md, line, len);
	if (fwrite(line, 1, len, x->f) != len)
		return err_set(err, _("cannot write %s: %s"), x->tmp,
		    strerror(errno));
	return 0;
}

static int
reg_check_request(struct session *s, const struct reg_export_request *rq,
    char **err)
{
	struct stat st;
	long long waiting = 0;

	if (rq->out_dir == NULL || stat(rq->out_dir, &st) != 0 ||
	    !S_ISDIR(st.st_mode))
		return err_set(err, _("give --out DIR, an existing folder"));
	if (reg_kind_from_vault(rq->kind) && rq->source != NULL)
		return err_set(err, _("%s comes from the vault: --file does not "
		    "apply"), reg_kind_name(rq->kind));
	if (!reg_kind_from_vault(rq->kind) && rq->source == NULL)
		return err_set(err, _("the vault does not hold %s: give the "
		    "existing system's records with --file INPUT.csv"),
		    reg_kind_name(rq->kind));
	if (regstore_awaiting(s->v, reg_kind_name(rq->kind), &waiting,
	    err) < 0)
		return -1;
	if (waiting > 0 && !rq->force)
		return err_set(err, ngettext("%lld %s file still waits for its "
		    "result: import it with 'bulk results' first (or --force "
		    "when it was never sent)", "%lld %s files still wait for "
		    "their results: import them with 'bulk results' first (or "
		    "--force when a file was never sent)", (unsigned long)waiting),
		    waiting,
		    reg_kind_name(rq->kind));
	return 0;
}

static void
regx_free(struct regx *x)
{
	if (x->f != NULL) {
		fclose(x->f);
		x->f = NULL;
	}
	if (x->iobuf != NULL)
		OPENSSL_cleanse(x->iobuf, REG_IOBUF);
	free(x->iobuf);
	if (x->tmp != NULL && !x->kept)
		unlink(x->tmp);
	if (x->mtmp != NULL && !x->kept)
		unlink(x->mtmp);
	free(x->tmp);
	free(x->mtmp);
	free(x->name);
	free(x->values);
	free(x->fatal);
	regstore_writer_close(x->sw);
	reg_writer_free(x->w);
	EVP_MD_CTX_free(x->md);
	layout_free(&x->layout);
}

/* Everything between BEGIN and COMMIT; OPS_TX_NOTHING when no record is
 * to be sent. */
static int
reg_export_tx(struct session *s, void *arg, char **err)
{
	struct regx *x = arg;
	struct regfile_info info = { reg_kind_name(x->rq->kind), x->layout.name,
	    reg_mode_names[x->rq->mode], "", x->s->user, x->layout.version };
	int rc;

	if (x->rq->out_dir != NULL)
		reg_finish_naming(x);
	if (reg_check_request(x->s, x->rq, err) < 0 ||
	    regstore_next_id(x->s->v, &x->id, err) < 0 ||
	    reg_open_file(x, err) < 0 ||
	    regstore_file_add(x->s->v, x->id, x->name, &info, err) < 0 ||
	    regstore_writer_open(x->s->v, x->id, &x->sw, err) < 0 ||
	    reg_header_line(x, err) < 0)
		return -1;
	rc = reg_kind_from_vault(x->rq->kind) ? regx_from_vault(x, err) :
	    regx_from_file(x, err);
	reg_writer_wipe(x->w);
	if (rc < 0 && x->fatal != NULL) {
		free(*err);
		*err = x->fatal;
		x->fatal = NULL;
	}
	if (rc < 0 || regstore_writer_flush(x->sw, err) < 0 ||
	    reg_close_file(x, err) < 0)
		return -1;
	(void)s;
	if (x->rep->records == 0)
		return OPS_TX_NOTHING;
	return reg_finish(x, err);
}

int
ops_reg_export(struct session *s, const struct reg_export_request *rq,
    struct reg_export_report *rep, char **err)
{
	static const struct ops_tx_def def = { reg_export_tx, reg_publish, NULL };
	struct regx x;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&x, 0, sizeof x);
	x.s = s;
	x.rq = rq;
	x.rep = rep;
	if ((x.md = EVP_MD_CTX_new()) == NULL)
		abort();
	EVP_DigestInit_ex(x.md, EVP_sha256(), NULL);
	/* Files not kept (x.kept, set by reg_publish) go in regx_free. */
	rc = reg_open_layout(&x, err) < 0 ? -1 : ops_tx(s, &def, &x, err);
	if (rc != 0) {
		/* Nothing to send (1) or a failure: no file stays behind. */
		free(rep->file);
		free(rep->manifest);
		rep->file = rep->manifest = NULL;
	}
	regx_free(&x);
	return rc < 0 ? -1 : 0;
}
