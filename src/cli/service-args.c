/* Service mode's check of a command's arguments: which commands may run
 * over SSH, and where each file they name really is. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/service.h"
#include "domain/handover.h"
#include "ops/handover.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define SERVICE_OWNED 16

/* What an argument is: a file read (from inbox/, or outbox/ when named so),
 * a file or folder written (into outbox/), or a layout name or file. */
enum svc_role { R_NONE, R_IN, R_OUT_FILE, R_OUT_DIR, R_LAYOUT };

struct svc_rule {
	const char *cmd;
	signed char pos0, pos1;	/* roles of the first two positional arguments */
	signed char out, file, layout, persons, key;
};

/* Every command allowed over SSH is listed here or in svc_rules; any other
 * is refused. Not listed: init, demo, upload, backup restore, and backup
 * create, since a backup fetched from the outbox would open with its
 * holder's own password, which is the key in a member of staff's hands. */

/* Allowed commands whose arguments are names, not files. */
static const char *const svc_plain[] = {
	"user add", "user list", "user lock", "user unlock", "user passwd",
	"user role", "vault rekey", "audit verify", "audit show",
	"settings show", "settings set", "idproof record", "idproof status",
	"idproof open", "idproof patterns", "person show", "person search",
	"number enter", "number confirm", "number match", "number status",
	"number queue", "number due", "number delete", "evidence list",
	"dashboard", "pia done", "pia", "jlis held", "jlis accept",
	"jlis reject", "jlis pending", "media ship", "media dispose",
	"media list", "media show", "media slip", "media register",
	"media password", "bulk pending", "cutover record",
	"registration history", "staff-key list", "staff-key remove",
};

/* Allowed commands that name files: each file argument's role (R_NONE
 * where not given). */
static const struct svc_rule svc_rules[] = {
	{ "audit checkpoint", .out = R_OUT_DIR },
	{ "idproof rules-check", .pos0 = R_IN },
	{ "person import", .pos0 = R_IN, .layout = R_LAYOUT },
	{ "evidence add", .pos0 = R_IN },
	{ "evidence get", .out = R_OUT_FILE },
	{ "check", .pos0 = R_IN, .layout = R_LAYOUT },
	{ "jlis request", .out = R_OUT_DIR, .persons = R_IN },
	{ "jlis receive", .pos0 = R_IN },
	{ "media pack", .pos0 = R_IN, .out = R_OUT_FILE },
	{ "media receive", .file = R_IN },
	{ "media imported", .file = R_IN },
	{ "audit export", .out = R_OUT_DIR },
	{ "export verify", .pos0 = R_IN, .key = R_IN },
	{ "audit report", .out = R_OUT_FILE },
	{ "backup verify", .pos0 = R_IN },
	{ "bulk export", .out = R_OUT_DIR, .file = R_IN, .layout = R_LAYOUT },
	{ "bulk results", .pos0 = R_IN, .layout = R_LAYOUT },
	{ "bulk check", .pos0 = R_IN, .layout = R_LAYOUT },
	{ "cutover diff", .out = R_OUT_DIR },
	{ "staff-key add", .pos1 = R_IN },
};

static char *svc_owned[SERVICE_OWNED];
static int svc_nowned;

void
service_args_release(void)
{
	while (svc_nowned > 0)
		free(svc_owned[--svc_nowned]);
}

static const struct svc_rule *
service_rule(const char *name)
{
	static const struct svc_rule no_files = { NULL, 0, 0, 0, 0, 0, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof svc_rules / sizeof svc_rules[0]; i++)
		if (strcmp(svc_rules[i].cmd, name) == 0)
			return &svc_rules[i];
	for (i = 0; i < sizeof svc_plain / sizeof svc_plain[0]; i++)
		if (strcmp(svc_plain[i], name) == 0)
			return &no_files;
	return NULL;
}

static int
service_refuse(const char *cmd, const char *fmt, const char *what)
{
	fprintf(stderr, "mynadesk: %s: ", cmd);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	return -1;
}

/* A built-in layout is a bare lower-case name; anything else is a file. */
static int
service_layout_name(const char *v)
{
	for (; *v != '\0'; v++)
		if (!((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') ||
		    *v == '-'))
			return 0;
	return 1;
}

/* Rewrites *v (when given) for its role; returns -1 after a message. */
static int
service_path(const char *cmd, int role, const char **v)
{
	static const enum handover_use use[] = { HANDOVER_READ, HANDOVER_READ,
	    HANDOVER_WRITE_FILE, HANDOVER_WRITE_DIR, HANDOVER_READ };
	char *err = NULL, *path;

	if (*v == NULL || role == R_NONE ||
	    (role == R_LAYOUT && service_layout_name(*v)))
		return 0;
	if ((path = ops_handover_path(*v, use[role], &err)) == NULL) {
		fprintf(stderr, "mynadesk: %s: %s\n", cmd, err);
		free(err);
		return -1;
	}
	if (svc_nowned == SERVICE_OWNED) {
		free(path);
		return service_refuse(cmd, "%s", _("too many file arguments"));
	}
	svc_owned[svc_nowned++] = path;
	*v = path;
	return 0;
}

static int
service_fd_ok(int fd)
{
	return fd < 0 || fd <= 2;
}

static int
service_fds(const char *cmd, const struct cli_args *a)
{
	int o;

	/* Every descriptor option, whichever the command takes. */
	for (o = 0; o < O_COUNT; o++)
		if (cli_option_get(o)->type == T_FD &&
		    !service_fd_ok(cli_opt_fd(a, o)))
			return service_refuse(cmd, "%s", _("over SSH only descriptors "
			    "0, 1 and 2 exist"));
	return 0;
}

int
service_args(const struct cli_command *cmd, struct cli_args *a)
{
	const struct svc_rule *r = service_rule(cmd->name);
	const struct svcconf *c;
	char *err = NULL;

	if (r == NULL)
		return service_refuse(cmd->name, "%s", _("not available over SSH "
		    "(ask the administrator on the server)"));
	if (a->opt[O_VAULT] != NULL)
		return service_refuse(cmd->name, "%s", _("--vault is fixed by the "
		    "service configuration"));
	if (a->opt[O_USER] != NULL)
		return service_refuse(cmd->name, "%s", _("--user is fixed by your "
		    "SSH key"));
	if (cli_opt_fd(a, O_RECOVERY_KEY_FD) >= 0)
		return service_refuse(cmd->name, "%s", _("the recovery key is used on "
		    "the server only"));
	if (service_fds(cmd->name, a) < 0)
		return -1;
	if ((c = service_conf(&err)) == NULL) {
		cli_error(err);
		free(err);
		return -1;
	}
	if ((a->npos > 0 && service_path(cmd->name, r->pos0, &a->pos[0]) < 0) ||
	    (a->npos > 1 && service_path(cmd->name, r->pos1, &a->pos[1]) < 0) ||
	    service_path(cmd->name, r->out, &a->opt[O_OUT]) < 0 ||
	    service_path(cmd->name, r->file, &a->opt[O_FILE]) < 0 ||
	    service_path(cmd->name, r->layout, &a->opt[O_LAYOUT]) < 0 ||
	    service_path(cmd->name, r->persons, &a->opt[O_PERSONS]) < 0 ||
	    service_path(cmd->name, r->key, &a->opt[O_KEY]) < 0)
		return -1;
	a->opt[O_VAULT] = c->vault;
	a->opt[O_USER] = service_staff();
	return 0;
}
