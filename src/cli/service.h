/* Service mode: the program as the forced command of the service account
 * ("mynadesk --as NAME" in its authorized_keys). The login name is fixed
 * by the key, the vault by the compiled-in configuration file, and what
 * the staff member typed (SSH_ORIGINAL_COMMAND) is split by our own
 * parser, never a shell. */
#ifndef MYNA_CLI_SERVICE_H
#define MYNA_CLI_SERVICE_H

#include "cli/cli.h"
#include "domain/svcconf.h"

/* "mynadesk --as NAME": argv as main got it. Returns the exit status. */
int service_main(int argc, char **argv);

/* Whether this process runs in service mode, and as whom. */
int service_active(void);
const char *service_staff(void);

/* In service mode: refuses what could point elsewhere (--vault, --user,
 * the recovery key, descriptors other than the SSH channel's 0-2, files
 * outside the hand-over folders), fixes vault and user, and rewrites file
 * arguments to their places in the inbox (inputs) or outbox (outputs).
 * Prints its own message; returns 0 or -1. */
int service_args(const struct cli_command *cmd, struct cli_args *a);
/* Frees what service_args allocated, once the command has returned. */
void service_args_release(void);

/* The configuration file: the compiled-in path; outside service mode,
 * MYNADESK_CONFIG may name another (tests, a second installation). */
const char *service_config_path(void);
/* Reads and checks the configuration at path: a regular file, not a link,
 * owned by root or by us, writable by no one else. */
int service_load_conf(const char *path, struct svcconf *c, char **err);
/* The configuration this process uses (loaded on first use). */
const struct svcconf *service_conf(char **err);

#endif
