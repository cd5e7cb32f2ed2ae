/* mynadesk staff-key add|list|remove: the SSH keys that let staff reach
 * the service account, each bound to one account name. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/service.h"
#include "ops/staffkeys.h"
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
	struct checker chk;
	struct staffkey k;
	char *err = NULL, *text = NULL, *pw;
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
	pw = cli_checker_if_needed(s, a, &chk, &err);
	if (err == NULL)
		rc = ops_staffkey_add(s, c, a->pos[0], text, &chk, &k, &err);
	secret_free_str(pw);
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
	struct checker chk;
	char *err = NULL, *pw;
	int rc = -1, n = 0;

	if ((s = staffkey_login(a, &c)) == NULL)
		return 1;
	pw = cli_checker_if_needed(s, a, &chk, &err);
	if (err == NULL)
		rc = ops_staffkey_remove(s, c, a->pos[0], &chk, &n, &err);
	secret_free_str(pw);
	if (rc == 0)
		printf(ngettext("%d key of %s removed from %s\n",
		    "%d keys of %s removed from %s\n", (unsigned long)n), n,
		    a->pos[0], c->authorized_keys);
	rc = cli_done(rc, err);
	ops_logout(s);
	return rc;
}
