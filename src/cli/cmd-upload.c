/* mynadesk upload FILE...: send registration files over HTTPS. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/upload.h"
#include "util/i18n.h"

static void
upload_progress(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "mynadesk: %s\n", msg);
}

static int
upload_conf_from(struct cli_args *a, struct upload_conf *c)
{
	upload_conf_defaults(c);
	c->url = a->x[X_URL];
	c->cert = a->x[X_CERT];
	c->key = a->x[X_KEY];
	c->cacert = a->x[X_CACERT];
	c->progress = upload_progress;
	/* Tests shorten the waits; people keep the defaults. */
	if (getenv("MYNADESK_UPLOAD_FAST") != NULL) {
		c->backoff_ms = 50;
		c->poll_ms = 100;
		c->timeout_s = 5;
	}
	if (c->url == NULL || c->cert == NULL || c->key == NULL ||
	    c->cacert == NULL)
		return cli_error(_("upload needs --url, --cert, --key and "
		    "--cacert"));
	return 0;
}

int
cli_cmd_upload(struct cli_args *a)
{
	struct upload_conf c;
	struct upload_outcome o;
	struct session *s;
	char *err = NULL;
	int i, failed = 0;

	if (a->npos == 0)
		return cli_error(_("upload: name the files to send"));
	if (upload_conf_from(a, &c) != 0 || (s = cli_login(a)) == NULL)
		return 1;
	for (i = 0; i < a->npos; i++) {
		if (ops_upload(s, &c, a->pos[i], a->out, &o, &err) < 0) {
			upload_outcome_clear(&o);
			cli_error(err);
			free(err);
			err = NULL;
			failed++;
			continue;
		}
		printf(_("%s: sent as %s after %d attempt(s); result %s: %lld "
		    "accepted, %lld refused\n"), a->pos[i], o.server_id,
		    o.attempts, o.result_path, o.accepted, o.failed);
		for (int m = 0; m < o.nmessages; m++)
			printf("  %s\n", o.messages[m]);
		if (o.jlis_mismatch > 0)
			printf(_("J-LIS mismatch %lld: registered, but blocked "
			    "until resolved: see 'registration mismatches'\n"),
			    o.jlis_mismatch);
		upload_outcome_clear(&o);
	}
	ops_logout(s);
	return failed ? 1 : 0;
}
