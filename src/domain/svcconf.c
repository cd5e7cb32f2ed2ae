/* The service configuration's parser. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain/svcconf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define SVCCONF_PUT_DEFAULT (256LL * 1024 * 1024)

/* The path goes into an authorized_keys command="..." and into messages:
 * only characters that need no quoting anywhere. */
static int
svcconf_path_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '_' ||
	    c == '-' || c == '+';
}

int
svcconf_path_ok(const char *path)
{
	const char *p;

	if (path == NULL || path[0] != '/' || strlen(path) >= SVCCONF_PATH_MAX)
		return 0;
	for (p = path; *p != '\0'; p++)
		if (!svcconf_path_char((unsigned char)*p))
			return 0;
	/* No "." or ".." part, so what is checked is what is opened. */
	for (p = path; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		if (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return 0;
		if (p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0'))
			return 0;
		if (p[1] == '/')
			return 0;
	}
	return 1;
}

static char *
svcconf_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

struct svcconf_key {
	const char *name;
	size_t off;		/* offset of the char array in struct svcconf */
	int required;
};

static const struct svcconf_key svcconf_keys[] = {
	{ "vault", offsetof(struct svcconf, vault), 1 },
	{ "inbox", offsetof(struct svcconf, inbox), 1 },
	{ "outbox", offsetof(struct svcconf, outbox), 1 },
	{ "authorized_keys", offsetof(struct svcconf, authorized_keys), 0 },
	{ "command", offsetof(struct svcconf, command), 0 },
};
#define SVCCONF_NKEYS (sizeof svcconf_keys / sizeof svcconf_keys[0])
#define SVCCONF_COMMAND 4	/* index of "command" above */

static int
svcconf_limit(const char *v, long long *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *v == '\0' || *end != '\0' || n < 1 ||
	    n > 64LL * 1024 * 1024 * 1024)
		return -1;
	*out = n;
	return 0;
}

/* One "name = value" line; seen[] marks names already given. */
static int
svcconf_line(struct svcconf *c, char *line, int ln, int *seen, char **err)
{
	char *eq = strchr(line, '='), *name, *value;
	size_t k;

	if (eq == NULL)
		return err_set(err, _("line %d: expected name = value"), ln);
	*eq = '\0';
	name = svcconf_trim(line);
	value = svcconf_trim(eq + 1);
	for (k = 0; k <= SVCCONF_NKEYS; k++) {
		const char *kn = k < SVCCONF_NKEYS ? svcconf_keys[k].name : "put_limit";

		if (strcmp(name, kn) != 0)
			continue;
		if (seen[k]++)
			return err_set(err, _("line %d: %s is given twice"), ln, name);
		if (k == SVCCONF_NKEYS)
			return svcconf_limit(value, &c->put_limit) < 0 ?
			    err_set(err, _("line %d: put_limit is not a size in "
			    "bytes: %s"), ln, value) : 0;
		if (!svcconf_path_ok(value))
			return err_set(err, _("line %d: %s must be an absolute path "
			    "of letters, digits and / . _ - +"), ln, name);
		memcpy((char *)c + svcconf_keys[k].off, value, strlen(value) + 1);
		return 0;
	}
	return err_set(err, _("line %d: unknown setting '%s'"), ln, name);
}

int
svcconf_parse(const char *text, const char *default_command,
    struct svcconf *c, char **err)
{
	int seen[SVCCONF_NKEYS + 1] = { 0 }, ln = 0, rc = 0;
	char *copy, *line, *next;
	size_t k;

	memset(c, 0, sizeof *c);
	c->put_limit = SVCCONF_PUT_DEFAULT;
	if (strlen(text) > SVCCONF_MAX)
		return err_set(err, _("the configuration is longer than %d bytes"),
		    SVCCONF_MAX);
	copy = xstrdup(text);
	for (line = copy; rc == 0 && line != NULL; line = next) {
		char *t;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		ln++;
		t = svcconf_trim(line);
		if (*t == '\0' || *t == '#')
			continue;
		rc = svcconf_line(c, t, ln, seen, err);
	}
	free(copy);
	for (k = 0; rc == 0 && k < SVCCONF_NKEYS; k++)
		if (svcconf_keys[k].required && !seen[k])
			rc = err_set(err, _("%s is not set"), svcconf_keys[k].name);
	if (rc == 0 && !seen[SVCCONF_COMMAND] && default_command != NULL) {
		if (!svcconf_path_ok(default_command))
			rc = err_set(err, _("command is not set"));
		else
			memcpy(c->command, default_command, strlen(default_command) + 1);
	}
	return rc;
}
