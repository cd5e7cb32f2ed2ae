/* Failed logins must be counted before the vault can be opened (a wrong
 * password cannot decrypt anything), so they live in a small plain file,
 * vault.lockout. The first successful open afterwards moves the events into
 * the audit log. An attacker who can delete this file can also attack the
 * key slots offline; the counter guards the console, not the disk.
 *
 * An attempt is counted before it is tried (lockout_begin) and forgiven
 * after it succeeds, so parallel attempts cannot slip past the count, and an
 * attempt whose count cannot be written is not made at all. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store/lockout.h"
#include "util/xmalloc.h"

#define LOCKOUT_MAX_FILE (1024 * 1024)
#define LOCKOUT_MAX_EVENTS 10000

int lockout_delay_ms = 250;

long
lockout_delay_for(int failures)
{
	long d = lockout_delay_ms;
	int i;

	if (failures <= 0 || d <= 0)
		return 0;
	for (i = 1; i < failures && d < LOCKOUT_DELAY_MAX_MS; i++)
		d *= 2;
	return d > LOCKOUT_DELAY_MAX_MS ? LOCKOUT_DELAY_MAX_MS : d;
}

static long long
lockout_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
lockfile_acquire(const char *dir)
{
	char *path = xasprintf("%s/vault.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	free(path);
	if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void
lockfile_release(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}

static struct lockout_count *
lockout_find(struct lockout_state *s, const char *name, int create)
{
	int i;

	for (i = 0; i < s->ncounts; i++)
		if (strcmp(s->counts[i].name, name) == 0)
			return &s->counts[i];
	if (!create)
		return NULL;
	s->counts = xrealloc(s->counts, (size_t)(s->ncounts + 1) * sizeof *s->counts);
	memset(&s->counts[s->ncounts], 0, sizeof *s->counts);
	snprintf(s->counts[s->ncounts].name, sizeof s->counts->name, "%s", name);
	return &s->counts[s->ncounts++];
}

/* Damaged lines are skipped: a broken counter file must not stop the office
 * from logging in; it can only forget failures. */
void
lockout_parse(const char *text, struct lockout_state *s)
{
	const char *p = text;

	memset(s, 0, sizeof *s);
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len), name[64], ts[32], kind[16];
		long long last = 0;
		int n, k;

		if ((k = sscanf(line, "count %63s %d %lld", name, &n, &last)) >= 2 &&
		    n >= 0 && n < 1000000) {
			struct lockout_count *c = lockout_find(s, name, 1);

			c->n = n;
			c->last_ms = k == 3 && last > 0 ? last : 0;
		}
		else if (sscanf(line, "event %31s %63s %15s", ts, name, kind) == 3 &&
		    s->nevents < LOCKOUT_MAX_EVENTS) {
			s->events = xrealloc(s->events,
			    (size_t)(s->nevents + 1) * sizeof *s->events);
			snprintf(s->events[s->nevents].ts, sizeof ts, "%s", ts);
			snprintf(s->events[s->nevents].name, sizeof name, "%s", name);
			snprintf(s->events[s->nevents].kind, sizeof kind, "%s", kind);
			s->nevents++;
		}
		free(line);
		p += len + (nl ? 1 : 0);
	}
}

char *
lockout_format(const struct lockout_state *s)
{
	char *out = xstrdup(""), *t;
	int i;

	for (i = 0; i < s->ncounts; i++) {
		if (s->counts[i].n == 0)
			continue;
		if (s->counts[i].last_ms > 0)
			t = xasprintf("%scount %s %d %lld\n", out, s->counts[i].name,
			    s->counts[i].n, s->counts[i].last_ms);
		else
			t = xasprintf("%scount %s %d\n", out, s->counts[i].name,
			    s->counts[i].n);
		free(out);
		out = t;
	}
	for (i = 0; i < s->nevents; i++) {
		t = xasprintf("%sevent %s %s %s\n", out, s->events[i].ts,
		    s->events[i].name, s->events[i].kind);
		free(out);
		out = t;
	}
	return out;
}

void
lockout_state_free(struct lockout_state *s)
{
	free(s->counts);
	free(s->events);
	memset(s, 0, sizeof *s);
}

static void
lockout_load(const char *dir, struct lockout_state *s)
{
	char *path = xasprintf("%s/vault.lockout", dir);
	char *buf = xmalloc(LOCKOUT_MAX_FILE + 1);
	FILE *f = fopen(path, "rb");
	size_t n = 0;

	if (f != NULL) {
		n = fread(buf, 1, LOCKOUT_MAX_FILE, f);
		fclose(f);
	}
	buf[n] = '\0';
	lockout_parse(buf, s);
	free(buf);
	free(path);
}

/* -1 when the new state could not be written (full disk, no rights). */
static int
lockout_save(const char *dir, const struct lockout_state *s)
{
	char *path = xasprintf("%s/vault.lockout", dir);
	char *tmp = xasprintf("%s/vault.lockout.tmp", dir);
	char *text = lockout_format(s);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600), rc = -1;

	if (fd >= 0) {
		size_t len = strlen(text);

		if (write(fd, text, len) == (ssize_t)len && fsync(fd) == 0 &&
		    rename(tmp, path) == 0)
			rc = 0;
		close(fd);
		if (rc < 0)
			unlink(tmp);
	}
	free(text);
	free(tmp);
	free(path);
	return rc;
}

static void
lockout_add_event(struct lockout_state *s, const char *name, const char *kind)
{
	struct lockout_event *e;
	time_t t = time(NULL);
	struct tm tm;

	if (s->nevents >= LOCKOUT_MAX_EVENTS)
		return;
	s->events = xrealloc(s->events, (size_t)(s->nevents + 1) * sizeof *s->events);
	e = &s->events[s->nevents++];
	gmtime_r(&t, &tm);
	strftime(e->ts, sizeof e->ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(e->name, sizeof e->name, "%s", name);
	snprintf(e->kind, sizeof e->kind, "%s", kind);
}

/* At the limit, unless name is the one administrator (of those in keep)
 * that is not: the office must never lose its last administrator to
 * someone guessing a name. */
static int
lockout_is_locked(struct lockout_state *s, const char *name,
    char (*const keep)[64], size_t nkeep)
{
	struct lockout_count *c = lockout_find(s, name, 0);
	size_t i;
	int kept = 0;

	if (c == NULL || c->n < LOCKOUT_LIMIT)
		return 0;
	for (i = 0; i < nkeep; i++)
		if (strcmp(keep[i], name) == 0)
			kept = 1;
	if (!kept)
		return 1;
	for (i = 0; i < nkeep; i++) {
		struct lockout_count *o = lockout_find(s, keep[i], 0);

		if (strcmp(keep[i], name) != 0 && (o == NULL || o->n < LOCKOUT_LIMIT))
			return 1;
	}
	return 0;
}

static void
lockout_sleep_ms(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int
lockout_begin(const char *dir, const char *name, char (*const keep)[64],
    size_t nkeep)
{
	for (;;) {
		struct lockout_state s;
		struct lockout_count *c;
		long long now = lockout_now_ms(), wait;
		int fd = lockfile_acquire(dir), rc;

		if (fd < 0)
			return LOCKOUT_EWRITE;
		lockout_load(dir, &s);
		if (lockout_is_locked(&s, name, keep, nkeep)) {
			lockout_add_event(&s, name, "refused");
			(void)lockout_save(dir, &s);
			lockout_state_free(&s);
			lockfile_release(fd);
			return LOCKOUT_LOCKED;
		}
		c = lockout_find(&s, name, 1);
		wait = c->last_ms + lockout_delay_for(c->n) - now;
		/* A clock set back must not turn the wait into hours. */
		if (wait > lockout_delay_for(c->n))
			wait = lockout_delay_for(c->n);
		if (wait > 0) {
			lockout_state_free(&s);
			lockfile_release(fd);
			lockout_sleep_ms(wait);
			continue;
		}
		c->n++;
		c->last_ms = now;
		rc = lockout_save(dir, &s);
		lockout_state_free(&s);
		lockfile_release(fd);
		return rc < 0 ? LOCKOUT_EWRITE : LOCKOUT_GO;
	}
}

void
lockout_fail(const char *dir, const char *name)
{
	struct lockout_state s;
	struct lockout_count *c;
	int fd = lockfile_acquire(dir);

	lockout_load(dir, &s);
	/* The wait runs from the failure, not from the start of the attempt,
	 * so that a slow password check does not use it up. */
	if ((c = lockout_find(&s, name, 0)) != NULL)
		c->last_ms = lockout_now_ms();
	lockout_add_event(&s, name, "failed");
	(void)lockout_save(dir, &s);
	lockout_state_free(&s);
	lockfile_release(fd);
}

int
lockout_count(const char *dir, const char *name)
{
	struct lockout_state s;
	struct lockout_count *c;
	int fd = lockfile_acquire(dir), n;

	lockout_load(dir, &s);
	c = lockout_find(&s, name, 0);
	n = c ? c->n : 0;
	lockout_state_free(&s);
	lockfile_release(fd);
	return n;
}

int
lockout_record(const char *dir, const char *name, const char *kind)
{
	struct lockout_state s;
	int fd = lockfile_acquire(dir), n = 0;

	lockout_load(dir, &s);
	if (strcmp(kind, "failed") == 0) {
		struct lockout_count *c = lockout_find(&s, name, 1);

		n = ++c->n;
		c->last_ms = lockout_now_ms();
	} else {
		struct lockout_count *c = lockout_find(&s, name, 0);

		n = c ? c->n : 0;
	}
	lockout_add_event(&s, name, kind);
	(void)lockout_save(dir, &s);
	lockout_state_free(&s);
	lockfile_release(fd);
	return n;
}

void
lockout_reset(const char *dir, const char *name)
{
	struct lockout_state s;
	struct lockout_count *c;
	int fd = lockfile_acquire(dir);

	lockout_load(dir, &s);
	if ((c = lockout_find(&s, name, 0)) != NULL && c->n != 0) {
		c->n = 0;
		(void)lockout_save(dir, &s);
	}
	lockout_state_free(&s);
	lockfile_release(fd);
}

int
lockout_peek(const char *dir, struct lockout_event **ev, int *n)
{
	struct lockout_state s;
	int fd = lockfile_acquire(dir);

	lockout_load(dir, &s);
	*ev = s.events;
	*n = s.nevents;
	free(s.counts);
	lockfile_release(fd);
	return 0;
}

void
lockout_drop(const char *dir, int n)
{
	struct lockout_state s;
	int fd = lockfile_acquire(dir);

	lockout_load(dir, &s);
	/* Events recorded since the peek stay, at the end of the list. */
	if (n > s.nevents)
		n = s.nevents;
	if (n > 0) {
		memmove(s.events, s.events + n,
		    (size_t)(s.nevents - n) * sizeof *s.events);
		s.nevents -= n;
		(void)lockout_save(dir, &s);
	}
	lockout_state_free(&s);
	lockfile_release(fd);
}
