/* Package sections on the media exchanged with J-LIS: every custody step
 * of every medium, and the disposal register. No container password is
 * ever read here; free text passes the number mask like the audit log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auditdetail.h"
#include "domain/csvout.h"
#include "domain/redact.h"
#include "ops/export-sections.h"
#include "ops/media.h"
#include "util/xmalloc.h"

#define CUSTODY_COLS 15

struct custody_ids {
	long long *id;
	size_t n;
};

static int
custody_collect(const struct media_row *m, long overdue, void *arg)
{
	struct custody_ids *ids = arg;

	(void)overdue;
	ids->id = xrealloc(ids->id, (ids->n + 1) * sizeof *ids->id);
	ids->id[ids->n++] = m->id;
	return 0;
}

/* "name:sha256:bytes;..." for a step's files. */
static char *
custody_files(const struct media_step_view *sv)
{
	char *t, *all = xstrdup("");
	size_t i;

	for (i = 0; i < sv->nfiles; i++) {
		t = xasprintf("%s%s%s:%s:%lld", all, i ? ";" : "",
		    sv->files[i].name, sv->files[i].sha256, sv->files[i].bytes);
		free(all);
		all = t;
	}
	return all;
}

static void
custody_step(struct xbuf *out, const struct media_view *v,
    const struct media_step_view *sv)
{
	const struct media_event *e = &sv->ev;
	char *files = custody_files(sv), *f[CUSTODY_COLS];
	const char *raw[CUSTODY_COLS] = { v->m.label, e->step, e->date,
		e->actor, e->witness, e->courier, e->tracking, e->seal,
		e->notice_date, e->answer_medium, e->method, e->summary,
		files, v->m.sha256, e->recorded };
	int i;

	/* Free text (courier to summary) is masked by its kind, so the
	 * tracking number is kept whole as in the log; dates, names and
	 * hashes are kept exactly as recorded. */
	for (i = 0; i < CUSTODY_COLS; i++)
		f[i] = i == 6 ? auditdetail_value(AUDIT_TRACKING, raw[i]) :
		    i >= 5 && i <= 11 ? redact_numbers(raw[i]) : xstrdup(raw[i]);
	free(files);
	csvout_row(out, (const char *const *)f, CUSTODY_COLS);
	for (i = 0; i < CUSTODY_COLS; i++)
		free(f[i]);
}

int
export_media_custody(struct export_ctx *c, struct xbuf *out, char **err)
{
	static const char *const head[CUSTODY_COLS] = { "medium", "step", "date",
		"person", "witness", "courier", "tracking", "seal", "notice_date",
		"answer_medium", "method", "summary", "files", "container_sha256",
		"recorded" };
	struct custody_ids ids = { NULL, 0 };
	struct media_view v;
	char key[32];
	size_t i, j;
	int rc;

	csvout_begin(out);
	csvout_row(out, head, CUSTODY_COLS);
	/* Ids first, so no statement is open while each medium is read;
	 * oldest first, as a log is kept. */
	rc = ops_media_list(c->s, custody_collect, &ids, err);
	for (i = ids.n; rc == 0 && i > 0; i--) {
		snprintf(key, sizeof key, "%lld", ids.id[i - 1]);
		if ((rc = ops_media_view(c->s, key, &v, err)) < 0)
			break;
		for (j = 0; j < v.nsteps; j++)
			custody_step(out, &v, &v.steps[j]);
		media_view_clear(&v);
	}
	free(ids.id);
	return rc;
}

/* One disposed medium: when, how, who, and what it held. */
static int
register_row(const struct media_view *v, void *arg)
{
	const struct media_step_view *d = media_view_step(v, "disposed");
	const struct media_step_view *c = media_view_step(v, "created");
	char *files, *method;
	const char *f[8];

	if (d == NULL)
		return 0;
	files = c != NULL ? custody_files(c) : xstrdup("");
	method = redact_numbers(d->ev.method);
	f[0] = d->ev.date;
	f[1] = v->m.label;
	f[2] = method;
	f[3] = d->ev.actor;
	f[4] = d->ev.witness;
	f[5] = v->m.sha256;
	f[6] = files;
	f[7] = d->ev.recorded;
	csvout_row(arg, f, 8);
	free(method);
	free(files);
	return 0;
}

int
export_disposal_register(struct export_ctx *c, struct xbuf *out, char **err)
{
	static const char *const head[8] = { "date", "medium", "method",
		"person", "witness", "container_sha256", "contents", "recorded" };

	csvout_begin(out);
	csvout_row(out, head, 8);
	return ops_media_disposed(c->s, register_row, out, err);
}
