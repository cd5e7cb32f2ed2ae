/* mynadesk audit verify|show */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/vault-admin.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

static void
audit_progress(int64_t done, int64_t total, void *arg)
{
	(void)arg;
	/* Progress only for a person watching; scripts read the last line. */
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r%lld / %lld", (long long)done, (long long)total);
}

int
cli_cmd_audit_verify(struct cli_args *a)
{
	unsigned char head[32];
	char hex[65], *err = NULL;
	int64_t count = 0;
	int rc;

	if (a->opt[O_HEAD] != NULL)
		return cli_audit_verify_head(a->s, a->opt[O_HEAD]);
	rc = ops_audit_verify(a->s, audit_progress, NULL, &count, head, &err);
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	if (rc == 0) {
		int64_t checked = 0;

		hex_encode(head, 32, hex);
		printf(ngettext("audit chain intact: %lld record, head %s\n",
		    "audit chain intact: %lld records, head %s\n",
		    (unsigned long)count), (long long)count, hex);
		rc = ops_audit_verify_checkpoints(a->s, &checked, &err);
		if (rc == 0)
			printf(_("checkpoints verified: %lld\n"), (long long)checked);
		else
			cli_error(err);
	} else {
		cli_error(err ? err : _("audit chain check failed"));
	}
	free(err);
	return rc == 0 ? 0 : 1;
}

static int
audit_print(const struct auditrec *r, void *arg)
{
	(void)arg;
	printf("%6lld  %s  %-10s %-10s %-22s %-12s %s\n", (long long)r->seq, r->ts,
	    r->actor, r->actor2[0] ? r->actor2 : "-", r->action,
	    r->subject[0] ? r->subject : "-", r->detail);
	return 0;
}

int
cli_cmd_audit_show(struct cli_args *a)
{
	struct audit_filter f = { .from = a->opt[O_FROM], .to = a->opt[O_TO],
	    .actor = a->opt[O_ACTOR], .action = a->opt[O_ACTION],
	    .limit = a->num[O_LIMIT] };
	char *err = NULL;
	int rc;

	rc = ops_audit_list(a->s, &f, audit_print, NULL, &err);
	return cli_done(rc, err);
}

static int
audit_write(const char *dir, const char *name, const void *data, size_t len,
    char **err)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = writefile_new(path, data, len, err);

	free(path);
	return rc;
}

int
cli_cmd_audit_checkpoint(struct cli_args *a)
{
	const char *out = a->opt[O_OUT];
	struct checkpoint cp;
	char *err = NULL;
	int rc;

	rc = ops_audit_checkpoint(a->s, &cp, &err);
	if (rc == 0) {
		fputs(cp.note, stdout);
		/* Three files anyone can check: openssl pkeyutl -verify -pubin
		 * -inkey pubkey.pem -rawin -in checkpoint.txt -sigfile
		 * checkpoint.sig */
		if (out != NULL && (audit_write(out, "checkpoint.txt", cp.note,
		    strlen(cp.note), &err) < 0 || audit_write(out,
		    "checkpoint.sig", cp.sig, sizeof cp.sig, &err) < 0 ||
		    audit_write(out, "pubkey.pem", cp.pubkey_pem,
		    strlen(cp.pubkey_pem), &err) < 0))
			rc = -1;
		ops_checkpoint_clear(&cp);
	}
	return cli_done(rc, err);
}
