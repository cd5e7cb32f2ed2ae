/* mynadesk user add|list|lock|unlock|passwd|role */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/service.h"
#include "domain/account.h"
#include "ops/accounts.h"
#include "ops/precheck.h"
#include "ops/rekey.h"
#include "ops/staffkeys.h"
#include "ops/witness.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

static char *
user_new_password(struct cli_args *a, const char *name, char **err)
{
	char *prompt = xasprintf(_("new password for %s"), name);
	char *pw = cli_read_new_secret(prompt, cli_opt_fd(a, O_NEW_PASSWORD_FD),
	    err);

	free(prompt);
	return pw;
}

/* Before the login: the new name (the role is checked by the parser). */
int
cli_check_user_add(struct cli_args *a)
{
	char *err = NULL;

	return account_name_check(a->pos[0], &err) < 0 ?
	    cli_usage_error(err) : 0;
}

/* Before the login: the role named. */
int
cli_check_user_role(struct cli_args *a)
{
	char *err = NULL;

	return account_role_check(a->pos[1], &err) < 0 ?
	    cli_usage_error(err) : 0;
}

int
cli_cmd_user_add(struct cli_args *a)
{
	struct witness *w = NULL;
	char *err = NULL, *pw;
	int rc = -1;

	/* The new user's part first: a weak password is refused before the
	 * second person's password is read. */
	pw = user_new_password(a, a->pos[0], &err);
	if (pw != NULL && ops_user_add_precheck(a->s, a->pos[0], a->opt[O_ROLE], pw,
	    &err) == 0 && cli_witness_if_needed(a->s, a, &w, &err) == 0)
		rc = ops_user_add(a->s, a->pos[0], a->opt[O_ROLE], pw, w, &err);
	secret_free_str(pw);
	ops_witness_free(w);
	if (rc == 0)
		printf(_("user %s added (%s)\n"), a->pos[0],
		    account_role_label(a->opt[O_ROLE]));
	return cli_done(rc, err);
}

/* One row of the account list, padded by display width so Japanese
 * headings and role names line up. */
static void
user_row(const char *name, const char *role, const char *status,
    const char *created, const char *last)
{
	char *c[4];

	c[0] = text_pad(name, 20);
	c[1] = text_pad(role, 14);
	c[2] = text_pad(status, 8);
	c[3] = text_pad(created, 21);
	printf("%s %s %s %s %s\n", c[0], c[1], c[2], c[3], last);
	free(c[0]);
	free(c[1]);
	free(c[2]);
	free(c[3]);
}

static int
user_print(const struct user *u, void *arg)
{
	(void)arg;
	user_row(u->name, u->role, u->status, u->created,
	    u->last_login[0] ? u->last_login : "-");
	return 0;
}

int
cli_cmd_user_list(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	user_row(_("name"), _("role"), _("status"), _("created"), _("last login"));
	rc = ops_user_list(a->s, user_print, NULL, &err);
	return cli_done(rc, err);
}

/* Whether the session's vault is the service's (same folder). */
static int
user_is_service_vault(struct session *s, const struct svcconf *c)
{
	struct stat a, b;

	return stat(ops_vault_dir(s), &a) == 0 && stat(c->vault, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* On a server, a locked account's SSH keys go too: the lock already keeps
 * the person out of the vault, this keeps them off the service account. */
static void
user_drop_staff_keys(struct session *s, const char *name)
{
	const struct svcconf *c = service_conf(NULL);
	char *err = NULL;
	int n = 0;

	if (c == NULL || c->authorized_keys[0] == '\0' ||
	    !user_is_service_vault(s, c))
		return;
	if (ops_staffkey_drop_locked(s, c, name, &n, &err) < 0)
		fprintf(stderr, "mynadesk: %s\n", err);
	else if (n > 0)
		printf(ngettext("%d SSH key of %s removed from the service account\n",
		    "%d SSH keys of %s removed from the service account\n",
		    (unsigned long)n), n, name);
	free(err);
}

int
cli_cmd_user_lock(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	rc = ops_user_lock(a->s, a->pos[0], &err);
	if (rc >= 0)
		printf(_("user %s locked\n"), a->pos[0]);
	if (rc >= 0)
		user_drop_staff_keys(a->s, a->pos[0]);
	if (rc == 0)
		printf(_("the data key was changed: a copy of the old key file "
		    "opens nothing written from now on\n"));
	else if (rc == 1)
		fprintf(stderr, "mynadesk: %s\n", err);
	return cli_done(rc, err);
}

int
cli_cmd_vault_rekey(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	rc = ops_vault_rekey(a->s, "request", NULL, &err);
	if (rc == 0)
		printf(_("the data key was changed: a copy of the old key file "
		    "opens nothing written from now on\n"));
	/* Nothing changed when a slot is too old: that is a failure here. */
	if (rc == 1)
		rc = -1;
	return cli_done(rc, err);
}

int
cli_cmd_user_unlock(struct cli_args *a)
{
	struct witness *w;
	char *err = NULL, *pw = NULL;
	int rc = -1;

	if (cli_witness_if_needed(a->s, a, &w, &err) == 0 &&
	    (pw = user_new_password(a, a->pos[0], &err)) != NULL)
		rc = ops_user_unlock(a->s, a->pos[0], pw, w, &err);
	secret_free_str(pw);
	ops_witness_free(w);
	if (rc == 0)
		printf(_("user %s unlocked with a temporary password (to change at "
		    "the first login)\n"), a->pos[0]);
	return cli_done(rc, err);
}

int
cli_cmd_user_passwd(struct cli_args *a)
{
	struct session *s;
	struct witness *w = NULL;
	const char *name;
	char *err = NULL, *pw = NULL;
	int rc = -1, wrc = 0;

	/* Changing one's own temporary password is what a first login is for. */
	if (a->npos == 0 || (a->opt[O_USER] != NULL &&
	    strcmp(a->pos[0], a->opt[O_USER]) == 0))
		cli_login_allow_temporary();
	if ((s = cli_login(a)) == NULL)
		return 1;
	name = a->npos == 1 ? a->pos[0] : s->user;
	/* One's own password needs no second person. */
	if (strcmp(name, s->user) != 0)
		wrc = cli_witness_if_needed(s, a, &w, &err);
	if (wrc == 0 && (pw = user_new_password(a, name, &err)) != NULL)
		rc = ops_user_passwd(s, name, pw, w, &err);
	secret_free_str(pw);
	ops_witness_free(w);
	if (rc == 0)
		printf(_("password of %s changed\n"), name);
	rc = cli_done(rc, err);
	ops_logout(s);
	return rc;
}

int
cli_cmd_user_role(struct cli_args *a)
{
	struct witness *w;
	char *err = NULL;
	int rc = -1;

	if (cli_witness_if_needed(a->s, a, &w, &err) == 0)
		rc = ops_user_role(a->s, a->pos[0], a->pos[1], w, &err);
	ops_witness_free(w);
	if (rc == 0)
		printf(_("role of %s is now %s\n"), a->pos[0],
		    account_role_label(a->pos[1]));
	return cli_done(rc, err);
}
