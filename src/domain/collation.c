/* Reading the J-LIS collation columns of a result row. The columns are
 * optional in the layout (a server that does not collate, an older
 * layout), but what a row says must be consistent: a wrong or damaged
 * result refuses the whole import rather than blocking or freeing the
 * wrong persons. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "domain/collation.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *const coll_names[COLL_NITEMS] = { "name", "kana",
	"birth", "sex", "address" };

const char *
coll_item_name(enum coll_item i)
{
	return i < COLL_NITEMS ? coll_names[i] : "?";
}

void
coll_columns(const struct layout *l, struct coll_cols *c)
{
	char role[32];
	int i;

	c->result = layout_index_of_role(l, "jlis_result");
	c->items = layout_index_of_role(l, "jlis_items");
	for (i = 0; i < COLL_NITEMS; i++) {
		snprintf(role, sizeof role, "jlis_%s", coll_names[i]);
		c->value[i] = layout_index_of_role(l, role);
	}
}

static const char *
coll_col(const struct reg_row *r, int i)
{
	return i >= 0 && (size_t)i < r->nfields ? r->v[i] : "";
}

/* Five flags of 0 and 1 into out; the number set, or -1 when malformed.
 * Empty reads as none set. */
static int
coll_flags(const char *s, char out[COLL_NITEMS + 1])
{
	int i, set = 0;

	memset(out, '0', COLL_NITEMS);
	out[COLL_NITEMS] = '\0';
	if (*s == '\0')
		return 0;
	if (strlen(s) != COLL_NITEMS || strspn(s, "01") != COLL_NITEMS)
		return -1;
	for (i = 0; i < COLL_NITEMS; i++)
		set += s[i] == '1';
	memcpy(out, s, COLL_NITEMS);
	return set;
}

int
coll_row(const struct coll_cols *c, const struct reg_row *r, int ok,
    int persons, struct coll_row *out, char **err)
{
	const char *v = coll_col(r, c->result);
	int i, set;

	memset(out, 0, sizeof *out);
	for (i = 0; i < COLL_NITEMS; i++)
		out->value[i] = "";
	if (strcmp(v, "") != 0 && strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
		return err_set(err, _("line %ld: the J-LIS collation result is "
		    "not 0, 1 or empty"), r->line);
	out->result = *v == '\0' ? COLL_NONE : *v == '0' ? COLL_MATCH :
	    COLL_MISMATCH;
	if ((set = coll_flags(coll_col(r, c->items), out->items)) < 0)
		return err_set(err, _("line %ld: the J-LIS item flags are not "
		    "five digits 0 or 1"), r->line);
	if (out->result != COLL_MISMATCH) {
		if (set > 0)
			return err_set(err, _("line %ld: J-LIS items differ but "
			    "the collation result is not a mismatch"), r->line);
		return 0;
	}
	if (!persons)
		return err_set(err, _("line %ld: a J-LIS mismatch in a result "
		    "that is not of a persons file"), r->line);
	if (!ok)
		return err_set(err, _("line %ld: a J-LIS mismatch on a record "
		    "the server refused"), r->line);
	if (c->items < 0)
		return err_set(err, _("line %ld: a J-LIS mismatch, but the "
		    "result layout has no column with role jlis_items"), r->line);
	if (set == 0)
		return err_set(err, _("line %ld: a J-LIS mismatch without the "
		    "items that differ"), r->line);
	for (i = 0; i < COLL_NITEMS; i++)
		if (out->items[i] == '1')
			out->value[i] = coll_col(r, c->value[i]);
	return 0;
}
