/* The command line: arguments, secrets from the terminal or a descriptor,
 * and the table of subcommands. */
#ifndef MYNA_CLI_H
#define MYNA_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "ops/session.h"

#define CLI_MAX_POS 8

/* Every option any command takes, by name in cli-options.c. */
enum cli_opt {
	O_VAULT, O_USER, O_PASSWORD_FD, O_RECOVERY_KEY_FD, O_NEW_PASSWORD_FD,
	O_CHECKER, O_CHECKER_PASSWORD_FD, O_INSURER, O_NAME, O_ADMIN, O_ROLE,
	O_FROM, O_TO, O_ACTOR, O_ACTION, O_LIMIT, O_PERSON, O_LAYOUT,
	O_ACCEPT_VALID, O_NUMBER_FD, O_CHANNEL, O_RECEIVED, O_DOC, O_MODE,
	O_OUT, O_EXEMPTION, O_TITLE, O_ABOUT, O_DATE, O_HEAD, O_STAFF,
	O_INCIDENTS, O_KIND, O_COURIER, O_TRACKING, O_SEAL, O_NOTICE_DATE,
	O_MEDIUM, O_METHOD, O_REASON, O_PERSONS, O_FORMAT, O_PASSWORD_OUT_FD,
	O_CONTAINER_PASSWORD_FD, O_WITNESS, O_WITNESS_PASSWORD_FD, O_DIFF,
	O_RETRY, O_CERT, O_KEY, O_CACERT, O_URL, O_FORCE, O_ID, O_FILE,
	O_CERT_P12, O_KEY_PASSPHRASE_FD, O_KANA, O_IDLE_LOCK, O_ASCII,
	O_COUNT,
	O_END = O_COUNT	/* ends a command's list of options */
};

/* What an option's value is; the parser checks it before anything runs,
 * so a bad value is a usage error (exit 2) before any password is read. */
enum cli_type {
	T_DEFAULT,	/* in a command's list: the option's own type */
	T_FLAG,		/* no value */
	T_STRING,	/* any text */
	T_DATE,		/* YYYY-MM-DD, a real day */
	T_NUMBER,	/* a whole number in the option's range */
	T_FD,		/* a descriptor number */
	T_ENUM,		/* one of the listed words */
	T_CHECKED	/* text the option's own check accepts (role, insurer) */
};

struct cli_option {
	const char *name;	/* without the dashes */
	enum cli_type type;
	const char *arg;	/* placeholder of the value; NULL for a flag */
	const char *help;	/* one line, translated at print time */
	const char *const *values;	/* T_ENUM: the words, NULL-terminated */
	long long min, max;	/* T_NUMBER */
	int (*check)(const char *v, char **err);	/* T_CHECKED */
	int many;		/* may be given more than once */
};

/* One option as a command takes it: required or not, and where the
 * command means something of its own by it, its own type and help. */
#define CLI_REQUIRED 1
struct cli_optspec {
	enum cli_opt id;
	unsigned flags;
	enum cli_type type;	/* T_DEFAULT: the option's */
	const char *arg, *help;	/* NULL: the option's */
	const char *const *values;
};

/* A command's flags. A login command takes --vault, --user, --password-fd
 * and --recovery-key-fd (not the last with CLI_NO_RECOVERY); with
 * CLI_LOGIN the dispatcher logs in (after every check of the arguments)
 * and logs out, and the command finds the session in a->s; with
 * CLI_OWN_LOGIN the command calls cli_login itself, where it must ask
 * something before the password (or may run without a login). */
#define CLI_LOGIN 1
#define CLI_OWN_LOGIN 2
#define CLI_NO_RECOVERY 4

struct cli_args {
	const char *opt[O_COUNT];	/* each option's last value; "1": flag */
	long long num[O_COUNT];		/* T_NUMBER and T_FD values, else -1 */
	const char *docs[16];		/* every --doc, in order */
	int ndocs;
	const char *exemptions[8];	/* every --exemption */
	int nexemptions;
	const char *pos[CLI_MAX_POS];
	int npos;
	struct session *s;		/* opened by the dispatcher (CLI_LOGIN) */
};

struct cli_command {
	const char *name;	/* "init", "user add", ...: its words */
	const char *operands;	/* "NAME", "[FILE]", "FILE...", "" */
	int min_pos, max_pos;	/* how many operands it takes */
	unsigned flags;		/* CLI_LOGIN ... */
	const char *help;	/* one line, translated at print time */
	const struct cli_optspec *opts;	/* ends with O_END; login's not listed */
	int (*run)(struct cli_args *a);
	/* What only the command can check of its arguments (an ID's form),
	 * before the login: 0, or the exit status. May be NULL. */
	int (*check)(struct cli_args *a);
};

/* The table of options (cli-options.c). */
const struct cli_option *cli_option_get(enum cli_opt id);
/* The option named by the len bytes of name: its id, or -1. */
int cli_option_find(const char *name, size_t len);
/* A command's options, login's first, each resolved to its type and help
 * (the spec's own where given, else the option's): how many, at most max. */
int cli_command_opts(const struct cli_command *cmd, struct cli_optspec *out,
    int max);
#define CLI_MAX_OPTS 24

/* Parses argv against cmd into a (cli-parse.c): every option known to the
 * command, every value of its type, every required option and the number
 * of operands. 0, or -1 after one line naming what was wrong. */
int cli_parse(const struct cli_command *cmd, int argc, char **argv,
    struct cli_args *a);	/* 1: --help was asked */
/* The console's own options (--vault, --idle-lock, --ascii), by the same
 * parser; and --idle-lock's value in seconds, or -1 when not valid. */
const struct cli_command *cli_console_command(void);
int cli_idle_seconds(const char *v);

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
/* The usage line: "mynadesk NAME OPERANDS --req V [--opt V] ...". */
void cli_help_usage(FILE *out, const struct cli_command *cmd);

/* Secret input: from fd when fd >= 0, else from the terminal with echo off.
 * Returns a secret_strdup'd string or NULL (message in *err). */
char *cli_read_secret(const char *prompt, int fd, char **err);
/* A new password typed twice on the terminal (once from a descriptor). */
char *cli_read_new_secret(const char *prompt, int fd, char **err);
/* The second person's (--checker) password, from --checker-password-fd
 * or the terminal. */
char *cli_read_checker(const struct cli_args *a, char **err);
/* The second person named by --checker, their password read and checked
 * once: *w is the handle for the one action that follows (free it with
 * ops_witness_free). *w is NULL and 0 returned when --checker was not
 * given (the action says what is missing); -1 with err when refused. */
struct witness;
int cli_witness(struct session *s, const struct cli_args *a,
    struct witness **w, char **err);
/* The same only when the vault's accounts need a second person (two
 * accounts or more); *w NULL otherwise. */
int cli_witness_if_needed(struct session *s, const struct cli_args *a,
    struct witness **w, char **err);
/* The recovery key from fd (the terminal when -1) into key: 0 done, -1 read
 * but not a recovery key, -2 nothing read (the script's mistake). */
int cli_read_recovery(int fd, unsigned char key[OPS_RECOVERY_KEY_LEN], char **err);

/* The descriptor given for option o (checked by the parser), or -1. */
int cli_opt_fd(const struct cli_args *a, enum cli_opt o);
/* Finds the command named by the first words of argv: the one with the
 * most words that all match, whatever the table's order. */
const struct cli_command *cli_find(int argc, char **argv, int *used);

/* Opens a session as the arguments say; prints the error itself. A user
 * whose password is temporary must change it first: asked on the terminal,
 * or refused, unless the command allowed it (user passwd for oneself). */
struct session *cli_login(struct cli_args *a);
void cli_login_allow_temporary(void);
/* Prints "mynadesk: msg" on stderr and returns exit status 1. */
int cli_error(const char *msg);
/* Ends a command: prints err (or "failed") when rc < 0, frees err, and
 * returns the exit status that err's code gives (cli_exit_status). */
int cli_done(int rc, char *err);
/* Ends a command whose input (a file, a layout) could not be used at all:
 * err (or fallback) is given that code, so cli_done exits with 2, unlike
 * problems found in the input (1). A typed cause keeps its own code. */
int cli_input_error(char *err, const char *fallback);
/* The exit status for a failure with message err: 2 when its code says
 * the input was unusable (ERR_INPUT), else 1. */
int cli_exit_status(const char *err);
/* Prints err as a usage error, frees it and returns 2. */
int cli_usage_error(char *err);

int cli_cmd_init(struct cli_args *a);
int cli_cmd_demo(struct cli_args *a);
int cli_cmd_user_add(struct cli_args *a);
int cli_check_user_add(struct cli_args *a);
int cli_check_user_role(struct cli_args *a);
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
int cli_check_idproof_record(struct cli_args *a);
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
int cli_check_evidence_get(struct cli_args *a);
int cli_cmd_dashboard(struct cli_args *a);
int cli_cmd_pia(struct cli_args *a);
int cli_cmd_pia_done(struct cli_args *a);
int cli_cmd_check(struct cli_args *a);
int cli_cmd_jlis_request(struct cli_args *a);
int cli_cmd_jlis_receive(struct cli_args *a);
int cli_check_jlis_receive(struct cli_args *a);
int cli_cmd_jlis_held(struct cli_args *a);
int cli_cmd_jlis_accept(struct cli_args *a);
int cli_cmd_jlis_reject(struct cli_args *a);
int cli_cmd_jlis_pending(struct cli_args *a);
int cli_cmd_media_pack(struct cli_args *a);
int cli_check_media_id(struct cli_args *a);
int cli_check_media_slip(struct cli_args *a);
int cli_check_media_register(struct cli_args *a);
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
int cli_cmd_export_sheets(struct cli_args *a);
int cli_cmd_audit_report(struct cli_args *a);
int cli_audit_verify_head(struct session *s, const char *head);
int cli_cmd_backup_create(struct cli_args *a);
int cli_cmd_backup_verify(struct cli_args *a);
int cli_cmd_backup_restore(struct cli_args *a);
int cli_cmd_bulk_export(struct cli_args *a);
int cli_check_bulk_export(struct cli_args *a);
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
