/* mynadesk staff-key add|list|remove: the SSH keys that let staff reach
 * the service account, each bound to one account name. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/service.h"
#include "ops/staffkeys.h"
#include "ops/witness.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/secret.h"
#include "util/xmalloc.h"

/* Logs in to the service's vault (unless --vault names another). */
static struct session *
staffkey_login(struct cli_args *a, const struct svcconf **c)
{
	char *err = NULL;

	if ((*c = service_conf(&err)) == NULL) {
		cli_error(err);
		free(err);
		return NULL;
	}
	if (a->opt[O_VAULT] == NULL)
		a->opt[O_VAULT] = (*c)->vault;
	return cli_login(a);
}

int
cli_cmd_staffkey_add(struct cli_args *a)
{
	const struct svcconf *c;
	struct session *s;
	struct witness *w;
	struct staffkey k;
	char *err = NULL, *text = NULL;
	size_t len;
	int rc = -1;

	if (readfile_all(a->pos[1], 65536, &text, &len, &err) < 0) {
		rc = cli_error(err);
		free(err);
		return rc;
	}
	if ((s = staffkey_login(a, &c)) == NULL) {
		free(text);
		return 1;
	}
	if (cli_witness_if_needed(s, a, &w, &err) == 0)
		rc = ops_staffkey_add(s, c, a->pos[0], text, w, &k, &err);
	ops_witness_free(w);
	free(text);
	if (rc == 0)
		printf(_("key %s %s added for %s in %s\n"), k.type, k.fingerprint,
		    a->pos[0], c->authorized_keys);
	rc = cli_done(rc, err);
	ops_logout(s);
	return rc;
}

static void
staffkey_print(const char *name, const struct staffkey *k, void *arg)
{
	(void)arg;
	printf("%-20s %-20s %s\n", name, k->type, k->fingerprint);
}

int
cli_cmd_staffkey_list(struct cli_args *a)
{
	const struct svcconf *c;
	struct session *s;
	char *err = NULL;
	int rc;

	if ((s = staffkey_login(a, &c)) == NULL)
		return 1;
	rc = ops_staffkey_list(s, c, staffkey_print, NULL, &err);
	rc = cli_done(rc, err);
	ops_logout(s);
	return rc;
}

int
cli_cmd_staffkey_remove(struct cli_args *a)
{
	const struct svcconf *c;
	struct session *s;
	struct witness *w;
	char *err = NULL;
	int rc = -1, n = 0;

	if ((s = staffkey_login(a, &c)) == NULL)
		return 1;
	if (cli_witness_if_needed(s, a, &w, &err) == 0)
		rc = ops_staffkey_remove(s, c, a->pos[0], w, &n, &err);
	ops_witness_free(w);
	if (rc == 0)
		printf(ngettext("%d key of %s removed from %s\n",
		    "%d keys of %s removed from %s\n", (unsigned long)n), n,
		    a->pos[0], c->authorized_keys);
	rc = cli_done(rc, err);
	ops_logout(s);
	return rc;
}
