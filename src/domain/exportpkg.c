/* Parsing and writing the verifiable files of an export package. Every
 * parser names the line that is wrong; nothing here touches the disk. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "domain/csv.h"
#include "domain/csvout.h"
#include "domain/exportpkg.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define PROOF_MAX_HASHES 128	/* 2 * depth of a tree of 2^64 leaves */
#define SEQ_MAX 1000000000000LL

static const char *const export_cols[] = { "seq", "time_utc", "actor",
    "actor2", "action", "subject", "detail", "prev", "hash" };
#define EXPORT_NCOLS (sizeof export_cols / sizeof export_cols[0])

int
export_name_ok(const char *name)
{
	const char *p;

	if (name[0] == '\0' || name[0] == '.' || strlen(name) > EXPORT_NAME_MAX)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

/* Next line of buf (without its LF, and without a CR before it); NULL at
 * the end. A NUL byte inside a line makes *bad set. */
static const char *
export_line(const char **pos, const char *end, size_t *llen, int *bad)
{
	const char *s = *pos, *nl;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	*llen = (size_t)((nl ? nl : end) - s);
	*pos = nl ? nl + 1 : end;
	if (memchr(s, '\0', *llen) != NULL)
		*bad = 1;
	if (*llen > 0 && s[*llen - 1] == '\r')
		(*llen)--;
	return s;
}

static int
manifest_entry(const char *s, size_t n, long line, struct manifest *m,
    char **err)
{
	struct manifest_entry *e;
	char hex[65];
	size_t i;

	/* "<hex>  name" (text mode) or "<hex> *name" (binary mode). */
	if (n < 67 || s[64] != ' ' || (s[65] != ' ' && s[65] != '*'))
		return err_set(err, _("line %ld: not of the form '<sha256>  <file>'"),
		    line);
	memcpy(hex, s, 64);
	hex[64] = '\0';
	m->e = xrealloc(m->e, (m->n + 1) * sizeof *m->e);
	e = &m->e[m->n];
	memset(e, 0, sizeof *e);
	if (n - 66 > EXPORT_NAME_MAX)
		return err_set(err, _("line %ld: the file name is too long"), line);
	memcpy(e->name, s + 66, n - 66);
	if (hex_decode(hex, e->sum, 32) < 0)
		return err_set(err, _("line %ld: the checksum is not 64 hex digits"),
		    line);
	if (!export_name_ok(e->name))
		return err_set(err, _("line %ld: '%s' is not a plain file name of the "
		    "package"), line, e->name);
	for (i = 0; i < m->n; i++)
		if (strcmp(m->e[i].name, e->name) == 0)
			return err_set(err, _("line %ld: %s is listed twice"), line,
			    e->name);
	e->line = line;
	m->n++;
	return 0;
}

int
manifest_parse(const char *buf, size_t len, struct manifest *m, char **err)
{
	const char *pos = buf, *end = buf + len, *s;
	size_t n;
	long line = 0;
	int bad = 0;

	memset(m, 0, sizeof *m);
	while ((s = export_line(&pos, end, &n, &bad)) != NULL) {
		line++;
		if (bad)
			return err_set(err, _("line %ld: a NUL byte"), line);
		if (manifest_entry(s, n, line, m, err) < 0)
			return -1;
	}
	if (m->n == 0)
		return err_set(err, _("no files are listed"));
	return 0;
}

void
manifest_line(struct xbuf *b, const char *name, const unsigned char sum[32])
{
	char hex[65];

	hex_encode(sum, 32, hex);
	xbuf_printf(b, "%s  %s\n", hex, name);
}

void
manifest_free(struct manifest *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}

static int
export_int(const char *s, size_t n, int64_t max, int64_t *out)
{
	char tmp[24], *e;
	long long v;

	if (n == 0 || n >= sizeof tmp || s[0] < '0' || s[0] > '9')
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	v = strtoll(tmp, &e, 10);
	if (errno != 0 || *e != '\0' || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* "key value" with the key known; 0 on a match, 1 when the key differs. */
static int
export_kv(const char *s, size_t n, const char *key, const char **val,
    size_t *vlen)
{
	size_t k = strlen(key);

	if (n <= k || memcmp(s, key, k) != 0 || s[k] != ' ')
		return 1;
	*val = s + k + 1;
	*vlen = n - k - 1;
	return 0;
}

static int
rangeproof_line(struct rangeproof *p, const char *s, size_t n, long line,
    char **err)
{
	static const char *const keys[] = { "tree-size", "first", "last" };
	int64_t *dst[] = { &p->tree_size, &p->first, &p->last };
	const char *v;
	size_t vl, i;
	char hex[65];

	for (i = 0; i < 3; i++)
		if (export_kv(s, n, keys[i], &v, &vl) == 0)
			return (line != (long)i + 2 || export_int(v, vl, SEQ_MAX,
			    dst[i]) < 0) ? err_set(err, _("line %ld: '%s' needs a "
			    "number and must be line %d"), line, keys[i], (int)i + 2) : 0;
	if (line < 5 || export_kv(s, n, "hash", &v, &vl) != 0)
		return err_set(err, _("line %ld: unexpected line"), line);
	if (p->n == PROOF_MAX_HASHES)
		return err_set(err, _("line %ld: too many hashes"), line);
	if (vl != 64)
		return err_set(err, _("line %ld: a hash has 64 hex digits"), line);
	memcpy(hex, v, 64);
	hex[64] = '\0';
	p->hash = xrealloc(p->hash, (p->n + 1) * 32);
	if (hex_decode(hex, p->hash[p->n], 32) < 0)
		return err_set(err, _("line %ld: a hash has 64 hex digits"), line);
	p->n++;
	return 0;
}

static int
rangeproof_sane(const struct rangeproof *p, long lines, char **err)
{
	if (lines < 4)
		return err_set(err, _("the proof is incomplete: it needs tree-size, "
		    "first and last"));
	if (p->first == 0 && p->last == 0)
		return p->n == 0 ? 0 : err_set(err, _("an empty period has no "
		    "proof hashes"));
	if (p->first < 1 || p->first > p->last || p->last > p->tree_size)
		return err_set(err, _("records %lld to %lld do not lie in a tree of "
		    "%lld"), (long long)p->first, (long long)p->last,
		    (long long)p->tree_size);
	return 0;
}

int
rangeproof_parse(const char *buf, size_t len, struct rangeproof *p, char **err)
{
	const char *pos = buf, *end = buf + len, *s;
	size_t n;
	long line = 0;
	int bad = 0;

	memset(p, 0, sizeof *p);
	while ((s = export_line(&pos, end, &n, &bad)) != NULL) {
		line++;
		if (bad)
			return err_set(err, _("line %ld: a NUL byte"), line);
		if (line == 1) {
			if (n != strlen(RANGEPROOF_MAGIC) || memcmp(s, RANGEPROOF_MAGIC,
			    n) != 0)
				return err_set(err, _("line 1: not a mynadesk range proof"));
			continue;
		}
		if (rangeproof_line(p, s, n, line, err) < 0)
			return -1;
	}
	return rangeproof_sane(p, line, err);
}

void
rangeproof_format(const struct rangeproof *p, struct xbuf *b)
{
	char hex[65];
	size_t i;

	xbuf_printf(b, "%s\ntree-size %lld\nfirst %lld\nlast %lld\n",
	    RANGEPROOF_MAGIC, (long long)p->tree_size, (long long)p->first,
	    (long long)p->last);
	for (i = 0; i < p->n; i++) {
		hex_encode(p->hash[i], 32, hex);
		xbuf_printf(b, "hash %s\n", hex);
	}
}

void
rangeproof_free(struct rangeproof *p)
{
	free(p->hash);
	memset(p, 0, sizeof *p);
}

int
cpnote_parse(const char *buf, size_t len, int64_t *size, unsigned char root[32],
    char **err)
{
	const char *pos = buf, *end = buf + len, *l[3];
	unsigned char dec[36];
	size_t n[3], i;
	int bad = 0;

	for (i = 0; i < 3; i++)
		if ((l[i] = export_line(&pos, end, &n[i], &bad)) == NULL || bad)
			return err_set(err, _("the note needs three lines: origin, "
			    "tree size, root"));
	if (pos != end || n[0] == 0)
		return err_set(err, _("the note needs three lines: origin, tree size, "
		    "root"));
	if (export_int(l[1], n[1], SEQ_MAX, size) < 0)
		return err_set(err, _("line 2: the tree size is not a number"));
	/* 32 bytes are 44 base64 characters with one '=' of padding. */
	if (n[2] != 44 || l[2][43] != '=' || EVP_DecodeBlock(dec,
	    (const unsigned char *)l[2], 44) != 33)
		return err_set(err, _("line 3: the root is not 32 bytes of base64"));
	memcpy(root, dec, 32);
	return 0;
}

void
exportrecs_header(struct xbuf *b)
{
	csvout_begin(b);
	csvout_row(b, export_cols, EXPORT_NCOLS);
}

void
exportrecs_row(struct xbuf *b, const struct auditrec *r)
{
	char seq[24], prev[65], hash[65];
	const char *f[EXPORT_NCOLS];

	snprintf(seq, sizeof seq, "%lld", (long long)r->seq);
	hex_encode(r->prev, 32, prev);
	hex_encode(r->hash, 32, hash);
	f[0] = seq;
	f[1] = r->ts;
	f[2] = r->actor;
	f[3] = r->actor2;
	f[4] = r->action;
	f[5] = r->subject;
	f[6] = r->detail;
	f[7] = prev;
	f[8] = hash;
	csvout_row(b, f, EXPORT_NCOLS);
}

struct recs_parse {
	struct exportrecs *out;
	char *err;
	int seen_header;
};

static int
recs_header(struct recs_parse *rp, const struct csv_row *row)
{
	size_t i;

	rp->seen_header = 1;
	if (row->nfields != EXPORT_NCOLS)
		return err_set(&rp->err, _("line 1: the header is not that of audit "
		    "records"));
	for (i = 0; i < EXPORT_NCOLS; i++)
		if (strcmp(row->fields[i], export_cols[i]) != 0)
			return err_set(&rp->err, _("line 1: column %zu should be '%s'"),
			    i + 1, export_cols[i]);
	return 0;
}

static int
recs_row(const struct csv_row *row, void *arg)
{
	struct recs_parse *rp = arg;
	struct exportrecs *o = rp->out;
	struct auditrec *r;
	int64_t seq;
	size_t i;

	if (!rp->seen_header)
		return recs_header(rp, row) < 0 ? 1 : 0;
	if (row->nfields != EXPORT_NCOLS) {
		err_set(&rp->err, ngettext("line %ld: %zu field, not %zu",
		    "line %ld: %zu fields, not %zu", (unsigned long)row->nfields),
		    row->line, row->nfields, EXPORT_NCOLS);
		return 1;
	}
	for (i = 0; i < EXPORT_NCOLS; i++)
		if (strlen(row->fields[i]) != row->lens[i]) {
			err_set(&rp->err, _("line %ld: a NUL byte"), row->line);
			return 1;
		}
	if (export_int(row->fields[0], row->lens[0], SEQ_MAX, &seq) < 0 ||
	    seq == 0) {
		err_set(&rp->err, _("line %ld: the sequence is not a number"),
		    row->line);
		return 1;
	}
	o->r = xrealloc(o->r, (o->n + 1) * sizeof *o->r);
	o->line = xrealloc(o->line, (o->n + 1) * sizeof *o->line);
	r = &o->r[o->n];
	memset(r, 0, sizeof *r);
	o->line[o->n++] = row->line;
	r->seq = seq;
	/* The writer guarded cells a spreadsheet would run as formulas; the
	 * record's hash is over what was logged, so undo the guard. */
	r->ts = xstrdup(csvout_unguard(row->fields[1]));
	r->actor = xstrdup(csvout_unguard(row->fields[2]));
	r->actor2 = xstrdup(csvout_unguard(row->fields[3]));
	r->action = xstrdup(csvout_unguard(row->fields[4]));
	r->subject = xstrdup(csvout_unguard(row->fields[5]));
	r->detail = xstrdup(csvout_unguard(row->fields[6]));
	if (row->lens[7] != 64 || row->lens[8] != 64 ||
	    hex_decode(row->fields[7], r->prev, 32) < 0 ||
	    hex_decode(row->fields[8], r->hash, 32) < 0) {
		err_set(&rp->err, _("line %ld: prev and hash need 64 hex digits"),
		    row->line);
		return 1;
	}
	return 0;
}

int
exportrecs_parse(const char *buf, size_t len, struct exportrecs *out,
    char **err)
{
	struct recs_parse rp;
	struct csvr *c = csvr_new(1);
	char *cerr = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&rp, 0, sizeof rp);
	rp.out = out;
	rc = csvr_feed(c, buf, len, recs_row, &rp, &cerr);
	if (rc == 0)
		rc = csvr_finish(c, recs_row, &rp, &cerr);
	csvr_free(c);
	if (rc == 0 && !rp.seen_header)
		err_set(&rp.err, _("the file is empty: it needs the header"));
	if (rp.err != NULL || rc != 0) {
		if (err != NULL)
			*err = rp.err ? rp.err : cerr;
		else
			free(rp.err ? rp.err : cerr);
		if (rp.err != NULL)
			free(cerr);
		exportrecs_free(out);
		return -1;
	}
	return 0;
}

void
exportrecs_free(struct exportrecs *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		auditrec_clear(&rs->r[i]);
	free(rs->r);
	free(rs->line);
	memset(rs, 0, sizeof *rs);
}
