/* Unit tests for the shell-free word splitter (SSH_ORIGINAL_COMMAND). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/words.h"

/* Splits line and checks the words against want (NULL-terminated). */
static void
want_words(const char *line, const char *const *want)
{
	struct words w;
	char *err = NULL;
	int i;

	assert_int_equal(words_split(line, &w, &err), 0);
	assert_null(err);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < w.argc);
		assert_string_equal(w.argv[i], want[i]);
	}
	assert_int_equal(w.argc, i);
	assert_null(w.argv[w.argc]);
	words_free(&w);
}

static void
want_refused(const char *line)
{
	struct words w;
	char *err = NULL;

	assert_int_equal(words_split(line, &w, &err), -1);
	assert_non_null(err);
	assert_int_equal(w.argc, 0);
	assert_null(w.argv);
	free(err);
}

static void
test_plain(void **st)
{
	static const char *const a[] = { "number", "status", "--person",
	    "P0000001", NULL };
	static const char *const none[] = { NULL };

	(void)st;
	want_words("number status --person P0000001", a);
	want_words("  number\tstatus   --person P0000001  ", a);
	want_words("", none);
	want_words("   \t ", none);
	want_words(NULL, none);
}

static void
test_quotes(void **st)
{
	static const char *const a[] = { "evidence", "add", "inbox/a b.png",
	    "--title", "scan of \"form\" 1", NULL };
	static const char *const b[] = { "x", "", "y", NULL };
	static const char *const c[] = { "ab'c de", NULL };
	static const char *const d[] = { "a\\b", "$HOME", "`id`", NULL };
	static const char *const e[] = { "person", "search", "山田 太郎", NULL };

	(void)st;
	want_words("evidence add 'inbox/a b.png' --title \"scan of \\\"form\\\" 1\"", a);
	want_words("x '' y", b);
	want_words("x \"\" y", b);
	/* Adjacent quoted and plain parts make one word, as in a shell. */
	want_words("\"ab'c\"' d'e", c);
	want_words("'a\\b' '$HOME' \"`id`\"", d);
	want_words("person search \"山田 太郎\"", e);
}

/* What a shell would act on is only text here. */
static void
test_no_shell_meaning(void **st)
{
	static const char *const a[] = { ";", "sh", NULL };
	static const char *const b[] = { "cat", "/etc/shadow|sh", "&&", "rm",
	    "-rf", "*", NULL };
	static const char *const c[] = { "get", "outbox/$(id)", ">", "x", NULL };
	static const char *const d[] = { "a b", NULL };

	(void)st;
	want_words("; sh", a);
	want_words("cat /etc/shadow|sh && rm -rf *", b);
	want_words("get outbox/$(id) > x", c);
	want_words("a\\ b", d);
}

static void
test_malformed(void **st)
{
	(void)st;
	want_refused("a 'b");
	want_refused("a \"b");
	want_refused("a \"b\\\"");
	want_refused("'");
	want_refused("\"");
	want_refused("a\\");
	want_refused("a\nsh");
	want_refused("a\rb");
	want_refused("'a\nb'");
	want_refused("\"\x1b[2J\"");
	want_refused("a\x7f");
	/* Found by fuzzing: an escaped control character. */
	want_refused("a\\\x03");
	want_refused("\\\n");
}

static void
test_limits(void **st)
{
	char line[WORDS_LINE_MAX + 2];
	int i;

	(void)st;
	/* WORDS_MAX words pass, one more is refused. */
	line[0] = '\0';
	for (i = 0; i < WORDS_MAX; i++)
		strcat(line, "w ");
	{
		struct words w;
		char *err = NULL;

		assert_int_equal(words_split(line, &w, &err), 0);
		assert_int_equal(w.argc, WORDS_MAX);
		words_free(&w);
	}
	strcat(line, "w");
	want_refused(line);
	memset(line, 'a', WORDS_LINE_MAX);
	line[WORDS_LINE_MAX] = '\0';
	{
		struct words w;
		char *err = NULL;

		assert_int_equal(words_split(line, &w, &err), 0);
		assert_int_equal((int)strlen(w.argv[0]), WORDS_LINE_MAX);
		words_free(&w);
	}
	line[WORDS_LINE_MAX] = 'a';
	line[WORDS_LINE_MAX + 1] = '\0';
	want_refused(line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_no_shell_meaning),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
