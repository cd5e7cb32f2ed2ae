/* The one argument parser: argv against a command's entry in the table.
 * Everything that can be wrong with the arguments is found here, before
 * the dispatcher logs in, so a script's mistake is a usage error (exit 2)
 * and no password is read for a command that cannot run. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/dates.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* One line: what was wrong, and where the command's options are told. */
static int
parse_fail(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mynadesk: %s%s", cmd->name, cmd->name[0] ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" (see: mynadesk help%s%s)\n"), cmd->name[0] ? " " : "",
	    cmd->name);
	return -1;
}

static int
parse_number(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
parse_enum(const char *const *values, const char *v)
{
	for (; values != NULL && *values != NULL; values++)
		if (strcmp(*values, v) == 0)
			return 0;
	return -1;
}

/* Checks v against the option's type; the number goes to *num. */
static int
parse_value(const struct cli_optspec *sp, const char *v, long long *num,
    char **why)
{
	const struct cli_option *o = cli_option_get(sp->id);
	long long min = 0, max = 1000000000;

	switch (sp->type) {
	case T_DATE:
		return date_check(v, why);
	case T_CHECKED:
		return o->check(v, why);
	case T_ENUM:
		if (parse_enum(sp->values, v) == 0)
			return 0;
		*why = xasprintf(_("use %s"), sp->arg);
		return -1;
	case T_FD:
		if (parse_number(v, 0, 65535, num) == 0)
			return 0;
		*why = xstrdup(_("not a descriptor number"));
		return -1;
	case T_NUMBER:
		if (o->type == T_NUMBER)
			min = o->min, max = o->max;
		if (parse_number(v, min, max, num) == 0)
			return 0;
		*why = xasprintf(_("not a whole number from %lld to %lld"), min, max);
		return -1;
	default:
		return 0;
	}
}

/* Repeatable options keep every value, in order. */
static int
parse_keep(struct cli_args *a, enum cli_opt id, const char *v)
{
	if (id == O_DOC && a->ndocs < (int)(sizeof a->docs / sizeof a->docs[0]))
		a->docs[a->ndocs++] = v;
	else if (id == O_EXEMPTION && a->nexemptions <
	    (int)(sizeof a->exemptions / sizeof a->exemptions[0]))
		a->exemptions[a->nexemptions++] = v;
	else if (id == O_DOC || id == O_EXEMPTION)
		return -1;
	a->opt[id] = v;
	return 0;
}

/* The command's option named name (len bytes), or the only one it begins
 * (getopt's abbreviations, which scripts may use); *many when more begin
 * with it. */
static const struct cli_optspec *
parse_spec(const struct cli_optspec *specs, int n, const char *name,
    size_t len, int *many)
{
	const struct cli_optspec *found = NULL;
	int i, count = 0;

	for (i = 0; i < n; i++) {
		const char *o = cli_option_get(specs[i].id)->name;

		if (strncmp(o, name, len) != 0)
			continue;
		if (o[len] == '\0')
			return &specs[i];
		found = &specs[i];
		count++;
	}
	*many = count > 1;
	return count == 1 ? found : NULL;
}

/* argv[*i] is "--name" or "--name=value"; takes its value, maybe the
 * next word. 0, 1 for --help, or -1 after the message. */
static int
parse_option(const struct cli_command *cmd, const struct cli_optspec *specs,
    int n, int argc, char **argv, int *i, struct cli_args *a)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '='), *v = NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	int rc, many = 0;
	const struct cli_optspec *sp = parse_spec(specs, n, arg, len, &many);
	char *why = NULL;

	if (len == 4 && strncmp(arg, "help", 4) == 0 && eq == NULL)
		return 1;
	if (sp == NULL && many)
		return parse_fail(cmd, _("--%.*s is short for more than one option"),
		    (int)len, arg);
	if (sp == NULL)
		return parse_fail(cmd, cli_option_find(arg, len) >= 0 ?
		    _("option --%.*s does not apply") : _("unknown option --%.*s"),
		    (int)len, arg);
	if (sp->type == T_FLAG) {
		if (eq != NULL)
			return parse_fail(cmd, _("--%s takes no value"),
			    cli_option_get(sp->id)->name);
		a->opt[sp->id] = "1";
		return 0;
	}
	v = eq ? eq + 1 : *i + 1 < argc ? argv[++*i] : NULL;
	if (v == NULL)
		return parse_fail(cmd, _("--%s needs a value: %s"),
		    cli_option_get(sp->id)->name, sp->arg);
	rc = parse_value(sp, v, &a->num[sp->id], &why);
	if (rc < 0) {
		parse_fail(cmd, "--%s %s: %s", cli_option_get(sp->id)->name, v,
		    why ? why : "?");
		free(why);
		return -1;
	}
	if (parse_keep(a, sp->id, v) < 0)
		return parse_fail(cmd, _("--%s given too many times"),
		    cli_option_get(sp->id)->name);
	return 0;
}

/* What the entry asks for and was not given: required options, then the
 * count of operands. */
static int
parse_complete(const struct cli_command *cmd, const struct cli_optspec *specs,
    int n, const struct cli_args *a)
{
	int i;

	for (i = 0; i < n; i++)
		if ((specs[i].flags & CLI_REQUIRED) && a->opt[specs[i].id] == NULL)
			return parse_fail(cmd, _("--%s %s is required"),
			    cli_option_get(specs[i].id)->name, specs[i].arg);
	if (a->npos < cmd->min_pos)
		return parse_fail(cmd, _("%s is missing"), cmd->operands);
	if (a->npos > cmd->max_pos)
		return parse_fail(cmd, _("one operand too many: %s"),
		    a->pos[cmd->max_pos]);
	return 0;
}

static void
parse_init(struct cli_args *a)
{
	int i;

	memset(a, 0, sizeof *a);
	for (i = 0; i < O_COUNT; i++)
		a->num[i] = -1;
}

int
cli_parse(const struct cli_command *cmd, int argc, char **argv,
    struct cli_args *a)
{
	struct cli_optspec specs[CLI_MAX_OPTS];
	int n = cli_command_opts(cmd, specs, CLI_MAX_OPTS), i, rc, dashdash = 0;

	parse_init(a);
	for (i = 0; i < argc; i++) {
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = 1;
		} else if (!dashdash && strncmp(argv[i], "--", 2) == 0) {
			if ((rc = parse_option(cmd, specs, n, argc, argv, &i, a)) != 0)
				return rc;
		} else if (!dashdash && argv[i][0] == '-' && argv[i][1] != '\0') {
			return parse_fail(cmd, _("unknown option %s"), argv[i]);
		} else if (a->npos < CLI_MAX_POS) {
			a->pos[a->npos++] = argv[i];
		} else {
			return parse_fail(cmd, _("one operand too many: %s"), argv[i]);
		}
	}
	return parse_complete(cmd, specs, n, a);
}
