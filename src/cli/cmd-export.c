/* mynadesk audit export | export verify | export sheets | audit report */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/audit-report.h"
#include "ops/export.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

static void
export_progress(const char *file, void *arg)
{
	(void)arg;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r%-40s", file);
}

int
cli_cmd_audit_export(struct cli_args *a)
{
	struct export_result res;
	char *err = NULL;
	int rc;

	rc = ops_audit_export(a->s, a->opt[O_FROM], a->opt[O_TO], a->opt[O_OUT],
	    export_progress, NULL, &res, &err);
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	if (rc == 0) {
		printf(ngettext("exported %d file to %s\n", "exported %d files "
		    "to %s\n", (unsigned long)res.files), res.files, a->opt[O_OUT]);
		if (res.first > 0)
			printf(_("records %lld-%lld of %lld\n"), (long long)res.first,
			    (long long)res.last, (long long)res.tree_size);
		else
			printf(_("no records in the period (log of %lld)\n"),
			    (long long)res.tree_size);
		printf(_("manifest %s\nkey %s\n"), res.manifest_sum, res.key_print);
	}
	return cli_done(rc, err);
}

static void
verify_problem(const char *file, const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "mynadesk: export verify: %s: %s\n", file, msg);
}

int
cli_cmd_export_verify(struct cli_args *a)
{
	struct export_verified res;
	char *pin = NULL, *err = NULL;
	size_t len;
	int n;

	if (a->opt[O_KEY] != NULL &&
	    readfile_all(a->opt[O_KEY], 65536, &pin, &len, &err) < 0) {
		cli_error(err);
		free(err);
		return 1;
	}
	n = ops_export_verify(a->pos[0], pin, verify_problem, NULL, &res);
	free(pin);
	if (n > 0) {
		fprintf(stderr, ngettext("mynadesk: export verify: FAILED: %d "
		    "problem\n", "mynadesk: export verify: FAILED: %d problems\n",
		    (unsigned long)n), n);
		return 1;
	}
	printf(ngettext("package verified: %d file, records %lld-%lld of %lld\n",
	    "package verified: %d files, records %lld-%lld of %lld\n",
	    (unsigned long)res.files), res.files, (long long)res.first,
	    (long long)res.last,
	    (long long)res.tree_size);
	printf(_("signing key %s%s\n"), res.key_print, a->opt[O_KEY] ? "" :
	    _(" (compare it with the paper reports, or pass --key)"));
	return 0;
}

int
cli_cmd_export_sheets(struct cli_args *a)
{
	char *err = NULL;
	int n = 0, rc;

	rc = ops_export_sheets(a->pos[0], a->opt[O_OUT], export_progress, NULL,
	    &n, &err);
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	if (rc == 0)
		printf(ngettext("wrote %d workbook to %s\n",
		    "wrote %d workbooks to %s\n", (unsigned long)n), n,
		    a->opt[O_OUT]);
	return cli_done(rc, err);
}

int
cli_cmd_audit_report(struct cli_args *a)
{
	struct xbuf b = { NULL, 0, 0 };
	char *err = NULL;
	int rc;

	rc = ops_audit_report(a->s, a->opt[O_DATE], &b, &err);
	if (rc == 0 && a->opt[O_OUT] != NULL)
		rc = writefile_new(a->opt[O_OUT], b.data, b.len, &err);
	else if (rc == 0 && fwrite(b.data, 1, b.len, stdout) != b.len) {
		err = xasprintf(_("cannot write %s"), "stdout");
		rc = -1;
	}
	xbuf_free(&b);
	return cli_done(rc, err);
}

/* audit verify --head: the head typed in from a signed paper report. */
int
cli_audit_verify_head(struct session *s, const char *head)
{
	struct head_found h;
	char *err = NULL;
	int rc = ops_audit_verify_head(s, head, &h, &err);

	if (rc == 1)
		printf(_("head found: record %lld of %lld, written %s\n"),
		    (long long)h.seq, (long long)h.count, h.ts);
	else
		cli_error(err ? err : _("head check failed"));
	free(h.ts);
	free(err);
	return rc == 1 ? 0 : 1;
}
