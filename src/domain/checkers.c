/* The registry of layouts the checker knows, each with the rules across
 * its fields. Another layout is one line in checkers[] (and, when it has
 * rules of its own, one function). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/filecheck.h"
#include "domain/jlis.h"
#include "domain/mynumber.h"
#include "domain/person.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The persons extract: the cross-field rules of the import. */
static void
check_persons(struct filecheck *fc, const struct csv_row *row)
{
	struct person p;
	char *why = NULL, *colon;
	int i;

	for (i = 0; i < PF_COUNT; i++)
		p.f[i] = (char *)filecheck_value(fc, row,
		    person_role((enum person_field)i));
	if (person_check(&p, &why) == 0)
		return;
	colon = strchr(why, ':');
	if (colon != NULL && colon[1] == ' ') {
		*colon = '\0';
		filecheck_error(fc, row->line, why, "%s", colon + 2);
	} else {
		filecheck_error(fc, row->line, "-", "%s", why);
	}
	free(why);
}

/* The target identifier: <insurer>_<serial>, of the file name's insurer. */
static void
check_target(struct filecheck *fc, const struct csv_row *row)
{
	const struct jlis_name *name = filecheck_name(fc);
	size_t n;
	const char *t = filecheck_value_n(fc, row, "target", &n);
	char insurer[9], *why = NULL;
	long long serial;

	if (jlis_target_parse(t, n, insurer, &serial, &why) < 0) {
		filecheck_error(fc, row->line, "target", "%s", why);
		free(why);
	} else if (name != NULL && strcmp(insurer, name->insurer) != 0) {
		filecheck_error(fc, row->line, "target", _("is for insurer %s, "
		    "but the file name says %s"), insurer, name->insurer);
	}
}

/* J-LIS wants full-width characters: half-width kana anywhere blocks. */
static void
check_full_width(struct filecheck *fc, const struct csv_row *row,
    const char *role)
{
	if (filecheck_half_kana(fc, row, role))
		filecheck_error(fc, row->line, role, _("half-width kana: use "
		    "full-width"));
}

static void
check_jlis_request(struct filecheck *fc, const struct csv_row *row)
{
	check_target(fc, row);
	check_full_width(fc, row, "name");
	check_full_width(fc, row, "address");
}

/* The number is checked and never repeated in a message. */
static void
check_mynumber(struct filecheck *fc, const struct csv_row *row)
{
	const char *n = filecheck_value(fc, row, "mynumber");
	size_t i, len = strlen(n);
	int same = 1;

	if (len != 12) {
		filecheck_error(fc, row->line, "mynumber", _("must be 12 digits "
		    "when the person was found"));
		return;
	}
	for (i = 1; i < 11; i++)
		same &= n[i] == n[0];
	if (same || mynumber_check_digit(n) != n[11] - '0')
		filecheck_error(fc, row->line, "mynumber", _("check digit does "
		    "not match (or a placeholder number)"));
}

static void
check_jlis_answer(struct filecheck *fc, const struct csv_row *row)
{
	static const char *const items[] = { "name", "kana", "birth", "sex",
	    "address", NULL };
	const char *status = filecheck_value(fc, row, "status");
	int i;

	check_target(fc, row);
	if (strcmp(status, "1") == 0) {
		check_mynumber(fc, row);
		for (i = 0; items[i] != NULL; i++)
			if (filecheck_value(fc, row, items[i])[0] == '\0')
				filecheck_error(fc, row->line, items[i],
				    _("is required when the person was found"));
	} else if (strcmp(status, "2") == 0 || strcmp(status, "3") == 0) {
		if (filecheck_value(fc, row, "mynumber")[0] != '\0')
			filecheck_error(fc, row->line, "mynumber", _("must be "
			    "empty when the person was not found"));
	} else {
		filecheck_error(fc, row->line, "status", _("must be 1 (found), "
		    "2 (not found) or 3 (several candidates)"));
	}
}

static const char *const persons_roles[] = { "key", "insurer", "number",
	"relation", "name", "kana", "birth", "sex", "address", "municipality",
	"resident", "acquired", NULL };
static const char *const request_roles[] = { "name", "kana", "birth", "sex",
	"address", "municipality", "target", NULL };
static const char *const answer_roles[] = { "name", "kana", "birth", "sex",
	"address", "municipality", "target", "status", "mynumber", NULL };

static const struct filecheck_rules checkers[] = {
	{ "persons", "persons.layout", "key", persons_roles, check_persons },
	{ "jlis-request", "jlis-request.layout", "target", request_roles,
	    check_jlis_request },
	{ "jlis-answer", "jlis-answer.layout", "target", answer_roles,
	    check_jlis_answer },
};
#define CHECKERS_N (sizeof checkers / sizeof checkers[0])

const struct filecheck_rules *
filecheck_find(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < CHECKERS_N; i++)
		if (strcmp(name, checkers[i].name) == 0)
			return &checkers[i];
	return NULL;
}

const char *
filecheck_names(void)
{
	static char names[256];
	size_t i, n = 0;

	if (names[0] != '\0')
		return names;
	for (i = 0; i < CHECKERS_N; i++)
		n += (size_t)snprintf(names + n, sizeof names - n, "%s%s",
		    i > 0 ? ", " : "", checkers[i].name);
	return names;
}
