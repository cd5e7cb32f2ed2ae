/* The PIA threshold decision of the guide's flow chart (2.5.2):
 *   under 1,000            not required
 *   1,000 to 9,999         basic
 *   10,000 to 99,999       basic; basic + focused with 500+ handlers or a
 *                          serious incident in the past year
 *   100,000 to 299,999     basic + focused; basic + full on the same triggers
 *   300,000 and more       basic + full */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/dates.h"
#include "domain/pia.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const long long pia_lines[] = { PIA_LINE_BASIC, PIA_LINE_MIDDLE,
	PIA_LINE_LARGE, PIA_LINE_FULL };
#define PIA_NLINES ((int)(sizeof pia_lines / sizeof pia_lines[0]))

int
pia_band(long long persons)
{
	int b = 0;

	while (b < PIA_NLINES && persons >= pia_lines[b])
		b++;
	return b;
}

int
pia_needs_triggers(long long persons)
{
	int b = pia_band(persons);

	return b == 2 || b == 3;
}

int
pia_assess(const struct pia_facts *f, struct pia_result *r, char **err)
{
	static const enum pia_level plain[] = { PIA_NONE, PIA_BASIC, PIA_BASIC,
		PIA_BASIC_FOCUSED, PIA_BASIC_FULL };

	memset(r, 0, sizeof *r);
	if (f->persons < 0)
		return err_set(err, _("the number of persons cannot be negative"));
	r->band = pia_band(f->persons);
	r->level = plain[r->band];
	r->triggers_matter = pia_needs_triggers(f->persons);
	if (r->band < PIA_NLINES) {
		r->next = pia_lines[r->band];
		r->to_next = r->next - f->persons;
	}
	if (!r->triggers_matter)
		return 0;
	if (f->staff < 0 || f->incident < 0 || f->incident > 1)
		return err_set(err, ngettext("with %lld person on file the level "
		    "depends on the number of staff who handle the file and on "
		    "serious incidents in the past year: give both", "with %lld "
		    "persons on file the level depends on the number of staff who "
		    "handle the file and on serious incidents in the past year: "
		    "give both", (unsigned long)f->persons), f->persons);
	r->triggered = f->staff >= PIA_STAFF_TRIGGER || f->incident == 1;
	if (r->triggered)
		r->level++;
	return 0;
}

const char *
pia_level_code(enum pia_level level)
{
	switch (level) {
	case PIA_BASIC: return "basic";
	case PIA_BASIC_FOCUSED: return "basic+focused";
	case PIA_BASIC_FULL: return "basic+full";
	default: return "none";
	}
}

const char *
pia_level_label(enum pia_level level)
{
	switch (level) {
	/* L10N: PIA levels: 基礎項目評価, 重点項目評価, 全項目評価. */
	case PIA_BASIC: return _("basic assessment");
	case PIA_BASIC_FOCUSED: return _("basic and focused assessments");
	case PIA_BASIC_FULL: return _("basic and full assessments");
	default: return _("not required (basic and focused recommended)");
	}
}

long long
pia_crossed(long long before, long long now)
{
	int b = pia_band(before), n = pia_band(now);

	if (n > b)
		return pia_lines[n - 1];
	if (n < b)
		return -pia_lines[n];
	return 0;
}

int
pia_review_due(const char *done, char out[11], char **err)
{
	char buf[40];
	int y, m, d;

	if (date_check(done, err) < 0)
		return -1;
	if (sscanf(done, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return err_set(err, _("not a date: %s"), done);
	if (y >= 9999)
		return err_set(err, _("the date is too far ahead: %s"), done);
	if (m == 2 && d == 29)
		d = 28;
	/* date_check bounds the fields, so the result is ten bytes. */
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y + 1, m, d);
	snprintf(out, 11, "%.10s", buf);
	return 0;
}

int
pia_parse_yesno(const char *s)
{
	static const char *const yes[] = { "yes", "y", "YES", "Yes", "Y",
		"\xe3\x81\xaf\xe3\x81\x84" /* はい */ };
	static const char *const no[] = { "no", "n", "NO", "No", "N",
		"\xe3\x81\x84\xe3\x81\x84\xe3\x81\x88" /* いいえ */ };
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(s, no[i]) == 0)
			return 0;
	return -1;
}
