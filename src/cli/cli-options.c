/* The table of options: each option's name, the type of its value (which
 * the parser checks) and its one line of help. A command lists the ones
 * it takes (cli-commands.c) and may give one its own type and help where
 * it means something of its own by it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define DAY "YYYY-MM-DD"
#define STR(n, a, h) { n, T_STRING, a, h, NULL, 0, 0, NULL, 0 }
#define FD(n, h) { n, T_FD, "N", h, NULL, 0, 65535, NULL, 0 }
#define DATE(n, h) { n, T_DATE, DAY, h, NULL, 0, 0, NULL, 0 }
#define FLAG(n, h) { n, T_FLAG, NULL, h, NULL, 0, 0, NULL, 0 }

int
cli_idle_seconds(const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (n <= 0 || n > 240 || (*end != '\0' && strcmp(end, "s") != 0))
		return -1;
	return (int)(*end == 's' ? n : n * 60);
}

static int
cli_idle_check(const char *v, char **err)
{
	if (cli_idle_seconds(v) > 0)
		return 0;
	*err = xstrdup(_("give 1 to 240 minutes, or seconds as Ns"));
	return -1;
}

static const char *const yes_no[] = { "yes", "no", NULL };
static const char *const formats[] = { "text", "csv", "xlsx", NULL };

/* By enum cli_opt. */
static const struct cli_option cli_options[O_COUNT] = {
	[O_VAULT] = STR("vault", "DIR", N_("the vault's folder")),
	[O_USER] = STR("user", "NAME", N_("who you are (default: $USER)")),
	[O_PASSWORD_FD] = FD("password-fd",
	    N_("read your password from descriptor N")),
	[O_RECOVERY_KEY_FD] = FD("recovery-key-fd",
	    N_("log in with the recovery key read from descriptor N")),
	[O_NEW_PASSWORD_FD] = FD("new-password-fd",
	    N_("read the new password from descriptor N")),
	[O_CHECKER] = STR("checker", "NAME",
	    N_("the second person, who logs in too")),
	[O_CHECKER_PASSWORD_FD] = FD("checker-password-fd",
	    N_("read the second person's password from descriptor N")),
	[O_WITNESS] = STR("witness", "NAME",
	    N_("the second person who sees the step")),
	[O_WITNESS_PASSWORD_FD] = FD("witness-password-fd",
	    N_("read the witness's password from descriptor N")),
	[O_INSURER] = { "insurer", T_CHECKED, "CODE",
	    N_("insurer number (保険者番号)"), NULL, 0, 0,
	    account_insurer_check, 0 },
	[O_NAME] = STR("name", "TEXT", N_("a name")),
	[O_KANA] = STR("kana", "TEXT", N_("the name in katakana")),
	[O_ADMIN] = STR("admin", "NAME", N_("the first administrator")),
	[O_ROLE] = { "role", T_CHECKED, "ROLE",
	    N_("admin, supervisor or clerk"), NULL, 0, 0,
	    account_role_check, 0 },
	[O_FROM] = DATE("from", N_("first day (Japan time)")),
	[O_TO] = DATE("to", N_("last day (Japan time)")),
	[O_DATE] = DATE("date", N_("the day (Japan time; default today)")),
	[O_ACTOR] = STR("actor", "NAME", N_("only records by this user")),
	[O_ACTION] = STR("action", "NAME", N_("only records of this action")),
	[O_LIMIT] = { "limit", T_NUMBER, "N", N_("at most N lines"), NULL,
	    1, 100000000, NULL, 0 },
	[O_PERSON] = STR("person", "KEY", N_("the insured person's key")),
	[O_PERSONS] = STR("persons", "FILE", N_("person keys, one a line")),
	[O_LAYOUT] = STR("layout", "FILE",
	    N_("a file layout instead of the installed one")),
	[O_ACCEPT_VALID] = FLAG("accept-valid",
	    N_("import the valid lines only (audited)")),
	[O_NUMBER_FD] = FD("number-fd", N_("read the number from descriptor N")),
	[O_CHANNEL] = STR("channel", "NAME", N_("how the number was received")),
	[O_RECEIVED] = DATE("received", N_("the day it was received")),
	[O_DOC] = { "doc", T_STRING, "KIND",
	    N_("a document seen or received (repeatable)"), NULL, 0, 0, NULL,
	    1 },
	[O_EXEMPTION] = { "exemption", T_STRING, "NAME",
	    N_("a recorded exemption (repeatable)"), NULL, 0, 0, NULL, 1 },
	[O_MODE] = STR("mode", "NAME", N_("the mode")),
	[O_OUT] = STR("out", "PATH", N_("where to write")),
	[O_TITLE] = STR("title", "TEXT", N_("a title")),
	[O_ABOUT] = STR("about", "WHAT", N_("person:KEY, medium:ID or test:NAME")),
	[O_HEAD] = STR("head", "HEX", N_("the head from a signed paper report")),
	[O_STAFF] = { "staff", T_NUMBER, "N",
	    N_("how many staff handle the file of individual numbers"), NULL,
	    0, 100000000, NULL, 0 },
	[O_INCIDENTS] = { "incidents", T_ENUM, "yes|no",
	    N_("incidents to report"), yes_no, 0, 0, NULL, 0 },
	[O_KIND] = STR("kind", "KIND", N_("the kind of file or record")),
	[O_COURIER] = STR("courier", "NAME", N_("the courier")),
	[O_TRACKING] = STR("tracking", "NO", N_("the tracking number")),
	[O_SEAL] = STR("seal", "NO", N_("the seal's number")),
	[O_NOTICE_DATE] = DATE("notice-date", N_("the day the notice was sent")),
	[O_MEDIUM] = STR("medium", "ID", N_("the medium")),
	[O_METHOD] = STR("method", "NAME", N_("how it was done")),
	[O_REASON] = STR("reason", "TEXT", N_("why (kept in the audit log)")),
	[O_FORMAT] = { "format", T_ENUM, "text|csv|xlsx", N_("output format"),
	    formats, 0, 0, NULL, 0 },
	[O_PASSWORD_OUT_FD] = FD("password-out-fd",
	    N_("write the generated password to descriptor N")),
	[O_CONTAINER_PASSWORD_FD] = FD("container-password-fd",
	    N_("read the container's password from descriptor N")),
	[O_DIFF] = FLAG("diff",
	    N_("only what changed since the last accepted file")),
	[O_RETRY] = FLAG("retry", N_("only the records the server refused")),
	[O_CERT] = STR("cert", "FILE", N_("client certificate (PEM)")),
	[O_KEY] = STR("key", "FILE", N_("its private key (PEM)")),
	[O_CERT_P12] = STR("cert-p12", "FILE",
	    N_("client certificate and key as PKCS#12")),
	[O_KEY_PASSPHRASE_FD] = FD("key-passphrase-fd",
	    N_("read the key's passphrase from descriptor N")),
	[O_CACERT] = STR("cacert", "FILE",
	    N_("the only CA trusted for the server (default: the system's)")),
	[O_URL] = STR("url", "URL", N_("the server's base address (https:)")),
	[O_FORCE] = FLAG("force", N_("go on although it was done before")),
	[O_ID] = STR("id", "ID", N_("the identifier")),
	[O_FILE] = STR("file", "FILE", N_("an input file")),
	[O_IDLE_LOCK] = { "idle-lock", T_CHECKED, "MINUTES|Ns",
	    N_("lock the console after this long without a key (1-240)"),
	    NULL, 0, 0, cli_idle_check, 0 },
	[O_ASCII] = FLAG("ascii",
	    N_("draw with ASCII (for terminals that draw some glyphs two "
	    "cells wide)")),
};

const struct cli_option *
cli_option_get(enum cli_opt id)
{
	return &cli_options[id];
}

int
cli_option_find(const char *name, size_t len)
{
	int i;

	for (i = 0; i < O_COUNT; i++)
		if (strlen(cli_options[i].name) == len &&
		    strncmp(cli_options[i].name, name, len) == 0)
			return i;
	return -1;
}

/* The options every login command takes, in the order help shows them. */
static void
cli_login_opts(const struct cli_command *cmd, struct cli_optspec *out,
    int *n)
{
	static const enum cli_opt login[] = { O_VAULT, O_USER, O_PASSWORD_FD,
	    O_RECOVERY_KEY_FD };
	size_t i;

	if (!(cmd->flags & (CLI_LOGIN | CLI_OWN_LOGIN)))
		return;
	for (i = 0; i < sizeof login / sizeof login[0]; i++) {
		if (login[i] == O_RECOVERY_KEY_FD && (cmd->flags & CLI_NO_RECOVERY))
			continue;
		memset(&out[*n], 0, sizeof out[*n]);
		out[(*n)++].id = login[i];
	}
}

int
cli_command_opts(const struct cli_command *cmd, struct cli_optspec *out,
    int max)
{
	const struct cli_optspec *p;
	int n = 0, i;

	cli_login_opts(cmd, out, &n);
	for (p = cmd->opts; p != NULL && p->id != O_END && n < max; p++)
		out[n++] = *p;
	for (i = 0; i < n; i++) {
		const struct cli_option *o = &cli_options[out[i].id];

		if (out[i].type == T_DEFAULT) {
			out[i].type = o->type;
			out[i].values = o->values;
		}
		if (out[i].arg == NULL)
			out[i].arg = o->arg;
		if (out[i].help == NULL)
			out[i].help = o->help;
	}
	return n;
}
