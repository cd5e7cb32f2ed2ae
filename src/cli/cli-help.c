/* Help from the command table: `mynadesk help [CMD]`, `CMD --help` (every
 * option the command takes, one line each) and a bare group word
 * (`mynadesk audit`) listing that group's commands. The option lines come
 * from the same allowed-options list the parser enforces, so help cannot
 * name an option the command refuses, nor miss one it takes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/i18n.h"

struct cli_opt_help {
	const char *name;
	const char *arg;	/* placeholder of its value, "" for a flag */
	const char *help;
};

/* One line per option; an option missing here is still listed, without
 * words (a test checks that none is missing). */
static const struct cli_opt_help cli_opt_helps[] = {
	{ "vault", "DIR", N_("the vault's folder") },
	{ "user", "NAME", N_("who you are (default: $USER)") },
	{ "password-fd", "N", N_("read your password from descriptor N") },
	{ "recovery-key-fd", "N", N_("log in with the recovery key read from "
	    "descriptor N") },
	{ "new-password-fd", "N", N_("read the new password from descriptor N") },
	{ "checker", "NAME", N_("the second person, who logs in too") },
	{ "checker-password-fd", "N", N_("read the second person's password "
	    "from descriptor N") },
	{ "witness", "NAME", N_("the second person who sees the step") },
	{ "witness-password-fd", "N", N_("read the witness's password from "
	    "descriptor N") },
	{ "insurer", "CODE", N_("insurer number (保険者番号)") },
	{ "name", "TEXT", N_("a name") },
	{ "kana", "TEXT", N_("the name in katakana") },
	{ "admin", "NAME", N_("the first administrator") },
	{ "role", "ROLE", N_("admin, supervisor or clerk") },
	{ "from", "YYYY-MM-DD", N_("first day (Japan time)") },
	{ "to", "YYYY-MM-DD", N_("last day (Japan time)") },
	{ "date", "YYYY-MM-DD", N_("the day (Japan time; default today)") },
	{ "actor", "NAME", N_("only records by this user") },
	{ "action", "NAME", N_("only records of this action") },
	{ "limit", "N", N_("at most N lines") },
	{ "person", "KEY", N_("the insured person's key") },
	{ "persons", "FILE", N_("person keys, one a line") },
	{ "layout", "FILE", N_("a file layout instead of the installed one") },
	{ "accept-valid", "", N_("import the valid lines only (audited)") },
	{ "number-fd", "N", N_("read the number from descriptor N") },
	{ "channel", "NAME", N_("how the number was received") },
	{ "received", "YYYY-MM-DD", N_("the day it was received") },
	{ "doc", "KIND", N_("a document seen or received (repeatable)") },
	{ "exemption", "NAME", N_("a recorded exemption (repeatable)") },
	{ "mode", "NAME", N_("the mode") },
	{ "out", "PATH", N_("where to write") },
	{ "title", "TEXT", N_("a title") },
	{ "about", "WHAT", N_("person:KEY, medium:ID or test:NAME") },
	{ "head", "HEX", N_("the head from a signed paper report") },
	{ "staff", "TEXT", N_("the staff present") },
	{ "incidents", "TEXT", N_("incidents to report") },
	{ "kind", "KIND", N_("the kind of file or record") },
	{ "courier", "NAME", N_("the courier") },
	{ "tracking", "NO", N_("the tracking number") },
	{ "seal", "NO", N_("the seal's number") },
	{ "notice-date", "YYYY-MM-DD", N_("the day the notice was sent") },
	{ "medium", "ID", N_("the medium") },
	{ "method", "NAME", N_("how it was done") },
	{ "reason", "TEXT", N_("why (kept in the audit log)") },
	{ "format", "NAME", N_("output format") },
	{ "password-out-fd", "N", N_("write the generated password to "
	    "descriptor N") },
	{ "container-password-fd", "N", N_("read the container's password from "
	    "descriptor N") },
	{ "diff", "", N_("only what changed since the last accepted file") },
	{ "retry", "", N_("only the records the server refused") },
	{ "cert", "FILE", N_("client certificate (PEM)") },
	{ "key", "FILE", N_("its private key (PEM)") },
	{ "cert-p12", "FILE", N_("client certificate and key as PKCS#12") },
	{ "key-passphrase-fd", "N", N_("read the key's passphrase from "
	    "descriptor N") },
	{ "cacert", "FILE", N_("the only CA trusted for the server (default: "
	    "the system's)") },
	{ "url", "URL", N_("the server's base address (https:)") },
	{ "force", "", N_("go on although it was done before") },
	{ "id", "ID", N_("the identifier") },
	{ "file", "FILE", N_("an input file") },
};

static const struct cli_opt_help *
cli_opt_help_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof cli_opt_helps / sizeof cli_opt_helps[0]; i++)
		if (strcmp(cli_opt_helps[i].name, name) == 0)
			return &cli_opt_helps[i];
	return NULL;
}

int
cli_help_known(const char *option)
{
	return cli_opt_help_find(option) != NULL;
}

void
cli_help_command(FILE *out, const struct cli_command *cmd)
{
	const char *p = cmd->opts;
	char name[64];

	fprintf(out, _("usage: mynadesk %s %s\n  %s\n"), cmd->name, cmd->usage,
	    _(cmd->help));
	if (*p != '\0')
		fprintf(out, _("options:\n"));
	while (*p != '\0') {
		size_t n = strcspn(p, " ");
		const struct cli_opt_help *h;
		char opt[96];

		if (n > 0 && n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			h = cli_opt_help_find(name);
			snprintf(opt, sizeof opt, "--%s%s%s", name,
			    h && h->arg[0] ? " " : "", h ? h->arg : "");
			fprintf(out, "  %-30s %s\n", opt, h ? _(h->help) : "");
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	fprintf(out, _("see mynadesk(1) for the whole description.\n"));
}

int
cli_help_group(FILE *out, const char *word)
{
	size_t i, n, len = strlen(word);
	const struct cli_command *cmds = cli_command_list(&n);
	int found = 0;

	for (i = 0; i < n; i++) {
		if (strncmp(cmds[i].name, word, len) != 0 ||
		    cmds[i].name[len] != ' ')
			continue;
		if (found++ == 0)
			fprintf(out, _("%s commands:\n"), word);
		fprintf(out, "  mynadesk %-24s %s\n", cmds[i].name,
		    _(cmds[i].help));
	}
	if (found > 0)
		fprintf(out, _("'mynadesk help %s NAME' tells more of one.\n"), word);
	return found;
}
