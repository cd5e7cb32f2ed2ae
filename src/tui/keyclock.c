/* The console's own key timing (keyclock.h). */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "tui/keyclock.h"

static int clock_fd = -1;
static struct timespec clock_t0;
static int clock_running;

void
keyclock_open(void)
{
	const char *path = getenv("MYNADESK_KEYCLOCK");

	if (path == NULL || path[0] == '\0' || clock_fd >= 0)
		return;
	/* O_NOFOLLOW: a name given in the environment is not followed
	 * through a link someone else planted. */
	clock_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600);
}

void
keyclock_start(void)
{
	if (clock_fd < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &clock_t0);
	clock_running = 1;
}

void
keyclock_stop(void)
{
	struct timespec t1;
	char line[32];
	long long us;
	int n;

	if (clock_fd < 0 || !clock_running)
		return;
	clock_running = 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = (long long)(t1.tv_sec - clock_t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - clock_t0.tv_nsec) / 1000;
	n = snprintf(line, sizeof line, "%lld.%03lld\n", us / 1000, us % 1000);
	/* One write per line, so a reader never sees half of one; a failed
	 * write loses a figure, never the console. */
	if (n > 0 && write(clock_fd, line, (size_t)n) < 0)
		return;
}

void
keyclock_close(void)
{
	if (clock_fd >= 0)
		close(clock_fd);
	clock_fd = -1;
}
