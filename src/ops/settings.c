/* Showing and changing the vault's settings; their table (names, defaults,
 * limits) is store/settings.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ops/settings.h"
#include "ops/tx.h"
#include "store/settings.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct settings_list_ctx {
	settings_row_fn fn;
	void *arg;
};

static int
settings_list_row(const struct setting *st, const char *stored, void *arg)
{
	struct settings_list_ctx *c = arg;

	return c->fn(st->name, stored ? stored : "-", _(st->help), c->arg);
}

int
ops_settings_list(struct session *s, settings_row_fn fn, void *arg, char **err)
{
	struct settings_list_ctx c = { fn, arg };

	(void)err;
	return settings_each(s->v, settings_list_row, &c);
}

struct settings_new {
	const struct setting *st;
	long v;
};

/* One transaction: the new value and its audit record, from=old to=new. */
static int
settings_change_tx(struct session *s, void *arg, char **err)
{
	const struct settings_new *n = arg;
	char *old = NULL, *detail;
	int rc;

	rc = settings_put(s->v, n->st, n->v, &old, err);
	if (rc == 0) {
		detail = xasprintf("from=%s to=%ld", old ? old : "-", n->v);
		rc = ops_audit(s, "", "settings.set", n->st->name, detail, err);
		free(detail);
	}
	free(old);
	return rc;
}

static int
settings_change(struct session *s, const struct setting *st, long v,
    char **err)
{
	static const struct ops_tx_def def = { settings_change_tx, NULL, NULL };
	struct settings_new n = { st, v };

	return ops_tx(s, &def, &n, err);
}

int
ops_settings_set(struct session *s, const char *name, const char *value,
    char **err)
{
	const struct setting *st;
	long v;

	/* Name and range first: a typo is answered before the role check. */
	if ((st = settings_find(name, err)) == NULL ||
	    settings_parse(st, value, &v, err) < 0 ||
	    ops_require_role(s, "admin", err) < 0)
		return -1;
	return settings_change(s, st, v, err);
}

long
ops_setting(struct session *s, const char *name)
{
	const struct setting *st;
	char *err = NULL;
	long v;

	if (settings_get(s->v, name, &v, &err) == 0)
		return v;
	/* A read that failed: the default, as an unset key would give; the
	 * action's own reads report the vault's trouble. */
	free(err);
	if ((st = settings_find(name, NULL)) != NULL)
		return st->def;
	/* A name not in the table is a mistake in the program. */
	fprintf(stderr, "mynadesk: no setting called %s\n", name);
	abort();
}

long
ops_settings_get(struct session *s, const char *name, long def)
{
	(void)def;
	return ops_setting(s, name);
}
