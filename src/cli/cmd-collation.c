/* mynadesk registration mismatches|no-error: persons the J-LIS collation
 * of their registration blocked, and the supervisor's "no error, with a
 * reason" (理由付き疑いなし). Output names persons and items; never a
 * number. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/collation.h"
#include "ops/witness.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

static const char *const coll_item_labels[COLL_NITEMS] = { N_("name"),
	N_("kana"), N_("birth"), N_("sex"), N_("address") };

/* What is to be done for the person, in words. */
static const char *
coll_next_step(const struct coll_list_row *r)
{
	if (strcmp(r->state, "no-error") == 0)
		return _("no error, with a reason: sent in the next differential");
	if (r->dirty)
		return _("record changed: sent in the next differential");
	return _("correct the record, or register no error with a reason");
}

/* A blocked person: key, state, the result that reported it, then the
 * five items side by side, the differing ones marked (as 'jlis held'). */
static int
coll_line(const struct coll_list_row *r, void *arg)
{
	int i;

	(*(int *)arg)++;
	printf("%s  %s  %s#%lld  %.10s  %s\n", r->key, strcmp(r->state,
	    "mismatch") == 0 ? _("J-LIS mismatch") : _("no error (pending)"),
	    r->file, r->seq, r->reported, coll_next_step(r));
	if (r->reason[0] != '\0')
		printf(_("  reason: %s (%s / %s)\n"), r->reason, r->decided_by,
		    r->checker);
	for (i = 0; i < COLL_NITEMS; i++) {
		int differs = r->items[i] == '1';

		printf("  %s %-8s %s | %s\n", differs ? "*" : " ",
		    _(coll_item_labels[i]), r->mine[i], !differs ? "" :
		    r->theirs[i][0] != '\0' ? r->theirs[i] : _("(not given)"));
	}
	return 0;
}

int
cli_cmd_registration_mismatches(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_reg_mismatches(a->s, coll_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no person is blocked by the J-LIS collation"));
	else if (rc == 0)
		printf(_("(record | resident registry; * differs)\n"));
	return cli_done(rc, err);
}

int
cli_cmd_registration_no_error(struct cli_args *a)
{
	struct witness *w;
	char *err = NULL;
	int rc = -1;

	if (cli_witness(a->s, a, &w, &err) == 0)
		rc = ops_reg_no_error(a->s, a->opt[O_PERSON], a->opt[O_REASON],
		    w,
		    &err);
	ops_witness_free(w);
	if (rc == 0)
		printf(_("%s: no error, with a reason: the next differential "
		    "registers it\n"), a->opt[O_PERSON]);
	return cli_done(rc, err);
}
