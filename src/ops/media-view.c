/* Reading media: the list with overdue answers, one medium's timeline. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/media.h"
#include "ops/settings.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

long
ops_media_overdue_limit(struct session *s)
{
	return ops_setting(s, "answer-overdue-days");
}

struct media_list_ctx {
	media_list_fn fn;
	void *arg;
	long limit;
	char today[11];
};

static int
media_list_row(const struct media_row *m, void *arg)
{
	struct media_list_ctx *c = arg;

	return c->fn(m, media_overdue_days(m->state, m->shipped, c->today,
	    c->limit), c->arg);
}

int
ops_media_list(struct session *s, media_list_fn fn, void *arg, char **err)
{
	struct media_list_ctx c = { fn, arg, ops_media_overdue_limit(s), "" };

	media_today(c.today);
	return media_list(s->v, media_list_row, &c, err);
}

static int
media_view_add_step(const struct media_event *ev, void *arg)
{
	struct media_view *v = arg;

	v->steps = xrealloc(v->steps, (v->nsteps + 1) * sizeof *v->steps);
	memset(&v->steps[v->nsteps], 0, sizeof *v->steps);
	v->steps[v->nsteps++].ev = *ev;
	return 0;
}

static int
media_view_file(const struct media_file *f, void *arg)
{
	struct media_step_view *sv = arg;

	sv->files = xrealloc(sv->files, (sv->nfiles + 1) * sizeof *sv->files);
	sv->files[sv->nfiles++] = *f;
	return 0;
}

int
ops_media_view(struct session *s, const char *id, struct media_view *v,
    char **err)
{
	char today[11];
	size_t i;
	int found;

	memset(v, 0, sizeof *v);
	found = media_find(s->v, id, &v->m, err);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no medium '%s': see 'media "
		    "list'"), id ? id : "");
	media_today(today);
	v->overdue = media_overdue_days(v->m.state, v->m.shipped, today,
	    ops_media_overdue_limit(s));
	if (media_events(s->v, v->m.id, media_view_add_step, v, err) < 0) {
		media_view_clear(v);
		return -1;
	}
	for (i = 0; i < v->nsteps; i++)
		if (media_event_files(s->v, v->steps[i].ev.id, media_view_file,
		    &v->steps[i], err) < 0) {
			media_view_clear(v);
			return -1;
		}
	return 0;
}

const struct media_step_view *
media_view_step(const struct media_view *v, const char *step)
{
	size_t i;

	for (i = 0; i < v->nsteps; i++)
		if (strcmp(v->steps[i].ev.step, step) == 0)
			return &v->steps[i];
	return NULL;
}

void
media_view_clear(struct media_view *v)
{
	size_t i;

	for (i = 0; i < v->nsteps; i++)
		free(v->steps[i].files);
	free(v->steps);
	memset(v, 0, sizeof *v);
}

struct media_ids {
	long long *id;
	size_t n;
};

static int
media_collect_disposed(const struct media_row *m, long overdue, void *arg)
{
	struct media_ids *ids = arg;

	(void)overdue;
	if (strcmp(m->state, "disposed") == 0) {
		ids->id = xrealloc(ids->id, (ids->n + 1) * sizeof *ids->id);
		ids->id[ids->n++] = m->id;
	}
	return 0;
}

int
ops_media_disposed(struct session *s, media_view_fn fn, void *arg, char **err)
{
	struct media_ids ids = { NULL, 0 };
	struct media_view v;
	char key[32];
	size_t i;
	int rc;

	/* Collected first, so no statement is open while each is read. Oldest
	 * first, as a register is kept. */
	rc = ops_media_list(s, media_collect_disposed, &ids, err);
	for (i = ids.n; rc == 0 && i > 0; i--) {
		snprintf(key, sizeof key, "%lld", ids.id[i - 1]);
		if ((rc = ops_media_view(s, key, &v, err)) == 0) {
			rc = fn(&v, arg) ? 1 : 0;
			media_view_clear(&v);
		}
	}
	free(ids.id);
	return rc < 0 ? -1 : 0;
}
