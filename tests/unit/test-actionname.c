/* Unit tests for the audit viewer's words: action names and detail items
 * in English and, through the built catalogue, in Japanese; unknown
 * actions and keys shown as they are; a short buffer cut cleanly. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/actionname.h"
#include "util/i18n.h"

static void
test_labels_english(void **state)
{
	(void)state;
	assert_string_equal(action_label("number.enter"), "number entered");
	assert_string_equal(action_label("media.dispose"), "medium disposed of");
	assert_string_equal(action_label("no.such-action"), "no.such-action");
}

static void
test_sessions(void **state)
{
	(void)state;
	assert_true(action_is_session("login"));
	assert_true(action_is_session("logout"));
	assert_false(action_is_session("login.refused"));
	assert_false(action_is_session("number.enter"));
}

static void
test_detail_english(void **state)
{
	char out[200];

	(void)state;
	action_detail_text("channel=member received=2026-11-20 doc=A-12", out,
	    sizeof out);
	assert_string_equal(out, "channel: the insured received: 2026-11-20 "
	    "document no.: A-12");
	/* A key the table lacks stays as recorded. */
	action_detail_text("nosuchkey=ab12 free words", out, sizeof out);
	assert_string_equal(out, "nosuchkey=ab12 free words");
	/* The keys of imports, exports and media: names, not codes. */
	action_detail_text("kind=persons sha256=ab12 container_sha256=cd34",
	    out, sizeof out);
	assert_string_equal(out, "kind: insured persons SHA-256: ab12 "
	    "ZIP's SHA-256: cd34");
	/* kind= of something that is not a registration kind: as recorded. */
	action_detail_text("kind=courier file=/tmp/a.csv", out, sizeof out);
	assert_string_equal(out, "kind: courier file: /tmp/a.csv");
	action_detail_text("channel=pigeon", out, sizeof out);
	assert_string_equal(out, "channel: pigeon");
	action_detail_text("role=supervisor role=wizard", out, sizeof out);
	assert_string_equal(out, "role: supervisor role: wizard");
	action_detail_text("role=clerkclerkclerkclerk", out, sizeof out);
	assert_string_equal(out, "role: clerkclerkclerkclerk");
	action_detail_text("", out, sizeof out);
	assert_string_equal(out, "");
}

static void
test_detail_short_buffer(void **state)
{
	char out[12];

	(void)state;
	memset(out, 'x', sizeof out);
	action_detail_text("channel=member received=2026-11-20", out,
	    sizeof out);
	assert_int_equal(strlen(out), sizeof out - 1);
	assert_memory_equal(out, "channel: th", sizeof out);
}

/* The context-marked words reach the catalogue (xgettext's NP_ keyword). */
static void
test_japanese(void **state)
{
	char out[200];

	(void)state;
	if (setlocale(LC_ALL, "ja_JP.UTF-8") == NULL) {
		skip();
		return;
	}
	bindtextdomain(PACKAGE, MYNA_BUILDDIR "/locale");
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	assert_string_equal(action_label("number.enter"), "番号入力");
	assert_string_equal(action_label("audit.export"), "証跡の書出し");
	action_detail_text("channel=member", out, sizeof out);
	assert_string_equal(out, "受付経路（本人）");
	/* A role is a code in the record and words on the screen. */
	action_detail_text("role=admin", out, sizeof out);
	assert_string_equal(out, "役割（管理者）");
	action_detail_text("kind=qualification records=3", out, sizeof out);
	assert_string_equal(out, "種類（資格） 件数（3）");
	/* media.create records the files' names there, others a count:
	 * the label must not say it is a count. */
	action_detail_text("files=00133033N1Y.csv:ab12", out, sizeof out);
	assert_string_equal(out, "ファイル（00133033N1Y.csv:ab12）");
	/* A checkpoint's size counts records, a file's bytes: one neutral
	 * word for both, and the rarer keys in words too. */
	action_detail_text("size=41233 root=ab12", out, sizeof out);
	assert_string_equal(out, "大きさ（41233） マークル根（ab12）");
	action_detail_text("generation=3 user=sato", out, sizeof out);
	assert_string_equal(out, "鍵の世代（3） 利用者名（sato）");
	setlocale(LC_ALL, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_english),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_detail_english),
		cmocka_unit_test(test_detail_short_buffer),
		cmocka_unit_test(test_japanese),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
