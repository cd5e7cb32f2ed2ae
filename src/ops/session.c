/* Logging in and out, and the small pieces every action shares: committing
 * with the audit head remembered, the second person, role checks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "ops/checkpoint-daily.h"
#include "ops/session.h"
#include "ops/settings.h"
#include "ops/tx.h"
#include "store/audit.h"
#include "store/keyslot.h"
#include "store/lockout.h"
#include "store/settings.h"
#include "store/users.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The faces read the store's status codes under the ops names. */
_Static_assert((int)OPS_LOGIN_EAUTH == (int)VAULT_EAUTH &&
    (int)OPS_LOGIN_ELOCKED == (int)VAULT_ELOCKED &&
    (int)OPS_LOGIN_EROLLBACK == (int)VAULT_EROLLBACK &&
    (int)OPS_LOGIN_ERROR == (int)VAULT_ERROR && (int)OPS_LOGIN_OK == (int)VAULT_OK,
    "ops_login_status mirrors vault_status");
_Static_assert(OPS_RECOVERY_KEY_LEN == RECOVERY_KEY_LEN,
    "the recovery key's length");

static struct session *
session_new(struct vault *v, const char *user, const char *role)
{
	static unsigned long serial;
	struct session *s = xcalloc(1, sizeof *s);
	char *name;

	s->v = v;
	s->serial = ++serial;
	snprintf(s->user, sizeof s->user, "%s", user);
	snprintf(s->role, sizeof s->role, "%s", role);
	name = settings_meta(v, "name");
	snprintf(s->vault_name, sizeof s->vault_name, "%s", name ? name : "");
	s->idle_minutes = (int)ops_setting(s, "idle-lock-minutes");
	free(name);
	return s;
}

int
ops_audit(struct session *s, const char *actor2, const char *action,
    const char *subject, const char *detail, char **err)
{
	return audit_append(s->v, s->user, actor2, action, subject, detail,
	    NULL, err);
}

int
ops_audit_fields(struct session *s, const char *actor2, const char *action,
    const char *subject, const struct audit_field *f, size_t n, char **err)
{
	return audit_append_fields(s->v, s->user, actor2, action, subject, f,
	    n, NULL, err);
}

int
ops_audit_as(struct session *s, const char *actor, const char *actor2,
    const char *action, const char *subject, const char *detail, char **err)
{
	return audit_append(s->v, actor, actor2, action, subject, detail,
	    NULL, err);
}

static int
session_drop_slot(struct keyfile *kf, void *arg, char **err)
{
	(void)err;
	if (keyfile_remove_user(kf, arg) < 0)
		return 1;
	kf->generation++;
	return 0;
}

/* The last active administrator is never locked by failures: whoever knows
 * the name could otherwise lock the office out of its own vault. */
static int
session_last_admin(struct vault *v, const struct user *u)
{
	long long admins = 0;

	if (strcmp(u->role, "admin") != 0)
		return 0;
	return users_count_active(v, "admin", &admins, NULL) < 0 || admins <= 1;
}

/* Moves failed-login events into the audit log and locks accounts that
 * reached the limit; returns how many events were written. */
static int
session_fold_lockouts(struct vault *v, char ***locked, int *nlocked, char **err)
{
	struct lockout_event *ev = NULL;
	int n = 0, i, rc = 0;

	*locked = NULL;
	*nlocked = 0;
	lockout_peek(vault_dir(v), &ev, &n);
	for (i = 0; i < n && rc == 0; i++) {
		char *action = xasprintf("login.%s", ev[i].kind);
		char *detail = xasprintf("at=%s", ev[i].ts);

		rc = audit_append(v, "system", "", action, ev[i].name, detail,
		    NULL, err);
		free(action);
		free(detail);
		if (rc == 0 && lockout_count(vault_dir(v), ev[i].name) >= LOCKOUT_LIMIT) {
			struct user u;

			if (users_get(v, ev[i].name, &u, NULL) == 1 &&
			    strcmp(u.status, "active") == 0 &&
			    !session_last_admin(v, &u)) {
				rc = users_set(v, u.name, "status", "locked", err);
				if (rc == 0)
					rc = audit_append(v, "system", "", "user.lock",
					    u.name, "reason=failed-logins", NULL, err);
				*locked = xrealloc(*locked, (size_t)(*nlocked + 1) *
				    sizeof **locked);
				(*locked)[(*nlocked)++] = xstrdup(u.name);
			}
			users_clear(&u);
		}
	}
	free(ev);
	return rc < 0 ? -1 : n;
}

/* The accounts just locked lose their key slots once the lock is committed
 * (apply set); the list is freed either way. */
static void
session_drop_locked(struct vault *v, char **locked, int n, int apply)
{
	int i;

	for (i = 0; i < n; i++) {
		if (apply)
			(void)vault_keys_update(v, session_drop_slot, locked[i], NULL);
		free(locked[i]);
	}
	free(locked);
}

/* -1 on error, -2 when the account may not log in (the refusal is written
 * to the audit log), 0 when it may. */
static int
session_check_user(struct vault *v, const char *user, struct user *u, char **err)
{
	int found = users_get(v, user, u, err);

	if (found < 0)
		return -1;
	if (found == 0 || strcmp(u->status, "active") != 0) {
		if (audit_append(v, "system", "", "login.refused", user,
		    found ? "reason=locked" : "reason=no-account", NULL, err) < 0)
			return -1;
		err_set(err, _("account '%s' is locked: an administrator must unlock it"),
		    user);
		return -2;
	}
	return 0;
}

/* The login transaction: pending failure events, the account check, and the
 * login record. A refused login is committed too: its record is evidence.
 * Not through ops_tx: there is no session yet, a refusal commits, and the
 * key slots of accounts just locked go only after the COMMIT. */
static int
session_login_tx(struct vault *v, const char *user, struct user *u, char **err)
{
	char **locked = NULL;
	int nlocked = 0, folded, rc;

	if (vault_begin(v, err) < 0)
		return -1;
	folded = session_fold_lockouts(v, &locked, &nlocked, err);
	rc = folded < 0 ? -1 : session_check_user(v, user, u, err);
	if (rc == 0 && (users_set(v, user, "last_login", NULL, err) < 0 ||
	    audit_append(v, user, "", "login", user, "", NULL, err) < 0))
		rc = -1;
	if (rc == -1) {
		vault_rollback(v);
	} else if (vault_commit(v, rc == 0 ? err : NULL) == 0) {
		lockout_drop(vault_dir(v), folded);
	} else {
		rc = -1;
	}
	session_drop_locked(v, locked, nlocked, rc != -1);
	return rc;
}

int
ops_login(const char *dir, const char *user, const char *password,
    struct session **out, char **err)
{
	struct vault *v;
	struct user u;
	int rc;

	*out = NULL;
	memset(&u, 0, sizeof u);
	if ((rc = vault_open_password(dir, user, password, &v, err)) != VAULT_OK)
		return rc;
	rc = session_login_tx(v, user, &u, err);
	if (rc < 0) {
		users_clear(&u);
		vault_close(v);
		return rc == -2 ? VAULT_ELOCKED : VAULT_ERROR;
	}
	lockout_reset(dir, user);
	*out = session_new(v, user, u.role);
	(*out)->must_change = u.must_change;
	users_clear(&u);
	(void)vault_note_head(v, NULL);
	ops_daily_checkpoint(*out);
	return VAULT_OK;
}

int
ops_login_recovery(const char *dir,
    const unsigned char recovery[RECOVERY_KEY_LEN], struct session **out,
    char **err)
{
	struct vault *v;
	int rc;

	*out = NULL;
	if ((rc = vault_open_recovery(dir, recovery, &v, err)) != VAULT_OK)
		return rc;
	*out = session_new(v, "recovery", "admin");
	(*out)->recovery = 1;
	if (ops_tx_audit(*out, "", "login.recovery", "", "", err) < 0) {
		vault_close(v);
		free(*out);
		*out = NULL;
		return VAULT_ERROR;
	}
	return VAULT_OK;
}

void
ops_recovery_format(const unsigned char key[RECOVERY_KEY_LEN], char out[80])
{
	recovery_format(key, out);
}

int
ops_recovery_parse(const char *text, unsigned char key[RECOVERY_KEY_LEN],
    char **err)
{
	if (recovery_parse(text, key) < 0)
		return err_set(err, _("the recovery key is not 64 hex digits"));
	return 0;
}

int
ops_reauth(struct session *s, const char *password, char **err)
{
	int rc = vault_check_password(s->v, s->user, password, err);

	/* The store words it for a second person; here it is the user's own. */
	if (rc == VAULT_EAUTH && err != NULL) {
		free(*err);
		*err = xstrdup(_("wrong password"));
	}
	(void)ops_tx_audit(s, "", rc == VAULT_OK ? "session.unlock" :
	    "session.unlock-failed", s->user, "", NULL);
	return rc;
}

int
ops_idle_lock(struct session *s, char **err)
{
	return ops_tx_audit(s, "", "session.lock", s->user, "reason=idle", err);
}

/* Not through ops_tx: the vault is closed right after, and closing notes
 * the head; a checkpoint on the way out would only delay the logout. */
void
ops_logout(struct session *s)
{
	if (s == NULL)
		return;
	if (vault_begin(s->v, NULL) == 0) {
		if (ops_audit(s, "", "logout", s->user, "", NULL) == 0)
			(void)vault_commit(s->v, NULL);
		else
			vault_rollback(s->v);
	}
	vault_close(s->v);
	free(s);
}

int
ops_require_role(struct session *s, const char *role, char **err)
{
	if (strcmp(s->role, role) != 0)
		return err_set(err, _("this needs the %s role; you are logged in as %s"),
		    account_role_label(role), account_role_label(s->role));
	return 0;
}

char *
ops_default_vault(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/mynadesk", xdg);
	return xasprintf("%s/.local/share/mynadesk", home ? home : ".");
}

char *
ops_association(const struct session *s)
{
	return xasprintf("%s (%s)", s->vault_name, vault_insurer(s->v));
}

const char *
ops_vault_warning(const struct session *s)
{
	return vault_warning(s->v);
}

const char *
ops_vault_dir(const struct session *s)
{
	return vault_dir(s->v);
}
