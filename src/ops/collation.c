/* J-LIS collation of registrations: the result import's part, the flag
 * an export writes, the list of blocked persons and the no-error
 * decision. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain/redact.h"
#include "ops/collation.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
coll_import_open(struct session *s, const struct layout *l,
    struct coll_import *ci, char **err)
{
	memset(ci, 0, sizeof *ci);
	coll_columns(l, &ci->cols);
	if (ci->cols.result < 0)
		return 0;	/* a layout without collation: nothing to settle */
	return coll_store_blocked_keys(s->v, &ci->blocked, &ci->nblocked,
	    err);
}

static int
coll_key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
coll_import_row(struct session *s, struct coll_import *ci, long long file_id,
    int persons, const struct reg_row *r, long seq, const char *key, int ok,
    char **err)
{
	struct coll_row c;
	int rc;

	if (ci->cols.result < 0)
		return 0;
	if (coll_row(&ci->cols, r, ok, persons, &c, err) < 0)
		return -1;
	if (c.result == COLL_MISMATCH) {
		ci->mismatched++;
		return coll_store_mismatch(s->v, file_id, seq, key, &c, err);
	}
	/* Only the registration of the person's own record lifts a block. */
	if (!ok || !persons || ci->nblocked == 0 ||
	    bsearch(&key, ci->blocked, ci->nblocked, sizeof *ci->blocked,
	    coll_key_cmp) == NULL)
		return 0;
	if ((rc = coll_store_settle(s->v, key, err)) < 0)
		return -1;
	ci->settled += rc;
	return 0;
}

void
coll_import_close(struct coll_import *ci)
{
	coll_store_keys_free(ci->blocked, ci->nblocked);
	ci->blocked = NULL;
	ci->nblocked = 0;
}

int
coll_flags_load(struct session *s, struct coll_flags *f, char **err)
{
	return coll_store_no_error_ids(s->v, &f->ids, &f->n, err);
}

static int
coll_id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

const char *
coll_flag_of(const struct coll_flags *f, int64_t id)
{
	if (f->n > 0 && bsearch(&id, f->ids, f->n, sizeof *f->ids,
	    coll_id_cmp) != NULL)
		return COLL_FLAG_NO_ERROR;
	return COLL_FLAG_ORDINARY;
}

void
coll_flags_free(struct coll_flags *f)
{
	free(f->ids);
	f->ids = NULL;
	f->n = 0;
}

int
ops_reg_mismatches(struct session *s, coll_list_fn fn, void *arg, char **err)
{
	return coll_store_list(s->v, fn, arg, err);
}

int
ops_reg_blocked_count(struct session *s, long long *n, char **err)
{
	return coll_store_count_blocked(s->v, n, err);
}

/* A supervisor decides; an administrator may stand in, as for J-LIS
 * answers held. */
static int
coll_supervisor(struct session *s, char **err)
{
	if (strcmp(s->role, "supervisor") == 0 || strcmp(s->role, "admin") == 0)
		return 0;
	return ops_require_role(s, "supervisor", err);
}

static int
coll_reason_ok(const char *reason, char **err)
{
	char *masked;
	int same;

	if (reason == NULL || text_chars(reason) < 4)
		return err_set(err, _("give a reason of at least 4 characters"));
	masked = redact_numbers(reason);
	same = strcmp(masked, reason) == 0;
	free(masked);
	return same ? 0 : err_set(err, _("the reason must not hold a number "
	    "of 12 digits"));
}

struct coll_no_error {
	const char *key, *reason, *second;
};

static int
coll_no_error_tx(struct session *s, void *arg, char **err)
{
	const struct coll_no_error *c = arg;
	char *detail;
	int rc;

	rc = coll_store_no_error(s->v, c->key, c->reason, s->user, c->second,
	    err);
	if (rc == 0)
		rc = err_set(err, _("%s has no open J-LIS mismatch"), c->key);
	if (rc > 0) {
		detail = xasprintf("reason=%s", c->reason);
		rc = ops_audit(s, c->second, "registration.no-error", c->key,
		    detail, err);
		free(detail);
	}
	return rc;
}

int
ops_reg_no_error(struct session *s, const char *key, const char *reason,
    struct witness *second, char **err)
{
	static const struct ops_tx_def def = { coll_no_error_tx, NULL, NULL };
	struct coll_no_error c = { key, reason, NULL };

	if (key == NULL)
		return err_set(err, _("name the person"));
	if (coll_reason_ok(reason, err) < 0 || coll_supervisor(s, err) < 0 ||
	    ops_witness_use(s, second, NULL, err) < 0)
		return -1;
	c.second = ops_witness_name(second);
	return ops_tx(s, &def, &c, err);
}
