/* The service configuration: where the service account keeps the vault,
 * the hand-over folders and the staff keys. Its path is compiled in, so
 * that nothing a staff member sends over SSH can point the program at
 * another vault. */
#ifndef MYNA_SVCCONF_H
#define MYNA_SVCCONF_H

#include <stddef.h>

#define SVCCONF_MAX 16384	/* longest configuration file read */
#define SVCCONF_PATH_MAX 1024

struct svcconf {
	char vault[SVCCONF_PATH_MAX];
	char inbox[SVCCONF_PATH_MAX];
	char outbox[SVCCONF_PATH_MAX];
	char authorized_keys[SVCCONF_PATH_MAX];	/* "" when not set */
	char command[SVCCONF_PATH_MAX];	/* the program for the forced command */
	long long put_limit;	/* largest file "put" accepts, bytes */
};

/* Parses lines "name = value" (blank lines and lines starting with # are
 * skipped): vault, inbox, outbox (required), authorized_keys, command,
 * put_limit. Paths must be absolute, without "." or ".." parts, spaces,
 * quotes or control characters. Unknown or repeated names are errors.
 * default_command fills command when absent. On error *err says
 * "line N: what". */
int svcconf_parse(const char *text, const char *default_command,
    struct svcconf *c, char **err);

/* Whether path is absolute and made of safe characters only. */
int svcconf_path_ok(const char *path);

#endif
