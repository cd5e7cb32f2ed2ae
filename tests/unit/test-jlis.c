/* Unit tests for the J-LIS rules and the format checker: file names and
 * sequences, target identifiers, byte limits at the edge, 外字 and
 * half-width kana, municipality check digits, answer rows. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "domain/fieldcheck.h"
#include "domain/filecheck.h"
#include "domain/jlis.h"
#include "util/privdir.h"
#include "util/xmalloc.h"

#define YOSHI "\xf0\xa0\xae\xb7"	/* 𠮷 U+20BB7, outside CP932 */
#define K25 "一二三四五六七八九十一二三四五六七八九十一二三四五"
#define RULE "{insurer}{kind}{seq}Y.csv"

static void
test_names(void **state)
{
	struct jlis_name n;
	char *s;

	(void)state;
	s = jlis_name_format(RULE, "00133033", 'N', 1);
	assert_string_equal(s, "00133033N1Y.csv");
	free(s);
	s = jlis_name_format(RULE, "00133033", 'G', 12);
	assert_string_equal(s, "00133033G12Y.csv");
	free(s);
	assert_null(jlis_name_format("{x}.csv", "00133033", 'N', 1));
	assert_int_equal(jlis_name_match(RULE, "00133033G12Y.csv", &n), 1);
	assert_string_equal(n.insurer, "00133033");
	assert_int_equal(n.kind, 'G');
	assert_int_equal(n.seq, 12);
	/* Leading zeros, sequence 0, other kinds, short codes, extra text. */
	assert_int_equal(jlis_name_match(RULE, "00133033N01Y.csv", &n), 0);
	assert_int_equal(jlis_name_match(RULE, "00133033N0Y.csv", &n), 0);
	assert_int_equal(jlis_name_match(RULE, "00133033X1Y.csv", &n), 0);
	assert_int_equal(jlis_name_match(RULE, "1234567N1Y.csv", &n), 0);
	assert_int_equal(jlis_name_match(RULE, "00133033N1Y.csv.bak", &n), 0);
	assert_int_equal(jlis_name_match(RULE, "00133033N1Z.csv", &n), 0);
}

static void
test_targets(void **state)
{
	char ins[9], out[JLIS_TARGET_MAX + 1], *err = NULL;
	long long serial;

	(void)state;
	jlis_target_format("00133033", 42, out);
	assert_string_equal(out, "00133033_42");
	assert_int_equal(jlis_target_parse(out, strlen(out), ins, &serial, &err), 0);
	assert_string_equal(ins, "00133033");
	assert_int_equal(serial, 42);
	assert_int_equal(jlis_target_parse("00133033_042", 12, ins, &serial, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(jlis_target_parse("00133033-42", 11, ins, &serial, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(jlis_target_parse("1234567a_42", 11, ins, &serial, &err), -1);
	free(err);
}

struct scan_count {
	int gaiji, half;
};

static void
scan_cb(enum jlis_bad why, const char *ch, size_t len, void *arg)
{
	struct scan_count *c = arg;

	(void)ch;
	(void)len;
	if (why == JLIS_BAD_GAIJI)
		c->gaiji++;
	else
		c->half++;
}

static void
test_scan(void **state)
{
	struct scan_count c = { 0, 0 };
	const char *v = YOSHI "田　ﾀﾛｳ" YOSHI;

	(void)state;
	assert_int_equal(jlis_scan(v, strlen(v), scan_cb, &c), 5);
	assert_int_equal(c.gaiji, 2);
	assert_int_equal(c.half, 3);
	assert_int_equal(jlis_scan("山田　太郎", strlen("山田　太郎"), scan_cb, &c), 0);
	assert_int_equal(jlis_half_kana("ﾀ", 3), 1);
	assert_int_equal(jlis_half_kana("タ", 3), 0);
	assert_int_equal(jlis_same_item("山田　", "山田"), 1);
	assert_int_equal(jlis_same_item("山田", "山田太"), 0);
}

static void
test_municipality(void **state)
{
	(void)state;
	assert_int_equal(municipality_check("131016"), 1);
	assert_int_equal(municipality_check("011002"), 1);
	assert_int_equal(municipality_check("131041"), 1);
	assert_int_equal(municipality_check("011011"), 1);
	assert_int_equal(municipality_check("131017"), 0);
	assert_int_equal(municipality_check("13101"), 0);
}

/* Runs the checker over UTF-8 text converted to the layout's CP932. */
struct run {
	int n;
	char msgs[2048];
};

static void
collect(const char *msg, void *arg)
{
	struct run *r = arg;
	size_t len = strlen(r->msgs);

	r->n++;
	snprintf(r->msgs + len, sizeof r->msgs - len, "%s\n", msg);
}

static int
check_text(const char *layout_name, const char *file, const char *utf8,
    struct run *r)
{
	const struct filecheck_rules *rules = filecheck_find(layout_name);
	char *path = xasprintf("%s/forms/%s", MYNA_SRCDIR, rules->layout_file);
	char *in = (char *)utf8, *buf = xmalloc(strlen(utf8) * 2 + 1), *o = buf;
	size_t left = strlen(utf8), room = strlen(utf8) * 2 + 1;
	struct filecheck *fc;
	struct layout l;
	iconv_t cd = iconv_open("CP932", "UTF-8");
	char *err = NULL;

	memset(r, 0, sizeof *r);
	assert_int_equal(layout_load(path, &l, &err), 0);
	assert_int_not_equal(iconv(cd, &in, &left, &o, &room), (size_t)-1);
	iconv_close(cd);
	fc = filecheck_new(&l, rules, file, collect, r, &err);
	assert_non_null(fc);
	filecheck_feed(fc, buf, (size_t)(o - buf));
	filecheck_finish(fc);
	filecheck_free(fc);
	layout_free(&l);
	free(buf);
	free(path);
	return r->n;
}

static void
test_byte_edge(void **state)
{
	struct run r;

	(void)state;
	assert_int_equal(check_text("jlis-request", "00133033N1Y.csv",
	    K25 ",ヤマダ,19750401,1,東京都,131016,00133033_1\r\n", &r), 0);
	assert_int_equal(check_text("jlis-request", "00133033N1Y.csv",
	    K25 "一,ヤマダ,19750401,1,東京都,131016,00133033_1\r\n", &r), 1);
	assert_non_null(strstr(r.msgs, "00133033N1Y.csv:1:name:"));
	/* Half-width kana is one byte but still refused in a name. */
	assert_int_equal(check_text("jlis-request", "00133033N1Y.csv",
	    "ﾔﾏﾀﾞ,ヤマダ,19750401,1,東京都,131016,00133033_1\r\n", &r), 1);
	assert_non_null(strstr(r.msgs, ":1:name: half-width"));
}

static void
test_request_rules(void **state)
{
	struct run r;

	(void)state;
	check_text("jlis-request", "00133033N1Y.csv",
	    "山田,ヤマダ,19750230,3,東京都,131017,87654321_1\r\n"
	    "山田,ヤマダ,19750401,1,東京都,131016,87654321_1\r\n"
	    "山田,ヤマダ,19750401,1,東京都,131016,87654321_2\r\n", &r);
	assert_non_null(strstr(r.msgs, ":1:birth:"));
	assert_non_null(strstr(r.msgs, ":1:municipality:"));
	assert_non_null(strstr(r.msgs, ":2:target: the same value as on line 1"));
	assert_non_null(strstr(r.msgs, ":3:target: is for insurer 87654321"));
	check_text("jlis-request", "x.csv",
	    "山田,ヤマダ,19750401,1,東京都,131016,00133033_1", &r);
	assert_non_null(strstr(r.msgs, "x.csv:0:-: the file name"));
	assert_non_null(strstr(r.msgs, "no line end"));
	assert_int_equal(check_text("jlis-request", "00133033N1Y.csv", "", &r), 1);
	assert_non_null(strstr(r.msgs, "no data lines"));
}

static void
test_answer_rules(void **state)
{
	struct run r;

	(void)state;
	assert_int_equal(check_text("jlis-answer", "00133033N1R.csv",
	    "山田,ヤマダ,19750401,1,東京都,131016,00133033_1,1,621498320257\r\n"
	    "山田,ヤマダ,19750401,1,東京都,131016,00133033_2,2,\r\n", &r), 0);
	check_text("jlis-answer", "00133033N1R.csv",
	    "山田,ヤマダ,19750401,1,東京都,131016,00133033_1,1,621498320258\r\n"
	    "山田,ヤマダ,19750401,1,東京都,131016,00133033_2,2,621498320257\r\n"
	    "山田,ヤマダ,19750401,1,東京都,131016,00133033_3,4,\r\n"
	    ",ヤマダ,19750401,1,東京都,131016,00133033_4,1,123456789018\r\n", &r);
	assert_non_null(strstr(r.msgs, ":1:mynumber: check digit"));
	assert_non_null(strstr(r.msgs, ":2:mynumber: must be empty"));
	assert_non_null(strstr(r.msgs, ":3:status:"));
	assert_non_null(strstr(r.msgs, ":4:name:"));
	/* Messages never repeat a number. */
	assert_null(strstr(r.msgs, "62149832025"));
	assert_null(strstr(r.msgs, "123456789018"));
}

static void
count_why(enum jlis_bad why, const char *ch, size_t len, void *arg)
{
	int *n = arg;

	(void)ch;
	(void)len;
	n[why]++;
}

/* The repertoire J-LIS takes: JIS X 0208 leaves CP932's NEC and IBM
 * extensions out; half-width ASCII is refused where asked. */
static void
test_repertoire(void **state)
{
	int n[4] = { 0 };
	const char *ext = "髙﨑①㈱";

	(void)state;
	assert_int_equal(jlis_scan_for(ext, strlen(ext), 0, 0, count_why, n), 0);
	assert_int_equal(jlis_scan_for(ext, strlen(ext), 1, 0, count_why, n), 4);
	assert_int_equal(n[JLIS_BAD_EXT], 4);
	assert_int_equal(jlis_scan_for("高崎　一", strlen("高崎　一"), 1, 1,
	    count_why, n), 0);
	assert_int_equal(jlis_scan_for("Yamada", 6, 1, 1, count_why, n), 6);
	assert_int_equal(jlis_scan_for("Yamada", 6, 1, 0, count_why, n), 0);
	assert_int_equal(jlis_scan_for(YOSHI "田", strlen(YOSHI "田"), 1, 1,
	    count_why, n), 1);
	assert_int_equal(n[JLIS_BAD_GAIJI], 1);
	/* Malformed UTF-8 is no value at all. */
	assert_int_equal(jlis_scan_for("\xe3\x81", 2, 1, 1, count_why, n), -1);
	assert_int_equal(jlis_scan_for("\xff", 1, 1, 0, count_why, n), -1);
}

/* The one normalisation before the five items are compared. */
static void
test_normalise(void **state)
{
	char *v;

	(void)state;
	/* CP932 sends 〜 and − and brings them back as ～ and －. */
	assert_true(jlis_same_item("千代田１丁目〜２番", "千代田１丁目～２番"));
	assert_true(jlis_same_item("1−2", "1－2"));
	assert_true(jlis_same_item("１‐２", "1-2"));
	assert_true(jlis_same_item("山田　太郎", "山田 太郎  "));
	assert_true(jlis_same_item(NULL, ""));
	assert_false(jlis_same_item("山田", "山口"));
	assert_int_equal(jlis_first_difference("東京都1-1", "東京都1-2"), 6);
	assert_int_equal(jlis_first_difference("東京都〜", "東京都～"), 0);
	assert_int_equal(jlis_first_difference("ab", "abc"), 3);
	/* ー (the long vowel mark) is not a dash. */
	assert_int_not_equal(jlis_first_difference("ー", "-"), 0);
	v = jlis_normalise("１〜２　");
	assert_string_equal(v, "1~2");
	free(v);
	v = jlis_normalise("a\xe3\x81");	/* cut UTF-8 stays as it was */
	assert_string_equal(v, "a\xe3\x81");
	free(v);
}

/* A process killed outright (SIGKILL: no handler runs) leaves its
 * decrypted answer in the private folder; the next start removes it. A
 * folder whose process still lives is left alone. */
static void
test_privdir_leftover(void **state)
{
	char base[] = "/tmp/myna-unit-XXXXXX", path[512], *mine = NULL, *err = NULL;
	struct stat sb;
	int fds[2], st;
	ssize_t n;
	pid_t pid;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(base));
	assert_int_equal(setenv("TMPDIR", base, 1), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *dir = NULL, *file;

		close(fds[0]);
		if (privdir_new(&dir, NULL) < 0)
			_exit(1);
		file = xasprintf("%s/33120015N1R.csv", dir);
		if ((f = fopen(file, "w")) == NULL)
			_exit(1);
		fputs("a whole answer with its numbers\n", f);
		fclose(f);
		if (write(fds[1], dir, strlen(dir) + 1) < 0)
			_exit(1);
		pause();
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], path, sizeof path - 1);
	close(fds[0]);
	assert_true(n > 0);
	path[n] = '\0';
	/* While the process lives, a start elsewhere leaves its folder alone. */
	privdir_sweep();
	assert_int_equal(stat(path, &sb), 0);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(stat(path, &sb), 0);	/* left behind */
	assert_int_equal(privdir_new(&mine, &err), 0);
	privdir_sweep();
	assert_int_equal(stat(path, &sb), -1);	/* removed at the next start */
	assert_int_equal(stat(mine, &sb), 0);	/* ours, alive, kept */
	privdir_remove(mine);
	free(mine);
	assert_int_equal(rmdir(base), 0);
	unsetenv("TMPDIR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_municipality),
		cmocka_unit_test(test_byte_edge),
		cmocka_unit_test(test_request_rules),
		cmocka_unit_test(test_answer_rules),
		cmocka_unit_test(test_privdir_leftover),
		cmocka_unit_test(test_repertoire),
		cmocka_unit_test(test_normalise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
