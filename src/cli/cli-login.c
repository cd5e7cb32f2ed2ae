/* Logging in for a command: the password or recovery key from the
 * terminal or a descriptor, a temporary password replaced first, and the
 * day's hand-overs sealed into the audit log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/accounts.h"
#include "ops/handover.h"
#include "ops/witness.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

/* Put and get since the last login go into the audit log now. */
static void
cli_seal_handovers(struct session *s)
{
	char *err = NULL;

	if (ops_handover_seal(s, &err) < 0)
		fprintf(stderr, _("mynadesk: warning: hand-overs not yet in the audit "
		    "log: %s\n"), err ? err : "?");
	free(err);
}

static int cli_temporary_ok;

void
cli_login_allow_temporary(void)
{
	cli_temporary_ok = 1;
}

/* A temporary password (set by an administrator) is replaced before any
 * command runs: typed on the terminal when the login was typed there;
 * a script must run 'user passwd' first. */
static int
cli_replace_temporary(struct cli_args *a, struct session *s)
{
	char *err = NULL, *prompt, *pw;
	int rc;

	if (!s->must_change || cli_temporary_ok)
		return 0;
	if (cli_opt_fd(a, O_PASSWORD_FD) >= 0) {
		fprintf(stderr, _("mynadesk: the password of %s was set by an "
		    "administrator and must be changed first: run 'mynadesk user "
		    "passwd'\n"), s->user);
		return -1;
	}
	fprintf(stderr, _("mynadesk: the password of %s was set by an "
	    "administrator: choose your own now\n"), s->user);
	prompt = xasprintf(_("new password for %s"), s->user);
	pw = cli_read_new_secret(prompt, -1, &err);
	free(prompt);
	rc = pw ? ops_user_passwd(s, NULL, pw, NULL, &err) : -1;
	secret_free_str(pw);
	if (rc < 0)
		cli_error(err ? err : _("the password was not changed"));
	free(err);
	return rc;
}

struct session *
cli_login(struct cli_args *a)
{
	struct session *s = NULL;
	char *err = NULL, *vault = a->opt[O_VAULT] ? xstrdup(a->opt[O_VAULT]) :
	    ops_default_vault();
	const char *user = a->opt[O_USER] ? a->opt[O_USER] : getenv("USER");
	char *secret;
	int rc, unread = 0;

	if (cli_opt_fd(a, O_RECOVERY_KEY_FD) >= 0) {
		unsigned char key[OPS_RECOVERY_KEY_LEN];

		rc = cli_read_recovery(cli_opt_fd(a, O_RECOVERY_KEY_FD), key, &err);
		unread = rc == -2;
		if (rc == 0)
			rc = ops_login_recovery(vault, key, &s, &err);
		secret_wipe(key, sizeof key);
		secret = NULL;
	} else if (user == NULL) {
		rc = err_set(&err, _("give --user NAME"));
		secret = NULL;
	} else {
		char *prompt = xasprintf(_("password for %s"), user);

		secret = cli_read_secret(prompt, cli_opt_fd(a, O_PASSWORD_FD), &err);
		free(prompt);
		unread = secret == NULL;
		rc = secret ? ops_login(vault, user, secret, &s, &err) : -1;
	}
	secret_free_str(secret);
	free(vault);
	if (unread) {
		/* A closed or empty descriptor is the script's mistake: no attempt
		 * was made, so none is counted, and cron sees a usage error. */
		cli_error(err ? err : _("no password given"));
		free(err);
		exit(2);
	}
	if (rc != 0) {
		cli_error(err ? err : _("cannot open the vault"));
		free(err);
		return NULL;
	}
	if (ops_vault_warning(s) != NULL)
		fprintf(stderr, _("mynadesk: warning: %s\n"), ops_vault_warning(s));
	if (cli_replace_temporary(a, s) < 0) {
		ops_logout(s);
		return NULL;
	}
	cli_seal_handovers(s);
	return s;
}

char *
cli_read_checker(const struct cli_args *a, char **err)
{
	char *prompt, *pw;

	prompt = xasprintf(_("password for the second person %s"),
	    a->opt[O_CHECKER]);
	pw = cli_read_secret(prompt, cli_opt_fd(a, O_CHECKER_PASSWORD_FD), err);
	free(prompt);
	return pw;
}

int
cli_witness(struct session *s, const struct cli_args *a, struct witness **w,
    char **err)
{
	char *pw;
	int rc;

	*w = NULL;
	if (a->opt[O_CHECKER] == NULL)
		return 0;
	if ((pw = cli_read_checker(a, err)) == NULL)
		return -1;
	/* The one check of the password: it is wiped inside, and only the
	 * handle goes on to the action. */
	rc = ops_witness_check(s, a->opt[O_CHECKER], pw, w, err);
	secret_free_str(pw);
	return rc;
}

int
cli_witness_if_needed(struct session *s, const struct cli_args *a,
    struct witness **w, char **err)
{
	int need = ops_needs_checker(s, err);

	*w = NULL;
	if (need <= 0)
		return need;
	return cli_witness(s, a, w, err);
}
