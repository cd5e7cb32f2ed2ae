/* The first audited action of each Japan-local day (00:00 JST = 15:00 UTC)
 * signs a checkpoint of the log as it then stands, in a transaction of its
 * own after the action's has committed: the action never waits on it, and
 * a day's checkpoint exists as soon as anyone works that day. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/jstday.h"
#include "ops/checkpoint-daily.h"
#include "ops/tx.h"
#include "store/checkpoint.h"
#include "store/exportq.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/xmalloc.h"

static int
daily_make_tx(struct session *s, void *arg, char **err)
{
	struct checkpoint cp;
	char *origin, hex[65], *detail;
	int rc;

	(void)arg;
	origin = xasprintf("mynadesk/%s/%s", vault_insurer(s->v),
	    vault_id(s->v));
	rc = checkpoint_make(s->v, origin, s->user, &cp, err);
	free(origin);
	if (rc == 0) {
		hex_encode(cp.root, 32, hex);
		detail = xasprintf("size=%lld root=%s reason=daily",
		    (long long)cp.tree_size, hex);
		rc = ops_audit(s, "", "audit.checkpoint", "", detail, err);
		free(detail);
		checkpoint_clear(&cp);
	}
	return rc;
}

/* Through the runner like any action: its commit comes back to
 * ops_daily_checkpoint, which has already noted the day. */
static int
daily_make(struct session *s)
{
	static const struct ops_tx_def def = { daily_make_tx, NULL, NULL };

	return ops_tx(s, &def, NULL, NULL);
}

void
ops_daily_checkpoint(struct session *s)
{
	char today[11], start[21], end[21];
	long long n;

	jst_date_of(time(NULL), today);
	if (strcmp(s->checkpoint_day, today) == 0)
		return;
	/* Remembered first: the checkpoint's own commit comes back here. */
	snprintf(s->checkpoint_day, sizeof s->checkpoint_day, "%s", today);
	jst_day_bounds(today, start, end);
	if (exportq_checkpoints_since(s->v, start, &n, NULL) < 0 || n > 0)
		return;
	(void)daily_make(s);
}
