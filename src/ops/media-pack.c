/* Packing: the checked inquiry files of a folder into a new AES ZIP with a
 * generated password, recorded as a medium (created, packed) in one
 * audited transaction together with the password. The container is written
 * under a dot-name beside --out and takes its name after the commit, so a
 * process killed before the commit leaves no container the vault does not
 * know (only dot-names: libzip's own temporary and ours, encrypted with a
 * password that was never stored). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "domain/dates.h"
#include "domain/zipbox.h"
#include "ops/media-int.h"
#include "ops/media.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/secret.h"
#include "util/xmalloc.h"

void
pack_free(struct pack *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->f[i].name);
		free(p->f[i].data);
	}
	free(p->f);
	memset(p, 0, sizeof *p);
}

static int
pack_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pack_file *)a)->name,
	    ((const struct pack_file *)b)->name);
}

/* The *.csv names in dir, sorted, so the container's order is stable. */
int
pack_list(const char *dir, struct pack *p, char **err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t len;

	if (d == NULL)
		return err_set(err, _("cannot read the folder %s: %s"), dir,
		    strerror(errno));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		p->f = xrealloc(p->f, (p->n + 1) * sizeof *p->f);
		memset(&p->f[p->n], 0, sizeof *p->f);
		p->f[p->n++].name = xstrdup(e->d_name);
	}
	closedir(d);
	if (p->n == 0)
		return err_set(err, _("no .csv files in %s: nothing to pack"), dir);
	qsort(p->f, p->n, sizeof *p->f, pack_cmp);
	return 0;
}

/* Reads, checks and hashes each file; what is packed is what was read. */
int
pack_read(struct session *s, const char *dir, struct pack *p, char **err)
{
	unsigned char digest[SHA256_DIGEST_LENGTH];
	size_t i;
	char *path;
	int rc = 0;

	for (i = 0; rc == 0 && i < p->n; i++) {
		struct pack_file *f = &p->f[i];

		path = xasprintf("%s/%s", dir, f->name);
		rc = readfile_all(path, MEDIA_FILE_MAX, &f->data, &f->len, err);
		free(path);
		if (rc == 0)
			rc = ops_media_check_file(s, f->name, f->data, f->len, err);
		if (rc == 0) {
			SHA256((const unsigned char *)f->data, f->len, digest);
			hex_encode(digest, sizeof digest, f->sha256);
		}
	}
	return rc;
}

/* A sequence number may not be reused: refuse a name already on a medium
 * that was shipped or still exists. */
int
pack_load(struct session *s, const char *dir, struct pack *p, char **err)
{
	return pack_list(dir, p, err) < 0 ? -1 : pack_read(s, dir, p, err);
}

int
pack_unused(struct session *s, const struct pack *p, char **err)
{
	size_t i;
	char *label;

	for (i = 0; i < p->n; i++) {
		if ((label = media_name_in_use(s->v, p->f[i].name)) != NULL) {
			err_set(err, _("%s is already on medium %s: a sequence number "
			    "may not be reused"), p->f[i].name, label);
			free(label);
			return -1;
		}
	}
	return 0;
}

int
pack_created_packed(struct session *s, const struct pack *p, long long id,
    const char *label, const char *detail_head, const char *witness,
    const char *usb, const char *today, char **err)
{
	struct media_event ev;
	struct media_file mf;
	char *detail = xstrdup(detail_head), *t;
	size_t i;
	int rc;

	media_event_init(&ev, s, MSTEP_CREATED, today, NULL);
	snprintf(ev.summary, sizeof ev.summary, "%zu", p->n);
	rc = media_event_add(s->v, id, &ev, err);
	for (i = 0; rc == 0 && i < p->n; i++) {
		snprintf(mf.name, sizeof mf.name, "%s", p->f[i].name);
		snprintf(mf.sha256, sizeof mf.sha256, "%s", p->f[i].sha256);
		mf.bytes = (long long)p->f[i].len;
		rc = media_file_add(s->v, ev.id, &mf, err);
		t = xasprintf("%s%s%s:%s", detail, i ? "," : "", mf.name, mf.sha256);
		free(detail);
		detail = t;
	}
	if (rc == 0)
		rc = ops_audit(s, "", "media.create", label, detail, err);
	free(detail);
	media_event_init(&ev, s, MSTEP_PACKED, today, witness);
	snprintf(ev.answer_medium, sizeof ev.answer_medium, "%s", usb ? usb : "");
	if (rc == 0)
		rc = media_event_add(s->v, id, &ev, err);
	return rc;
}

static int
pack_steps(struct session *s, const struct pack *p, const char *witness,
    const char *date, long long id, const char *label, const char *sha256,
    char **err)
{
	char today[11], *detail;
	int rc;

	media_today(today);
	rc = pack_created_packed(s, p, id, label, "files=", witness, NULL,
	    date != NULL ? date : today, err);
	detail = xasprintf("container_sha256=%s members=%zu encryption=aes-256 "
	    "password=generated", sha256, p->n);
	if (rc == 0)
		rc = ops_audit(s, witness, "media.pack", label, detail, err);
	free(detail);
	return rc;
}

/* Where the container goes: its final name (the folder resolved, as the
 * vault records it) and the dot-name it is written under until the commit. */
struct pack_out {
	char *final, *tmp;
};

static int
pack_out_names(const char *out, struct pack_out *o, char **err)
{
	char *d = xstrdup(out), *b = xstrdup(out), real[PATH_MAX];
	const char *dir = dirname(d), *base = basename(b);
	int rc = 0;

	memset(o, 0, sizeof *o);
	if (base[0] == '\0' || strcmp(base, "/") == 0 || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0)
		rc = err_set(err, _("--out names a folder: name the container "
		    "file"));
	else if (realpath(dir, real) == NULL)
		rc = err_set(err, _("cannot create %s: %s"), out, strerror(errno));
	else if (access(out, F_OK) == 0)
		rc = err_set(err, _("%s already exists: choose another name, "
		    "nothing is overwritten"), out);
	if (rc == 0) {
		o->final = xasprintf("%s/%s", strcmp(real, "/") ? real : "", base);
		o->tmp = xasprintf("%s/.%s.tmp", strcmp(real, "/") ? real : "", base);
	}
	free(d);
	free(b);
	return rc;
}

/* The newest medium only (media_list goes newest first): a packing killed
 * between its commit and the rename left it recorded, its container still
 * under the dot-name; it takes its name now if the bytes are those the
 * vault recorded. */
static int
pack_finish_naming(const struct media_row *m, void *arg)
{
	struct pack_out o = { NULL, NULL };
	char hex[65];
	long long bytes;

	(void)arg;
	if (strcmp(m->state, "packed") != 0 || access(m->container, F_OK) == 0 ||
	    pack_out_names(m->container, &o, NULL) < 0)
		return 1;
	if (media_sha256_file(o.tmp, hex, &bytes, NULL) == 0 &&
	    strcmp(hex, m->sha256) == 0)
		(void)rename(o.tmp, o.final);
	free(o.final);
	free(o.tmp);
	return 1;
}

/* Inside the transaction: write the container, record it, keep the key. */
static int
pack_record(struct session *s, const struct pack *p, const struct pack_out *o,
    const char *witness, const char *date, struct media_pack_result *res,
    char **err)
{
	struct zipbox_member *m = xcalloc(p->n, sizeof *m);
	long long id, bytes;
	size_t i;
	int rc;

	for (i = 0; i < p->n; i++) {
		m[i].name = p->f[i].name;
		m[i].data = p->f[i].data;
		m[i].len = p->f[i].len;
	}
	(void)media_list(s->v, pack_finish_naming, NULL, NULL);
	rc = pack_unused(s, p, err);
	/* Ours is written only under the vault's write lock, so one found
	 * now was left by a packing killed before its commit. */
	if (rc == 0)
		(void)unlink(o->tmp);
	if (rc == 0)
		rc = zipbox_pack(o->tmp, m, p->n, res->password, err);
	free(m);
	if (rc < 0)
		return -1;
	rc = media_sha256_file(o->tmp, res->sha256, &bytes, err);
	if (rc == 0)
		rc = media_insert(s->v, o->final, res->sha256, &id,
		    res->label, err);
	if (rc == 0)
		rc = media_secret_put(s->v, id, res->password, err);
	if (rc == 0)
		rc = pack_steps(s, p, witness, date, id, res->label, res->sha256,
		    err);
	if (rc < 0)
		unlink(o->tmp);
	return rc;
}

/* After the commit the medium is recorded: a container that cannot take
 * its name stays where it is, and the message says where. */
static int
pack_publish(void *arg, char **err)
{
	struct pack_out *o = arg;

	if (rename(o->tmp, o->final) == 0)
		return 0;
	return err_set(err, _("the medium was recorded but the container cannot "
	    "be named %s: %s; it is %s"), o->final, strerror(errno), o->tmp);
}

struct pack_tx {
	const struct pack *p;
	struct pack_out *o;
	const char *witness;
	const char *date;	/* NULL: today */
	struct media_pack_result *res;
	int written;	/* the container is under its dot-name */
};

static int
pack_tx_body(struct session *s, void *arg, char **err)
{
	struct pack_tx *t = arg;

	if (pack_record(s, t->p, t->o, t->witness, t->date, t->res, err) < 0)
		return -1;
	t->written = 1;
	return 0;
}

static int
pack_tx_publish(void *arg, char **err)
{
	return pack_publish(((struct pack_tx *)arg)->o, err);
}

/* pack_record removes its own container on error; this is for a COMMIT
 * that failed after it. */
static void
pack_tx_discard(void *arg)
{
	struct pack_tx *t = arg;

	if (t->written)
		(void)unlink(t->o->tmp);
}

int
ops_media_pack(struct session *s, const char *dir, const char *out,
    struct witness *witness, struct media_pack_result *res, char **err)
{
	return ops_media_pack_on(s, dir, out, witness, NULL, res, err);
}

int
ops_media_pack_on(struct session *s, const char *dir, const char *out,
    struct witness *witness, const char *date,
    struct media_pack_result *res, char **err)
{
	static const struct ops_tx_def def = { pack_tx_body, pack_tx_publish,
	    pack_tx_discard };
	struct pack p = { NULL, 0 };
	struct pack_out o = { NULL, NULL };
	struct pack_tx t = { &p, &o, NULL, date, res, 0 };
	int rc;

	memset(res, 0, sizeof *res);
	if (date != NULL && date_check(date, err) < 0)
		return -1;
	if (dir == NULL || out == NULL)
		return err_set(err, _("name the folder of checked files and the "
		    "container to write (--out)"));
	rc = pack_out_names(out, &o, err);
	if (rc == 0)
		rc = pack_load(s, dir, &p, err);
	if (rc == 0)
		rc = ops_witness_use(s, witness, NULL, err);
	if (rc == 0 && media_password_new(res->password) < 0)
		rc = err_set(err, _("no random numbers for the password"));
	if (rc == 0) {
		t.witness = ops_witness_name(witness);
		rc = ops_tx(s, &def, &t, err);
	}
	res->nfiles = p.n;
	pack_free(&p);
	free(o.final);
	free(o.tmp);
	if (rc < 0)
		secret_wipe(res->password, sizeof res->password);
	return rc;
}
