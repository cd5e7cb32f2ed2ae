/* PIA: the vault's count through the threshold decision, and the records
 * of assessments done. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/dates.h"
#include "ops/pia.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
ops_pia_persons(struct session *s, long long *n, char **err)
{
	return pia_store_persons(s->v, n, err);
}

static void
pia_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
ops_pia_status(struct session *s, const struct pia_facts *f,
    struct pia_status *st, char **err)
{
	struct pia_facts g = *f;
	char today[11];
	int found;

	memset(st, 0, sizeof *st);
	if (g.persons < 0 && ops_pia_persons(s, &g.persons, err) < 0)
		return -1;
	st->persons = g.persons;
	if (pia_assess(&g, &st->r, err) < 0)
		return -1;
	if ((found = pia_store_last(s->v, &st->last, err)) < 0)
		return -1;
	st->have_last = found;
	if (!found)
		return 0;
	if (pia_review_due(st->last.done, st->due, err) < 0)
		return -1;
	pia_today(today);
	st->overdue = strcmp(today, st->due) > 0;
	st->crossed = pia_crossed(st->last.persons, st->persons);
	st->level_changed = strcmp(st->last.level,
	    pia_level_code(st->r.level)) != 0;
	return 0;
}

static char *
pia_detail(const struct pia_review *r)
{
	char staff[24];

	if (r->staff >= 0)
		snprintf(staff, sizeof staff, "%lld", r->staff);
	else
		snprintf(staff, sizeof staff, "-");
	return xasprintf("date=%s persons=%lld level=%s staff=%s incidents=%s",
	    r->done, r->persons, r->level, staff, r->incident < 0 ? "-" :
	    r->incident ? "yes" : "no");
}

struct pia_done {
	const char *date;
	struct pia_facts g;
	struct pia_status *st;
};

static int
pia_done_tx(struct session *s, void *arg, char **err)
{
	struct pia_done *d = arg;
	struct pia_status *st = d->st;
	struct pia_review r;
	char *detail;
	int rc;

	d->g.persons = -1;
	rc = ops_pia_status(s, &d->g, st, err);
	memset(&r, 0, sizeof r);
	snprintf(r.done, sizeof r.done, "%s", d->date);
	r.persons = st->persons;
	snprintf(r.level, sizeof r.level, "%s", pia_level_code(st->r.level));
	/* Staff and incidents are kept only where they decided the level. */
	r.staff = st->r.triggers_matter ? d->g.staff : -1;
	r.incident = st->r.triggers_matter ? d->g.incident : -1;
	snprintf(r.actor, sizeof r.actor, "%s", s->user);
	if (rc == 0)
		rc = pia_store_add(s->v, &r, err);
	if (rc == 0) {
		detail = pia_detail(&r);
		rc = ops_audit(s, "", "pia.done", "", detail, err);
		free(detail);
	}
	if (rc == 0)
		rc = ops_pia_status(s, &d->g, st, err);	/* now with this record */
	return rc;
}

int
ops_pia_done(struct session *s, const char *date, const struct pia_facts *f,
    struct pia_status *st, char **err)
{
	static const struct ops_tx_def def = { pia_done_tx, NULL, NULL };
	struct pia_done d = { date, *f, st };
	char today[11];

	if (strcmp(s->role, "supervisor") != 0 && strcmp(s->role, "admin") != 0)
		return err_set(err, _("recording a PIA needs the supervisor or "
		    "administrator role"));
	if (date == NULL || date_check(date, err) < 0)
		return date == NULL ? err_set(err, _("give --date YYYY-MM-DD: the "
		    "day the assessment was done")) : -1;
	pia_today(today);
	if (strcmp(date, today) > 0)
		return err_set(err, _("%s is in the future: record a PIA once it is "
		    "done"), date);
	return ops_tx(s, &def, &d, err);
}
