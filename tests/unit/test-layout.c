/* Unit tests for layout files: the shipped persons layout, and each way a
 * vendor's edit can go wrong refused at its line. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "domain/layout.h"
#include "util/xmalloc.h"

#define PERSONS MYNA_SRCDIR "/forms/persons.layout"

/* A valid head; cases below add to it. Lines 1-3. */
#define HEAD "[layout]\nname = t\nversion = 1\n"
/* One valid field, lines 4-5 after HEAD. */
#define FIELD "[field a]\ntype = text\n"

/* Parses text that must be refused at line with a message holding want. */
static void
refused(const char *text, int line, const char *want)
{
	struct layout l;
	char *err = NULL, prefix[64];

	assert_int_equal(layout_parse(text, strlen(text), "t.layout", &l, &err),
	    -1);
	assert_non_null(err);
	snprintf(prefix, sizeof prefix, "t.layout:%d: ", line);
	if (strncmp(err, prefix, strlen(prefix)) != 0 ||
	    strstr(err, want) == NULL)
		fail_msg("got \"%s\", wanted \"%s...%s\"", err, prefix, want);
	/* A refused layout is left empty. */
	assert_null(l.fields);
	assert_int_equal(l.nfields, 0);
	assert_null(l.name);
	free(err);
}

static void
parsed(const char *text, struct layout *l)
{
	char *err = NULL;

	if (layout_parse(text, strlen(text), "t.layout", l, &err) != 0)
		fail_msg("refused: %s", err);
	assert_null(err);
}

static void
test_null_empty(void **st)
{
	struct layout l;
	char *err = NULL;
	static const char *const none[] = { NULL };

	(void)st;
	assert_int_equal(layout_parse(NULL, 0, NULL, &l, &err), -1);
	assert_string_equal(err, "layout:1: no [layout] section");
	free(err);
	err = NULL;
	assert_int_equal(layout_parse("", 0, "t.layout", &l, &err), -1);
	assert_string_equal(err, "t.layout:1: no [layout] section");
	free(err);
	err = NULL;
	assert_int_equal(layout_parse(HEAD FIELD, 10, "x", NULL, &err), -1);
	assert_int_equal(layout_load(NULL, &l, &err), -1);
	free(err);
	/* No error slot: still refused, nothing to free. */
	assert_int_equal(layout_parse("", 0, NULL, &l, NULL), -1);
	layout_free(NULL);
	layout_free(&l);
	assert_null(layout_find_role(NULL, "key"));
	assert_int_equal(layout_index_of_role(NULL, "key"), -1);
	assert_int_equal(layout_require_roles(NULL, none, NULL), -1);
}

static void
test_persons(void **st)
{
	static const struct {
		const char	*name;
		enum field_type	 type;
	} want[] = {
		{ "person_id", FIELD_TEXT }, { "insurer", FIELD_INSURER },
		{ "symbol", FIELD_TEXT }, { "number", FIELD_TEXT },
		{ "relation", FIELD_RELATION }, { "member_id", FIELD_TEXT },
		{ "name", FIELD_TEXT }, { "kana", FIELD_KANA },
		{ "birth", FIELD_DATE }, { "sex", FIELD_SEX },
		{ "address", FIELD_TEXT }, { "municipality", FIELD_MUNICIPALITY },
		{ "resident", FIELD_RESIDENT }, { "employer", FIELD_TEXT },
		{ "acquired", FIELD_DATE }, { "lost", FIELD_DATE },
		{ "branch", FIELD_DIGITS },
	};
	static const char *const roles[] = { "key", "insurer", "symbol",
	    "number", "relation", "member", "name", "kana", "birth", "sex",
	    "address", "municipality", "resident", "employer", "acquired",
	    "lost", "edaban", NULL };
	static const char *const more[] = { "key", "mynumber", "kana", "phone",
	    NULL };
	struct layout l;
	const struct layout_field *f;
	char *err = NULL;
	size_t i;

	(void)st;
	if (layout_load(PERSONS, &l, &err) != 0)
		fail_msg("%s", err);
	assert_string_equal(l.name, "persons");
	assert_int_equal(l.version, 2);
	assert_string_equal(l.description, "加入者抽出ファイル (既定の様式)");
	assert_string_equal(l.encoding, "UTF-8");
	assert_int_equal(l.header, 1);
	assert_string_equal(l.line_ending, "CRLF");
	assert_int_equal(l.nfields, 17);
	/* Extracts from before 2021 have no 枝番 column. */
	assert_true(l.fields[16].optional_column);
	assert_false(l.fields[15].optional_column);
	for (i = 0; i < 17; i++) {
		assert_string_equal(l.fields[i].name, want[i].name);
		assert_int_equal(l.fields[i].type, want[i].type);
		assert_string_equal(l.fields[i].role, roles[i]);
		assert_ptr_equal(l.fields[i].encoding, l.encoding);
	}

	f = layout_find_role(&l, "kana");
	assert_non_null(f);
	assert_string_equal(f->label, "氏名カナ");
	assert_int_equal(f->required, 1);
	assert_int_equal(f->max_chars, 25);
	assert_int_equal(f->max_bytes, 75);
	assert_int_equal(layout_index_of_role(&l, "kana"), 7);
	assert_int_equal(layout_index_of_role(&l, "lost"), 15);
	assert_int_equal(l.fields[15].required, 0);
	assert_int_equal(l.fields[2].max_bytes, 0);
	assert_null(layout_find_role(&l, "mynumber"));
	assert_int_equal(layout_index_of_role(&l, NULL), -1);

	assert_int_equal(layout_require_roles(&l, roles, &err), 0);
	assert_int_equal(layout_require_roles(&l, more, &err), -1);
	assert_non_null(strstr(err, "'persons'"));
	assert_non_null(strstr(err, "mynumber, phone"));
	free(err);
	layout_free(&l);
	assert_int_equal(l.nfields, 0);
	assert_null(l.fields);
}

static void
test_defaults(void **st)
{
	struct layout l;

	(void)st;
	parsed(HEAD FIELD, &l);
	assert_string_equal(l.description, "");
	assert_string_equal(l.encoding, "UTF-8");
	assert_string_equal(l.line_ending, "CRLF");
	assert_int_equal(l.header, 1);
	assert_int_equal(l.nfields, 1);
	assert_string_equal(l.fields[0].label, "a");
	assert_null(l.fields[0].role);
	assert_int_equal(l.fields[0].required, 0);
	assert_int_equal(l.fields[0].max_chars, 0);
	assert_int_equal(l.fields[0].max_bytes, 0);
	layout_free(&l);
}

static void
test_settings(void **st)
{
	struct layout l;

	(void)st;
	parsed("\xef\xbb\xbf; CP932 file\r\n[layout]\r\nname = t\r\n"
	    "version = 1000000\r\nencoding = cp932\r\nheader = NO\r\n"
	    "line_ending = lf\r\ndescription =\r\n"
	    "[field a-1_B]\r\n  type = kana ; inline comment\r\n"
	    "required = yes\r\nmax_chars = 100000\r\nmax_bytes = 0\r\n"
	    "label = カナ\r\nrole = kana\r\n", &l);
	assert_int_equal(l.version, 1000000);
	assert_string_equal(l.encoding, "CP932");
	assert_int_equal(l.header, 0);
	assert_string_equal(l.line_ending, "LF");
	assert_string_equal(l.description, "");
	assert_string_equal(l.fields[0].name, "a-1_B");
	assert_int_equal(l.fields[0].type, FIELD_KANA);
	assert_int_equal(l.fields[0].required, 1);
	assert_int_equal(l.fields[0].max_chars, 100000);
	assert_string_equal(l.fields[0].label, "カナ");
	assert_string_equal(l.fields[0].encoding, "CP932");
	layout_free(&l);
}

static void
test_every_type(void **st)
{
	static const char *const names[] = { "text", "kana", "digits", "date",
	    "sex", "relation", "resident", "insurer", "municipality" };
	struct layout l;
	char *text;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		text = xasprintf(HEAD "[field f]\ntype = %s\n", names[i]);
		parsed(text, &l);
		assert_int_equal(l.fields[0].type, (enum field_type)i);
		assert_string_equal(layout_type_name(l.fields[0].type),
		    names[i]);
		layout_free(&l);
		free(text);
	}
}

static void
test_unknown_key(void **st)
{
	(void)st;
	refused(HEAD FIELD "colour = red\n", 6, "unknown key 'colour'");
	refused(HEAD "author = me\n" FIELD, 4, "unknown key 'author' in [layout]");
	refused(HEAD "[field a]\nType = text\n", 5, "unknown key 'Type'");
}

static void
test_unknown_type(void **st)
{
	(void)st;
	refused(HEAD "[field a]\ntype = string\n", 5, "unknown type 'string'");
	refused(HEAD "[field a]\ntype = Text\n", 5, "unknown type 'Text'");
}

static void
test_unknown_encoding(void **st)
{
	(void)st;
	refused(HEAD "encoding = Shift_JIS\n" FIELD, 4,
	    "unknown encoding 'Shift_JIS': use UTF-8 or CP932");
	refused(HEAD "line_ending = CR\n" FIELD, 4, "unknown line_ending 'CR'");
}

static void
test_duplicate_field(void **st)
{
	(void)st;
	refused(HEAD FIELD "[field b]\ntype = date\n[field a]\ntype = text\n",
	    8, "duplicate field name 'a' (first at line 4)");
	/* Two headers in a row are two sections, not one. */
	refused(HEAD FIELD "[field a]\nlabel = x\n", 6, "duplicate field name");
}

static void
test_field_without_type(void **st)
{
	(void)st;
	refused(HEAD "[field a]\nrequired = yes\n[field b]\ntype = text\n", 4,
	    "field 'a' has no type");
	refused(HEAD FIELD "[field b]\nlabel = B\n", 6, "field 'b' has no type");
	refused(HEAD "[field a]\n[field b]\ntype = text\n", 4,
	    "section [field a] has no keys");
	refused(HEAD FIELD "\n; only a comment\n[field b]\n", 8,
	    "section [field b] has no keys");
}

static void
test_max_values(void **st)
{
	(void)st;
	refused(HEAD FIELD "max_chars = -1\n", 6,
	    "max_chars must be a whole number from 0 to 100000");
	refused(HEAD FIELD "max_bytes = 100001\n", 6, "max_bytes must be");
	refused(HEAD FIELD "max_chars = 99999999999999999999999\n", 6,
	    "max_chars must be");
	refused(HEAD FIELD "max_chars = 1e3\n", 6, "max_chars must be");
	refused(HEAD FIELD "max_chars = +5\n", 6, "max_chars must be");
	refused(HEAD FIELD "max_chars =\n", 6, "key 'max_chars' has no value");
}

static void
test_no_fields(void **st)
{
	(void)st;
	refused(HEAD, 1, "no [field NAME] sections");
	refused("; comment\n" HEAD "\n", 2, "no [field NAME] sections");
	refused(FIELD, 1, "no [layout] section");
}

static void
test_layout_name(void **st)
{
	(void)st;
	refused("\n[layout]\nversion = 1\n" FIELD, 2, "[layout] has no name");
	refused("[layout]\nname =\nversion = 1\n" FIELD, 2,
	    "key 'name' has no value");
	refused(HEAD FIELD "[layout]\nname = u\n", 6,
	    "second [layout] section (the first is at line 1)");
}

static void
test_version(void **st)
{
	(void)st;
	refused("[layout]\nname = t\n" FIELD, 1, "[layout] has no version");
	refused("[layout]\nname = t\nversion = 0\n" FIELD, 3,
	    "version must be a whole number from 1");
	refused("[layout]\nname = t\nversion = -1\n" FIELD, 3, "version must");
	refused("[layout]\nname = t\nversion = 1.0\n" FIELD, 3, "version must");
	refused("[layout]\nname = t\nversion = one\n" FIELD, 3, "version must");
	refused("[layout]\nname = t\nversion = 1000001\n" FIELD, 3,
	    "version must");
}

static void
test_duplicate_role(void **st)
{
	(void)st;
	refused(HEAD "[field a]\ntype = text\nrole = key\n\n[field b]\n"
	    "type = digits\nrole = key\n", 10,
	    "role 'key' is already given to field 'a' (line 6)");
	refused(HEAD "[field a]\ntype = text\nrole =\n", 6,
	    "key 'role' has no value");
}

static void
test_duplicate_key(void **st)
{
	(void)st;
	refused(HEAD "[field a]\ntype = text\ntype = date\n", 6,
	    "key 'type' is given twice");
	refused(HEAD "version = 2\n" FIELD, 4, "key 'version' is given twice");
}

static void
test_yes_no(void **st)
{
	(void)st;
	refused(HEAD FIELD "required = maybe\n", 6, "required must be yes or no");
	refused(HEAD "header = 1\n" FIELD, 4, "header must be yes or no");
}

static void
test_sections(void **st)
{
	(void)st;
	refused("name = t\n" HEAD FIELD, 1, "key 'name' comes before any");
	refused(HEAD "[fields a]\ntype = text\n", 4, "unknown section [fields a]");
	refused(HEAD "[field]\ntype = text\n", 4, "unknown section [field]");
	refused(HEAD "[field a b]\ntype = text\n", 4, "field name 'a b' is not");
	refused(HEAD "[field ]\ntype = text\n", 4, "field name '' is not");
	refused(HEAD "[field 氏名]\ntype = text\n", 4, "field name");
	/* 32 bytes is the longest name; libinih cuts sections at 49. */
	refused(HEAD "[field abcdefghijabcdefghijabcdefghijabc]\ntype = text\n",
	    4, "is not 1 to 32 letters");
	refused(HEAD "[field abcdefghijabcdefghijabcdefghijabcdefghijabcdef]\n"
	    "type = text\n", 4, "is not 1 to 32 letters");
}

static void
test_syntax(void **st)
{
	(void)st;
	refused(HEAD "[field a\ntype = text\n", 4, "not a [section]");
	refused(HEAD FIELD "required yes\n", 6, "not a [section]");
	/* A line that is only bad syntax is not reported as an empty section. */
	refused(HEAD "[field a]\ntype text\n", 5, "not a [section]");
	/* The earliest problem wins. */
	refused(HEAD "oops\n[field a]\ntype = bogus\n", 4, "not a [section]");
	refused(HEAD "[field a]\ntype = bogus\noops\n", 5, "unknown type");
}

static void
test_indented(void **st)
{
	(void)st;
	/* libinih would append the line to the value of "type". */
	refused(HEAD "[field a]\ntype = text\n  required = yes\n", 6,
	    "indented line");
	refused(HEAD "[field a]\ntype = text\n\t[field b]\n", 6,
	    "indented line");
}

static void
test_long_line(void **st)
{
	struct layout l;
	char *text, label[300];

	(void)st;
	/* libinih's buffer holds 200 bytes: 197 of text, "\r\n" and NUL. */
	memset(label, 'x', sizeof label);
	label[197 - 8] = '\0';
	text = xasprintf(HEAD FIELD "label = %s\r\n", label);
	parsed(text, &l);
	assert_int_equal(strlen(l.fields[0].label), 197 - 8);
	layout_free(&l);
	free(text);
	/* One more byte must not be cut into a second line ("type = date"). */
	label[197 - 8] = 'x';
	memcpy(label + 190, "type = date", 12);
	text = xasprintf(HEAD FIELD "label = %s\n", label);
	refused(text, 6, "line is longer than 197 bytes");
	free(text);
}

static void
test_bytes(void **st)
{
	static const char nul[] = HEAD FIELD "label = a\0b\n";

	(void)st;
	refused(HEAD FIELD "label = \x1b[31mred\n", 6, "control character U+001B");
	refused(HEAD FIELD "label = a\xe2\x80\xae" "b\n", 6, "control character U+202E");
	refused(HEAD FIELD "label = \xff\n", 6, "not valid UTF-8");
	refused(HEAD FIELD "label = \x8e\xf7\x96\xbc\n", 6, "not valid UTF-8");
	refused(HEAD "\xef\xbb\xbf" FIELD, 4, "control character U+FEFF");
	refused(HEAD "name\r = x\n" FIELD, 4, "control character U+000D");
	{
		struct layout l;
		char *err = NULL;

		assert_int_equal(layout_parse(nul, sizeof nul - 1, "t.layout",
		    &l, &err), -1);
		assert_string_equal(err,
		    "t.layout:6: control character U+0000: remove it");
		free(err);
	}
}

static void
test_load(void **st)
{
	char path[] = "/tmp/test-layout-XXXXXX", *err = NULL, *buf;
	struct layout l;
	size_t head = strlen(HEAD FIELD), i;
	FILE *fp;
	int fd;

	(void)st;
	assert_int_equal(layout_load("/nonexistent/x.layout", &l, &err), -1);
	assert_non_null(strstr(err, "cannot open /nonexistent/x.layout"));
	free(err);
	err = NULL;
	assert_int_equal(layout_load("/tmp", &l, &err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	err = NULL;

	/* Exactly the limit is read; one byte more is refused. */
	buf = xmalloc(LAYOUT_MAX_FILE + 1);
	memcpy(buf, HEAD FIELD, head);
	for (i = head; i < LAYOUT_MAX_FILE; i++)
		buf[i] = (i - head) % 64 == 63 ? '\n' : (i - head) % 64 == 0 ?
		    ';' : 'x';
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_int_equal(fwrite(buf, 1, LAYOUT_MAX_FILE, fp), LAYOUT_MAX_FILE);
	assert_int_equal(fflush(fp), 0);
	if (layout_load(path, &l, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(l.nfields, 1);
	layout_free(&l);
	assert_int_equal(fputc('\n', fp), '\n');
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(layout_load(path, &l, &err), -1);
	assert_non_null(strstr(err, "is larger than 1048576 bytes"));
	free(err);
	err = NULL;

	/* Errors name the file as given. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(HEAD "[field a]\ntype = nope\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(layout_load(path, &l, &err), -1);
	assert_true(strncmp(err, path, strlen(path)) == 0);
	assert_non_null(strstr(err, ":5: unknown type 'nope'"));
	free(err);
	err = NULL;
	unlink(path);
	free(buf);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_empty),
		cmocka_unit_test(test_persons),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_every_type),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_unknown_type),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_duplicate_field),
		cmocka_unit_test(test_field_without_type),
		cmocka_unit_test(test_max_values),
		cmocka_unit_test(test_no_fields),
		cmocka_unit_test(test_layout_name),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_duplicate_role),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_indented),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
