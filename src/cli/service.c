/* Service mode: "mynadesk --as NAME" as the forced command of the service
 * account, in the manner of gitolite-shell: the key chooses the name, the
 * configuration the vault, and the client's words are only data. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/service.h"
#include "domain/account.h"
#include "domain/handover.h"
#include "domain/words.h"
#include "ops/handover.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#ifndef MYNA_SERVICE_CONFIG
#define MYNA_SERVICE_CONFIG "/etc/mynadesk/mynadesk.conf"
#endif
#ifndef MYNA_BINDIR
#define MYNA_BINDIR "/usr/local/bin"
#endif

static int svc_on;
static const char *svc_staff;
static struct svcconf svc_conf;
static int svc_loaded;

int
service_active(void)
{
	return svc_on;
}

const char *
service_staff(void)
{
	return svc_staff;
}

const char *
service_config_path(void)
{
	const char *env = getenv("MYNADESK_CONFIG");

	/* In service mode the environment is the client's to shape
	 * (AcceptEnv): only the compiled-in path counts. */
	if (!svc_on && env != NULL && env[0] != '\0')
		return env;
	return MYNA_SERVICE_CONFIG;
}

int
service_load_conf(const char *path, struct svcconf *c, char **err)
{
	struct stat st;
	char *text = NULL;
	size_t len;
	int rc;

	if (lstat(path, &st) < 0)
		return err_set(err, _("no service configuration %s: %s"), path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(err, _("%s is not a plain file"), path);
	if ((st.st_uid != 0 && st.st_uid != geteuid()) || (st.st_mode & 022))
		return err_set(err, _("%s may be changed by others (owner %ld, mode "
		    "%03o): make it root's or ours, writable by no one else"), path,
		    (long)st.st_uid, (unsigned)(st.st_mode & 0777));
	if (readfile_all(path, SVCCONF_MAX, &text, &len, err) < 0)
		return -1;
	rc = svcconf_parse(text, MYNA_BINDIR "/mynadesk", c, err);
	if (rc < 0) {
		char *m = xasprintf("%s: %s", path, *err);

		free(*err);
		*err = m;
	}
	free(text);
	return rc;
}

const struct svcconf *
service_conf(char **err)
{
	if (!svc_loaded) {
		if (service_load_conf(service_config_path(), &svc_conf, err) < 0)
			return NULL;
		svc_loaded = 1;
	}
	return &svc_conf;
}

/* Keeps only what the console needs from an environment the client may
 * have shaped: no TMPDIR, XDG_*, TERMINFO, MYNADESK_* or LD_* reach us. */
static void
service_env_scrub(void)
{
	static const char *const keep[] = { "TERM", "LANG", "LANGUAGE", "LC_",
	    "HOME", "LOGNAME", "PATH", "SSH_CONNECTION", "SSH_CLIENT",
	    "SSH_TTY", "TZ" };
	extern char **environ;
	char **e, **copy;
	size_t n = 0, i, k;

	for (e = environ; *e != NULL; e++)
		n++;
	copy = xcalloc(n + 1, sizeof *copy);
	for (i = 0; i < n; i++)
		copy[i] = xstrdup(environ[i]);
	(void)clearenv();
	for (i = 0; i < n; i++) {
		char *eq = strchr(copy[i], '=');

		for (k = 0; eq != NULL && k < sizeof keep / sizeof keep[0]; k++) {
			size_t kl = strlen(keep[k]);
			int prefix = keep[k][kl - 1] == '_';

			if (strncmp(copy[i], keep[k], kl) == 0 &&
			    (prefix || copy[i] + kl == eq)) {
				*eq = '\0';
				(void)setenv(copy[i], eq + 1, 1);
				break;
			}
		}
		free(copy[i]);
	}
	free(copy);
}

static void
service_help(void)
{
	printf(_("mynadesk over SSH (service mode, user %s):\n"
	    "  ssh mynadesk@SERVER                   the console\n"
	    "  ssh -t mynadesk@SERVER COMMAND ...    one command (see mynadesk "
	    "--help; -t lets it ask the password)\n"
	    "  ssh mynadesk@SERVER put inbox/NAME < FILE\n"
	    "  ssh mynadesk@SERVER get outbox/NAME > FILE\n"
	    "  ssh mynadesk@SERVER ls inbox|outbox\n"
	    "files named in a command are read from inbox/ and written to "
	    "outbox/.\n"), svc_staff);
}

static void
service_ls_one(const char *name, long long size, void *arg)
{
	(void)arg;
	printf("%12lld  %s\n", size, name);
}

/* put, get and ls: the file travels on stdin or stdout. */
static int
service_handover(int argc, char **argv)
{
	struct handover_path p;
	struct handover_result r;
	char *err = NULL;
	int rc, put = strcmp(argv[0], "put") == 0;

	if (strcmp(argv[0], "ls") == 0) {
		enum handover_box box = argc == 2 && strcmp(argv[1], "inbox") == 0 ?
		    HANDOVER_INBOX : HANDOVER_OUTBOX;

		if (argc > 2 || (argc == 2 && strcmp(argv[1], "inbox") != 0 &&
		    strcmp(argv[1], "outbox") != 0))
			return cli_error(_("usage: ls inbox|outbox")) + 1;
		rc = ops_handover_list(&svc_conf, box, service_ls_one, NULL, &err);
	} else if (argc != 2) {
		fprintf(stderr, _("usage: %s\n"), put ? "put inbox/NAME < FILE" :
		    "get outbox/NAME > FILE");
		return 2;
	} else if (handover_parse(argv[1], put ? HANDOVER_INBOX : HANDOVER_OUTBOX,
	    !put, &p, &err) < 0) {
		rc = -1;
	} else if (put) {
		rc = ops_handover_put(&svc_conf, svc_staff, &p, STDIN_FILENO, &r, &err);
		if (rc == 0)
			fprintf(stderr, ngettext("inbox/%s: %lld byte, SHA-256 %s\n",
			    "inbox/%s: %lld bytes, SHA-256 %s\n",
			    (unsigned long)r.size), p.name, r.size, r.sha256);
	} else {
		rc = ops_handover_get(&svc_conf, svc_staff, &p, STDOUT_FILENO, &r,
		    &err);
	}
	if (rc < 0)
		cli_error(err ? err : _("failed"));
	free(err);
	return rc < 0 ? 1 : 0;
}

static int
service_command(const char *line)
{
	struct words w;
	char *err = NULL;
	int rc;

	if (words_split(line, &w, &err) < 0) {
		fprintf(stderr, _("mynadesk: the command cannot be read: %s\n"), err);
		free(err);
		return 2;
	}
	if (w.argc == 0) {
		rc = 2;		/* blank lines open the console before this */
	} else if (strcmp(w.argv[0], "help") == 0 ||
	    strcmp(w.argv[0], "--help") == 0) {
		service_help();
		rc = 0;
	} else if (strcmp(w.argv[0], "put") == 0 || strcmp(w.argv[0], "get") == 0 ||
	    strcmp(w.argv[0], "ls") == 0) {
		rc = service_handover(w.argc, w.argv);
	} else if (w.argv[0][0] == '-') {
		fprintf(stderr, _("mynadesk: options come after a command here: "
		    "try 'help'\n"));
		rc = 2;
	} else {
		rc = cli_main(w.argc, w.argv);
	}
	service_args_release();
	words_free(&w);
	return rc;
}

static int
service_console(void)
{
	struct tui_options opt = { 0 };

	opt.fixed_user = svc_staff;
	opt.service = 1;
	return tui_run(svc_conf.vault, NULL, &opt);
}

int
service_main(int argc, char **argv)
{
	const char *cmd;
	char *line = NULL, *err = NULL;
	int rc;

	if (argc != 3 || strcmp(argv[1], "--as") != 0) {
		fprintf(stderr, _("usage: mynadesk --as NAME (the forced command of "
		    "the service account; nothing may follow)\n"));
		return 2;
	}
	if (account_name_check(argv[2], &err) < 0) {
		rc = cli_error(err) + 1;
		free(err);
		return rc;
	}
	svc_on = 1;
	svc_staff = argv[2];
	cmd = getenv("SSH_ORIGINAL_COMMAND");
	if (cmd != NULL)
		line = xstrdup(cmd);
	service_env_scrub();
	if (service_conf(&err) == NULL || chdir(svc_conf.inbox) < 0) {
		cli_error(err ? err : _("cannot enter the inbox"));
		free(err);
		free(line);
		return 1;
	}
	ops_handover_confine(&svc_conf);
	{
		struct words probe;

		/* No command, or only blanks: the console. */
		if (line == NULL || (words_split(line, &probe, NULL) == 0 &&
		    probe.argc == 0)) {
			free(line);
			return service_console();
		}
		words_free(&probe);
	}
	rc = service_command(line);
	free(line);
	return rc;
}
