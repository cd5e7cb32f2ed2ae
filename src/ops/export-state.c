/* Package sections on the vault's state: accounts, identity checks by
 * pattern, numbers by channel and state. Counts only: no person appears. */
#include "config.h"

#include <stdio.h>

#include "domain/csvout.h"
#include "ops/export-sections.h"
#include "ops/idproof.h"
#include "store/exportq.h"
#include "store/users.h"
#include "store/vault.h"

static int
export_user_row(const struct user *u, void *arg)
{
	const char *f[5] = { u->name, u->role, u->status, u->created,
	    u->last_login };

	csvout_row(arg, f, 5);
	return 0;
}

int
export_accounts(struct export_ctx *c, struct xbuf *out, char **err)
{
	static const char *const head[5] = { "name", "role", "status", "created",
	    "last_login" };

	csvout_begin(out);
	csvout_row(out, head, 5);
	return users_list(c->s->v, export_user_row, out, err);
}

static int
export_pattern_row(const char *pattern, long long n, void *arg)
{
	char num[24];
	const char *f[2] = { pattern, num };

	snprintf(num, sizeof num, "%lld", n);
	csvout_row(arg, f, 2);
	return 0;
}

int
export_idproof_patterns(struct export_ctx *c, struct xbuf *out, char **err)
{
	static const char *const head[2] = { "pattern", "count" };

	csvout_begin(out);
	csvout_row(out, head, 2);
	return ops_idproof_patterns(c->s, export_pattern_row, out, err);
}

static int
export_number_row(const char *channel, const char *state, long long n,
    void *arg)
{
	char num[24];
	const char *f[3] = { channel, state, num };

	snprintf(num, sizeof num, "%lld", n);
	csvout_row(arg, f, 3);
	return 0;
}

int
export_number_counts(struct export_ctx *c, struct xbuf *out, char **err)
{
	static const char *const head[3] = { "channel", "state", "count" };

	csvout_begin(out);
	csvout_row(out, head, 3);
	return exportq_numbers(c->s->v, export_number_row, out, err);
}
