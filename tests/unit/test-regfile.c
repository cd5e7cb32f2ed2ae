/* Unit tests for registration files: every shipped layout round-trips
 * through the writer and the checker, the writer refuses what a layout
 * does not allow without repeating the value, and malformed result files
 * are refused or reported row by row. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "domain/regfile.h"
#include "domain/regread.h"
#include "util/xmalloc.h"

#define FORMS MYNA_SRCDIR "/forms/"
#define NUMBER "621498320257"

static const char *const layouts[] = { "reg-persons", "reg-qualification",
	"reg-kogaku", "reg-shobyo", "reg-shussan", "reg-sosai", "reg-tainou",
	"reg-result", NULL };

static struct layout
load(const char *name)
{
	struct layout l;
	char *err = NULL, *path = xasprintf(FORMS "%s.layout", name);

	if (layout_load(path, &l, &err) != 0)
		fail_msg("%s: %s", path, err);
	free(path);
	return l;
}

/* A plausible value for a field, by its role and type. */
static const char *
sample(const struct layout_field *f)
{
	if (f->role != NULL && strcmp(f->role, "mynumber") == 0)
		return NUMBER;
	if (f->role != NULL && strcmp(f->role, "file_sha256") == 0)
		return "";
	switch (f->type) {
	case FIELD_KANA: return "ヤマダ　タロウ";
	case FIELD_DIGITS: return "1";
	case FIELD_DATE: return "20260401";
	case FIELD_SEX: case FIELD_RELATION: case FIELD_RESIDENT: return "1";
	case FIELD_INSURER: return "133033";
	case FIELD_MUNICIPALITY: return "131016";
	default: return "山田, \"太郎\"";
	}
}

/* Writes n records of samples in l to a temporary file. */
static char *
write_file(const struct layout *l, int n)
{
	char *path = xstrdup("/tmp/myna-regfile-XXXXXX"), *err = NULL;
	const char **v = xcalloc(l->nfields, sizeof *v);
	unsigned char sent[32], content[32];
	struct reg_writer *w = reg_writer_new(l, &err);
	const char *line;
	size_t i, len;
	FILE *f;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_non_null(w);
	f = fdopen(fd, "wb");
	if (l->header) {
		assert_int_equal(reg_writer_header(w, &line, &len, &err), 0);
		fwrite(line, 1, len, f);
	}
	for (i = 0; i < l->nfields; i++)
		v[i] = sample(&l->fields[i]);
	while (n-- > 0) {
		if (reg_writer_record(w, v, &line, &len, sent, content, &err) != 0)
			fail_msg("%s: %s", l->name, err);
		fwrite(line, 1, len, f);
	}
	fclose(f);
	reg_writer_free(w);
	free(v);
	return path;
}

static void
test_round_trip(void **state)
{
	const char *const *name;

	(void)state;
	for (name = layouts; *name != NULL; name++) {
		struct layout l = load(*name);
		struct reg_read_summary sum;
		char *file = write_file(&l, 3), *lpath, *err = NULL;

		lpath = xasprintf(FORMS "%s.layout", *name);
		if (reg_check_file(lpath, file, stderr, &sum, &err) != 0)
			fail_msg("%s does not pass its own check: %s", *name,
			    err ? err : "problems above");
		assert_int_equal(sum.rows, 3);
		assert_int_equal(sum.bad, 0);
		unlink(file);
		free(file);
		free(lpath);
		layout_free(&l);
	}
}

/* The writer's refusals name the field and never hold the value. */
static void
refused(struct layout *l, const char *role, const char *value,
    const char *want)
{
	const char **v = xcalloc(l->nfields, sizeof *v);
	unsigned char sent[32], content[32];
	struct reg_writer *w = reg_writer_new(l, NULL);
	const char *line;
	char *err = NULL;
	size_t i, len;

	for (i = 0; i < l->nfields; i++)
		v[i] = l->fields[i].role != NULL &&
		    strcmp(l->fields[i].role, role) == 0 ? value :
		    sample(&l->fields[i]);
	assert_int_equal(reg_writer_record(w, v, &line, &len, sent, content,
	    &err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("'%s' lacks '%s'", err, want);
	if (strlen(value) > 3 && strstr(err, value) != NULL)
		fail_msg("the message repeats the value: %s", err);
	free(err);
	free(v);
	reg_writer_free(w);
}

static void
test_writer_refuses(void **state)
{
	struct layout l = load("reg-persons");

	(void)state;
	refused(&l, "mynumber", "123456789010", "wrong check digit");
	refused(&l, "mynumber", "12345678901", "not 12 digits");
	/* 𠮷 (U+20BB7) is outside JIS X 0208: not in CP932. */
	refused(&l, "name", "\xf0\xa0\xae\xb7田", "cannot be written in CP932");
	/* 11 characters, 22 bytes in CP932: the key allows 20 of each. */
	refused(&l, "key", "あいうえおかきくけこさ", "longer than 20 bytes");
	refused(&l, "kana", "ﾔﾏﾀﾞ", "氏名カナ");
	refused(&l, "birth", "20260230", "生年月日");
	layout_free(&l);
}

/* Equal values, equal content hash whatever the sequence and action. */
static void
test_content_hash(void **state)
{
	struct layout l = load("reg-qualification");
	const char **v = xcalloc(l.nfields, sizeof *v);
	unsigned char s1[32], c1[32], s2[32], c2[32];
	struct reg_writer *w = reg_writer_new(&l, NULL);
	const char *line;
	size_t i, len;

	(void)state;
	for (i = 0; i < l.nfields; i++)
		v[i] = sample(&l.fields[i]);
	assert_int_equal(reg_writer_record(w, v, &line, &len, s1, c1, NULL), 0);
	v[layout_index_of_role(&l, "seq")] = "2";
	v[layout_index_of_role(&l, "action")] = "3";
	assert_int_equal(reg_writer_record(w, v, &line, &len, s2, c2, NULL), 0);
	assert_memory_equal(c1, c2, 32);
	assert_memory_not_equal(s1, s2, 32);
	v[layout_index_of_role(&l, "lost")] = "20261031";
	assert_int_equal(reg_writer_record(w, v, &line, &len, s2, c2, NULL), 0);
	assert_memory_not_equal(c1, c2, 32);
	free(v);
	reg_writer_free(w);
	layout_free(&l);
}

struct collected {
	int rows, bad_rows, parsed, refused;
	long seq[8];
	int ok[8];
	struct reg_result_cols cols;
};

static int
collect(const struct reg_row *r, void *arg)
{
	struct collected *c = arg;
	struct reg_result_row row;
	char *err = NULL;

	c->rows++;
	if (r->bad) {
		c->bad_rows++;
		return 0;
	}
	if (reg_result_row(&c->cols, r, &row, &err) < 0) {
		c->refused++;
		free(err);
		return 0;
	}
	if (c->parsed < 8) {
		c->seq[c->parsed] = row.seq;
		c->ok[c->parsed] = row.ok;
	}
	c->parsed++;
	return 0;
}

/* Reads text (UTF-8 written as given: the test layout below is UTF-8). */
static int
read_result(const char *text, size_t len, struct collected *c, char **err)
{
	static const char lt[] = "[layout]\nname = r\nversion = 1\n"
	    "encoding = CP932\nheader = no\n"
	    "[field file]\ntype = text\nrequired = yes\nrole = file\n"
	    "[field seq]\ntype = digits\nrequired = yes\nrole = seq\n"
	    "[field key]\ntype = text\nrequired = yes\nrole = key\n"
	    "[field code]\ntype = digits\nrequired = yes\nrole = code\n"
	    "[field message]\ntype = text\nrole = message\n";
	struct reg_read_summary sum;
	struct layout l;
	FILE *f = fmemopen((void *)text, len, "rb");
	int rc;

	memset(c, 0, sizeof *c);
	assert_int_equal(layout_parse(lt, sizeof lt - 1, NULL, &l, NULL), 0);
	assert_int_equal(reg_result_columns(&l, &c->cols, NULL), 0);
	rc = reg_read(&l, f, collect, NULL, c, &sum, err);
	fclose(f);
	layout_free(&l);
	return rc;
}

#define R(s) s, sizeof s - 1

static void
test_result_rows(void **state)
{
	struct collected c;
	char *err = NULL;

	(void)state;
	assert_int_equal(read_result(R("f.csv,1,P1,0,ok\r\nf.csv,2,P2,0000,\r\n"
	    "f.csv,3,P3,1101,E\r\n"), &c, &err), 0);
	assert_int_equal(c.parsed, 3);
	assert_int_equal(c.seq[2], 3);
	assert_true(c.ok[0] && c.ok[1] && !c.ok[2]);

	/* Row problems are reported and reading goes on. */
	assert_int_equal(read_result(R("f.csv,1,P1\r\nf.csv,x,P2,0,\r\n"
	    "f.csv,2,,0,\r\nf.csv,3,P3,,\r\nf.csv,4,P4,0,\r\n"), &c, &err), 0);
	assert_int_equal(c.rows, 5);
	assert_int_equal(c.bad_rows, 4);
	assert_int_equal(c.parsed, 1);

	/* Record numbers out of range: the row is refused. */
	assert_int_equal(read_result(R("f.csv,0,P1,0,\nf.csv,10000000,P1,0,\n"
	    "f.csv,99999999999999999999,P1,0,\n"), &c, &err), 0);
	assert_int_equal(c.refused, 3);
	assert_int_equal(c.parsed, 0);

	/* Empty: no rows, no error (the import refuses it). */
	assert_int_equal(read_result(R(""), &c, &err), 0);
	assert_int_equal(c.rows, 0);
}

static void
test_result_fatal(void **state)
{
	struct collected c;
	char *err = NULL;

	(void)state;
	/* A byte CP932 does not allow. */
	assert_int_equal(read_result(R("f.csv,1,P1,0,\x80\xff\r\n"), &c, &err),
	    -1);
	assert_non_null(strstr(err, "CP932"));
	free(err);
	err = NULL;
	/* A quote left open. */
	assert_int_equal(read_result(R("f.csv,1,P1,0,\"open\r\n"), &c, &err), -1);
	free(err);
	err = NULL;
	/* A NUL byte. */
	assert_int_equal(read_result("f.csv,1,P1,0,\0\r\n", 15, &c, &err), -1);
	free(err);
}

static void
test_kinds(void **state)
{
	enum reg_kind k;
	char *name;

	(void)state;
	assert_int_equal(reg_kind_parse("tainou", &k, NULL), 0);
	assert_int_equal(k, REG_TAINOU);
	assert_int_equal(reg_kind_parse("Persons", &k, NULL), -1);
	name = reg_file_name("133033", REG_SOSAI, "20261120", 7);
	assert_string_equal(name, "133033_sosai_20261120_0007.csv");
	assert_int_equal(reg_kind_of_file(name, &k), 0);
	assert_int_equal(k, REG_SOSAI);
	free(name);
	assert_int_equal(reg_kind_of_file("/x/133033_other_1_1.csv", &k), -1);
	assert_int_equal(reg_kind_of_file("plain.csv", &k), -1);
	assert_true(reg_kind_from_vault(REG_QUALIFICATION));
	assert_false(reg_kind_from_vault(REG_KOGAKU));
	assert_int_equal(reg_cp932_len("aｱア", strlen("aｱア")), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_writer_refuses),
		cmocka_unit_test(test_content_hash),
		cmocka_unit_test(test_result_rows),
		cmocka_unit_test(test_result_fatal),
		cmocka_unit_test(test_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
