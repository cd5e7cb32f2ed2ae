/* Hand-over folders: put, get, list, and sealing their journal. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "ops/handover.h"
#include "ops/tx.h"
#include "store/handover-log.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define HANDOVER_BUF 65536

static const char *
handover_dir(const struct svcconf *c, enum handover_box box)
{
	return box == HANDOVER_INBOX ? c->inbox : c->outbox;
}

/* Opens the folder that holds p's last part, never through a link. */
static int
handover_open_parent(const struct svcconf *c, const struct handover_path *p,
    char **err)
{
	const char *dir = handover_dir(c, p->box);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), sub;

	if (fd < 0)
		return err_set(err, _("cannot open %s: %s"), dir, strerror(errno));
	if (p->sub[0] == '\0')
		return fd;
	sub = openat(fd, p->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	close(fd);
	if (sub < 0)
		return err_set(err, _("%s/%s: not a folder: %s"),
		    handover_box_name(p->box), p->name, strerror(errno));
	return sub;
}

static const char *
handover_leaf(const struct handover_path *p)
{
	return p->sub[0] != '\0' ? p->sub : p->name;
}

static char *
handover_label(const struct handover_path *p)
{
	return p->sub[0] != '\0' ?
	    xasprintf("%s/%s/%s", handover_box_name(p->box), p->name, p->sub) :
	    xasprintf("%s/%s", handover_box_name(p->box), p->name);
}

static void
handover_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
handover_record(const struct svcconf *c, const char *staff, const char *action,
    const struct handover_path *p, const struct handover_result *r, char **err)
{
	struct handover_event ev;
	char *label = handover_label(p);
	int rc;

	memset(&ev, 0, sizeof ev);
	handover_now(ev.ts, sizeof ev.ts);
	snprintf(ev.staff, sizeof ev.staff, "%s", staff);
	snprintf(ev.action, sizeof ev.action, "%s", action);
	snprintf(ev.path, sizeof ev.path, "%s", label);
	ev.size = r->size;
	memcpy(ev.sha256, r->sha256, sizeof ev.sha256);
	rc = handover_log_append(c->vault, &ev, err);
	free(label);
	return rc;
}

/* Copies in to out, hashing, up to limit bytes (-1: no limit). */
static int
handover_copy(int in, int out, long long limit, struct handover_result *r,
    char **err)
{
	unsigned char *buf = xmalloc(HANDOVER_BUF), md[32];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int rc = 0;

	r->size = 0;
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	for (;;) {
		ssize_t n = read(in, buf, HANDOVER_BUF);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(err, _("read failed: %s"), strerror(errno));
			break;
		}
		if (n == 0)
			break;
		r->size += n;
		if (limit >= 0 && r->size > limit) {
			rc = err_set(err, _("the file is larger than %lld bytes "
			    "(put_limit)"), limit);
			break;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
		if (fd_write_all(out, buf, (size_t)n) < 0) {
			rc = err_set(err, _("write failed: %s"), strerror(errno));
			break;
		}
	}
	EVP_DigestFinal_ex(ctx, md, NULL);
	EVP_MD_CTX_free(ctx);
	hex_encode(md, sizeof md, r->sha256);
	free(buf);
	return rc;
}

int
ops_handover_put(const struct svcconf *c, const char *staff,
    const struct handover_path *p, int in_fd, struct handover_result *r,
    char **err)
{
	int dir, fd, rc;

	if (p->box != HANDOVER_INBOX || p->sub[0] != '\0')
		return err_set(err, _("put: files go into inbox/NAME only"));
	if ((dir = handover_open_parent(c, p, err)) < 0)
		return -1;
	/* O_EXCL: never over an existing file, nor through a link. */
	fd = openat(dir, p->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = err_set(err, errno == EEXIST ? _("inbox/%s exists already: "
		    "choose another name") : _("cannot create inbox/%s: %s"),
		    p->name, strerror(errno));
		close(dir);
		return rc;
	}
	rc = handover_copy(in_fd, fd, c->put_limit, r, err);
	if (rc == 0 && fsync(fd) < 0)
		rc = err_set(err, _("cannot save inbox/%s: %s"), p->name,
		    strerror(errno));
	close(fd);
	if (rc == 0)
		rc = handover_record(c, staff, "put", p, r, err);
	if (rc < 0)
		(void)unlinkat(dir, p->name, 0);
	close(dir);
	return rc;
}

int
ops_handover_get(const struct svcconf *c, const char *staff,
    const struct handover_path *p, int out_fd, struct handover_result *r,
    char **err)
{
	struct handover_result pre;
	struct stat st;
	int dir, fd, rc;

	if ((dir = handover_open_parent(c, p, err)) < 0)
		return -1;
	fd = openat(dir, handover_leaf(p), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(dir);
	if (fd < 0)
		return err_set(err, _("no file %s: %s"), handover_leaf(p),
		    strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(err, _("%s is not a plain file"), handover_leaf(p));
	}
	/* Recorded (with the hash of what is there) before a byte leaves. */
	pre.size = st.st_size;
	{
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

		rc = handover_copy(fd, null, -1, &pre, err);
		if (null >= 0)
			close(null);
	}
	if (rc == 0)
		rc = handover_record(c, staff, "get", p, &pre, err);
	if (rc == 0 && lseek(fd, 0, SEEK_SET) < 0)
		rc = err_set(err, _("cannot read %s: %s"), handover_leaf(p),
		    strerror(errno));
	if (rc == 0)
		rc = handover_copy(fd, out_fd, -1, r, err);
	if (rc == 0 && strcmp(r->sha256, pre.sha256) != 0)
		rc = err_set(err, _("%s changed while it was being sent"),
		    handover_leaf(p));
	close(fd);
	return rc;
}

static int
handover_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
ops_handover_list(const struct svcconf *c, enum handover_box box,
    void (*fn)(const char *name, long long size, void *arg), void *arg,
    char **err)
{
	const char *path = handover_dir(c, box);
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;

	if (d == NULL)
		return err_set(err, _("cannot open %s: %s"), path, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!handover_name_ok(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xasprintf("%s%s\t%lld", e->d_name,
		    S_ISDIR(st.st_mode) ? "/" : "", (long long)st.st_size);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, handover_cmp);
	for (i = 0; i < n; i++) {
		char *tab = strrchr(names[i], '\t');

		*tab = '\0';
		fn(names[i], strtoll(tab + 1, NULL, 10), arg);
		free(names[i]);
	}
	free(names);
	return 0;
}

char *
ops_handover_resolve(const struct svcconf *c, const struct handover_path *p,
    int must_exist, char **err)
{
	const char *dir = handover_dir(c, p->box);
	char *label = handover_label(p), *path;
	struct stat st;
	int r;

	path = p->sub[0] != '\0' ? xasprintf("%s/%s/%s", dir, p->name, p->sub) :
	    xasprintf("%s/%s", dir, p->name);
	if (p->sub[0] != '\0') {
		char *parent = xasprintf("%s/%s", dir, p->name);

		r = lstat(parent, &st);
		free(parent);
		if (r < 0 || !S_ISDIR(st.st_mode)) {
			err_set(err, _("%s: no such folder"), label);
			goto fail;
		}
	}
	r = lstat(path, &st);
	if (must_exist && (r < 0 || S_ISLNK(st.st_mode))) {
		err_set(err, r < 0 ? _("%s: no such file") : _("%s: a link, not "
		    "followed"), label);
		goto fail;
	}
	if (!must_exist && r == 0) {
		err_set(err, _("%s exists already: choose another name"), label);
		goto fail;
	}
	free(label);
	return path;
fail:
	free(label);
	free(path);
	return NULL;
}

static const struct svcconf *handover_jail;

void
ops_handover_confine(const struct svcconf *c)
{
	handover_jail = c;
}

int
ops_handover_confined(void)
{
	return handover_jail != NULL;
}

char *
ops_handover_path(const char *typed, enum handover_use use, char **err)
{
	struct handover_path p;
	char *path;
	int out = use != HANDOVER_READ;

	if (handover_jail == NULL)
		return xstrdup(typed);
	if (handover_parse(typed, out ? HANDOVER_OUTBOX : HANDOVER_INBOX, 1, &p,
	    err) < 0)
		return NULL;
	if (out && p.box != HANDOVER_OUTBOX) {
		err_set(err, _("%s: files are written into outbox/ only"), typed);
		return NULL;
	}
	if ((path = ops_handover_resolve(handover_jail, &p, !out, err)) == NULL)
		return NULL;
	/* A folder for a package is made here, since staff cannot make one. */
	if (use == HANDOVER_WRITE_DIR && mkdir(path, 0700) < 0) {
		err_set(err, _("cannot create %s: %s"), typed, strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

struct handover_seal {
	struct session *s;
	int n;
	long long peeked;
};

static int
handover_seal_one(const struct handover_event *ev, void *arg, char **err)
{
	struct handover_seal *hs = arg;
	char *detail, action[32];
	int rc;

	snprintf(action, sizeof action, "handover.%s", ev->action);
	detail = xasprintf("size=%lld sha256=%s at=%s", ev->size, ev->sha256,
	    ev->ts);
	rc = ops_audit_as(hs->s, ev->staff[0] ? ev->staff : "system", "", action,
	    ev->path, detail, err);
	free(detail);
	hs->n++;
	return rc;
}

/* The pending events as audit records; how many were read goes to
 * hs->peeked, which the log drops once they are committed. */
static int
handover_seal_tx(struct session *s, void *arg, char **err)
{
	struct handover_seal *hs = arg;

	hs->peeked = handover_log_peek(vault_dir(s->v), handover_seal_one, hs,
	    err);
	if (hs->peeked < 0)
		return -1;
	return hs->peeked == 0 ? OPS_TX_NOTHING : 0;
}

int
ops_handover_seal(struct session *s, char **err)
{
	static const struct ops_tx_def def = { handover_seal_tx, NULL, NULL };
	struct handover_seal hs = { s, 0, 0 };
	int rc;

	if (!handover_log_pending(vault_dir(s->v)))
		return 0;
	if ((rc = ops_tx(s, &def, &hs, err)) != 0)
		return rc == OPS_TX_NOTHING ? 0 : -1;
	if (handover_log_drop(vault_dir(s->v), hs.peeked, err) < 0)
		return -1;
	return hs.n;
}
