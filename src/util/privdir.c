/* The private scratch folder. The signal handler uses only calls that are
 * safe in a handler (open, write, close, unlink, rmdir) on paths prepared
 * before it was installed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int
privdir_new(char **dir, char **err)
{
	const char *base = getenv("TMPDIR");
	struct stat sb;
	char *t;

	if (base == NULL || base[0] != '/')
		base = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
	t = xasprintf("%s/mynadesk-XXXXXX", base);
	/* mkdtemp makes the folder with mode 0700. */
	if (mkdtemp(t) == NULL) {
		err_set(err, _("cannot make a private folder in %s: %s"), base,
		    strerror(errno));
		free(t);
		return -1;
	}
	*dir = t;
	return 0;
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
	if (dir != NULL)
		nftw(dir, privdir_rm, 16, FTW_DEPTH | FTW_PHYS);
}
