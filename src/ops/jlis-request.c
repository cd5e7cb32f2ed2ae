/* Inquiry files: who is asked, whether J-LIS can take their values, and the
 * files themselves, written under dot-names and named only after the
 * transaction with their audit record commits: a process killed before
 * the commit leaves no inquiry file the vault does not know, one killed
 * after it leaves the recorded file under its dot-name for the next run to
 * name. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "domain/fieldcheck.h"
#include "domain/jlis.h"
#include "ops/check.h"
#include "ops/jlis.h"
#include "ops/media-int.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The request layout's roles and the person field each comes from. */
static const struct {
	const char *role;
	enum person_field pf;
} jreq_roles[] = {
	{ "name", PF_NAME }, { "kana", PF_KANA }, { "birth", PF_BIRTH },
	{ "sex", PF_SEX }, { "address", PF_ADDRESS },
	{ "municipality", PF_MUNICIPALITY },
};
#define JREQ_NROLES (sizeof jreq_roles / sizeof jreq_roles[0])

/* A person to send: the line is checked and converted as the person is
 * read, kept in jreq.lines with a NUL byte where each target identifier
 * goes (CP932 has no NUL byte), so that the person's fields are neither
 * copied nor converted again. Copying every field of 100,000 persons and
 * converting each value twice was a third of the request. */
struct jreq_person {
	int64_t id;
	size_t off, len;	/* of the line in jreq.lines */
	int attempt;
	int kind;		/* 0 N (resident 1), 1 G (resident 2), -1 none */
};

/* What a layout field is filled with: a person field, or these. */
enum { JREQ_EMPTY = -1, JREQ_TARGET = -2, JREQ_UNKNOWN = -3 };

struct jreq {
	struct session *s;
	struct layout l;
	const struct filecheck_rules *rules;
	struct jlis_enc *enc;
	struct jreq_person *p;
	size_t n, cap;
	struct jlis_problems *probs;
	struct jlis_problems *unsendable;
	int jis0208;		/* the layout's repertoire */
	struct jlis_request_report *rep;
	char *tmp[2], *final[2];
	int kept;		/* committed: the files are the vault's now */
	struct jlis_target_writer *targets;	/* of the file being written */
	char *line;		/* the line being built, written whole */
	size_t llen, lcap;
	char *lines;		/* the persons' converted lines */
	size_t lines_len, lines_cap;
	int *src;		/* by layout field: enum person_field or JREQ_ */
};

void
jlis_problems_clear(struct jlis_problems *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->msg[i]);
	free(p->msg);
	memset(p, 0, sizeof *p);
}

void
jlis_problem(struct jlis_problems *p, const char *fmt, ...)
{
	va_list ap;

	p->total++;
	if (p->n >= JLIS_MAX_PROBLEMS)
		return;
	p->msg = xrealloc(p->msg, (size_t)(p->n + 1) * sizeof *p->msg);
	va_start(ap, fmt);
	p->msg[p->n++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void jreq_add(struct jreq *r, const struct jlis_candidate *c,
    int attempt);

/* Everyone without a confirmed number: first inquiries, and one more for
 * those the last answer did not find. */
static int
jreq_auto(const struct jlis_candidate *c, void *arg)
{
	if (c->asked == 0)
		jreq_add(arg, c, 1);
	else if (c->asked == 1 && strcmp(c->last, "not-found") == 0)
		jreq_add(arg, c, 2);
	return 0;
}

static int
jreq_listed(const struct jlis_candidate *c, void *arg)
{
	struct jreq *r = arg;
	const char *k = c->p.f[PF_KEY];

	if (c->confirmed)
		jlis_problem(r->probs, _("%s: already has a confirmed number"), k);
	else if (strcmp(c->last, "sent") == 0 || strcmp(c->last, "held") == 0)
		jlis_problem(r->probs, _("%s: an inquiry is still open (%s)"), k,
		    c->last);
	else
		jreq_add(r, c, c->asked + 1);
	return 0;
}

static int
jreq_read_list(struct jreq *r, const char *file, char **err)
{
	FILE *f = fopen(file, "r");
	char line[256];
	long no = 0;
	int found, rc = 0;

	if (f == NULL)
		return err_set(err, _("cannot read %s: %s"), file, strerror(errno));
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		no++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		found = jlis_store_candidate(r->s->v, line, jreq_listed, r,
		    err);
		if (found < 0)
			rc = -1;
		else if (found == 0)
			jlis_problem(r->probs, _("%s:%ld: no person with key '%s'"),
			    file, no, line);
	}
	fclose(f);
	return rc;
}

struct jreq_bad {
	struct jlis_problems *probs;
	const char *key, *label;
};

static void
jreq_bad_char(enum jlis_bad why, const char *ch, size_t len, void *arg)
{
	struct jreq_bad *b = arg;

	if (why == JLIS_BAD_GAIJI)
		jlis_problem(b->probs, _("%s: %s: '%.*s' has no code in CP932 "
		    "(外字): record the usual spelling (person inquiry-name)"),
		    b->key, b->label, (int)len, ch);
	else if (why == JLIS_BAD_EXT)
		jlis_problem(b->probs, _("%s: %s: '%.*s' is an NEC/IBM extension, "
		    "not JIS X 0208 (外字): record the usual spelling (person "
		    "inquiry-name)"), b->key, b->label, (int)len, ch);
	else if (why == JLIS_BAD_ASCII)
		jlis_problem(b->probs, _("%s: %s: half-width '%.*s': J-LIS takes "
		    "full-width characters only"), b->key, b->label, (int)len, ch);
	else
		jlis_problem(b->probs, _("%s: %s: half-width kana '%.*s': use "
		    "full-width"), b->key, b->label, (int)len, ch);
}

/* Whether the CP932 bytes of a value hold anything jlis_scan_for reports:
 * ASCII where only full-width is taken (no_ascii), half-width kana (the
 * single bytes 0xA1-0xDF) or, for JIS X 0208 only, an extension. A value
 * that converted and holds none of these needs no scan: the scan converts
 * a character at a time and was most of the request's conversion work. */
static int
jreq_cp932_doubtful(const char *s, size_t n, int jis0208, int no_ascii)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] < 0x80) {
			if (no_ascii)
				return 1;
		} else if ((b[i] >= 0xa1 && b[i] <= 0xdf) || i + 1 == n ||
		    (jis0208 && jlis_cp932_ext(b + i, 2))) {
			return 1;
		} else {
			i++;
		}
	}
	return 0;
}

/* One value against its request field; every reason it cannot be sent
 * goes to the unsendable list. 0 with *out (the converter's, valid until
 * its next use) and *outlen the CP932 bytes, else -1. */
static int
jreq_check_value(struct jreq *r, const char *key, const char *v,
    const struct layout_field *f, const char **out, size_t *outlen)
{
	struct layout_field plain = *f;
	struct jreq_bad b = { r->unsendable, key, f->label };
	int text = strcmp(f->role, "name") == 0 || strcmp(f->role, "kana") == 0;
	size_t n = strlen(v);
	char *why = NULL;

	if ((jlis_enc_convert(r->enc, v, n, out, outlen) < 0 ||
	    jreq_cp932_doubtful(*out, *outlen, r->jis0208, text)) &&
	    (jlis_scan_for(v, n, r->jis0208, text, jreq_bad_char, &b) != 0 ||
	    jlis_enc_convert(r->enc, v, n, out, outlen) < 0)) {
		if (r->unsendable->total == 0)
			jlis_problem(r->unsendable, _("%s: %s cannot be written in "
			    "CP932"), b.key, f->label);
		return -1;
	}
	plain.encoding = NULL;
	plain.max_bytes = 0;
	if (fieldcheck_value(&plain, v, n, &why) < 0) {
		jlis_problem(r->unsendable, "%s: %s", b.key, why);
		free(why);
		return -1;
	}
	if (f->max_bytes > 0 && *outlen > (size_t)f->max_bytes) {
		jlis_problem(r->unsendable, _("%s: %s is %zu bytes in CP932; at "
		    "most %d"), b.key, f->label, *outlen, f->max_bytes);
		return -1;
	}
	return 0;
}

/* Appends n bytes to the line being built (an empty value may come
 * before anything is allocated: memcpy takes no NULL, even for 0 bytes). */
static void
jreq_append(struct jreq *r, const char *b, size_t n)
{
	if (n == 0)
		return;
	if (r->llen + n > r->lcap) {
		r->lcap = (r->llen + n) * 2;
		r->line = xrealloc(r->line, r->lcap);
	}
	memcpy(r->line + r->llen, b, n);
	r->llen += n;
}

/* Appends one value's CP932 bytes, quoted when the value v holds a
 * comma, quote or line end (the CP932 second bytes are never below 0x40,
 * so quoting on UTF-8 is safe). */
static void
jreq_put_cp932(struct jreq *r, const char *v, const char *out, size_t outlen,
    int first)
{
	const char *q;
	size_t run;
	int quote = strpbrk(v, ",\"\r\n") != NULL;

	if (!first)
		jreq_append(r, ",", 1);
	if (quote)
		jreq_append(r, "\"", 1);
	/* A quote is doubled: each run up to and including one, then one
	 * more. */
	while (outlen > 0 && (q = memchr(out, '"', outlen)) != NULL) {
		run = (size_t)(q - out) + 1;
		jreq_append(r, out, run);
		jreq_append(r, "\"", 1);
		out += run;
		outlen -= run;
	}
	jreq_append(r, out, outlen);
	if (quote)
		jreq_append(r, "\"", 1);
}

/* Appends one value, converted (a header's field names). */
static void
jreq_put(struct jreq *r, const char *v, int first)
{
	const char *out;
	size_t outlen;

	if (jlis_enc_convert(r->enc, v, strlen(v), &out, &outlen) < 0)
		outlen = 0;	/* checked with the layout: cannot happen */
	jreq_put_cp932(r, v, out, outlen, first);
}

/* The candidate's value for a layout field (src: enum person_field or
 * JREQ_); "" for a role mynadesk does not fill (a vendor's extra column
 * stays empty). The usual spelling recorded for the inquiry replaces the
 * record's name (and kana) in what is sent; the record itself is never
 * changed. */
static const char *
jreq_value(const struct jlis_candidate *c, int src)
{
	if (src < 0)
		return "";
	if (src == PF_NAME && c->iname != NULL)
		return c->iname;
	if (src == PF_KANA && c->iname != NULL && c->ikana != NULL &&
	    c->ikana[0] != '\0')
		return c->ikana;
	return c->p.f[src];
}

/* A buffer of at least need bytes holding the used bytes of old (freed),
 * in huge pages where the kernel has them: the kept lines of 100,000
 * persons are 9 MB, and each 4 KiB page of it was a page fault on first
 * touch. *cap is set to the size given. */
static void *
jreq_grow(void *old, size_t used, size_t need, size_t *cap)
{
	size_t bytes = (need * 2 + XMALLOC_HUGE - 1) / XMALLOC_HUGE *
	    XMALLOC_HUGE;
	void *p = xmalloc_huge(bytes);

	if (used > 0)
		memcpy(p, old, used);
	free(old);
	*cap = bytes;
	return p;
}

/* Keeps the line just built for a person who can be sent. */
static void
jreq_keep(struct jreq *r, const struct jlis_candidate *c, int attempt)
{
	const char *res = c->p.f[PF_RESIDENT];
	struct jreq_person *p;
	size_t bytes;

	if (r->n == r->cap) {
		r->p = jreq_grow(r->p, r->n * sizeof *r->p, (r->n + 1) *
		    sizeof *r->p, &bytes);
		r->cap = bytes / sizeof *r->p;
	}
	if (r->lines_len + r->llen > r->lines_cap)
		r->lines = jreq_grow(r->lines, r->lines_len, r->lines_len +
		    r->llen, &r->lines_cap);
	p = &r->p[r->n++];
	p->id = c->id;
	p->attempt = attempt;
	p->kind = strcmp(res, "1") == 0 ? 0 : strcmp(res, "2") == 0 ? 1 : -1;
	p->off = r->lines_len;
	p->len = r->llen;
	memcpy(r->lines + r->lines_len, r->line, r->llen);
	r->lines_len += r->llen;
}

/* A person is checked as read, with every reason they cannot be sent
 * listed; one who can be sent is kept with their line, the others are
 * left out and the file goes out for everyone else. */
static void
jreq_add(struct jreq *r, const struct jlis_candidate *c, int attempt)
{
	const char *key = c->p.f[PF_KEY], *v, *out;
	long long before = r->unsendable->total;
	size_t j, outlen;

	if (strcmp(c->p.f[PF_SEX], "3") == 0)
		jlis_problem(r->unsendable, _("%s: sex code 3: the resident "
		    "registry holds only 1 and 2, so a five-item inquiry cannot "
		    "find this person"), key);
	r->llen = 0;
	for (j = 0; j < r->l.nfields; j++) {
		v = jreq_value(c, r->src[j]);
		out = "";
		outlen = 0;
		if (r->src[j] == JREQ_TARGET) {
			/* Its place, filled when the serial is given. */
			jreq_append(r, ",\0" + (j == 0), 2 - (j == 0));
			continue;
		}
		if (r->src[j] != JREQ_EMPTY && jreq_check_value(r, key, v,
		    &r->l.fields[j], &out, &outlen) < 0) {
			out = "";
			outlen = 0;
		}
		jreq_put_cp932(r, v, out, outlen, j == 0);
	}
	if (r->unsendable->total > before)
		r->rep->unsendable_persons++;
	else
		jreq_keep(r, c, attempt);
}

/* What each layout field is filled with, found once for the layout. */
static void
jreq_sources(struct jreq *r)
{
	const char *role;
	size_t i, j;

	r->src = xcalloc(r->l.nfields + 1, sizeof *r->src);
	for (j = 0; j < r->l.nfields; j++) {
		role = r->l.fields[j].role;
		r->src[j] = role == NULL ? JREQ_EMPTY : strcmp(role, "target") ==
		    0 ? JREQ_TARGET : JREQ_UNKNOWN;
		for (i = 0; r->src[j] == JREQ_UNKNOWN && i < JREQ_NROLES; i++)
			if (strcmp(jreq_roles[i].role, role) == 0)
				r->src[j] = (int)jreq_roles[i].pf;
	}
}

/* Ends the line and writes it whole to the file and the digest: a byte at
 * a time, writing and hashing cost more than converting the values. */
static int
jreq_eol(struct jreq *r, FILE *f, EVP_MD_CTX *md)
{
	const char *eol = strcmp(r->l.line_ending, "CRLF") == 0 ? "\r\n" : "\n";
	size_t len;

	jreq_append(r, eol, strlen(eol));
	len = r->llen;
	r->llen = 0;
	EVP_DigestUpdate(md, r->line, len);
	return fwrite(r->line, 1, len, f) == len ? 0 : -1;
}

/* The insurer number as the layout writes it (insurer_pad). */
static const char *
jreq_insurer(const struct jreq *r, char out[INSURER_MAX + 1])
{
	layout_insurer(&r->l, vault_insurer(r->s->v), out);
	return out;
}

/* One person's line, under a new serial: the kept line with the target
 * identifier in its place. */
static int
jreq_line(struct jreq *r, FILE *f, const char *tmp, EVP_MD_CTX *md,
    const struct jreq_person *p, char **err)
{
	char target[JLIS_TARGET_MAX + 1], ins[INSURER_MAX + 1];
	const char *b = r->lines + p->off, *end = b + p->len, *z;
	int64_t serial;

	if (jlis_store_targets_put(r->targets, p->id, p->attempt, &serial,
	    err) < 0)
		return -1;
	jlis_target_format(jreq_insurer(r, ins), serial, target);
	r->llen = 0;
	while ((z = memchr(b, '\0', (size_t)(end - b))) != NULL) {
		jreq_append(r, b, (size_t)(z - b));
		jreq_put_cp932(r, target, target, strlen(target), 1);
		b = z + 1;
	}
	jreq_append(r, b, (size_t)(end - b));
	return jreq_eol(r, f, md) == 0 ? 0 : err_set(err, _("cannot write "
	    "%s: %s"), tmp, strerror(errno));
}

/* The file of one kind: N (resident 1) or G (resident 2). */
static int
jreq_file(struct jreq *r, int k, struct jlis_request_report *rep, char **err)
{
	const char kind = k == 0 ? 'N' : 'G';
	char ins[INSURER_MAX + 1];
	unsigned char digest[32];
	EVP_MD_CTX *md;
	int64_t request;
	long long rows = 0;
	long seq;
	size_t i;
	FILE *f;
	int rc = 0;

	for (i = 0; i < r->n; i++)
		rows += r->p[i].kind == k;
	if (rows == 0)
		return 0;
	if (jlis_store_next_seq(r->s->v, kind, &seq, err) < 0)
		return -1;
	rep->file[k] = jlis_name_format(r->l.file_name, jreq_insurer(r, ins),
	    kind, seq);
	if (rep->file[k] == NULL)
		return err_set(err, _("layout %s: file_name has an unknown "
		    "{placeholder}"), r->l.name);
	if (access(r->final[k], F_OK) == 0)
		return err_set(err, _("%s exists already: a sequence number is "
		    "never used twice"), r->final[k]);
	if ((f = fopen(r->tmp[k], "wbx")) == NULL)
		return err_set(err, _("cannot write %s: %s"), r->tmp[k],
		    strerror(errno));
	if (jlis_store_request_add(r->s->v, kind, seq, rep->file[k],
	    r->s->user, &request, err) < 0 ||
	    jlis_store_targets_open(r->s->v, request, &r->targets,
	    err) < 0) {
		fclose(f);
		return -1;
	}
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	if (r->l.header) {
		for (i = 0; i < r->l.nfields; i++)
			jreq_put(r, r->l.fields[i].name, i == 0);
		if (jreq_eol(r, f, md) < 0)
			rc = err_set(err, _("cannot write %s: %s"), r->tmp[k],
			    strerror(errno));
	}
	for (i = 0; rc == 0 && i < r->n; i++) {
		if (r->p[i].kind != k)
			continue;
		rc = jreq_line(r, f, r->tmp[k], md, &r->p[i], err);
		rep->reinquiries += r->p[i].attempt > 1;
	}
	if (jlis_store_targets_close(r->targets, rc == 0, err) < 0)
		rc = -1;
	r->targets = NULL;
	EVP_DigestFinal_ex(md, digest, NULL);
	EVP_MD_CTX_free(md);
	hex_encode(digest, 32, rep->sha256[k]);
	rep->rows[k] = rows;
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(err, _("cannot write %s: %s"), r->tmp[k], strerror(errno));
	if (rc == 0)
		rc = jlis_store_request_finish(r->s->v, request, rep->sha256[k],
		    rows, err);
	return rc;
}

static int
jreq_audit(struct jreq *r, struct jlis_request_report *rep, char **err)
{
	char *detail;
	int k, rc = 0;

	for (k = 0; rc == 0 && k < 2; k++) {
		if (rep->file[k] == NULL)
			continue;
		detail = xasprintf("file=%s sha256=%s rows=%lld reinquiries=%lld",
		    rep->file[k], rep->sha256[k], rep->rows[k], rep->reinquiries);
		rc = ops_audit(r->s, "", "jlis.request", rep->file[k], detail, err);
		free(detail);
	}
	return rc;
}

/* Both files, then their final names; the caller commits or rolls back. */
static int
jreq_write(struct jreq *r, const char *outdir, struct jlis_request_report *rep,
    char **err)
{
	long seq;
	int k, rc = 0;

	for (k = 0; k < 2; k++) {
		char kind = k == 0 ? 'N' : 'G', *name, ins[INSURER_MAX + 1];

		if (jlis_store_next_seq(r->s->v, kind, &seq, err) < 0)
			return -1;
		if ((name = jlis_name_format(r->l.file_name, jreq_insurer(r, ins),
		    kind, seq)) == NULL)
			return err_set(err, _("layout %s: file_name has an "
			    "unknown {placeholder}"), r->l.name);
		r->final[k] = xasprintf("%s/%s", outdir, name);
		r->tmp[k] = xasprintf("%s/.%s.tmp", outdir, name);
		free(name);
	}
	for (k = 0; rc == 0 && k < 2; k++)
		rc = jreq_file(r, k, rep, err);
	if (rc == 0)
		rc = jreq_audit(r, rep, err);
	return rc;
}

/* After the commit: the recorded files take their names. On failure they
 * stay under their dot-names, which the next run names. */
static int
jreq_publish(void *arg, char **err)
{
	struct jreq *r = arg;
	int k, rc = 0;

	r->kept = 1;
	for (k = 0; k < 2; k++)
		if (r->rep->file[k] != NULL && rename(r->tmp[k], r->final[k]) != 0 &&
		    rc == 0)
			rc = err_set(err, _("the inquiry file was recorded but cannot "
			    "be named %s: %s; it is %s"), r->final[k],
			    strerror(errno), r->tmp[k]);
	return rc;
}

/* A run killed between its commit and the naming left a recorded file
 * under its dot-name in this folder: it takes its name now, if its bytes
 * are those the vault recorded. */
static int
jreq_name_left(const char *file, const char *sha256, void *arg)
{
	const char *outdir = arg;
	char *tmp = xasprintf("%s/.%s.tmp", outdir, file), *final, hex[65];
	long long bytes;

	final = xasprintf("%s/%s", outdir, file);
	if (access(final, F_OK) != 0 && media_sha256_file(tmp, hex, &bytes,
	    NULL) == 0 && strcmp(hex, sha256) == 0)
		(void)rename(tmp, final);
	free(tmp);
	free(final);
	return 0;
}

static void
jreq_cleanup(struct jreq *r, int failed)
{
	int k;

	for (k = 0; k < 2; k++) {
		if (failed && !r->kept && r->tmp[k] != NULL)
			unlink(r->tmp[k]);
		free(r->tmp[k]);
		free(r->final[k]);
	}
	free(r->p);
	free(r->lines);
	free(r->src);
	jlis_enc_free(r->enc);
	free(r->line);
	layout_free(&r->l);
}

struct jreq_tx {
	struct jreq *r;
	const char *outdir, *persons_file;
	int dry_run;
};

/* Reads and checks the persons, then writes the files under dot-names;
 * a dry run stops before writing and leaves nothing. */
static int
jreq_body(struct session *s, void *arg, char **err)
{
	struct jreq_tx *t = arg;
	struct jreq *r = t->r;
	struct jlis_request_report *rep = r->rep;
	int rc;

	rc = t->persons_file != NULL ? jreq_read_list(r, t->persons_file, err) :
	    jlis_store_candidates(s->v, jreq_auto, r, err);
	if (rc == 0 && rep->problems.total > 0)
		rc = err_set(err, ngettext("%lld problem: no inquiry file was "
		    "written (fix the persons' records first)", "%lld problems: "
		    "no inquiry file was written (fix the persons' records first)",
		    (unsigned long)rep->problems.total), rep->problems.total);
	else if (rc == 0 && r->n == 0)
		rc = err_set(err, rep->unsendable_persons > 0 ?
		    _("nobody who can be sent: see the persons that need a "
		    "spelling ('jlis unsendable')") : _("nobody to ask about: "
		    "every insured person has a confirmed number or an open "
		    "inquiry"));
	if (rc == 0 && t->dry_run)
		return OPS_TX_NOTHING;
	if (rc == 0)
		rc = jreq_write(r, t->outdir, rep, err);
	return rc;
}

static int
jreq_tx_publish(void *arg, char **err)
{
	return jreq_publish(((struct jreq_tx *)arg)->r, err);
}

/* The request, or with dry_run only the lists (nothing is written, the
 * transaction is rolled back). */
static int
jreq_run(struct session *s, const char *outdir, const char *persons_file,
    int dry_run, struct jlis_request_report *rep, char **err)
{
	static const struct ops_tx_def def = { jreq_body, jreq_tx_publish, NULL };
	struct jreq r;
	struct jreq_tx t = { &r, outdir, persons_file, dry_run };
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&r, 0, sizeof r);
	r.s = s;
	r.probs = &rep->problems;
	r.unsendable = &rep->unsendable;
	r.rep = rep;
	if (!dry_run)
		(void)jlis_store_request_files(s->v, jreq_name_left,
		    (void *)outdir, NULL);
	if (ops_check_layout("jlis-request", &r.l, &r.rules, err) < 0)
		return -1;
	r.jis0208 = r.l.repertoire == NULL ||
	    strcmp(r.l.repertoire, "JIS X 0208") == 0;
	if (r.l.file_name == NULL || (r.enc = jlis_enc_new(err)) == NULL) {
		layout_free(&r.l);
		return r.enc == NULL && r.l.file_name != NULL ? -1 :
		    err_set(err, _("layout jlis-request has no file_name"));
	}
	jreq_sources(&r);
	/* A COMMIT that fails leaves the dot-named files to jreq_cleanup. */
	/* Without foreign key checks: every person id a target is written
	 * with comes from the candidates just read, and the request id is the
	 * one just inserted; the checks were a seek into persons and one into
	 * jlis_requests for each target. */
	rc = ops_tx_bulk(s, &def, &t, err);
	jreq_cleanup(&r, rc != 0);
	return rc > 0 ? 0 : rc;
}

int
ops_jlis_request(struct session *s, const char *outdir,
    const char *persons_file, struct jlis_request_report *rep, char **err)
{
	if (outdir == NULL || access(outdir, W_OK) != 0) {
		memset(rep, 0, sizeof *rep);
		return err_set(err, _("give --out DIR, a folder you can write to"));
	}
	return jreq_run(s, outdir, persons_file, 0, rep, err);
}

int
ops_jlis_unsendable(struct session *s, struct jlis_request_report *rep,
    char **err)
{
	char *e = NULL;
	int rc = jreq_run(s, NULL, NULL, 1, rep, &e);

	/* Nobody to send is no error here: the list is what was asked for. */
	if (rc < 0 && rep->problems.total == 0) {
		free(e);
		return 0;
	}
	if (rc < 0)
		*err = e;
	else
		free(e);
	return rc;
}

void
jlis_request_report_clear(struct jlis_request_report *rep)
{
	free(rep->file[0]);
	free(rep->file[1]);
	jlis_problems_clear(&rep->problems);
	jlis_problems_clear(&rep->unsendable);
	memset(rep, 0, sizeof *rep);
}
