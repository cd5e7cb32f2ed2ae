/* Evidence: files streamed into the vault in chunks, hashed on the way in
 * and checked again on the way out. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "domain/evidence.h"
#include "domain/redact.h"
#include "ops/evidence.h"
#include "ops/settings.h"
#include "ops/tx.h"
#include "store/media.h"
#include "store/persons.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/publish.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define EVIDENCE_CHUNK 65536
#define EVIDENCE_MB 1048576LL

int
ops_evidence_id(const char *text, int64_t *id, char **err)
{
	char *end;
	long long v;

	errno = 0;
	v = text ? strtoll(text, &end, 10) : 0;
	if (text == NULL || *text == '\0' || *end != '\0' || errno != 0 || v < 1)
		return err_set(err, _("not an evidence id: %s (see 'evidence list')"),
		    text ? text : "");
	*id = v;
	return 0;
}

/* A medium must exist; it is kept by its label (medium:1 becomes
 * medium:M0001), as 'media list' shows it. */
static int
evidence_about_medium(struct session *s, const char *value,
    struct evidence_meta *m, char **err)
{
	struct media_row mr;
	int found = media_find(s->v, value, &mr, err);

	if (found < 0)
		return -1;
	if (found == 0)
		return err_set(err, _("no medium '%s': check --about medium:ID with "
		    "'media list'"), value);
	snprintf(m->about, sizeof m->about, "medium:%s", mr.label);
	return 0;
}

/* The reference is checked against the vault where it can be: persons and
 * media. */
static int
evidence_about_check(struct session *s, const char *about,
    struct evidence_meta *m, char **err)
{
	enum evidence_about_kind kind;
	char value[EVIDENCE_ABOUT_MAX];

	if (evidence_about_parse(about, &kind, value, err) < 0)
		return -1;
	if (kind == ABOUT_PERSON) {
		struct person p;
		int64_t pid;
		int found = persons_get(s->v, value, &p, &pid, err);

		person_clear(&p);
		if (found < 0)
			return -1;
		if (found == 0)
			return err_set(err, _("no person with key '%s': check --about "
			    "person:KEY with 'person search'"), value);
	}
	if (kind == ABOUT_MEDIUM)
		return evidence_about_medium(s, value, m, err);
	snprintf(m->about, sizeof m->about, "%s", kind == ABOUT_NONE ? "" : about);
	return 0;
}

/* Opens the file to store and checks it against the size limit. */
static int
evidence_open_in(struct session *s, const char *path, struct evidence_meta *m,
    char **err)
{
	long max_mb = ops_setting(s, "evidence-max-mb");
	const char *base;
	struct stat sb;
	char *masked;
	int fd;

	if (path == NULL || path[0] == '\0')
		return err_set(err, _("name the file to add"));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(err, _("cannot open %s: %s"), path, strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return err_set(err, _("%s is not a regular file"), path);
	}
	if (sb.st_size > max_mb * EVIDENCE_MB) {
		close(fd);
		/* L10N: %.1f is the file's size in MB, %ld the limit. */
		return err_set(err, _("%s is %.1f MB, over the evidence limit of %ld "
		    "MB: shrink or split it, or have an administrator raise the "
		    "limit with 'mynadesk settings set evidence-max-mb N'"), path,
		    (double)sb.st_size / EVIDENCE_MB, max_mb);
	}
	m->size = sb.st_size;
	base = strrchr(path, '/');
	/* The file name is listed and audited: a number in it is masked. */
	masked = redact_numbers(base ? base + 1 : path);
	snprintf(m->file, sizeof m->file, "%s", masked);
	free(masked);
	return fd;
}

static void
evidence_hex(EVP_MD_CTX *md, char hex[65])
{
	unsigned char digest[32];
	unsigned int len = 0;

	EVP_DigestFinal_ex(md, digest, &len);
	hex_encode(digest, sizeof digest, hex);
}

/* Streams the file into the open blob, hashing as it goes. The first chunk
 * is already in buf (first bytes). */
static int
evidence_stream_in(int fd, struct evidence_body *body, unsigned char *buf,
    size_t first, struct evidence_meta *m, char **err)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int64_t off = 0;
	size_t n = first;
	ssize_t r;
	int rc = 0;

	if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(md);
		return err_set(err, _("SHA-256 is not available"));
	}
	for (;;) {
		if (n > 0 && off + (int64_t)n > m->size) {
			rc = err_set(err, _("%s grew while it was read: add it again "
			    "once it is complete"), m->file);
			break;
		}
		if (n > 0 && (rc = evidence_body_write(body, buf, n, off, err)) < 0)
			break;
		EVP_DigestUpdate(md, buf, n);
		off += (int64_t)n;
		if ((r = fd_read_full(fd, buf, EVIDENCE_CHUNK)) <= 0) {
			if (r < 0)
				rc = err_set(err, _("reading %s: %s"), m->file,
				    strerror(errno));
			break;
		}
		n = (size_t)r;
	}
	if (rc == 0 && off != m->size)
		rc = err_set(err, _("%s shrank while it was read: add it again once "
		    "it is complete"), m->file);
	if (rc == 0)
		evidence_hex(md, m->sha256);
	EVP_MD_CTX_free(md);
	return rc;
}

static int
evidence_add_tx(struct session *s, const struct evidence_add_request *rq,
    int fd, unsigned char *buf, size_t first, struct evidence_meta *m,
    char **err)
{
	struct evidence_body *body = NULL;
	char *detail, subject[32];
	int rc;

	rc = evidence_about_check(s, rq->about, m, err);
	if (rc == 0)
		rc = evidence_insert(s->v, m, &body, err);
	if (rc == 0)
		rc = evidence_stream_in(fd, body, buf, first, m, err);
	if (evidence_body_close(body, rc == 0 ? err : NULL) < 0)
		rc = -1;
	if (rc == 0)
		rc = evidence_set_hash(s->v, m->id, m->sha256, err);
	if (rc < 0)
		return -1;
	snprintf(subject, sizeof subject, "evidence:%lld", (long long)m->id);
	detail = xasprintf("sha256=%s size=%lld type=%s about=%s file=%s title=%s",
	    m->sha256, (long long)m->size, m->type, m->about[0] ? m->about : "-",
	    m->file, m->title);
	rc = ops_audit(s, "", "evidence.add", subject, detail, err);
	free(detail);
	return rc;
}

struct evidence_add {
	const struct evidence_add_request *rq;
	int fd;
	unsigned char *buf;
	size_t first;
	struct evidence_meta *m;
};

static int
evidence_add_body(struct session *s, void *arg, char **err)
{
	const struct evidence_add *a = arg;

	return evidence_add_tx(s, a->rq, a->fd, a->buf, a->first, a->m, err);
}

int
ops_evidence_add(struct session *s, const struct evidence_add_request *rq,
    struct evidence_meta *m, char **err)
{
	static const struct ops_tx_def def = { evidence_add_body, NULL, NULL };
	struct evidence_add a = { rq, -1, NULL, 0, m };
	unsigned char *buf;
	ssize_t first;
	int fd, rc;

	memset(m, 0, sizeof *m);
	if (evidence_title_check(rq->title, err) < 0)
		return -1;
	snprintf(m->title, sizeof m->title, "%s", rq->title);
	snprintf(m->actor, sizeof m->actor, "%s", s->user);
	if ((fd = evidence_open_in(s, rq->path, m, err)) < 0)
		return -1;
	buf = xmalloc(EVIDENCE_CHUNK);
	if ((first = fd_read_full(fd, buf, EVIDENCE_CHUNK)) < 0) {
		rc = err_set(err, _("reading %s: %s"), rq->path, strerror(errno));
	} else {
		snprintf(m->type, sizeof m->type, "%s",
		    evidence_sniff(buf, (size_t)first));
		a.fd = fd;
		a.buf = buf;
		a.first = (size_t)first;
		rc = ops_tx(s, &def, &a, err);
	}
	close(fd);
	free(buf);
	return rc;
}

int
ops_evidence_list(struct session *s, evidence_row_fn fn, void *arg, char **err)
{
	return evidence_list(s->v, fn, arg, err);
}

int
ops_evidence_info(struct session *s, int64_t id, struct evidence_meta *m,
    char **err)
{
	int found = evidence_get(s->v, id, m, err);

	if (found == 0)
		return err_set(err, _("no evidence with id %lld: see 'evidence list'"),
		    (long long)id);
	return found < 0 ? -1 : 0;
}

/* Copies the blob to fd chunk by chunk; got receives the copy's hash. */
static int
evidence_stream_out(struct session *s, const struct evidence_meta *m, int fd,
    const char *out, char got[65], char **err)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char *buf = xmalloc(EVIDENCE_CHUNK);
	struct evidence_body *body = NULL;
	int64_t off = 0;
	int rc = evidence_open_body(s->v, m->id, &body, err);

	if (rc == 0 && evidence_body_size(body) != m->size)
		rc = err_set(err, ngettext("evidence %lld is damaged: it holds "
		    "%d byte, %lld were stored", "evidence %lld is damaged: it "
		    "holds %d bytes, %lld were stored",
		    (unsigned long)evidence_body_size(body)), (long long)m->id,
		    (int)evidence_body_size(body), (long long)m->size);
	if (rc == 0 && (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1))
		rc = err_set(err, _("SHA-256 is not available"));
	while (rc == 0 && off < m->size) {
		int n = m->size - off > EVIDENCE_CHUNK ? EVIDENCE_CHUNK :
		    (int)(m->size - off);

		if (evidence_body_read(body, buf, (size_t)n, off, err) < 0)
			rc = -1;
		else if (fd_write_all(fd, buf, (size_t)n) < 0)
			rc = err_set(err, _("writing %s: %s"), out, strerror(errno));
		else
			EVP_DigestUpdate(md, buf, (size_t)n);
		off += n;
	}
	if (rc == 0)
		evidence_hex(md, got);
	evidence_body_close(body, NULL);
	EVP_MD_CTX_free(md);
	free(buf);
	return rc;
}

/* A damaged blob is itself evidence: recorded in a transaction of its own,
 * since the copy's was rolled back. */
static void
evidence_note_damage(struct session *s, const struct evidence_meta *m,
    const char *subject, const char *got)
{
	char *detail = xasprintf("result=damaged expected=%s got=%s", m->sha256,
	    got);

	(void)ops_tx_audit(s, "", "evidence.get", subject, detail, NULL);
	free(detail);
}

/* got receives the copy's hash; a copy that differs from the record is
 * refused (the caller records the damage once this is rolled back). */
static int
evidence_get_tx(struct session *s, const struct evidence_meta *m, int fd,
    const char *out, char got[65], char **err)
{
	char subject[32], *detail, *masked;
	const char *base = strrchr(out, '/');
	int rc;

	snprintf(subject, sizeof subject, "evidence:%lld", (long long)m->id);
	if (evidence_stream_out(s, m, fd, out, got, err) < 0)
		return -1;
	if (strcmp(got, m->sha256) != 0)
		return err_set(err, _("EVIDENCE %lld IS DAMAGED: its SHA-256 is %s, "
		    "but %s was recorded when it was added. The copy was removed. "
		    "Check the audit log and restore the vault from a backup"),
		    (long long)m->id, got, m->sha256);
	if (fsync(fd) < 0)
		return err_set(err, _("writing %s: %s"), out, strerror(errno));
	masked = redact_numbers(base ? base + 1 : out);
	detail = xasprintf("sha256=%s size=%lld out=%s", got, (long long)m->size,
	    masked);
	rc = ops_audit(s, "", "evidence.get", subject, detail, err);
	free(detail);
	free(masked);
	return rc;
}

/* The copy is written as OUT.tmp and takes its name only after its audit
 * record commits (publish), so no copy exists under its name that the log
 * does not know, even when the run is killed. */
struct evidence_get {
	int64_t id;
	const char *out;
	struct evidence_meta *m;
	char *tmp;	/* OUT.tmp, ours to remove */
	char got[65];	/* the copy's SHA-256 */
};

static int
evidence_get_body(struct session *s, void *arg, char **err)
{
	struct evidence_get *g = arg;
	struct stat st;
	int fd, rc;

	if (ops_evidence_info(s, g->id, g->m, err) < 0)
		return -1;
	if (lstat(g->out, &st) == 0)
		return err_set(err, _("%s already exists: mynadesk never "
		    "overwrites a file; choose another name"), g->out);
	/* A killed run's OUT.tmp was never named, so it is not evidence. */
	(void)unlink(g->tmp);
	fd = open(g->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return err_set(err, _("cannot create %s: %s"), g->tmp,
		    strerror(errno));
	rc = evidence_get_tx(s, g->m, fd, g->out, g->got, err);
	if (close(fd) < 0 && rc == 0)
		rc = err_set(err, _("writing %s: %s"), g->out, strerror(errno));
	return rc;
}

static int
evidence_get_publish(void *arg, char **err)
{
	struct evidence_get *g = arg;

	return file_publish(g->tmp, g->out, err);
}

/* No copy without its audit record, and no half copy. */
static void
evidence_get_discard(void *arg)
{
	(void)unlink(((struct evidence_get *)arg)->tmp);
}

int
ops_evidence_get(struct session *s, int64_t id, const char *out,
    struct evidence_meta *m, char **err)
{
	static const struct ops_tx_def def = { evidence_get_body,
	    evidence_get_publish, evidence_get_discard };
	struct evidence_get g = { id, out, m, NULL, "" };
	char subject[32];
	int rc;

	if (out == NULL || out[0] == '\0')
		return err_set(err, _("give --out FILE: where to write the copy"));
	g.tmp = xasprintf("%s.tmp", out);
	rc = ops_tx(s, &def, &g, err);
	free(g.tmp);
	if (rc == 0)
		return 0;
	/* A damaged blob is itself evidence, in a transaction of its own. */
	if (g.got[0] != '\0' && strcmp(g.got, m->sha256) != 0) {
		snprintf(subject, sizeof subject, "evidence:%lld", (long long)m->id);
		evidence_note_damage(s, m, subject, g.got);
	}
	return -1;
}
