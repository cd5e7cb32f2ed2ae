/* What the benchmark programs share: a monotonic clock and a way out. */
#ifndef MYNA_BENCH_UTIL_H
#define MYNA_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* BENCH_NAME names the program in the message. */
static inline void
die(const char *what, const char *err)
{
	fprintf(stderr, "%s: %s: %s\n", BENCH_NAME, what, err ? err : "?");
	exit(1);
}

#endif
