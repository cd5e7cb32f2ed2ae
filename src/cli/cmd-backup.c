/* mynadesk backup create|verify|restore */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/backup.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

int
cli_cmd_backup_create(struct cli_args *a)
{
	struct backup_info bi;
	char *err = NULL;
	int rc;

	rc = ops_backup_create(a->s, a->pos[0], &bi, &err);
	if (rc == 0)
		printf(_("backup %s: audit head %lld, sha256 %s\n"), a->pos[0],
		    (long long)bi.h.head_seq, bi.sha256);
	else
		cli_error(err ? err : _("backup failed"));
	free(err);
	backup_info_clear(&bi);
	return rc == 0 ? 0 : 1;
}

/* A version 1 backup's creation time is only what its header claims. */
static void
backup_print_unchecked(const struct backup_info *bi)
{
	if (!bi->created_checked)
		printf(_("its creation time is not checked: a version 1 backup has "
		    "no MAC over its header\n"));
}

static void
backup_print(const char *file, const struct backup_info *bi)
{
	printf(_("backup %s: intact: vault %s, insurer %s, created %s, audit head "
	    "%lld, sha256 %s\n"), file, bi->h.vault_id, bi->h.insurer,
	    bi->h.created, (long long)bi->h.head_seq, bi->sha256);
}

int
cli_cmd_backup_verify(struct cli_args *a)
{
	struct backup_info bi;
	struct session *s;
	char *err = NULL;
	int rc, login = a->opt[O_USER] != NULL || cli_opt_fd(a, O_PASSWORD_FD) >= 0 || cli_opt_fd(a, O_RECOVERY_KEY_FD) >= 0;

	if (!login) {
		rc = ops_backup_check(a->pos[0], &bi, &err);
	} else {
		if ((s = cli_login(a)) == NULL)
			return 1;
		rc = ops_backup_verify(s, a->pos[0], &bi, &err);
		ops_logout(s);
	}
	if (rc == 0) {
		backup_print(a->pos[0], &bi);
		if (login) {
			printf(ngettext("audit chain intact: %lld record, found in "
			    "this vault's log\n", "audit chain intact: %lld records, "
			    "found in this vault's log\n", (unsigned long)bi.records),
			    (long long)bi.records);
			backup_print_unchecked(&bi);
		}
		else
			printf(_("structure and SHA-256 only: log in (--user) to open "
			    "it and walk its audit chain\n"));
	} else {
		cli_error(err ? err : _("backup check failed"));
	}
	free(err);
	backup_info_clear(&bi);
	return rc == 0 ? 0 : 1;
}

/* The restore's login is to the restored vault: a password or the
 * recovery key valid when the backup was made. -2 when a descriptor gave
 * nothing (or no user was named for it): the script's mistake. */
static int
backup_restore_secret(struct cli_args *a, struct backup_restore *rq,
    unsigned char key[OPS_RECOVERY_KEY_LEN], char **secret, char **err)
{
	int script = cli_opt_fd(a, O_PASSWORD_FD) >= 0 ? -2 : -1;
	char *prompt;
	int rc;

	if (cli_opt_fd(a, O_RECOVERY_KEY_FD) >= 0) {
		if ((rc = cli_read_recovery(cli_opt_fd(a, O_RECOVERY_KEY_FD), key, err)) == 0)
			rq->recovery = key;
		return rc;
	}
	rq->user = a->opt[O_USER] ? a->opt[O_USER] : getenv("USER");
	if (rq->user == NULL)
		return err_set(err, _("give --user NAME")), script;
	prompt = xasprintf(_("password for %s (in the backup)"), rq->user);
	*secret = cli_read_secret(prompt, cli_opt_fd(a, O_PASSWORD_FD), err);
	free(prompt);
	rq->password = *secret;
	return *secret ? 0 : script;
}

int
cli_cmd_backup_restore(struct cli_args *a)
{
	struct backup_restore rq = { 0 };
	struct backup_info bi;
	unsigned char key[OPS_RECOVERY_KEY_LEN];
	char *err = NULL, *secret = NULL;
	int rc;

	memset(&bi, 0, sizeof bi);
	rq.file = a->pos[0];
	rq.dir = a->opt[O_VAULT];
	rq.force = a->opt[O_FORCE] != NULL;
	rc = backup_restore_secret(a, &rq, key, &secret, &err);
	if (rc == -2)
		/* A closed or empty descriptor: the script's mistake, as at a
		 * login, so unusable input (exit 2). */
		return cli_input_error(err, _("no password given"));
	if (rc == 0)
		rc = ops_backup_restore(&rq, &bi, &err);
	secret_free_str(secret);
	secret_wipe(key, sizeof key);
	if (rc == 0) {
		printf(_("restored %s into %s: audit head %lld, created %s\n"), rq.file,
		    rq.dir, (long long)bi.h.head_seq, bi.h.created);
		backup_print_unchecked(&bi);
		if (bi.aside != NULL)
			printf(_("the vault that was there is kept in %s\n"), bi.aside);
	} else {
		cli_error(err ? err : _("restore failed"));
	}
	free(err);
	backup_info_clear(&bi);
	return rc == 0 ? 0 : 1;
}
