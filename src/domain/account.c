/* Rules for account names, roles and the insurer code. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "domain/account.h"
#include "domain/insurer.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct {
	const char *id;
	const char *label;
} account_roles[] = {
	/* L10N: account role: may manage users and settings. */
	{ "admin", N_("administrator") },
	/* L10N: 実務責任者, the person responsible for My Number work. */
	{ "supervisor", N_("supervisor") },
	/* L10N: 事務担当者, a clerk doing the daily work. */
	{ "clerk", N_("clerk") },
};

int
account_name_check(const char *name, char **err)
{
	size_t len = name ? strlen(name) : 0, i;

	if (len == 0 || len > 32)
		return err_set(err, _("user name must be 1 to 32 characters"));
	/* The audit log's own actors: an account by these names could pass
	 * its actions off as the system's or the recovery key's. */
	if (strcmp(name, "system") == 0 || strcmp(name, "recovery") == 0)
		return err_set(err, _("'%s' is a reserved name: choose another user "
		    "name"), name);
	if (!isalpha((unsigned char)name[0]))
		return err_set(err, _("user name must start with a letter"));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!isalnum(c) && c != '.' && c != '_' && c != '-')
			return err_set(err, _("user name may contain only letters, digits, "
			    "'.', '_' and '-'"));
	}
	return 0;
}

int
account_role_check(const char *role, char **err)
{
	size_t i;

	for (i = 0; i < sizeof account_roles / sizeof account_roles[0]; i++)
		if (role != NULL && strcmp(role, account_roles[i].id) == 0)
			return 0;
	return err_set(err, _("unknown role '%s': use admin, supervisor or clerk"),
	    role ? role : "");
}

const char *
account_role_label(const char *role)
{
	size_t i;

	for (i = 0; i < sizeof account_roles / sizeof account_roles[0]; i++)
		if (strcmp(role, account_roles[i].id) == 0)
			return _(account_roles[i].label);
	return role;
}

int
account_insurer_check(const char *code, char **err)
{
	return insurer_check(code, err);
}
