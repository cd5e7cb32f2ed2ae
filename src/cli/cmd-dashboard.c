/* mynadesk dashboard: the home screen's figures for scripts and reports. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/dashboard.h"
#include "util/i18n.h"

/* "-" for an area not built yet, as on the home screen. */
static void
dashboard_line(const char *name, long long v)
{
	if (v < 0)
		printf("%s -\n", name);
	else
		printf("%s %lld\n", name, v);
}

int
cli_cmd_dashboard(struct cli_args *a)
{
	struct dashboard d;
	char *err = NULL;
	int rc;

	rc = ops_dashboard(a->s, &d, &err);
	if (rc == 0) {
		/* Stable English names: this output is for scripts. */
		dashboard_line("insured", d.n.insured);
		dashboard_line("former", d.n.former);
		dashboard_line("confirmed", d.n.confirmed);
		dashboard_line("awaiting-confirmation", d.n.entered);
		dashboard_line("supervisor", d.n.supervisor);
		dashboard_line("missing", d.n.missing);
		dashboard_line("past-deadline", d.n.past_deadline);
		dashboard_line("idproof-incomplete", d.idproof_open);
		dashboard_line("media-in-transit", d.media_transit);
		dashboard_line("media-overdue", d.media_overdue);
		dashboard_line("registrations-pending", d.reg_pending);
		dashboard_line("jlis-blocked", d.reg_blocked);
	}
	return cli_done(rc, err);
}
