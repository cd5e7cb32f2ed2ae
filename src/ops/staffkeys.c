/* Staff keys: audited changes to the service account's authorized_keys. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/staffkeys.h"
#include "ops/tx.h"
#include "store/users.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define AUTHKEYS_MAX (1024 * 1024)

static int
staffkeys_authorise(struct session *s, struct witness *c, char **err)
{
	int need;

	if (ops_require_role(s, "admin", err) < 0 ||
	    (need = ops_needs_checker(s, err)) < 0)
		return -1;
	if (need && ops_witness_use(s, c, NULL, err) < 0)
		return -1;
	return 0;
}

static int
staffkeys_path(const struct svcconf *c, char **err)
{
	if (c->authorized_keys[0] == '\0')
		return err_set(err, _("authorized_keys is not set in the service "
		    "configuration"));
	return 0;
}

/* The current file's text ("" when it does not exist yet). */
static int
staffkeys_read(const struct svcconf *c, char **text, char **err)
{
	size_t len;

	if (staffkeys_path(c, err) < 0)
		return -1;
	if (access(c->authorized_keys, F_OK) != 0 && errno == ENOENT) {
		*text = xstrdup("");
		return 0;
	}
	return readfile_all(c->authorized_keys, AUTHKEYS_MAX, text, &len, err);
}

struct staffkeys_new {
	const char *path;
	char *text;
	const char *actor2, *action, *subject, *detail;
};

/* Replaces the file whole (a new file, fsynced, renamed over), keeping
 * the old one's owner: sshd reads it as the service account. */
static int
staffkeys_publish(void *arg, char **err)
{
	struct staffkeys_new *nw = arg;
	char *tmp = xasprintf("%s.new", nw->path);
	size_t n = strlen(nw->text);
	struct stat st;
	int fd, rc = 0;

	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, nw->text, n) != (ssize_t)n || fsync(fd) < 0 ||
	    (lstat(nw->path, &st) == 0 && geteuid() == 0 &&
	    fchown(fd, st.st_uid, st.st_gid) < 0) || rename(tmp, nw->path) < 0)
		rc = err_set(err, _("cannot write %s: %s"), nw->path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		(void)unlink(tmp);
	free(tmp);
	return rc;
}

/* The audit record of the change; the file follows once it is saved. */
static int
staffkeys_record(struct session *s, void *arg, char **err)
{
	const struct staffkeys_new *nw = arg;

	return ops_audit(s, nw->actor2, nw->action, nw->subject, nw->detail, err);
}

/* Takes nw->text (allocated) and frees it. */
static int
staffkeys_commit(struct session *s, struct staffkeys_new *nw, char **err)
{
	static const struct ops_tx_def def = { staffkeys_record,
	    staffkeys_publish, NULL };
	int rc = ops_tx(s, &def, nw, err);

	free(nw->text);
	return rc;
}

static int
staffkeys_active_user(struct session *s, const char *name, char **err)
{
	struct user u;
	int found = users_get(s->v, name, &u, err), rc = 0;

	if (found < 0)
		return -1;
	if (found == 0)
		return err_set(err, _("no user '%s'"), name);
	if (strcmp(u.status, "active") != 0)
		rc = err_set(err, _("user %s is not active"), name);
	users_clear(&u);
	return rc;
}

/* Whether any line of text already holds the key. */
static int
staffkeys_has(const char *text, const struct staffkey *k)
{
	char *copy = xstrdup(text), *line, *next;
	int found = 0;

	for (line = copy; line != NULL && !found; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		found = staffkey_in_line(line, k);
	}
	free(copy);
	return found;
}

int
ops_staffkey_add(struct session *s, const struct svcconf *c,
    const char *name, const char *keytext, struct witness *chk,
    struct staffkey *added, char **err)
{
	struct staffkeys_new nw = { c->authorized_keys, NULL,
	    ops_witness_name(chk), "staffkey.add", name, NULL };
	char *text = NULL, *line, *detail;
	int rc;

	if (staffkey_parse(keytext, added, err) < 0 ||
	    staffkeys_authorise(s, chk, err) < 0 ||
	    staffkeys_active_user(s, name, err) < 0 ||
	    staffkeys_read(c, &text, err) < 0)
		return -1;
	if (staffkeys_has(text, added)) {
		free(text);
		return err_set(err, _("this key is already in %s"), c->authorized_keys);
	}
	line = staffkey_line(c->command, name, added);
	nw.text = xasprintf("%s%s%s", text, text[0] &&
	    text[strlen(text) - 1] != '\n' ? "\n" : "", line);
	free(line);
	free(text);
	detail = xasprintf("type=%s fingerprint=%s", added->type,
	    added->fingerprint);
	nw.detail = detail;
	rc = staffkeys_commit(s, &nw, err);
	free(detail);
	return rc;
}

/* The text without name's lines; *n counts them. */
static char *
staffkeys_without(const char *text, const char *name, int *n)
{
	char *copy = xstrdup(text), *line, *next, who[64];
	size_t cap = strlen(text) + 1, len = 0;
	char *out = xmalloc(cap);
	struct staffkey k;

	*n = 0;
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (staffkey_ours(line, who, sizeof who, &k) &&
		    strcmp(who, name) == 0) {
			(*n)++;
			continue;
		}
		len += (size_t)snprintf(out + len, cap - len, "%s\n", line);
	}
	out[len] = '\0';
	free(copy);
	return out;
}

/* Removes name's keys with a record; actor2 is the second person, if any. */
static int
staffkeys_remove(struct session *s, const struct svcconf *c, const char *name,
    const char *actor2, const char *why, int *removed, char **err)
{
	struct staffkeys_new nw = { c->authorized_keys, NULL, actor2,
	    "staffkey.remove", name, NULL };
	char *text = NULL, *detail;
	int rc;

	if (staffkeys_read(c, &text, err) < 0)
		return -1;
	nw.text = staffkeys_without(text, name, removed);
	free(text);
	if (*removed == 0) {
		free(nw.text);
		return 1;
	}
	detail = xasprintf("keys=%d%s", *removed, why);
	nw.detail = detail;
	rc = staffkeys_commit(s, &nw, err);
	free(detail);
	return rc;
}

int
ops_staffkey_remove(struct session *s, const struct svcconf *c,
    const char *name, struct witness *chk, int *removed, char **err)
{
	int rc;

	if (staffkeys_authorise(s, chk, err) < 0)
		return -1;
	rc = staffkeys_remove(s, c, name, ops_witness_name(chk), "",
	    removed, err);
	if (rc == 1)
		return err_set(err, _("%s has no key in %s"), name, c->authorized_keys);
	return rc;
}

int
ops_staffkey_drop_locked(struct session *s, const struct svcconf *c,
    const char *name, int *removed, char **err)
{
	struct user u;
	int found, locked;

	*removed = 0;
	if (ops_require_role(s, "admin", err) < 0)
		return -1;
	if ((found = users_get(s->v, name, &u, err)) <= 0)
		return found < 0 ? -1 : err_set(err, _("no user '%s'"), name);
	locked = strcmp(u.status, "locked") == 0;
	users_clear(&u);
	if (!locked)
		return err_set(err, _("user %s is not locked"), name);
	return staffkeys_remove(s, c, name, "", " reason=user.lock", removed,
	    err) < 0 ? -1 : 0;
}

int
ops_staffkey_list(struct session *s, const struct svcconf *c,
    void (*fn)(const char *name, const struct staffkey *k, void *arg),
    void *arg, char **err)
{
	char *text = NULL, *line, *next, who[64];
	struct staffkey k;

	(void)s;
	if (staffkeys_read(c, &text, err) < 0)
		return -1;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (staffkey_ours(line, who, sizeof who, &k))
			fn(who, &k, arg);
	}
	free(text);
	return 0;
}
