/* The command line: arguments, secrets from the terminal or a descriptor,
 * and the table of subcommands. */
#ifndef MYNA_CLI_H
#define MYNA_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "ops/session.h"

#define CLI_MAX_POS 8

/* Options added after the first work areas: kept by index in cli_args.x so
 * a new option is one line here and one in cli.c's table. Flags store "1";
 * descriptors are read with cli_opt_fd. */
enum cli_xopt {
	X_TITLE, X_ABOUT, X_DATE, X_HEAD, X_STAFF, X_INCIDENTS, X_KIND,
	X_COURIER, X_TRACKING, X_SEAL, X_NOTICE_DATE, X_MEDIUM, X_METHOD,
	X_REASON, X_PERSONS, X_FORMAT, X_PASSWORD_OUT_FD,
	X_CONTAINER_PASSWORD_FD, X_WITNESS, X_WITNESS_PASSWORD_FD, X_DIFF,
	X_RETRY, X_CERT, X_KEY, X_CACERT, X_URL, X_FORCE, X_ID, X_FILE,
	X_CERT_P12, X_KEY_PASSPHRASE_FD,
	X_KANA,
	X_COUNT
};

struct cli_args {
	const char *vault;
	const char *user;
	int password_fd;
	int recovery_fd;
	int new_password_fd;
	const char *checker;
	int checker_password_fd;
	const char *insurer;
	const char *name;
	const char *admin;
	const char *role;
	const char *from;
	const char *to;
	const char *actor;
	const char *action;
	long long limit;
	const char *person;
	const char *layout;
	int accept_valid;
	int number_fd;
	const char *channel;
	const char *received;
	const char *doc;
	const char *mode;
	const char *out;
	const char *docs[16];
	int ndocs;
	const char *exemptions[8];
	int nexemptions;
	const char *x[X_COUNT];	/* by enum cli_xopt; NULL when not given */
	const char *pos[CLI_MAX_POS];
	int npos;
};

struct cli_command {
	const char *name;	/* "init", "user add", ... */
	const char *usage;	/* arguments after the name */
	const char *help;	/* one line, translated at print time */
	const char *opts;	/* allowed options, space separated, no dashes */
	int (*run)(struct cli_args *a);
};

/* Runs argv (after the program name); returns the exit status. */
int cli_main(int argc, char **argv);
void cli_usage(FILE *out);
/* The table of commands, in lookup order. */
const struct cli_command *cli_command_list(size_t *n);

/* Help made from the table (cli-help.c): one command with every option it
 * takes; the commands of a group word ("audit"), returning how many; and
 * whether an option has its line of help. */
void cli_help_command(FILE *out, const struct cli_command *cmd);
int cli_help_group(FILE *out, const char *word);
int cli_help_known(const char *option);

/* Secret input: from fd when fd >= 0, else from the terminal with echo off.
 * Returns a secret_strdup'd string or NULL (message in *err). */
char *cli_read_secret(const char *prompt, int fd, char **err);
/* A new password typed twice on the terminal (once from a descriptor). */
char *cli_read_new_secret(const char *prompt, int fd, char **err);
/* The recovery key from fd (the terminal when -1) into key: 0 done, -1 read
 * but not a recovery key, -2 nothing read (the script's mistake). */
int cli_read_recovery(int fd, unsigned char key[RECOVERY_KEY_LEN], char **err);

/* The descriptor given for option x, or -1 when absent; exits 2 with a
 * message when the value is not a descriptor number. */
int cli_opt_fd(const struct cli_args *a, enum cli_xopt x);

/* Opens a session as the arguments say; prints the error itself. A user
 * whose password is temporary must change it first: asked on the terminal,
 * or refused, unless the command allowed it (user passwd for oneself). */
struct session *cli_login(struct cli_args *a);
void cli_login_allow_temporary(void);
/* Prints "mynadesk: msg" on stderr and returns exit status 1. */
int cli_error(const char *msg);

int cli_cmd_init(struct cli_args *a);
int cli_cmd_demo(struct cli_args *a);
int cli_cmd_user_add(struct cli_args *a);
int cli_cmd_user_list(struct cli_args *a);
int cli_cmd_user_lock(struct cli_args *a);
int cli_cmd_vault_rekey(struct cli_args *a);
int cli_cmd_user_unlock(struct cli_args *a);
int cli_cmd_user_passwd(struct cli_args *a);
int cli_cmd_user_role(struct cli_args *a);
int cli_cmd_audit_verify(struct cli_args *a);
int cli_cmd_audit_show(struct cli_args *a);
int cli_cmd_audit_checkpoint(struct cli_args *a);
int cli_cmd_person_import(struct cli_args *a);
int cli_cmd_person_show(struct cli_args *a);
int cli_cmd_person_search(struct cli_args *a);
int cli_cmd_number_enter(struct cli_args *a);
int cli_cmd_number_confirm(struct cli_args *a);
int cli_cmd_number_match(struct cli_args *a);
int cli_cmd_number_status(struct cli_args *a);
int cli_cmd_number_due(struct cli_args *a);
int cli_cmd_number_queue(struct cli_args *a);
int cli_cmd_settings_show(struct cli_args *a);
int cli_cmd_idproof_record(struct cli_args *a);
int cli_cmd_idproof_status(struct cli_args *a);
int cli_cmd_idproof_rules_check(struct cli_args *a);
int cli_cmd_idproof_open(struct cli_args *a);
int cli_cmd_idproof_patterns(struct cli_args *a);
int cli_cmd_settings_set(struct cli_args *a);
int cli_cmd_number_delete(struct cli_args *a);
int cli_cmd_upload(struct cli_args *a);
int cli_cmd_evidence_add(struct cli_args *a);
int cli_cmd_evidence_list(struct cli_args *a);
int cli_cmd_evidence_get(struct cli_args *a);
int cli_cmd_dashboard(struct cli_args *a);
int cli_cmd_pia(struct cli_args *a);
int cli_cmd_pia_done(struct cli_args *a);
int cli_cmd_check(struct cli_args *a);
int cli_cmd_jlis_request(struct cli_args *a);
int cli_cmd_jlis_receive(struct cli_args *a);
int cli_cmd_jlis_held(struct cli_args *a);
int cli_cmd_jlis_accept(struct cli_args *a);
int cli_cmd_jlis_reject(struct cli_args *a);
int cli_cmd_jlis_pending(struct cli_args *a);
int cli_cmd_media_pack(struct cli_args *a);
int cli_cmd_media_carry(struct cli_args *a);
int cli_cmd_jlis_unsendable(struct cli_args *a);
int cli_cmd_person_inquiry_name(struct cli_args *a);
int cli_cmd_media_ship(struct cli_args *a);
int cli_cmd_media_receive(struct cli_args *a);
int cli_cmd_media_imported(struct cli_args *a);
int cli_cmd_media_dispose(struct cli_args *a);
int cli_cmd_media_list(struct cli_args *a);
int cli_cmd_media_show(struct cli_args *a);
int cli_cmd_media_slip(struct cli_args *a);
int cli_cmd_media_register(struct cli_args *a);
int cli_cmd_media_password(struct cli_args *a);
int cli_cmd_audit_export(struct cli_args *a);
int cli_cmd_export_verify(struct cli_args *a);
int cli_cmd_audit_report(struct cli_args *a);
int cli_audit_verify_head(struct session *s, const char *head);
int cli_cmd_backup_create(struct cli_args *a);
int cli_cmd_backup_verify(struct cli_args *a);
int cli_cmd_backup_restore(struct cli_args *a);
int cli_cmd_bulk_export(struct cli_args *a);
int cli_cmd_bulk_results(struct cli_args *a);
int cli_cmd_bulk_pending(struct cli_args *a);
int cli_cmd_bulk_check(struct cli_args *a);
int cli_cmd_cutover_record(struct cli_args *a);
int cli_cmd_cutover_diff(struct cli_args *a);
int cli_cmd_registration_history(struct cli_args *a);
int cli_cmd_staffkey_add(struct cli_args *a);
int cli_cmd_staffkey_list(struct cli_args *a);
int cli_cmd_staffkey_remove(struct cli_args *a);
int cli_cmd_registration_mismatches(struct cli_args *a);
int cli_cmd_registration_no_error(struct cli_args *a);
int cli_cmd_completion(struct cli_args *a);

#endif
