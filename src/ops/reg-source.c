/* Where the records of a registration file come from: the vault's persons
 * (persons, qualification), or an input CSV per export for the benefit
 * datasets the vault does not hold (高額介護合算療養費, 傷病手当金, ...). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "domain/csv.h"
#include "ops/collation.h"
#include "ops/reg-internal.h"
#include "ops/reg-pipe.h"
#include "store/reg-sent.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

#define REG_SRC_CHUNK (64 * 1024)

/* What fills a column of a persons-based file. */
enum reg_src { SRC_NONE = -1, SRC_SEQ = -2, SRC_ACTION = -3,
	SRC_MYNUMBER = -4, SRC_BRANCH = -5, SRC_JLIS_FLAG = -6,
	SRC_PASS = -7		/* no role: the extract's column of its name */
};

struct vsrc {
	struct regx *x;
	int *map;		/* per field: a person field, or enum reg_src */
	int diff;
	int marked;		/* the daily differential (REGSRC_CHANGED) */
	int64_t *settled;	/* marked persons whose record comes out as
				 * accepted: their mark goes */
	size_t nsettled, settled_cap;
	struct coll_flags flags;	/* no-error decisions in force */
	struct xbuf *pass;	/* per field: the SRC_PASS value's copy */
};

static void
vsrc_settle(struct vsrc *v, int64_t id)
{
	if (v->nsettled == v->settled_cap) {
		v->settled_cap = v->settled_cap ? v->settled_cap * 2 : 256;
		v->settled = xrealloc(v->settled, v->settled_cap *
		    sizeof *v->settled);
	}
	v->settled[v->nsettled++] = id;
}

static int
reg_map_role(const char *role, int *out)
{
	int i;

	if (role == NULL)
		*out = SRC_PASS;
	else if (strcmp(role, "seq") == 0)
		*out = SRC_SEQ;
	else if (strcmp(role, "action") == 0)
		*out = SRC_ACTION;
	else if (strcmp(role, "mynumber") == 0)
		*out = SRC_MYNUMBER;
	else if (strcmp(role, "branch") == 0)
		*out = SRC_BRANCH;
	else if (strcmp(role, "jlis_flag") == 0)
		*out = SRC_JLIS_FLAG;
	else {
		for (i = 0; i < PF_ROLES; i++) {
			if (strcmp(role, person_role((enum person_field)i)) == 0) {
				*out = i;
				return 0;
			}
		}
		return -1;
	}
	return 0;
}

/* Field i's value from the extract's column of the same name: a vendor
 * adds a column to persons.layout and to a registration layout, and it
 * flows through without a rebuild. Empty when the person has none. */
static const char *
vsrc_pass(struct vsrc *v, size_t i, const struct regsrc *p)
{
	struct xbuf *b = &v->pass[i];
	const char *val;
	size_t n;

	val = person_extra_get(p->f[PF_EXTRA], p->flen[PF_EXTRA],
	    v->x->layout.fields[i].name, &n);
	if (val == NULL)
		return "";
	b->len = 0;
	xbuf_add(b, val, n);
	return b->data;
}

static int
vsrc_row(const struct regsrc *p, void *arg)
{
	struct vsrc *v = arg;
	struct regx *x = v->x;
	size_t i;
	int action, skipped;

	/* The persons file carries the number: those without one are
	 * counted in the same pass, not sent. */
	if (x->rq->kind == REG_PERSONS && p->number == NULL) {
		x->rep->no_number++;
		return 0;
	}
	if (x->rq->kind != REG_PERSONS && p->branch == NULL) {
		x->rep->refused++;
		reg_message(&x->rep->messages, &x->rep->nmessages,
		    _("%s: no 被保険者枝番 yet: register the person first"),
		    p->f[PF_KEY]);
		return 0;
	}
	for (i = 0; i < x->layout.nfields; i++) {
		int m = v->map[i];

		x->values[i] = m >= 0 ? p->f[m] : m == SRC_MYNUMBER ?
		    p->number : m == SRC_BRANCH ? p->branch :
		    m == SRC_JLIS_FLAG ? coll_flag_of(&v->flags, p->id) :
		    m == SRC_PASS ? vsrc_pass(v, i, p) : "";
	}
	if (!p->has_state)
		action = REG_ACTION_NEW;
	else if (p->f[PF_LOST][0] != '\0' && p->state_action != REG_ACTION_LOSS)
		action = REG_ACTION_LOSS;
	else
		action = REG_ACTION_CHANGE;
	if (regx_emit(x, p->id, p->f[PF_KEY], action, p->f[PF_KEY],
	    v->diff && p->has_state ? p->state_content : NULL, &skipped) < 0)
		return -1;
	if (!skipped)
		return 0;
	/* The same record as accepted: nothing to send, and the person need
	 * not be looked at again until they change. */
	x->rep->unchanged++;
	if (v->marked)
		vsrc_settle(v, p->id);
	return 0;
}

/* Stores a chunk the worker packed: on the connection's thread. */
static int
vsrc_store(void *v, long long file_id, long long first_seq,
    const struct regpack *p, char **err)
{
	return regsent_put(v, file_id, first_seq, p, err);
}

/* A full export reads on a connection of its own, on the pipe's reading
 * thread, while this thread stores. The reader's snapshot is the state
 * this export's transaction started from: the vault is in WAL mode and
 * the export holds the write lock (BEGIN IMMEDIATE), so nothing commits in
 * between, and the export has not written the tables the scan reads
 * (persons, numbers, branches, reg_state). Opened here, the connection is
 * used by the reading thread alone until that thread has ended. */
struct vread {
	struct vault *r;
	const struct regsrc_query *q;
	struct regpipe *pipe;
	char *err;
};

/* A read snapshot on a second connection, not an action: no ops_tx. */
static int
vread_run(void *arg)
{
	struct vread *r = arg;
	int rc = vault_read_begin(r->r, &r->err);

	if (rc == 0)
		rc = regstore_persons(r->r, r->q, regpipe_put, r->pipe,
		    &r->err);
	vault_rollback(r->r);
	return rc;
}

/* A second connection fit to read apart, or NULL: then this thread reads,
 * as it did before (no transaction to share a snapshot with, or no WAL,
 * in which this connection's writes would wait for the reader). */
static struct vault *
vsrc_reader(struct regx *x)
{
	struct vault *r;

	return vault_open_snapshot_reader(x->s->v, &r) == 0 ? r : NULL;
}

static int
vsrc_read(struct regx *x, const struct regsrc_query *q, struct regpipe *pipe,
    char **err)
{
	struct vread r = { NULL, q, pipe, NULL };
	int rc;

	if (q->mode != REGSRC_FULL || (r.r = vsrc_reader(x)) == NULL)
		return regstore_persons(x->s->v, q, regpipe_put, pipe, err);
	rc = regpipe_read_apart(pipe, vread_run, &r);
	vault_close(r.r);
	err_keep(err, r.err);
	return rc;
}

int
regx_from_vault(struct regx *x, char **err)
{
	struct vsrc v = { x, NULL, x->rq->mode == REG_MODE_DIFF ||
	    x->rq->mode == REG_MODE_CORRECTION, 0, NULL, 0, 0, { NULL, 0 },
	    NULL };
	enum regsrc_mode mode = x->rq->mode == REG_MODE_FULL ? REGSRC_FULL :
	    x->rq->mode == REG_MODE_RETRY ? REGSRC_RETRY :
	    x->rq->mode == REG_MODE_DIFF ? REGSRC_CHANGED : REGSRC_DIFF;
	struct regsrc_query q;
	struct regpipe *pipe;
	size_t i;
	int rc;

	v.map = xcalloc(x->layout.nfields, sizeof *v.map);
	for (i = 0; i < x->layout.nfields; i++) {
		if (reg_map_role(x->layout.fields[i].role, &v.map[i]) < 0) {
			free(v.map);
			return err_set(err, _("layout '%s': mynadesk has nothing "
			    "for role '%s' in a %s file"), x->layout.name,
			    x->layout.fields[i].role, reg_kind_name(x->rq->kind));
		}
	}
	v.marked = mode == REGSRC_CHANGED;
	if (coll_flags_load(x->s, &v.flags, err) < 0) {
		free(v.map);
		return -1;
	}
	q.kind = reg_kind_name(x->rq->kind);
	q.mode = mode;
	q.numbers = x->rq->kind == REG_PERSONS ? REGSRC_WITH_NUMBER :
	    REGSRC_NO_NUMBER;
	/* The key names the record and the loss date decides its action. */
	q.need = 1u << PF_KEY | 1u << PF_LOST;
	for (i = 0; i < x->layout.nfields; i++)
		if (v.map[i] >= 0)
			q.need |= 1u << v.map[i];
		else if (v.map[i] == SRC_PASS)
			q.need |= 1u << PF_EXTRA;
	v.pass = xcalloc(x->layout.nfields, sizeof *v.pass);
	/* Only a full export is worth more threads (a worker, and a reader
	 * apart): the others read the few persons that changed. */
	pipe = regpipe_start(mode == REGSRC_FULL, vsrc_row, &v, vsrc_store,
	    x->s->v);
	regstore_writer_sink(x->sw, regpipe_sink, pipe);
	rc = vsrc_read(x, &q, pipe, err);
	if (regpipe_finish(pipe, err) < 0 && rc == 0)
		rc = -1;
	regstore_writer_sink(x->sw, NULL, NULL);
	for (i = 0; i < x->layout.nfields; i++) {
		if (v.pass[i].data != NULL)
			OPENSSL_cleanse(v.pass[i].data, v.pass[i].cap);
		xbuf_free(&v.pass[i]);
	}
	free(v.pass);
	free(v.map);
	coll_flags_free(&v.flags);
	if (rc == 0 && v.marked)
		rc = regstore_dirty_clear(x->s->v, q.kind, v.settled,
		    v.nsettled, err);
	free(v.settled);
	return rc;
}

/* --- Input CSV for the benefit datasets ---------------------------------- */

struct fsrc {
	struct regx *x;
	struct regstore_lookup *lk;
	int *col;		/* per layout field: input column, or -1 */
	int key_col;		/* person_id */
	int record_field;	/* the layout field with role "record", or -1 */
	int insurer_field, key_field, branch_field;
	size_t ncols;
	int header_seen;
};

/* Maps the header: person_id and each field the vault does not fill. */
static int
fsrc_header(struct fsrc *fs, const struct csv_row *row)
{
	struct regx *x = fs->x;
	char *missing = NULL, *next;
	size_t i, j;

	fs->header_seen = 1;
	fs->ncols = row->nfields;
	fs->key_col = -1;
	for (j = 0; j < row->nfields; j++)
		if (strcmp(row->fields[j], "person_id") == 0)
			fs->key_col = (int)j;
	for (i = 0; i < x->layout.nfields; i++) {
		const struct layout_field *f = &x->layout.fields[i];

		fs->col[i] = -1;
		if (f->role != NULL && strcmp(f->role, "record") != 0)
			continue;
		for (j = 0; j < row->nfields; j++)
			if (strcmp(row->fields[j], f->name) == 0)
				fs->col[i] = (int)j;
		if (fs->col[i] >= 0)
			continue;
		next = missing ? xasprintf("%s, %s", missing, f->name) :
		    xstrdup(f->name);
		free(missing);
		missing = next;
	}
	if (fs->key_col >= 0 && missing == NULL)
		return 0;
	err_typed(&x->fatal, ERR_INPUT, ERR_FIELD_SOURCE, _("%s: the header "
	    "must name person_id and the columns %s"), x->rq->source,
	    missing ? missing : "person_id");
	free(missing);
	return 1;
}

/* The roles a benefit file may have; returns the first other field, or -1. */
static int
fsrc_unknown_role(const struct layout *l)
{
	static const char *const known[] = { "seq", "action", "insurer", "key",
	    "branch", "record", NULL };
	size_t j;
	int k;

	for (j = 0; j < l->nfields; j++) {
		const char *r = l->fields[j].role;

		if (r == NULL)
			continue;
		for (k = 0; known[k] != NULL && strcmp(r, known[k]) != 0; k++)
			continue;
		if (known[k] == NULL)
			return (int)j;
	}
	return -1;
}

static int
fsrc_put(struct fsrc *fs, const struct csv_row *row, const char *key,
    int64_t person, const char *branch)
{
	struct regx *x = fs->x;
	unsigned char content[32];
	char *rkey;
	size_t i;
	int found, action = 0, skipped, rc;

	rkey = fs->record_field >= 0 ? xasprintf("%s/%s", key,
	    row->fields[fs->col[fs->record_field]]) : xstrdup(key);
	if (x->rq->mode == REG_MODE_RETRY &&
	    (rc = regstore_lookup_failed(fs->lk, rkey, &x->fatal)) <= 0) {
		free(rkey);
		return rc < 0 ? -1 : 0;
	}
	found = regstore_lookup_state(fs->lk, person, rkey, content, &action,
	    &x->fatal);
	if (found < 0) {
		free(rkey);
		return -1;
	}
	for (i = 0; i < x->layout.nfields; i++)
		x->values[i] = fs->col[i] >= 0 ? row->fields[fs->col[i]] : "";
	if (fs->insurer_field >= 0)
		x->values[fs->insurer_field] = vault_insurer(x->s->v);
	if (fs->key_field >= 0)
		x->values[fs->key_field] = key;
	if (fs->branch_field >= 0)
		x->values[fs->branch_field] = branch;
	rc = regx_emit(x, person, rkey, found ? REG_ACTION_CHANGE :
	    REG_ACTION_NEW, rkey, found &&
	    x->rq->mode == REG_MODE_DIFF ? content : NULL, &skipped);
	if (skipped)
		x->rep->unchanged++;
	free(rkey);
	return rc;
}

static int
fsrc_row(const struct csv_row *row, void *arg)
{
	struct fsrc *fs = arg;
	struct regx *x = fs->x;
	char branch[64];
	const char *key;
	int64_t person;
	int found;

	if (!fs->header_seen)
		return fsrc_header(fs, row);
	if (row->nfields != fs->ncols) {
		x->rep->refused++;
		reg_message(&x->rep->messages, &x->rep->nmessages,
		    ngettext("%s:%ld: has %zu field; the header has %zu",
		    "%s:%ld: has %zu fields; the header has %zu",
		    (unsigned long)row->nfields),
		    x->rq->source, row->line, row->nfields, fs->ncols);
		return 0;
	}
	key = row->fields[fs->key_col];
	found = regstore_lookup_person(fs->lk, key, &person, branch,
	    sizeof branch, &x->fatal);
	if (found < 0)
		return 1;
	if (found == 0 || branch[0] == '\0') {
		x->rep->refused++;
		reg_message(&x->rep->messages, &x->rep->nmessages, found == 0 ?
		    _("%s: no such person in the vault (line %ld)") :
		    _("%s: no 被保険者枝番 yet: register the person first "
		    "(line %ld)"), key, row->line);
		return 0;
	}
	/* A person's other 副本 follow their 資格情報 (seed 2.13.2 ①-⑦). */
	if ((found = regstore_lookup_qualified(fs->lk, person, &x->fatal)) < 0)
		return 1;
	if (found == 0) {
		x->rep->refused++;
		reg_message(&x->rep->messages, &x->rep->nmessages,
		    _("%s: waiting: the server has not accepted the person's "
		    "資格情報 yet; send it first (line %ld)"), key, row->line);
		return 0;
	}
	return fsrc_put(fs, row, key, person, branch) < 0 ? 1 : 0;
}

/* Reads the input once: its hash goes into the file's record. */
static int
fsrc_read(struct fsrc *fs, FILE *f, char **err)
{
	struct regx *x = fs->x;
	unsigned char digest[32];
	struct csvr *csv = csvr_new(1);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	char *buf = xmalloc(REG_SRC_CHUNK);
	size_t n;
	int rc = 0;

	if (md == NULL)
		abort();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while (rc == 0 && (n = fread(buf, 1, REG_SRC_CHUNK, f)) > 0) {
		EVP_DigestUpdate(md, buf, n);
		rc = csvr_feed(csv, buf, n, fsrc_row, fs, err);
	}
	if (rc == 0)
		rc = csvr_finish(csv, fsrc_row, fs, err);
	if (rc < 0)
		err_typed(&x->fatal, ERR_INPUT, ERR_FIELD_SOURCE, "%s:%s",
		    x->rq->source, *err ? *err : "?");
	EVP_DigestFinal_ex(md, digest, NULL);
	hex_encode(digest, 32, x->source_sha256);
	EVP_MD_CTX_free(md);
	csvr_free(csv);
	free(buf);
	return x->fatal != NULL ? -1 : 0;
}

int
regx_from_file(struct regx *x, char **err)
{
	struct fsrc fs;
	FILE *f;
	int rc, bad;

	memset(&fs, 0, sizeof fs);
	fs.x = x;
	if ((bad = fsrc_unknown_role(&x->layout)) >= 0)
		return err_set(err, _("layout '%s': mynadesk has nothing for role "
		    "'%s' in a %s file"), x->layout.name,
		    x->layout.fields[bad].role, reg_kind_name(x->rq->kind));
	fs.record_field = layout_index_of_role(&x->layout, "record");
	fs.insurer_field = layout_index_of_role(&x->layout, "insurer");
	fs.key_field = layout_index_of_role(&x->layout, "key");
	fs.branch_field = layout_index_of_role(&x->layout, "branch");
	if ((f = fopen(x->rq->source, "rb")) == NULL)
		return err_typed(err, ERR_INPUT, ERR_FIELD_SOURCE,
		    _("cannot read %s: %s"), x->rq->source, strerror(errno));
	fs.col = xcalloc(x->layout.nfields, sizeof *fs.col);
	rc = regstore_lookup_open(x->s->v, reg_kind_name(x->rq->kind),
	    &fs.lk, err);
	if (rc == 0)
		rc = fsrc_read(&fs, f, err);
	if (rc == 0 && !fs.header_seen)
		rc = err_typed(err, ERR_INPUT, ERR_FIELD_SOURCE,
		    _("%s is empty: it needs a header line"), x->rq->source);
	regstore_lookup_close(fs.lk);
	free(fs.col);
	fclose(f);
	return rc;
}
