/* The console's figures counted on a thread of their own, with a read-only
 * connection: at 400,000 persons a count takes about a second (a pass over
 * persons and their numbers, and the registration marks), and a key that
 * opened home or the registration area used to wait for it. The console
 * draws at once and shows the figures when they are in. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ops/figures.h"
#include "ops/jlis.h"
#include "store/audit.h"
#include "store/users.h"
#include "store/vault.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct figures_job {
	/* Copies made at the start, on the caller's thread (the session may
	 * change meanwhile): the session, and a reader for the vault. */
	struct session s;
	pthread_t thread;
	pthread_mutex_t mu;	/* guards live, cancelled and done */
	struct vault *live;	/* the reader while its connection counts */
	int cancelled, done;
	struct figures f;
	int rc;
	char *err;
};

static int
figures_count_held(const struct jlis_held_row *h, void *arg)
{
	(void)h;
	(*(long long *)arg)++;
	return 0;
}

/* The counts, through the same ops as on the main connection: the job's
 * session differs only in its vault, a reader. */
static int
figures_count(struct session *s, struct figures *f, char **err)
{
	int64_t seq;

	memset(f, 0, sizeof *f);
	if (ops_dashboard_fresh(s, &f->d, &f->p, err) < 0 ||
	    ops_jlis_held(s, figures_count_held, &f->held, err) < 0 ||
	    users_count_active(s->v, NULL, &f->users_active, err) < 0 ||
	    audit_head(s->v, &seq, f->head, err) < 0)
		return -1;
	f->audit_count = seq;
	return 0;
}

/* Publishes the reader so that a cancel can interrupt it; says
 * whether the job is still wanted. */
static int
figures_publish(struct figures_job *j, struct vault *live)
{
	int wanted;

	pthread_mutex_lock(&j->mu);
	j->live = live;
	wanted = !j->cancelled;
	pthread_mutex_unlock(&j->mu);
	return wanted;
}

/* Linux gives each thread its own nice value: the count yields the two
 * cores of an office PC to the thread answering the clerk's keys, which
 * waited behind it (at 400,000 persons a key pressed during a recount took
 * 21 ms at p99, a key that only redraws 5 ms). Best effort: a count at normal
 * priority is only slower to answer keys. */
static void
figures_yield(void)
{
#ifdef __linux__
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
}

static void *
figures_main(void *arg)
{
	struct figures_job *j = arg;

	figures_yield();
	j->rc = vault_reader_connect(j->s.v, &j->err);
	if (j->rc == 0 && figures_publish(j, j->s.v))
		j->rc = figures_count(&j->s, &j->f, &j->err);
	(void)figures_publish(j, NULL);
	vault_close(j->s.v);
	j->s.v = NULL;
	pthread_mutex_lock(&j->mu);
	j->done = 1;
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

struct figures_job *
ops_figures_start(struct session *s, char **err)
{
	struct figures_job *j = xcalloc(1, sizeof *j);

	j->s = *s;
	j->s.v = vault_reader(s->v);
	pthread_mutex_init(&j->mu, NULL);
	if (pthread_create(&j->thread, NULL, figures_main, j) != 0) {
		pthread_mutex_destroy(&j->mu);
		vault_close(j->s.v);
		free(j);
		err_set(err, "%s", _("cannot start a thread to count the figures"));
		return NULL;
	}
	return j;
}

int
ops_figures_ready(struct figures_job *j)
{
	int done;

	pthread_mutex_lock(&j->mu);
	done = j->done;
	pthread_mutex_unlock(&j->mu);
	return done;
}

/* The thread has ended (joined). */
static void
figures_free(struct figures_job *j)
{
	pthread_mutex_destroy(&j->mu);
	free(j->err);
	free(j);
}

int
ops_figures_end(struct figures_job *j, struct figures *f, char **err)
{
	int rc;

	pthread_join(j->thread, NULL);
	rc = j->rc < 0 ? -1 : 0;
	if (rc == 0)
		*f = j->f;
	else
		err_set(err, "%s", j->err != NULL ? j->err : "?");
	figures_free(j);
	return rc;
}

void
ops_figures_cancel(struct figures_job *j)
{
	pthread_mutex_lock(&j->mu);
	j->cancelled = 1;
	/* Safe from another thread while the connection is open, which the
	 * lock ensures: the worker clears live under it before closing. */
	if (j->live != NULL)
		vault_interrupt(j->live);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	figures_free(j);
}
