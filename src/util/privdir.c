/* The private scratch folder. The signal handler uses only calls that are
 * safe in a handler (open, write, close, unlink, rmdir) on paths prepared
 * before it was installed. SIGKILL (or a power cut on a disk-backed /tmp)
 * runs no handler: each folder is held by an flock of its process, which
 * the kernel drops when the process dies, and every start removes the
 * folders nobody holds. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <sys/file.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/privdir.h"
#include "util/xmalloc.h"

static const int privdir_sigs[] = { SIGINT, SIGTERM, SIGHUP };
#define PRIVDIR_NSIGS 3

static struct sigaction privdir_old[PRIVDIR_NSIGS];
static const char *volatile privdir_dir;
static char *const *volatile privdir_files;
static volatile size_t privdir_nfiles;

/* Folders of this process and the descriptors holding their locks. */
#define PRIVDIR_HELD 8
static struct {
	char *dir;
	int fd;
} privdir_held[PRIVDIR_HELD];

static const char *
privdir_base(void)
{
	const char *base = getenv("TMPDIR");
	struct stat sb;

	if (base == NULL || base[0] != '/')
		base = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
	return base;
}

/* Locks the new folder for as long as this process lives; 0 when it is
 * held, -1 when a sweep removed it in the moment before the lock. */
static int
privdir_lock(const char *dir)
{
	struct stat sb;
	int fd, i;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	if (flock(fd, LOCK_EX) < 0 || fstat(fd, &sb) < 0 || sb.st_nlink == 0) {
		close(fd);
		return -1;
	}
	for (i = 0; i < PRIVDIR_HELD; i++)
		if (privdir_held[i].dir == NULL) {
			privdir_held[i].dir = xstrdup(dir);
			privdir_held[i].fd = fd;
			return 0;
		}
	close(fd);	/* more folders than kept at once: unheld, still 0700 */
	return 0;
}

static void
privdir_unlock(const char *dir)
{
	int i;

	for (i = 0; i < PRIVDIR_HELD; i++)
		if (privdir_held[i].dir != NULL &&
		    strcmp(privdir_held[i].dir, dir) == 0) {
			close(privdir_held[i].fd);
			free(privdir_held[i].dir);
			privdir_held[i].dir = NULL;
		}
}

int
privdir_new(char **dir, char **err)
{
	const char *base;
	char *t = NULL;
	int tries;

	privdir_sweep();
	base = privdir_base();
	for (tries = 0; tries < 3; tries++) {
		t = xasprintf("%s/mynadesk-XXXXXX", base);
		/* mkdtemp makes the folder with mode 0700. */
		if (mkdtemp(t) == NULL) {
			err_set(err, _("cannot make a private folder in %s: %s"),
			    base, strerror(errno));
			free(t);
			return -1;
		}
		if (privdir_lock(t) == 0)
			break;
		rmdir(t);
		free(t);
		t = NULL;
	}
	if (t == NULL)
		return err_set(err, _("cannot make a private folder in %s: %s"),
		    base, _("it was removed as it was made"));
	*dir = t;
	return 0;
}

/* A leftover of ours: named as privdir_new names them, a real folder (no
 * link), owned by this user, and held by no living process. An empty one
 * younger than a minute may be another start's, between making and
 * locking: it holds nothing yet and is left. */
static void
privdir_sweep_one(int dfd, const char *base, const char *name)
{
	struct stat sb;
	char *path;
	int fd;

	if (strncmp(name, "mynadesk-", 9) != 0 || strlen(name) != 15 ||
	    fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
		return;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && (sb.st_nlink > 2 ||
	    sb.st_size > 0 || time(NULL) - sb.st_mtime > 60)) {
		DIR *d = fdopendir(dup(fd));
		struct dirent *e;
		int empty = 1;

		while (d != NULL && (e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				empty = 0;
		if (d != NULL)
			closedir(d);
		if (!empty || time(NULL) - sb.st_mtime > 60) {
			path = xasprintf("%s/%s", base, name);
			privdir_remove(path);
			free(path);
		}
	}
	close(fd);
}

void
privdir_sweep(void)
{
	const char *bases[3] = { getenv("TMPDIR"), "/dev/shm", "/tmp" };
	struct dirent *e;
	DIR *d;
	int i, j, seen;

	for (i = 0; i < 3; i++) {
		if (bases[i] == NULL || bases[i][0] != '/')
			continue;
		for (j = 0, seen = 0; j < i; j++)
			seen |= bases[j] != NULL && strcmp(bases[j], bases[i]) == 0;
		if (seen || (d = opendir(bases[i])) == NULL)
			continue;
		while ((e = readdir(d)) != NULL)
			privdir_sweep_one(dirfd(d), bases[i], e->d_name);
		closedir(d);
	}
}

static void
privdir_set(sigset_t *set)
{
	int i;

	sigemptyset(set);
	for (i = 0; i < PRIVDIR_NSIGS; i++)
		sigaddset(set, privdir_sigs[i]);
}

void
privdir_hold(sigset_t *old)
{
	sigset_t set;

	privdir_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

void
privdir_release(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Zeros over a regular file's bytes, then unlink. */
static void
privdir_wipe(const char *path)
{
	static const char zero[4096];
	struct stat sb;
	off_t left;
	ssize_t w;
	int fd;

	if ((fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
			for (left = sb.st_size; left > 0; left -= w)
				if ((w = write(fd, zero, left < (off_t)sizeof zero ?
				    (size_t)left : sizeof zero)) <= 0)
					break;
		fsync(fd);
		close(fd);
	}
	unlink(path);
}

static void
privdir_on_signal(int sig)
{
	char up[PATH_MAX], *slash;
	size_t i, n, root = strlen(privdir_dir);

	for (i = 0; i < privdir_nfiles; i++) {
		privdir_wipe(privdir_files[i]);
		/* The member's sub-folders, deepest first, down to the folder. */
		n = strlen(privdir_files[i]);
		if (n >= sizeof up)
			continue;
		memcpy(up, privdir_files[i], n + 1);
		while ((slash = strrchr(up, '/')) != NULL &&
		    (size_t)(slash - up) > root) {
			*slash = '\0';
			rmdir(up);
		}
	}
	rmdir(privdir_dir);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
privdir_guard(const char *dir, char *const *files, size_t n)
{
	struct sigaction sa;
	int i;

	privdir_dir = dir;
	privdir_files = files;
	privdir_nfiles = n;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = privdir_on_signal;
	privdir_set(&sa.sa_mask);
	for (i = 0; i < PRIVDIR_NSIGS; i++)
		sigaction(privdir_sigs[i], &sa, &privdir_old[i]);
}

void
privdir_unguard(void)
{
	int i;

	for (i = 0; i < PRIVDIR_NSIGS; i++)
		sigaction(privdir_sigs[i], &privdir_old[i], NULL);
	privdir_nfiles = 0;
	privdir_files = NULL;
	privdir_dir = NULL;
}

static int
privdir_rm(const char *path, const struct stat *sb, int type, struct FTW *f)
{
	(void)sb;
	(void)f;
	if (type == FTW_DP)
		rmdir(path);
	else if (type == FTW_F)
		privdir_wipe(path);
	else
		unlink(path);
	return 0;
}

void
privdir_remove(const char *dir)
{
	if (dir == NULL)
		return;
	nftw(dir, privdir_rm, 16, FTW_DEPTH | FTW_PHYS);
	privdir_unlock(dir);
}
