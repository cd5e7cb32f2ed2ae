/* The subcommand table and the one argument parser they share. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/service.h"
#include "domain/account.h"
#include "domain/dates.h"
#include "ops/accounts.h"
#include "ops/handover.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

static const struct cli_command cli_commands[] = {
	{ "init", "--vault DIR --insurer CODE --name NAME --admin USER",
	    N_("create a new vault and print its recovery key once"),
	    "vault insurer name admin password-fd", cli_cmd_init },
	{ "demo", "[--vault DIR]",
	    N_("build a demo vault with two demo users and open the console"),
	    "vault", cli_cmd_demo },
	{ "user add", "NAME --role admin|supervisor|clerk",
	    N_("add an account (two persons once two users are active)"),
	    "vault user password-fd recovery-key-fd role new-password-fd checker "
	    "checker-password-fd", cli_cmd_user_add },
	{ "user list", "",
	    N_("list accounts: name, role, status, created, last login"),
	    "vault user password-fd recovery-key-fd", cli_cmd_user_list },
	{ "user lock", "NAME",
	    N_("lock an account, remove its key slot and change the data key"),
	    "vault user password-fd recovery-key-fd", cli_cmd_user_lock },
	{ "vault rekey", "",
	    N_("change the data key now: every remaining key holder receives "
	    "the new one, and old copies of vault.keys open nothing new"),
	    "vault user password-fd recovery-key-fd", cli_cmd_vault_rekey },
	{ "user unlock", "NAME",
	    N_("unlock an account with a new, temporary password (two persons)"),
	    "vault user password-fd recovery-key-fd new-password-fd checker "
	    "checker-password-fd", cli_cmd_user_unlock },
	{ "user passwd", "[NAME]",
	    N_("change your password, or (administrator) another's"),
	    "vault user password-fd recovery-key-fd new-password-fd checker "
	    "checker-password-fd", cli_cmd_user_passwd },
	{ "user role", "NAME ROLE", N_("change an account's role (two persons)"),
	    "vault user password-fd recovery-key-fd checker checker-password-fd",
	    cli_cmd_user_role },
	{ "audit verify", "[--head HASH]",
	    N_("re-walk the audit chain; print count and head; --head checks a "
	    "head hash from a signed daily report"),
	    "vault user password-fd recovery-key-fd head", cli_cmd_audit_verify },
	{ "audit checkpoint", "[--out DIR]",
	    N_("sign a checkpoint (Merkle root) of the audit log; --out writes "
	    "checkpoint.txt, checkpoint.sig and pubkey.pem for openssl"),
	    "vault user password-fd recovery-key-fd out", cli_cmd_audit_checkpoint },
	{ "audit show", "[--from DATE] [--to DATE] [--actor USER] [--action ACTION]",
	    N_("list audit records"),
	    "vault user password-fd recovery-key-fd from to actor action limit",
	    cli_cmd_audit_show },
	{ "settings show", "", N_("show the vault's settings"),
	    "vault user password-fd recovery-key-fd", cli_cmd_settings_show },
	{ "settings set", "NAME VALUE",
	    N_("change a setting (see 'settings show' for the names; "
	    "administrator)"),
	    "vault user password-fd recovery-key-fd", cli_cmd_settings_set },
	{ "idproof record", "--person KEY --channel CH --mode in-person|post "
	    "--doc KIND [--doc KIND ...] [--exemption ID]",
	    N_("record documents seen for a person's identity check (adds to "
	    "earlier records)"),
	    "vault user password-fd recovery-key-fd person channel mode doc "
	    "exemption", cli_cmd_idproof_record },
	{ "idproof status", "--person KEY",
	    N_("print complete or incomplete and what is missing"),
	    "vault user password-fd recovery-key-fd person", cli_cmd_idproof_status },
	{ "idproof rules-check", "[FILE]",
	    N_("check a rule table (exit 0 when consistent)"), "",
	    cli_cmd_idproof_rules_check },
	{ "idproof open", "[--channel CH]",
	    N_("list incomplete identity checks, oldest first"),
	    "vault user password-fd recovery-key-fd channel", cli_cmd_idproof_open },
	{ "idproof patterns", "",
	    N_("count identity checks by pattern"),
	    "vault user password-fd recovery-key-fd", cli_cmd_idproof_patterns },
	{ "person import", "FILE [--layout FILE] [--accept-valid]",
	    N_("import the existing system's extract of insured persons"),
	    "vault user password-fd recovery-key-fd layout accept-valid",
	    cli_cmd_person_import },
	{ "person show", "--person KEY",
	    N_("show a person: identity items, household, number state, history"),
	    "vault user password-fd recovery-key-fd person", cli_cmd_person_show },
	{ "person search", "TEXT",
	    N_("find persons by kana or kanji name prefix, symbol[/number] or "
	    "birth date YYYYMMDD"),
	    "vault user password-fd recovery-key-fd limit", cli_cmd_person_search },
	{ "number enter", "--person KEY --channel CH --received DATE --doc REF",
	    N_("enter a person's number (read from the terminal or --number-fd)"),
	    "vault user password-fd recovery-key-fd person number-fd channel "
	    "received doc", cli_cmd_number_enter },
	{ "number confirm", "--person KEY",
	    N_("confirm an entered number by keying it again (another user)"),
	    "vault user password-fd recovery-key-fd person number-fd",
	    cli_cmd_number_confirm },
	{ "number match", "--person KEY",
	    N_("check a number from a later application: exit 0 match, 1 no match"),
	    "vault user password-fd recovery-key-fd person number-fd",
	    cli_cmd_number_match },
	{ "number status", "--person KEY",
	    N_("print the number's state, never the number"),
	    "vault user password-fd recovery-key-fd person", cli_cmd_number_status },
	{ "number queue", "",
	    N_("list the supervisor's open cases: mismatches and duplicate numbers"),
	    "vault user password-fd recovery-key-fd", cli_cmd_number_queue },
	{ "number due", "",
	    N_("list numbers due for deletion after the retention period"),
	    "vault user password-fd recovery-key-fd", cli_cmd_number_due },
	{ "number delete", "--person KEY --checker NAME",
	    N_("erase a number due for deletion (two persons)"),
	    "vault user password-fd recovery-key-fd person checker "
	    "checker-password-fd", cli_cmd_number_delete },
	{ "upload", "FILE... --url URL (--cert F --key F | --cert-p12 F) "
	    "[--key-passphrase-fd N] [--cacert F] [--out DIR]",
	    N_("send files to the intermediate server over HTTPS; fetch results"),
	    "vault user password-fd recovery-key-fd url cert key cert-p12 "
	    "key-passphrase-fd cacert out",
	    cli_cmd_upload },
	{ "evidence add", "FILE --title TEXT [--about person:KEY|medium:ID|test:NAME]",
	    N_("store a file (screenshot, scanned form, result file) in the vault "
	    "with its SHA-256"),
	    "vault user password-fd recovery-key-fd title about",
	    cli_cmd_evidence_add },
	{ "evidence list", "",
	    N_("list evidence: id, date, who, title, about, size, type, hash"),
	    "vault user password-fd recovery-key-fd", cli_cmd_evidence_list },
	{ "evidence get", "ID --out FILE",
	    N_("write a copy of evidence to a new file, re-checking its SHA-256"),
	    "vault user password-fd recovery-key-fd out", cli_cmd_evidence_get },
	{ "dashboard", "",
	    N_("print the home screen's figures, one name and count per line"),
	    "vault user password-fd recovery-key-fd", cli_cmd_dashboard },
	/* "pia done" before "pia": the table is searched in order. */
	{ "pia done", "--date YYYY-MM-DD [--staff N] [--incidents yes|no]",
	    N_("record a privacy impact assessment (or its review) as done"),
	    "vault user password-fd recovery-key-fd date staff incidents",
	    cli_cmd_pia_done },
	{ "pia", "[--staff N] [--incidents yes|no] [--persons N]",
	    N_("the privacy impact assessment the count of persons requires, "
	    "the next line and the review date"),
	    "vault user password-fd recovery-key-fd staff incidents persons",
	    cli_cmd_pia },
	{ "check", "--layout NAME FILE",
	    N_("check a file against a layout (persons, jlis-request, "
	    "jlis-answer, or a layout file): exit 0 only when clean"),
	    "layout", cli_cmd_check },
	{ "jlis request", "--out DIR [--persons FILE] [--channel terminal|courier]",
	    N_("write the J-LIS inquiry files for persons without a confirmed "
	    "number (and one re-inquiry of those not found) into a hand-over "
	    "folder, for the dedicated terminal (default) or the courier"),
	    "vault user password-fd recovery-key-fd out persons channel",
	    cli_cmd_jlis_request },
	{ "jlis receive", "FILE... --medium ID --checker NAME "
	    "[--container-password-fd N]",
	    N_("import a J-LIS answer CSV, or the CSVs in its password-protected "
	    "ZIP container, as recorded on the medium it came back on: all of it "
	    "or nothing, with a second person"),
	    "vault user password-fd recovery-key-fd container-password-fd medium "
	    "checker checker-password-fd", cli_cmd_jlis_receive },
	{ "jlis unsendable", "",
	    N_("list the persons an inquiry leaves out (外字, sex code 3, ...) "
	    "with the reasons: they need a spelling"),
	    "vault user password-fd recovery-key-fd", cli_cmd_jlis_unsendable },
	{ "person inquiry-name", "KEY --name TEXT [--kana TEXT] --reason TEXT",
	    N_("record the usual spelling (通用字体) a J-LIS inquiry sends for a "
	    "person; the imported name is not changed"),
	    "vault user password-fd recovery-key-fd name kana reason",
	    cli_cmd_person_inquiry_name },
	{ "jlis held", "",
	    N_("list J-LIS answers held because an identity item differs"),
	    "vault user password-fd recovery-key-fd", cli_cmd_jlis_held },
	{ "jlis accept", "--person KEY --reason TEXT",
	    N_("accept a held J-LIS number (supervisor)"),
	    "vault user password-fd recovery-key-fd person reason",
	    cli_cmd_jlis_accept },
	{ "jlis reject", "--person KEY --reason TEXT",
	    N_("reject a held J-LIS number (supervisor)"),
	    "vault user password-fd recovery-key-fd person reason",
	    cli_cmd_jlis_reject },
	{ "jlis pending", "",
	    N_("list persons awaiting a J-LIS answer or a re-inquiry, with the "
	    "deadline"),
	    "vault user password-fd recovery-key-fd", cli_cmd_jlis_pending },
	{ "media pack", "DIR --out FILE --checker NAME [--password-out-fd N]",
	    N_("pack the checked inquiry CSVs of DIR into an AES-256 ZIP with a "
	    "generated password, shown once (two persons)"),
	    "vault user password-fd recovery-key-fd out checker "
	    "checker-password-fd password-out-fd", cli_cmd_media_pack },
	{ "media carry", "DIR --medium USB-LABEL --checker NAME",
	    N_("record that the checked inquiry CSVs of a hand-over folder were "
	    "copied onto a USB medium and carried to the dedicated terminal "
	    "(two persons)"),
	    "vault user password-fd recovery-key-fd medium checker "
	    "checker-password-fd", cli_cmd_media_carry },
	{ "media ship", "ID --courier NAME --tracking NO --seal NO --notice-date "
	    "DATE [--date DATE]",
	    N_("record that a packed medium was handed to the courier"),
	    "vault user password-fd recovery-key-fd id courier tracking seal "
	    "notice-date date", cli_cmd_media_ship },
	{ "media receive", "ID [--medium ANSWER-ID] --file FILE|DIR --checker NAME "
	    "[--date DATE]",
	    N_("record the answer medium's receipt (two persons)"),
	    "vault user password-fd recovery-key-fd id medium checker "
	    "checker-password-fd file date", cli_cmd_media_receive },
	{ "media imported", "ID --file FILE",
	    N_("record that the answer was imported from FILE"),
	    "vault user password-fd recovery-key-fd id file", cli_cmd_media_imported },
	{ "media dispose", "ID --method METHOD --checker NAME [--date DATE]",
	    N_("record the medium's disposal and erase its password (two persons)"),
	    "vault user password-fd recovery-key-fd id method checker "
	    "checker-password-fd date", cli_cmd_media_dispose },
	{ "media list", "",
	    N_("list media: label, state, created, shipped, overdue answer"),
	    "vault user password-fd recovery-key-fd", cli_cmd_media_list },
	{ "media show", "ID", N_("show a medium's timeline with its files' SHA-256"),
	    "vault user password-fd recovery-key-fd id", cli_cmd_media_show },
	{ "media slip", "ID [--format text|csv|xlsx --out FILE]",
	    N_("print the hand-over slip of the medium's transfers"),
	    "vault user password-fd recovery-key-fd id format out",
	    cli_cmd_media_slip },
	{ "media register", "[--format text|csv|xlsx --out FILE]",
	    N_("print the disposal register of media"),
	    "vault user password-fd recovery-key-fd format out",
	    cli_cmd_media_register },
	{ "media password", "ID --checker NAME [--password-out-fd N]",
	    N_("show a medium's container password again (two persons, audited)"),
	    "vault user password-fd recovery-key-fd id checker checker-password-fd "
	    "password-out-fd", cli_cmd_media_password },
	{ "audit export", "--from DATE --to DATE --out DIR",
	    N_("write a signed package of the period's audit records for an "
	    "auditor (Japan-local days)"),
	    "vault user password-fd recovery-key-fd from to out",
	    cli_cmd_audit_export },
	{ "export verify", "DIR [--key PEM]",
	    N_("check an export package: sums, signatures, records (no vault)"),
	    "key", cli_cmd_export_verify },
	{ "audit report", "[--date DATE] [--out FILE]",
	    N_("print the daily work report with the chain's head, to sign"),
	    "vault user password-fd recovery-key-fd date out", cli_cmd_audit_report },
	{ "backup create", "FILE",
	    N_("write an encrypted, consistent backup of the vault while it is in "
	    "use"),
	    "vault user password-fd recovery-key-fd", cli_cmd_backup_create },
	{ "backup verify", "FILE [--user NAME]",
	    N_("check a backup's structure and SHA-256; with a login also open it "
	    "and walk its audit chain"),
	    "vault user password-fd recovery-key-fd", cli_cmd_backup_verify },
	{ "backup restore", "FILE --vault DIR [--force]",
	    N_("restore a backup into a new folder (--force keeps an existing "
	    "vault aside); needs an administrator's password in the backup"),
	    "vault user password-fd recovery-key-fd force", cli_cmd_backup_restore },
	{ "bulk export", "--kind KIND --out DIR [--diff|--retry] [--file INPUT.csv] "
	    "[--layout FILE] [--force]",
	    N_("write a registration file for the intermediate server and its "
	    "manifest (persons, qualification, kogaku, shobyo, shussan, sosai, "
	    "tainou)"),
	    "vault user password-fd recovery-key-fd kind out diff retry file "
	    "layout force", cli_cmd_bulk_export },
	{ "bulk results", "FILE [--layout FILE]",
	    N_("import the server's result file: branch numbers, refused rows"),
	    "vault user password-fd recovery-key-fd layout", cli_cmd_bulk_results },
	{ "bulk pending", "",
	    N_("per kind: files awaiting results, refused rows, changes to send"),
	    "vault user password-fd recovery-key-fd", cli_cmd_bulk_pending },
	{ "bulk check", "--kind KIND|result FILE [--layout FILE]",
	    N_("check a registration or result file against its layout"),
	    "kind layout", cli_cmd_bulk_check },
	{ "cutover record", "--reason TEXT",
	    N_("record a (re-)switch of the existing system; the newest extract "
	    "becomes the base"),
	    "vault user password-fd recovery-key-fd reason", cli_cmd_cutover_record },
	{ "cutover diff", "--out DIR",
	    N_("write the correction files: persons and qualification against "
	    "what the server last accepted"),
	    "vault user password-fd recovery-key-fd out force", cli_cmd_cutover_diff },
	{ "registration history", "--person KEY",
	    N_("what was registered for a person: file, extract, result"),
	    "vault user password-fd recovery-key-fd person",
	    cli_cmd_registration_history },
	{ "staff-key add", "NAME KEYFILE --checker NAME",
	    N_("let a user reach the service account over SSH with the public "
	    "key in KEYFILE (two persons)"),
	    "vault user password-fd checker checker-password-fd",
	    cli_cmd_staffkey_add },
	{ "staff-key list", "",
	    N_("list the SSH keys of the service account: user, type, "
	    "fingerprint"),
	    "vault user password-fd", cli_cmd_staffkey_list },
	{ "staff-key remove", "NAME --checker NAME",
	    N_("remove every SSH key of a user from the service account (two "
	    "persons)"),
	    "vault user password-fd checker checker-password-fd",
	    cli_cmd_staffkey_remove },
	{ "registration mismatches", "",
	    N_("list persons blocked because the J-LIS collation of their "
	    "registration found differing items, side by side"),
	    "vault user password-fd recovery-key-fd",
	    cli_cmd_registration_mismatches },
	{ "registration no-error", "--person KEY --reason TEXT --checker NAME",
	    N_("register \"no error, with a reason\" for a blocked person "
	    "(supervisor and a second person)"),
	    "vault user password-fd recovery-key-fd person reason checker "
	    "checker-password-fd", cli_cmd_registration_no_error },
	{ "completion", "bash",
	    N_("print a bash completion script made from this command table"),
	    "", cli_cmd_completion },
};

static const struct option cli_long[] = {
	{ "vault", required_argument, NULL, 'V' },
	{ "user", required_argument, NULL, 'u' },
	{ "password-fd", required_argument, NULL, 'p' },
	{ "recovery-key-fd", required_argument, NULL, 'R' },
	{ "new-password-fd", required_argument, NULL, 'n' },
	{ "checker", required_argument, NULL, 'c' },
	{ "checker-password-fd", required_argument, NULL, 'C' },
	{ "insurer", required_argument, NULL, 'i' },
	{ "name", required_argument, NULL, 'N' },
	{ "admin", required_argument, NULL, 'a' },
	{ "role", required_argument, NULL, 'r' },
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 't' },
	{ "actor", required_argument, NULL, 'A' },
	{ "action", required_argument, NULL, 'x' },
	{ "limit", required_argument, NULL, 'l' },
	{ "person", required_argument, NULL, 'P' },
	{ "layout", required_argument, NULL, 'L' },
	{ "accept-valid", no_argument, NULL, 'Y' },
	{ "number-fd", required_argument, NULL, 'F' },
	{ "channel", required_argument, NULL, 'H' },
	{ "received", required_argument, NULL, 'D' },
	{ "doc", required_argument, NULL, 'O' },
	{ "mode", required_argument, NULL, 'M' },
	{ "out", required_argument, NULL, 'o' },
	{ "exemption", required_argument, NULL, 'E' },
	{ "title", required_argument, NULL, 256 + X_TITLE },
	{ "about", required_argument, NULL, 256 + X_ABOUT },
	{ "date", required_argument, NULL, 256 + X_DATE },
	{ "head", required_argument, NULL, 256 + X_HEAD },
	{ "staff", required_argument, NULL, 256 + X_STAFF },
	{ "incidents", required_argument, NULL, 256 + X_INCIDENTS },
	{ "kind", required_argument, NULL, 256 + X_KIND },
	{ "courier", required_argument, NULL, 256 + X_COURIER },
	{ "tracking", required_argument, NULL, 256 + X_TRACKING },
	{ "seal", required_argument, NULL, 256 + X_SEAL },
	{ "notice-date", required_argument, NULL, 256 + X_NOTICE_DATE },
	{ "medium", required_argument, NULL, 256 + X_MEDIUM },
	{ "method", required_argument, NULL, 256 + X_METHOD },
	{ "reason", required_argument, NULL, 256 + X_REASON },
	{ "persons", required_argument, NULL, 256 + X_PERSONS },
	{ "format", required_argument, NULL, 256 + X_FORMAT },
	{ "password-out-fd", required_argument, NULL, 256 + X_PASSWORD_OUT_FD },
	{ "container-password-fd", required_argument, NULL, 256 + X_CONTAINER_PASSWORD_FD },
	{ "witness", required_argument, NULL, 256 + X_WITNESS },
	{ "witness-password-fd", required_argument, NULL, 256 + X_WITNESS_PASSWORD_FD },
	{ "diff", no_argument, NULL, 256 + X_DIFF },
	{ "retry", no_argument, NULL, 256 + X_RETRY },
	{ "cert", required_argument, NULL, 256 + X_CERT },
	{ "key", required_argument, NULL, 256 + X_KEY },
	{ "cacert", required_argument, NULL, 256 + X_CACERT },
	{ "url", required_argument, NULL, 256 + X_URL },
	{ "force", no_argument, NULL, 256 + X_FORCE },
	{ "id", required_argument, NULL, 256 + X_ID },
	{ "file", required_argument, NULL, 256 + X_FILE },
	{ "cert-p12", required_argument, NULL, 256 + X_CERT_P12 },
	{ "key-passphrase-fd", required_argument, NULL, 256 + X_KEY_PASSPHRASE_FD },
	{ "kana", required_argument, NULL, 256 + X_KANA },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 }
};

int
cli_error(const char *msg)
{
	fprintf(stderr, "mynadesk: %s\n", msg);
	return 1;
}

void
cli_usage(FILE *out)
{
	size_t i;

	fprintf(out, _("usage: mynadesk [--vault DIR] [--idle-lock MINUTES|Ns]  "
	    "open the console\n"
	    "       mynadesk COMMAND [OPTIONS]       run one command\n"
	    "       mynadesk help COMMAND            its options, one a line\n"
	    "\ncommands:\n"));
	for (i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++)
		fprintf(out, "  %-12s %s\n      %s\n", cli_commands[i].name,
		    cli_commands[i].usage, _(cli_commands[i].help));
	fprintf(out, _("\ncommon options: --vault DIR  --user NAME  --password-fd N  "
	    "--recovery-key-fd N\npasswords are read from the terminal or from the "
	    "given descriptor, never from arguments.\nsee mynadesk(1).\n"));
}

const struct cli_command *
cli_command_list(size_t *n)
{
	*n = sizeof cli_commands / sizeof cli_commands[0];
	return cli_commands;
}

static int
cli_number(const char *s, long long min, long long max, long long *out)
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

/* Whether option name is in the space-separated list. */
static int
cli_allows(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* Values whose form is known are checked as they are read, so a bad one
 * is a usage error (exit 2) before any password is asked. */
static int
cli_check_value(int c, const char *arg, char **err)
{
	switch (c) {
	case 'f': case 't': case 'D':
	case 256 + X_DATE: case 256 + X_NOTICE_DATE:
		return date_check(arg, err);
	case 'r':
		return account_role_check(arg, err);
	case 'i':
		return account_insurer_check(arg, err);
	default:
		return 0;
	}
}

static int
cli_store(struct cli_args *a, int c, const char *arg)
{
	long long v;
	int *fd = NULL;

	if (c >= 256 && c < 256 + X_COUNT) {
		a->x[c - 256] = arg != NULL ? arg : "1";
		return 0;
	}
	switch (c) {
	case 'V': a->vault = arg; return 0;
	case 'u': a->user = arg; return 0;
	case 'c': a->checker = arg; return 0;
	case 'i': a->insurer = arg; return 0;
	case 'N': a->name = arg; return 0;
	case 'a': a->admin = arg; return 0;
	case 'r': a->role = arg; return 0;
	case 'f': a->from = arg; return 0;
	case 't': a->to = arg; return 0;
	case 'A': a->actor = arg; return 0;
	case 'x': a->action = arg; return 0;
	case 'P': a->person = arg; return 0;
	case 'L': a->layout = arg; return 0;
	case 'Y': a->accept_valid = 1; return 0;
	case 'H': a->channel = arg; return 0;
	case 'D': a->received = arg; return 0;
	case 'O':
		/* --doc is a reference for number entry, a kind for idproof. */
		a->doc = arg;
		if (a->ndocs == (int)(sizeof a->docs / sizeof a->docs[0]))
			return -1;
		a->docs[a->ndocs++] = arg;
		return 0;
	case 'M': a->mode = arg; return 0;
	case 'o': a->out = arg; return 0;
	case 'E':
		if (a->nexemptions == (int)(sizeof a->exemptions /
		    sizeof a->exemptions[0]))
			return -1;
		a->exemptions[a->nexemptions++] = arg;
		return 0;
	case 'F': fd = &a->number_fd; break;
	case 'l':
		return cli_number(arg, 1, 100000000, &a->limit);
	case 'p': fd = &a->password_fd; break;
	case 'R': fd = &a->recovery_fd; break;
	case 'n': fd = &a->new_password_fd; break;
	case 'C': fd = &a->checker_password_fd; break;
	default: return -1;
	}
	if (cli_number(arg, 0, 65535, &v) < 0)
		return -1;
	*fd = (int)v;
	return 0;
}

int
cli_opt_fd(const struct cli_args *a, enum cli_xopt x)
{
	long long v;

	if (a->x[x] == NULL)
		return -1;
	if (cli_number(a->x[x], 0, 65535, &v) < 0) {
		fprintf(stderr, _("mynadesk: not a descriptor number: %s\n"),
		    a->x[x]);
		exit(2);
	}
	return (int)v;
}

static const char *
cli_option_name(int c)
{
	size_t i;

	for (i = 0; cli_long[i].name != NULL; i++)
		if (cli_long[i].val == c)
			return cli_long[i].name;
	return "?";
}

static int
cli_parse(const struct cli_command *cmd, int argc, char **argv,
    struct cli_args *a)
{
	char *why = NULL;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", cli_long, NULL)) != -1) {
		if (c == '?' || c == ':') {
			fprintf(stderr, _("mynadesk: %s: unknown option or missing "
			    "value: %s\n"), cmd->name, argv[optind - 1]);
			return -1;
		}
		if (c != 'h' && !cli_allows(cmd->opts, cli_option_name(c))) {
			fprintf(stderr, _("mynadesk: %s: option --%s does not apply\n"),
			    cmd->name, cli_option_name(c));
			return -1;
		}
		if (c == 'h') {
			cli_help_command(stdout, cmd);
			exit(0);
		}
		if (optarg != NULL && cli_check_value(c, optarg, &why) < 0) {
			fprintf(stderr, _("mynadesk: %s: --%s %s: %s\n"),
			    cmd->name, cli_option_name(c), optarg, why);
			free(why);
			return -1;
		}
		if (cli_store(a, c, optarg) < 0) {
			fprintf(stderr, _("mynadesk: %s: bad value for --%s: %s\n"),
			    cmd->name, cli_option_name(c), optarg);
			return -1;
		}
	}
	for (; optind < argc; optind++) {
		if (a->npos == CLI_MAX_POS) {
			fprintf(stderr, _("mynadesk: %s: too many arguments\n"),
			    cmd->name);
			return -1;
		}
		a->pos[a->npos++] = argv[optind];
	}
	return 0;
}

/* Finds the command named by the first one or two words of argv. */
static const struct cli_command *
cli_find(int argc, char **argv, int *used)
{
	size_t i;

	for (i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++) {
		const char *n = cli_commands[i].name, *sp = strchr(n, ' ');

		if (sp == NULL && strcmp(argv[0], n) == 0) {
			*used = 1;
			return &cli_commands[i];
		}
		if (sp != NULL && argc >= 2 &&
		    strncmp(argv[0], n, (size_t)(sp - n)) == 0 &&
		    argv[0][sp - n] == '\0' && strcmp(argv[1], sp + 1) == 0) {
			*used = 2;
			return &cli_commands[i];
		}
	}
	return NULL;
}

/* mynadesk help [WORD [WORD]]: everything, one command, or a group. */
static int
cli_help(int argc, char **argv)
{
	const struct cli_command *cmd;
	int used = 0;

	if (argc == 0) {
		cli_usage(stdout);
		return 0;
	}
	if ((cmd = cli_find(argc, argv, &used)) != NULL && used == argc) {
		cli_help_command(stdout, cmd);
		return 0;
	}
	if (argc == 1 && cli_help_group(stdout, argv[0]) > 0)
		return 0;
	fprintf(stderr, _("mynadesk: help: no command '%s%s%s': 'mynadesk help' "
	    "lists them\n"), argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	return 2;
}

int
cli_main(int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli_args a;
	int used = 0;

	memset(&a, 0, sizeof a);
	a.password_fd = a.recovery_fd = a.new_password_fd = -1;
	a.checker_password_fd = a.number_fd = -1;
	if (strcmp(argv[0], "help") == 0)
		return cli_help(argc - 1, argv + 1);
	if ((cmd = cli_find(argc, argv, &used)) == NULL) {
		if (argc == 1 && cli_help_group(stderr, argv[0]) > 0) {
			fprintf(stderr, _("mynadesk: %s: say which of these\n"),
			    argv[0]);
			return 2;
		}
		fprintf(stderr, _("mynadesk: unknown command '%s': 'mynadesk help' "
		    "lists them\n"), argv[0]);
		return 2;
	}
	/* getopt wants argv[0] to be a program name: hand it the last word. */
	if (cli_parse(cmd, argc - used + 1, argv + used - 1, &a) < 0)
		return 2;
	if (service_active() && service_args(cmd, &a) < 0)
		return 2;
	return cmd->run(&a);
}

/* Put and get since the last login go into the audit log now. */
static void
cli_seal_handovers(struct session *s)
{
	char *err = NULL;

	if (ops_handover_seal(s, &err) < 0)
		fprintf(stderr, _("mynadesk: warning: hand-overs not yet in the audit "
		    "log: %s\n"), err ? err : "?");
	free(err);
}

static int cli_temporary_ok;

void
cli_login_allow_temporary(void)
{
	cli_temporary_ok = 1;
}

/* A temporary password (set by an administrator) is replaced before any
 * command runs: typed on the terminal when the login was typed there;
 * a script must run 'user passwd' first. */
static int
cli_replace_temporary(struct cli_args *a, struct session *s)
{
	char *err = NULL, *prompt, *pw;
	int rc;

	if (!s->must_change || cli_temporary_ok)
		return 0;
	if (a->password_fd >= 0) {
		fprintf(stderr, _("mynadesk: the password of %s was set by an "
		    "administrator and must be changed first: run 'mynadesk user "
		    "passwd'\n"), s->user);
		return -1;
	}
	fprintf(stderr, _("mynadesk: the password of %s was set by an "
	    "administrator: choose your own now\n"), s->user);
	prompt = xasprintf(_("new password for %s"), s->user);
	pw = cli_read_new_secret(prompt, -1, &err);
	free(prompt);
	rc = pw ? ops_user_passwd(s, NULL, pw, NULL, &err) : -1;
	secret_free_str(pw);
	if (rc < 0)
		cli_error(err ? err : _("the password was not changed"));
	free(err);
	return rc;
}

struct session *
cli_login(struct cli_args *a)
{
	struct session *s = NULL;
	char *err = NULL, *vault = a->vault ? xstrdup(a->vault) : ops_default_vault();
	const char *user = a->user ? a->user : getenv("USER");
	char *secret;
	int rc, unread = 0;

	if (a->recovery_fd >= 0) {
		unsigned char key[RECOVERY_KEY_LEN];

		rc = cli_read_recovery(a->recovery_fd, key, &err);
		unread = rc == -2;
		if (rc == 0)
			rc = ops_login_recovery(vault, key, &s, &err);
		secret_wipe(key, sizeof key);
		secret = NULL;
	} else if (user == NULL) {
		rc = err_set(&err, _("give --user NAME"));
		secret = NULL;
	} else {
		char *prompt = xasprintf(_("password for %s"), user);

		secret = cli_read_secret(prompt, a->password_fd, &err);
		free(prompt);
		unread = secret == NULL;
		rc = secret ? ops_login(vault, user, secret, &s, &err) : -1;
	}
	secret_free_str(secret);
	free(vault);
	if (unread) {
		/* A closed or empty descriptor is the script's mistake: no attempt
		 * was made, so none is counted, and cron sees a usage error. */
		cli_error(err ? err : _("no password given"));
		free(err);
		exit(2);
	}
	if (rc != 0) {
		cli_error(err ? err : _("cannot open the vault"));
		free(err);
		return NULL;
	}
	if (s->v->warning != NULL)
		fprintf(stderr, _("mynadesk: warning: %s\n"), s->v->warning);
	if (cli_replace_temporary(a, s) < 0) {
		ops_logout(s);
		return NULL;
	}
	cli_seal_handovers(s);
	return s;
}
