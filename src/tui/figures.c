/* The figures home and the registration area show, for the vault as it
 * stands: counted by ops on a thread of their own (ops/figures.h), so that
 * the key that opens either screen draws it at once. A count starts when
 * the vault changed (by anyone) or the day turned since the last one. A
 * count overtaken by a change runs to its end all the same, and a new one
 * starts after it: dropping it for a new one, as this did first, left home
 * saying "counting" for as long as the vault changed faster than a count
 * took (about 1.7 s at 400,000 persons), so a screen willing to show
 * figures marked as older (home) always gets some. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ops/figures.h"
#include "tui/screens.h"
#include "util/xmalloc.h"

struct tui_figures {
	struct figures_job *job;
	unsigned long long job_stamp;	/* ops_dashboard_stamp at its start */
	int job_day;
	struct figures f;
	int have;		/* f (or err) is a finished count */
	unsigned long long stamp;	/* what f was counted for */
	int day;
	char err[256];		/* that count failed: this, not figures */
};

/* The deadline figure moves with the local day. */
static int
figures_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return tm.tm_year * 400 + tm.tm_yday;
}

/* Takes a finished count in. */
static void
figures_collect(struct tui_figures *g)
{
	char *err = NULL;

	if (g->job == NULL || !ops_figures_ready(g->job))
		return;
	g->err[0] = '\0';
	if (ops_figures_end(g->job, &g->f, &err) < 0)
		snprintf(g->err, sizeof g->err, "%s", err ? err : "?");
	free(err);
	g->job = NULL;
	g->have = 1;
	g->stamp = g->job_stamp;
	g->day = g->job_day;
}

static void
figures_start(struct tui *t, struct tui_figures *g, unsigned long long stamp,
    int day)
{
	char *err = NULL;

	g->job = ops_figures_start(t->s, &err);
	g->job_stamp = stamp;
	g->job_day = day;
	/* Said in place of the figures; tried again on the next tick. */
	if (g->job == NULL)
		snprintf(g->err, sizeof g->err, "%s", err ? err : "?");
	free(err);
}

const struct figures *
tui_figures(struct tui *t, const char **err, int *stale)
{
	struct tui_figures *g;
	unsigned long long stamp = 0;
	int day = figures_today();
	char *e = NULL;

	if (t->figures == NULL)
		t->figures = xcalloc(1, sizeof *t->figures);
	g = t->figures;
	figures_collect(g);
	/* 0 when the stamp cannot be read: never equal, so counted again. */
	if (ops_dashboard_stamp(t->s, &stamp, &e) < 0)
		stamp = 0;
	free(e);
	if (stale != NULL)
		*stale = 0;
	if (g->have && stamp != 0 && g->stamp == stamp && g->day == day) {
		*err = g->err[0] != '\0' ? g->err : NULL;
		return g->err[0] != '\0' ? NULL : &g->f;
	}
	if (g->job == NULL)
		figures_start(t, g, stamp, day);
	*err = g->job == NULL ? g->err : NULL;
	if (stale != NULL && g->job != NULL && g->have && g->err[0] == '\0') {
		*stale = 1;
		return &g->f;
	}
	return NULL;
}

int
tui_figures_counting(struct tui *t)
{
	return t->figures != NULL && t->figures->job != NULL &&
	    !ops_figures_ready(t->figures->job);
}

void
tui_figures_stop(struct tui *t)
{
	if (t->figures == NULL)
		return;
	if (t->figures->job != NULL)
		ops_figures_cancel(t->figures->job);
	free(t->figures);
	t->figures = NULL;
}
