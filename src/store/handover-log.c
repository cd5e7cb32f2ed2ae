/* The hand-over journal file. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/handover-log.h"
#include "store/lockout.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define HANDOVER_LOG_MAX (4 * 1024 * 1024)

int
handover_log_append(const char *dir, const struct handover_event *ev,
    char **err)
{
	char *path = xasprintf("%s/%s", dir, HANDOVER_LOG), *line;
	int lock, fd, rc = 0;
	size_t n;

	line = xasprintf("%s\t%s\t%s\t%s\t%lld\t%s\n", ev->ts, ev->staff,
	    ev->action, ev->path, ev->size, ev->sha256);
	n = strlen(line);
	lock = lockfile_acquire(dir);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, line, n) != (ssize_t)n || fsync(fd) < 0)
		rc = err_set(err, _("cannot record the hand-over in %s: %s"), path,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	lockfile_release(lock);
	free(line);
	free(path);
	return rc;
}

static int
handover_field(char **p, char *out, size_t max, int last)
{
	char *tab = last ? NULL : strchr(*p, '\t');
	size_t n = tab ? (size_t)(tab - *p) : strlen(*p);

	if ((!last && tab == NULL) || n == 0 || n >= max)
		return -1;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p += n + (tab ? 1 : 0);
	return 0;
}

int
handover_log_parse(const char *line, struct handover_event *ev)
{
	char size[24], *end, *copy = xstrdup(line), *p = copy;
	int rc = -1;

	memset(ev, 0, sizeof *ev);
	if (handover_field(&p, ev->ts, sizeof ev->ts, 0) == 0 &&
	    handover_field(&p, ev->staff, sizeof ev->staff, 0) == 0 &&
	    handover_field(&p, ev->action, sizeof ev->action, 0) == 0 &&
	    handover_field(&p, ev->path, sizeof ev->path, 0) == 0 &&
	    handover_field(&p, size, sizeof size, 0) == 0 &&
	    handover_field(&p, ev->sha256, sizeof ev->sha256, 1) == 0 &&
	    (strcmp(ev->action, "put") == 0 || strcmp(ev->action, "get") == 0) &&
	    strlen(ev->sha256) == 64) {
		errno = 0;
		ev->size = strtoll(size, &end, 10);
		rc = errno == 0 && *end == '\0' && ev->size >= 0 ? 0 : -1;
	}
	free(copy);
	if (rc < 0) {
		memset(ev, 0, sizeof *ev);
		snprintf(ev->action, sizeof ev->action, "bad");
		snprintf(ev->path, sizeof ev->path, "%.*s", 200, line);
	}
	return rc;
}

static int
handover_log_each(char *text,
    int (*fn)(const struct handover_event *ev, void *arg, char **err),
    void *arg, char **err)
{
	char *line, *next;
	struct handover_event ev;

	for (line = text; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		(void)handover_log_parse(line, &ev);
		if (fn(&ev, arg, err) < 0)
			return -1;
	}
	return 0;
}

int
handover_log_pending(const char *dir)
{
	char *path = xasprintf("%s/%s", dir, HANDOVER_LOG);
	struct stat st;
	int r = stat(path, &st) == 0 && st.st_size > 0;

	free(path);
	return r;
}

long long
handover_log_peek(const char *dir,
    int (*fn)(const struct handover_event *ev, void *arg, char **err),
    void *arg, char **err)
{
	char *path = xasprintf("%s/%s", dir, HANDOVER_LOG), *text = NULL;
	size_t len = 0;
	int lock, rc = 0;

	lock = lockfile_acquire(dir);
	if (access(path, F_OK) == 0)
		rc = readfile_all(path, HANDOVER_LOG_MAX, &text, &len, err);
	lockfile_release(lock);
	free(path);
	if (rc == 0 && text != NULL)
		rc = handover_log_each(text, fn, arg, err);
	free(text);
	return rc < 0 ? -1 : (long long)len;
}

/* Writes the journal's bytes after n to a new file and renames it over. */
static int
handover_log_rest(const char *path, const char *text, size_t len, size_t n,
    char **err)
{
	char *tmp = xasprintf("%s.new", path);
	int fd, rc = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, text + n, len - n) != (ssize_t)(len - n) ||
	    fsync(fd) < 0 || rename(tmp, path) < 0)
		rc = err_set(err, _("cannot empty %s: %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		(void)unlink(tmp);
	free(tmp);
	return rc;
}

int
handover_log_drop(const char *dir, long long n, char **err)
{
	char *path = xasprintf("%s/%s", dir, HANDOVER_LOG), *text = NULL;
	size_t len = 0;
	int lock, rc = 0;

	if (n <= 0) {
		free(path);
		return 0;
	}
	lock = lockfile_acquire(dir);
	rc = readfile_all(path, HANDOVER_LOG_MAX, &text, &len, err);
	if (rc == 0 && len < (size_t)n)
		rc = err_set(err, _("%s shrank while it was being sealed"), path);
	if (rc == 0)
		rc = handover_log_rest(path, text, len, (size_t)n, err);
	lockfile_release(lock);
	free(text);
	free(path);
	return rc;
}
