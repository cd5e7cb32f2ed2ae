/* Account administration. The vault row, the key slot and the audit record
 * change together: the slot file is written after the row is committed, and
 * a slot without an active row never logs anyone in. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/pwpolicy.h"
#include "ops/accounts.h"
#include "ops/rekey.h"
#include "ops/tx.h"
#include "store/keyfile.h"
#include "store/lockout.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int ops_slot_logn = SLOT_LOGN_DEFAULT;

/* Once a second account exists, locked or not, every account change needs
 * a second person: counting only active accounts let one administrator
 * lock the other and then act alone. The recovery key is no exception:
 * whoever holds it is still one person. */
int
ops_needs_checker(struct session *s, char **err)
{
	long long n;

	if (users_count(s->v, &n, err) < 0)
		return -1;
	return n >= 2;
}

/* Admin role, plus the second person once there are two active users. */
static int
accounts_authorise(struct session *s, struct witness *c, char **err)
{
	int need;

	if (ops_require_role(s, "admin", err) < 0)
		return -1;
	if ((need = ops_needs_checker(s, err)) < 0)
		return -1;
	if (need && ops_witness_use(s, c, NULL, err) < 0)
		return -1;
	return 0;
}

static const char *
accounts_checker_name(const struct witness *c)
{
	return ops_witness_name(c);
}

static int
accounts_drop_slot(struct keyfile *kf, void *arg, char **err)
{
	(void)err;
	if (keyfile_remove_user(kf, arg) < 0)
		return 1;
	kf->generation++;
	return 0;
}

static int
accounts_write_slot(struct session *s, int64_t uid, const char *name,
    const char *password, char **err)
{
	return vault_put_password_slot(s->v, uid, name, password, ops_slot_logn,
	    err);
}

/* What one account change names; each action's body reads its part. */
struct accounts_change {
	struct session *s;
	const char *name, *role, *password;
	struct witness *c;
	int own;	/* the user's own password */
};

static int
accounts_add_tx(struct session *s, void *arg, char **err)
{
	const struct accounts_change *a = arg;
	int64_t uid;
	char *detail;
	int rc;

	detail = xasprintf("role=%s", a->role);
	rc = users_add(s->v, a->name, a->role, &uid, err);
	if (rc == 0)
		rc = users_set(s->v, a->name, "must_change", "1", err);
	if (rc == 0)
		rc = ops_audit(s, accounts_checker_name(a->c), "user.add", a->name,
		    detail, err);
	free(detail);
	if (rc == 0)
		rc = accounts_write_slot(s, uid, a->name, a->password, err);
	return rc;
}

/* The slot may exist without its row; drop it again. */
static void
accounts_add_undo(void *arg)
{
	const struct accounts_change *a = arg;

	(void)vault_keys_update(a->s->v, accounts_drop_slot, (void *)a->name,
	    NULL);
}

int
ops_user_add(struct session *s, const char *name, const char *role,
    const char *password, struct witness *c, char **err)
{
	static const struct ops_tx_def def = { accounts_add_tx, NULL,
	    accounts_add_undo };
	struct accounts_change a = { s, name, role, password, c, 0 };

	if (account_name_check(name, err) < 0 || account_role_check(role, err) < 0 ||
	    pwpolicy_check(name, password, err) < 0 ||
	    accounts_authorise(s, c, err) < 0)
		return -1;
	return ops_tx(s, &def, &a, err);
}

static int
accounts_get(struct session *s, const char *name, struct user *u, char **err)
{
	int found = users_get(s->v, name, u, err);

	if (found == 0)
		return err_set(err, _("no user '%s'"), name);
	return found < 0 ? -1 : 0;
}

/* The last active administrator may not be locked or demoted. */
static int
accounts_keep_admin(struct session *s, const struct user *u, char **err)
{
	long long admins;

	if (strcmp(u->role, "admin") != 0 || strcmp(u->status, "active") != 0)
		return 0;
	if (users_count_active(s->v, "admin", &admins, err) < 0)
		return -1;
	if (admins <= 1)
		return err_set(err, _("'%s' is the last active administrator"), u->name);
	return 0;
}

static int
accounts_role_tx(struct session *s, void *arg, char **err)
{
	const struct accounts_change *a = arg;
	struct user u;
	char *detail;
	int rc;

	rc = accounts_get(s, a->name, &u, err);
	if (rc == 0 && strcmp(a->role, "admin") != 0)
		rc = accounts_keep_admin(s, &u, err);
	detail = xasprintf("from=%s to=%s", u.role ? u.role : "", a->role);
	if (rc == 0)
		rc = users_set(s->v, a->name, "role", a->role, err);
	if (rc == 0)
		rc = ops_audit(s, accounts_checker_name(a->c), "user.role", a->name,
		    detail, err);
	free(detail);
	users_clear(&u);
	return rc;
}

int
ops_user_role(struct session *s, const char *name, const char *role,
    struct witness *c, char **err)
{
	static const struct ops_tx_def def = { accounts_role_tx, NULL, NULL };
	struct accounts_change a = { s, name, role, NULL, c, 0 };

	if (account_role_check(role, err) < 0 || accounts_authorise(s, c, err) < 0)
		return -1;
	return ops_tx(s, &def, &a, err);
}

static int
accounts_lock_tx(struct session *s, void *arg, char **err)
{
	const struct accounts_change *a = arg;
	struct user u;
	int rc;

	rc = accounts_get(s, a->name, &u, err);
	if (rc == 0 && strcmp(u.status, "locked") == 0)
		rc = err_set(err, _("'%s' is already locked"), a->name);
	if (rc == 0)
		rc = accounts_keep_admin(s, &u, err);
	if (rc == 0)
		rc = users_set(s->v, a->name, "status", "locked", err);
	if (rc == 0)
		rc = ops_audit(s, "", "user.lock", a->name, "reason=administrator",
		    err);
	users_clear(&u);
	return rc;
}

int
ops_user_lock(struct session *s, const char *name, char **err)
{
	static const struct ops_tx_def def = { accounts_lock_tx, NULL, NULL };
	struct accounts_change a = { s, name, NULL, NULL, NULL, 0 };

	if (ops_require_role(s, "admin", err) < 0)
		return -1;
	if (ops_tx(s, &def, &a, err) < 0)
		return -1;
	/* Committed: the slot goes, so the password no longer opens the vault,
	 * and the data key changes, so a kept copy of the slot opens nothing
	 * written from now on. */
	if (vault_keys_update(s->v, accounts_drop_slot, (void *)name, err) < 0)
		return -1;
	return ops_vault_rekey(s, "user.lock", name, err);
}

static int
accounts_unlock_tx(struct session *s, void *arg, char **err)
{
	const struct accounts_change *a = arg;
	struct user u;
	int rc;

	rc = accounts_get(s, a->name, &u, err);
	if (rc == 0 && strcmp(u.status, "locked") != 0)
		rc = err_set(err, _("'%s' is not locked"), a->name);
	if (rc == 0)
		rc = users_set(s->v, a->name, "status", "active", err);
	if (rc == 0)
		rc = users_set(s->v, a->name, "pw_changed", NULL, err);
	if (rc == 0)
		rc = users_set(s->v, a->name, "must_change", "1", err);
	if (rc == 0)
		rc = ops_audit(s, accounts_checker_name(a->c), "user.unlock", a->name,
		    "", err);
	if (rc == 0)
		rc = accounts_write_slot(s, u.id, a->name, a->password, err);
	users_clear(&u);
	return rc;
}

int
ops_user_unlock(struct session *s, const char *name, const char *password,
    struct witness *c, char **err)
{
	static const struct ops_tx_def def = { accounts_unlock_tx, NULL, NULL };
	struct accounts_change a = { s, name, NULL, password, c, 0 };

	if (pwpolicy_check(name, password, err) < 0 ||
	    accounts_authorise(s, c, err) < 0)
		return -1;
	if (ops_tx(s, &def, &a, err) < 0)
		return -1;
	lockout_reset(vault_dir(s->v), name);
	return 0;
}

static int
accounts_passwd_tx(struct session *s, void *arg, char **err)
{
	const struct accounts_change *a = arg;
	struct user u;
	int rc;

	rc = accounts_get(s, a->name, &u, err);
	if (rc == 0 && strcmp(u.status, "active") != 0)
		rc = err_set(err, _("'%s' is locked: use user unlock"), a->name);
	if (rc == 0)
		rc = users_set(s->v, a->name, "pw_changed", NULL, err);
	/* Only the owner's own choice is a lasting password. */
	if (rc == 0)
		rc = users_set(s->v, a->name, "must_change", a->own ? "0" : "1",
		    err);
	if (rc == 0)
		rc = ops_audit(s, a->own ? "" : accounts_checker_name(a->c),
		    "user.passwd", a->name, a->own ? "by=self" : "by=administrator",
		    err);
	if (rc == 0)
		rc = accounts_write_slot(s, u.id, a->name, a->password, err);
	users_clear(&u);
	return rc;
}

int
ops_user_passwd(struct session *s, const char *name, const char *password,
    struct witness *c, char **err)
{
	static const struct ops_tx_def def = { accounts_passwd_tx, NULL, NULL };
	struct accounts_change a = { s, NULL, NULL, password, c, 0 };
	int own = name == NULL || strcmp(name, s->user) == 0;

	if (own)
		name = s->user;
	if (s->recovery && own)
		return err_set(err, _("with the recovery key, name the user whose "
		    "password to set"));
	if (pwpolicy_check(name, password, err) < 0 ||
	    (!own && accounts_authorise(s, c, err) < 0))
		return -1;
	a.name = name;
	a.own = own;
	if (ops_tx(s, &def, &a, err) < 0)
		return -1;
	if (own)
		s->must_change = 0;
	return 0;
}

int
ops_user_list(struct session *s, users_row_fn fn, void *arg, char **err)
{
	return users_list(s->v, fn, arg, err);
}
