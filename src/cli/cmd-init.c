/* mynadesk init: a new vault, its administrator, and the recovery key. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "ops/accounts.h"
#include "ops/vault-admin.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

int
cli_cmd_init(struct cli_args *a)
{
	struct vault_init in;
	unsigned char recovery[OPS_RECOVERY_KEY_LEN];
	char printed[80], *err = NULL, *pw, *prompt;
	int rc;

	prompt = xasprintf(_("new password for %s"), a->opt[O_ADMIN]);
	pw = cli_read_new_secret(prompt, cli_opt_fd(a, O_PASSWORD_FD), &err);
	free(prompt);
	if (pw == NULL) {
		rc = cli_error(err);
		free(err);
		return rc;
	}
	in.dir = a->opt[O_VAULT];
	in.insurer = a->opt[O_INSURER];
	in.name = a->opt[O_NAME];
	in.admin = a->opt[O_ADMIN];
	in.admin_password = pw;
	in.logn = ops_slot_logn;
	rc = ops_vault_init(&in, recovery, &err);
	secret_free_str(pw);
	if (rc < 0) {
		rc = cli_error(err);
		free(err);
		return rc;
	}
	ops_recovery_format(recovery, printed);
	secret_wipe(recovery, sizeof recovery);
	printf(_("vault created in %s\n\n"
	    "RECOVERY KEY (shown only now: print or copy it, keep it in the "
	    "association's safe;\nit opens the vault when every password is lost):\n\n"
	    "    %s\n\n"), a->opt[O_VAULT], printed);
	secret_wipe(printed, sizeof printed);
	return 0;
}
