/* Unit tests for the service mode's parsers: the configuration file,
 * hand-over names, staff public keys and the hand-over journal's lines. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/handover.h"
#include "ops/handover.h"
#include "domain/staffkey.h"
#include "domain/svcconf.h"
#include "store/handover-log.h"

#define KEY_ED "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP/sC7PiSCEJ1ZRBvXCsrWY3" \
	"ZpPbvxAPLpWhOAk/qnLF"
/* ssh-keygen -lf printed this for the key above. */
#define KEY_ED_FP "SHA256:rntgg7SplgvumcmrAb0F1WOqV4KD3RMXhrxyiQBXNNU"

static const char conf_ok[] =
	"# the service\n"
	"vault = /var/lib/mynadesk/vault\n"
	"  inbox=/var/lib/mynadesk/inbox  \n"
	"\n"
	"outbox = /var/lib/mynadesk/outbox\n"
	"authorized_keys = /var/lib/mynadesk/.ssh/authorized_keys\n"
	"put_limit = 1000\n";

static void
test_conf_ok(void **st)
{
	struct svcconf c;
	char *err = NULL;

	(void)st;
	assert_int_equal(svcconf_parse(conf_ok, "/usr/bin/mynadesk", &c, &err), 0);
	assert_string_equal(c.vault, "/var/lib/mynadesk/vault");
	assert_string_equal(c.inbox, "/var/lib/mynadesk/inbox");
	assert_string_equal(c.outbox, "/var/lib/mynadesk/outbox");
	assert_string_equal(c.command, "/usr/bin/mynadesk");
	assert_int_equal(c.put_limit, 1000);
}

static void
conf_refused(const char *text, const char *want)
{
	struct svcconf c;
	char *err = NULL;

	assert_int_equal(svcconf_parse(text, "/usr/bin/mynadesk", &c, &err), -1);
	assert_non_null(err);
	if (want != NULL && strstr(err, want) == NULL)
		fail_msg("'%s' does not say '%s'", err, want);
	free(err);
}

static void
test_conf_malformed(void **st)
{
	(void)st;
	conf_refused("", "vault is not set");
	conf_refused("vault = /v\ninbox = /i\n", "outbox is not set");
	conf_refused("vault = /v\ninbox = /i\noutbox = /o\nvault = /w\n",
	    "line 4");
	conf_refused("vault /v\n", "line 1");
	conf_refused("vault = v\n", "line 1");
	conf_refused("vault = /v/../etc\n", "line 1");
	conf_refused("vault = /v/./x\n", "line 1");
	conf_refused("vault = /v//x\n", "line 1");
	conf_refused("vault = /a b\n", "line 1");
	conf_refused("vault = /a\"b\n", "line 1");
	conf_refused("vault = \n", "line 1");
	conf_refused("# x\nshell = /bin/sh\n", "line 2");
	conf_refused("vault = /v\ninbox = /i\noutbox = /o\nput_limit = -1\n",
	    "line 4");
	conf_refused("vault = /v\ninbox = /i\noutbox = /o\nput_limit = 1k\n",
	    "line 4");
	conf_refused("vault = /v\ninbox = /i\noutbox = /o\ncommand = mynadesk\n",
	    "line 4");
}

static void
path_ok(const char *word, enum handover_box deflt, int sub,
    enum handover_box box, const char *name, const char *subname)
{
	struct handover_path p;
	char *err = NULL;

	assert_int_equal(handover_parse(word, deflt, sub, &p, &err), 0);
	assert_int_equal(p.box, box);
	assert_string_equal(p.name, name);
	assert_string_equal(p.sub, subname);
}

static void
path_refused(const char *word, int sub)
{
	struct handover_path p;
	char *err = NULL;

	assert_int_equal(handover_parse(word, HANDOVER_INBOX, sub, &p, &err), -1);
	assert_non_null(err);
	free(err);
}

static void
test_handover_names(void **st)
{
	(void)st;
	path_ok("inbox/extract.csv", HANDOVER_OUTBOX, 0, HANDOVER_INBOX,
	    "extract.csv", "");
	path_ok("extract.csv", HANDOVER_INBOX, 0, HANDOVER_INBOX, "extract.csv", "");
	path_ok("outbox/pkg/SHA256SUMS", HANDOVER_INBOX, 1, HANDOVER_OUTBOX,
	    "pkg", "SHA256SUMS");
	path_ok("outbox/申請書 1.csv", HANDOVER_INBOX, 0, HANDOVER_OUTBOX,
	    "申請書 1.csv", "");
	path_refused("../x", 1);
	path_refused("inbox/../x", 1);
	path_refused("inbox/..", 1);
	path_refused("inbox/.", 1);
	path_refused("inbox/.ssh", 1);
	path_refused("inbox/", 1);
	/* A bare name is a file in the default box, even this one. */
	path_ok("inbox", HANDOVER_INBOX, 0, HANDOVER_INBOX, "inbox", "");
	path_refused("", 1);
	path_refused("/etc/shadow", 1);
	path_refused("inbox//x", 1);
	path_refused("outbox/a/b/c", 1);
	path_refused("outbox/a/b", 0);
	path_refused("inbox/-rf", 1);
	path_refused("inbox/a\nb", 1);
	path_refused("inbox/a\\b", 1);
	path_refused("outbox/a/..", 1);
}

static void
key_refused(const char *text, const char *want)
{
	struct staffkey k;
	char *err = NULL;

	assert_int_equal(staffkey_parse(text, &k, &err), -1);
	assert_non_null(err);
	if (want != NULL && strstr(err, want) == NULL)
		fail_msg("'%s' does not say '%s'", err, want);
	free(err);
}

static void
test_staffkey_parse(void **st)
{
	struct staffkey k;
	char *err = NULL;

	(void)st;
	assert_int_equal(staffkey_parse(KEY_ED " alice@pc\n", &k, &err), 0);
	assert_string_equal(k.type, "ssh-ed25519");
	assert_string_equal(k.fingerprint, KEY_ED_FP);
	assert_int_equal(staffkey_parse("\n" KEY_ED "\r\n\n", &k, &err), 0);
	key_refused("", "empty");
	key_refused("\n\n", "empty");
	key_refused(KEY_ED "\n" KEY_ED "\n", "exactly one");
	key_refused("command=\"/bin/sh\" " KEY_ED, "option");
	key_refused("restrict,command=\"sh\" " KEY_ED, "option");
	key_refused("ssh-dss AAAAB3NzaC1kc3M=", "known");
	key_refused("ssh-ed25519", NULL);
	key_refused("ssh-ed25519 ", "one line");
	key_refused("ssh-ed25519 AAAA!AAA", "base64");
	key_refused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE", "base64");
	/* A key of another type under this name. */
	key_refused("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIP/sC7PiSCEJ1ZRBvXCsrWY3"
	    "ZpPbvxAPLpWhOAk/qnLF", "not a ssh-rsa key");
	/* Only the name, no key after it. */
	key_refused("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "not a");
	key_refused(KEY_ED " x\x1b[2Jy", "control");
	key_refused("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n"
	    "-----END OPENSSH PRIVATE KEY-----\n", NULL);
}

static void
test_staffkey_line(void **st)
{
	struct staffkey k, back;
	char *err = NULL, *line, name[64];

	(void)st;
	assert_int_equal(staffkey_parse(KEY_ED " alice@pc", &k, &err), 0);
	line = staffkey_line("/usr/bin/mynadesk", "alice", &k);
	assert_string_equal(line, "command=\"/usr/bin/mynadesk --as alice\","
	    "restrict,pty " KEY_ED " mynadesk:alice\n");
	line[strlen(line) - 1] = '\0';
	assert_int_equal(staffkey_ours(line, name, sizeof name, &back), 1);
	assert_string_equal(name, "alice");
	assert_string_equal(back.fingerprint, KEY_ED_FP);
	assert_int_equal(staffkey_in_line(line, &k), 1);
	free(line);
	/* Lines someone else wrote are not ours, even when they look close. */
	assert_int_equal(staffkey_ours(KEY_ED, name, sizeof name, &back), 0);
	assert_int_equal(staffkey_ours("command=\"x --as bob\",restrict,pty " KEY_ED
	    " mynadesk:alice", name, sizeof name, &back), 0);
	assert_int_equal(staffkey_ours("command=\"x --as b b\",restrict,pty " KEY_ED
	    " mynadesk:b b", name, sizeof name, &back), 0);
	assert_int_equal(staffkey_ours("command=\"x --as bob\" " KEY_ED
	    " mynadesk:bob", name, sizeof name, &back), 0);
	assert_int_equal(staffkey_in_line(KEY_ED "x", &k), 0);
}

static void
test_journal_line(void **st)
{
	struct handover_event ev;
	char sha[65];

	(void)st;
	memset(sha, 'a', 64);
	sha[64] = '\0';
	{
		char *l;
		int n = asprintf(&l, "2026-12-06T10:00:00Z\talice\tput\tinbox/x.csv"
		    "\t12\t%s", sha);

		assert_true(n > 0);
		assert_int_equal(handover_log_parse(l, &ev), 0);
		assert_string_equal(ev.staff, "alice");
		assert_string_equal(ev.action, "put");
		assert_string_equal(ev.path, "inbox/x.csv");
		assert_int_equal(ev.size, 12);
		free(l);
	}
	assert_int_equal(handover_log_parse("", &ev), -1);
	assert_string_equal(ev.action, "bad");
	assert_int_equal(handover_log_parse("t\talice\trm\tinbox/x\t1\tab", &ev), -1);
	assert_int_equal(handover_log_parse("t\talice\tput\tinbox/x\t-1\tab", &ev), -1);
	assert_string_equal(ev.path, "t\talice\tput\tinbox/x\t-1\tab");
}

/* A service configuration over fresh folders in /tmp. */
static void
svc_dirs(struct svcconf *c, char *base, size_t n)
{
	snprintf(base, n, "/tmp/myna-svc-XXXXXX");
	assert_non_null(mkdtemp(base));
	memset(c, 0, sizeof *c);
	snprintf(c->vault, sizeof c->vault, "%s/vault", base);
	snprintf(c->inbox, sizeof c->inbox, "%s/inbox", base);
	snprintf(c->outbox, sizeof c->outbox, "%s/outbox", base);
	c->put_limit = 10;
	assert_int_equal(mkdir(c->vault, 0700), 0);
	assert_int_equal(mkdir(c->inbox, 0700), 0);
	assert_int_equal(mkdir(c->outbox, 0700), 0);
}

static void
svc_rm(const char *base)
{
	char *cmd;

	assert_true(asprintf(&cmd, "rm -rf '%s'", base) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* put from a pipe holding text. */
static int
svc_put(const struct svcconf *c, const char *word, const char *text,
    char **err)
{
	struct handover_path p;
	struct handover_result r;
	int fds[2], rc;

	assert_int_equal(handover_parse(word, HANDOVER_INBOX, 0, &p, NULL), 0);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, strlen(text)), (int)strlen(text));
	close(fds[1]);
	rc = ops_handover_put(c, "alice", &p, fds[0], &r, err);
	close(fds[0]);
	return rc;
}

static void
test_put_get(void **st)
{
	struct svcconf c;
	struct handover_path p;
	struct handover_result r;
	char base[64], path[1200], *err = NULL, *text = NULL;
	int fd;
	FILE *f;
	long n;

	(void)st;
	svc_dirs(&c, base, sizeof base);
	assert_int_equal(svc_put(&c, "inbox/a.csv", "abc\n", &err), 0);
	snprintf(path, sizeof path, "%s/a.csv", c.inbox);
	assert_int_equal(access(path, R_OK), 0);
	/* Never over an existing file. */
	assert_int_equal(svc_put(&c, "inbox/a.csv", "x", &err), -1);
	assert_non_null(strstr(err, "exists"));
	free(err);
	err = NULL;
	/* Over put_limit: refused, and nothing left behind. */
	assert_int_equal(svc_put(&c, "inbox/big", "0123456789AB", &err), -1);
	free(err);
	err = NULL;
	snprintf(path, sizeof path, "%s/big", c.inbox);
	assert_int_equal(access(path, F_OK), -1);
	/* A link in the outbox is not followed by get. */
	snprintf(path, sizeof path, "%s/link", c.outbox);
	assert_int_equal(symlink("../vault/secret", path), 0);
	assert_int_equal(handover_parse("outbox/link", HANDOVER_OUTBOX, 1, &p,
	    NULL), 0);
	fd = open("/dev/null", O_WRONLY);
	assert_int_equal(ops_handover_get(&c, "alice", &p, fd, &r, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(handover_parse("inbox/a.csv", HANDOVER_OUTBOX, 1, &p,
	    NULL), 0);
	assert_int_equal(ops_handover_get(&c, "alice", &p, fd, &r, &err), 0);
	assert_int_equal(r.size, 4);
	close(fd);
	/* Both are in the journal, in order, under the key's user. */
	snprintf(path, sizeof path, "%s/%s", c.vault, HANDOVER_LOG);
	f = fopen(path, "r");
	assert_non_null(f);
	text = calloc(1, 4096);
	n = (long)fread(text, 1, 4095, f);
	fclose(f);
	assert_true(n > 0);
	assert_non_null(strstr(text, "\talice\tput\tinbox/a.csv\t4\t"));
	assert_non_null(strstr(text, "\talice\tget\tinbox/a.csv\t4\t"));
	assert_null(strstr(text, "big"));
	free(text);
	svc_rm(base);
}

static void
test_confined_paths(void **st)
{
	struct svcconf c;
	char base[64], path[1200], *err = NULL, *got;

	(void)st;
	svc_dirs(&c, base, sizeof base);
	got = ops_handover_path("/etc/passwd", HANDOVER_READ, &err);
	assert_string_equal(got, "/etc/passwd");	/* not confined yet */
	free(got);
	ops_handover_confine(&c);
	snprintf(path, sizeof path, "%s/x.csv", c.inbox);
	fclose(fopen(path, "w"));
	got = ops_handover_path("x.csv", HANDOVER_READ, &err);
	assert_string_equal(got, path);
	free(got);
	assert_null(ops_handover_path("/etc/passwd", HANDOVER_READ, &err));
	free(err);
	err = NULL;
	assert_null(ops_handover_path("../vault/vault.keys", HANDOVER_READ, &err));
	free(err);
	err = NULL;
	assert_null(ops_handover_path("missing", HANDOVER_READ, &err));
	free(err);
	err = NULL;
	/* Writing: only the outbox, only new names; a folder is made. */
	assert_null(ops_handover_path("inbox/y", HANDOVER_WRITE_FILE, &err));
	free(err);
	err = NULL;
	got = ops_handover_path("pkg", HANDOVER_WRITE_DIR, &err);
	assert_non_null(got);
	assert_int_equal(access(got, W_OK), 0);
	free(got);
	assert_null(ops_handover_path("outbox/pkg", HANDOVER_WRITE_DIR, &err));
	free(err);
	err = NULL;
	snprintf(path, sizeof path, "%s/l", c.inbox);
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_null(ops_handover_path("inbox/l", HANDOVER_READ, &err));
	assert_non_null(strstr(err, "link"));
	free(err);
	ops_handover_confine(NULL);
	svc_rm(base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_ok),
		cmocka_unit_test(test_conf_malformed),
		cmocka_unit_test(test_handover_names),
		cmocka_unit_test(test_staffkey_parse),
		cmocka_unit_test(test_staffkey_line),
		cmocka_unit_test(test_journal_line),
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_confined_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
