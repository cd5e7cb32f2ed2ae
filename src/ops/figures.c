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
	 * change meanwhile); the vault's key and directory stay borrowed. */
	struct session s;
	struct vault v;
	pthread_t thread;
	pthread_mutex_t mu;	/* guards db, cancelled and done */
	sqlite3 *db;		/* the job's own connection while it counts */
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
 * session differs only in its vault's connection. */
static int
figures_count(struct session *s, sqlite3 *db, struct figures *f, char **err)
{
	int64_t seq;

	s->v->db = db;
	memset(f, 0, sizeof *f);
	if (ops_dashboard_fresh(s, &f->d, &f->p, err) < 0 ||
	    ops_jlis_held(s, figures_count_held, &f->held, err) < 0 ||
	    users_count_active(db, NULL, &f->users_active, err) < 0 ||
	    audit_head(db, &seq, f->head, err) < 0)
		return -1;
	f->audit_count = seq;
	return 0;
}

/* Publishes the connection so that a cancel can interrupt it; says
 * whether the job is still wanted. */
static int
figures_publish(struct figures_job *j, sqlite3 *db)
{
	int wanted;

	pthread_mutex_lock(&j->mu);
	j->db = db;
	wanted = !j->cancelled;
	pthread_mutex_unlock(&j->mu);
	return wanted;
}

static void *
figures_main(void *arg)
{
	struct figures_job *j = arg;
	sqlite3 *db = NULL;

	j->rc = vault_open_reader(&j->v, &db, &j->err);
	if (j->rc == 0 && figures_publish(j, db))
		j->rc = figures_count(&j->s, db, &j->f, &j->err);
	(void)figures_publish(j, NULL);
	db_close(db);
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
	j->v = *s->v;
	j->s.v = &j->v;
	j->v.db = NULL;
	pthread_mutex_init(&j->mu, NULL);
	if (pthread_create(&j->thread, NULL, figures_main, j) != 0) {
		pthread_mutex_destroy(&j->mu);
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
	 * lock ensures: the worker clears db under it before closing. */
	if (j->db != NULL)
		db_interrupt(j->db);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	figures_free(j);
}
