/* mynadesk upload FILE...: send registration files over HTTPS. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/upload.h"
#include "util/i18n.h"
#include "util/secret.h"

/* On a terminal a repeated wait overwrites its line; into a log only the
 * first of them is written, not one line per poll. */
static void
upload_progress(const char *msg, int again, void *arg)
{
	int *open_line = arg, tty = isatty(STDERR_FILENO);

	if (again && !tty)
		return;
	if (tty && again) {
		fprintf(stderr, "\rmynadesk: %s", msg);
		*open_line = 1;
		return;
	}
	if (*open_line)
		fputc('\n', stderr);
	*open_line = 0;
	fprintf(stderr, "mynadesk: %s\n", msg);
}

static int upload_line_open;

/* The client certificate as PEM pair or PKCS#12, and the key's passphrase
 * from a descriptor (*pass, to be freed with secret_free). */
static int
upload_conf_cert(struct cli_args *a, struct upload_conf *c, char **pass)
{
	int fd = cli_opt_fd(a, O_KEY_PASSPHRASE_FD);
	char *err = NULL;

	c->cert = a->opt[O_CERT];
	c->key = a->opt[O_KEY];
	c->p12 = a->opt[O_CERT_P12];
	if (c->p12 != NULL ? (c->cert != NULL || c->key != NULL) :
	    (c->cert == NULL || c->key == NULL))
		return cli_error(_("upload needs either --cert and --key, or "
		    "--cert-p12"));
	if (fd < 0)
		return 0;
	if ((*pass = cli_read_secret(NULL, fd, &err)) == NULL) {
		cli_error(err);
		free(err);
		return 1;
	}
	c->key_passphrase = *pass;
	return 0;
}

static int
upload_conf_from(struct cli_args *a, struct upload_conf *c, char **pass)
{
	ops_upload_defaults(c);
	c->url = a->opt[O_URL];
	c->cacert = a->opt[O_CACERT];
	c->progress = upload_progress;
	c->arg = &upload_line_open;
	/* Tests shorten the waits; people keep the defaults. */
	if (getenv("MYNADESK_UPLOAD_FAST") != NULL) {
		c->backoff_ms = 50;
		c->poll_ms = 100;
		c->timeout_s = 5;
	}
	if (c->url == NULL)
		return cli_error(_("upload needs --url"));
	return upload_conf_cert(a, c, pass);
}

int
cli_cmd_upload(struct cli_args *a)
{
	struct upload_conf c;
	struct upload_outcome o;
	struct session *s;
	char *err = NULL, *pass = NULL;
	int i, failed = 0;

	if (a->npos == 0)
		return cli_error(_("upload: name the files to send"));
	if (upload_conf_from(a, &c, &pass) != 0 || (s = cli_login(a)) == NULL) {
		secret_free_str(pass);
		return 1;
	}
	for (i = 0; i < a->npos; i++) {
		if (ops_upload(s, &c, a->pos[i], a->opt[O_OUT], &o, &err) < 0) {
			upload_outcome_clear(&o);
			cli_error(err);
			free(err);
			err = NULL;
			failed++;
			continue;
		}
		printf(ngettext("%s: sent as %s after %d attempt; result %s: %lld "
		    "accepted, %lld refused\n", "%s: sent as %s after %d "
		    "attempts; result %s: %lld accepted, %lld refused\n",
		    (unsigned long)o.attempts), a->pos[i], o.server_id,
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
	secret_free_str(pass);
	return failed ? 1 : 0;
}
