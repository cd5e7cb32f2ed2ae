/* mynadesk audit verify|show */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/vault-admin.h"
#include "util/hex.h"
#include "util/i18n.h"

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
	struct session *s;
	unsigned char head[32];
	char hex[65], *err = NULL;
	int64_t count = 0;
	int rc;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_audit_verify(s, audit_progress, NULL, &count, head, &err);
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	if (rc == 0) {
		hex_encode(head, 32, hex);
		printf(_("audit chain intact: %lld records, head %s\n"),
		    (long long)count, hex);
	} else {
		cli_error(err ? err : _("audit chain check failed"));
	}
	free(err);
	ops_logout(s);
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
	struct audit_filter f = { a->from, a->to, a->actor, a->action, a->limit, 0 };
	struct session *s;
	char *err = NULL;
	int rc;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_audit_list(s, &f, audit_print, NULL, &err);
	if (rc < 0)
		cli_error(err);
	free(err);
	ops_logout(s);
	return rc == 0 ? 0 : 1;
}
