/* Unit tests for the registration writer's fast path: byte for byte, hash
 * for hash and message for message the same as a straightforward writer
 * that checks each value with reg_check_value and converts it with one
 * iconv call; and the CP932 cache agrees with iconv on every BMP code
 * point (and a sample beyond). */
#include "config.h"

#include <iconv.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "domain/cp932map.h"
#include "domain/fieldcheck.h"
#include "domain/mynumber.h"
#include "domain/regfile.h"
#include "util/xmalloc.h"

#define LINE_MAX_BYTES 8192

/* A layout with a field of each kind of rule. */
static const char layout_text[] =
    "[layout]\nname = t\nversion = 1\nencoding = %s\nheader = no\n"
    "line_ending = %s\n"
    "[field seq]\ntype = digits\nrequired = yes\nmax_chars = 7\nrole = seq\n"
    "[field free]\ntype = text\nlabel = 自由\n"
    "[field short]\ntype = text\nmax_chars = 6\nmax_bytes = 8\n"
    "label = 短い\n"
    "[field name]\ntype = text\nrequired = yes\nmax_chars = 25\n"
    "max_bytes = 50\nlabel = 氏名\nrole = name\n"
    "[field kana]\ntype = kana\nrequired = yes\nlabel = カナ\n"
    "[field num]\ntype = digits\nrequired = yes\nmax_chars = 12\n"
    "label = 個人番号\nrole = mynumber\n"
    "[field birth]\ntype = date\nlabel = 生年月日\n"
    "[field sex]\ntype = sex\nrequired = yes\nlabel = 性別\n"
    "[field rel]\ntype = relation\nlabel = 続柄\n"
    "[field res]\ntype = resident\nlabel = 住民\n"
    "[field ins]\ntype = insurer\nlabel = 保険者\n"
    "[field muni]\ntype = municipality\nlabel = 市町村\n"
    "[field action]\ntype = digits\nmax_chars = 1\nrole = action\n";

static struct layout
make_layout(const char *encoding, const char *ending)
{
	char *text = xasprintf(layout_text, encoding, ending), *err = NULL;
	struct layout l;

	if (layout_parse(text, strlen(text), NULL, &l, &err) != 0)
		fail_msg("layout: %s", err);
	free(text);
	return l;
}

/* --- The reference: one check, one iconv call per value ------------------ */

struct ref {
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 */
	int crlf;
	char line[LINE_MAX_BYTES];
	size_t len;
	unsigned char hashed[LINE_MAX_BYTES];
	size_t hlen;
};

/* v in the file's encoding to out (*on bytes), or -1 with the message. */
static int
ref_convert(struct ref *r, const struct layout_field *f, const char *v,
    size_t n, char *out, size_t *on, char **err)
{
	char *in = (char *)v, *o = out;
	size_t left = n, room = LINE_MAX_BYTES;
	unsigned int cp;

	if (r->cd == (iconv_t)-1) {
		memcpy(out, v, n);
		*on = n;
		return 0;
	}
	iconv(r->cd, NULL, NULL, NULL, NULL);
	if (iconv(r->cd, &in, &left, &o, &room) == (size_t)-1)
		return err_set(err, "%s: %.*s cannot be written in CP932: use "
		    "its usual form", f->label,
		    (int)fieldcheck_utf8_next(in, left, &cp), in);
	*on = (size_t)(o - out);
	return 0;
}

static int
ref_field(struct ref *r, const struct layout_field *f, const char *v,
    char **err)
{
	char conv[LINE_MAX_BYTES];
	size_t n = strlen(v), cn = 0, i;
	int quote = strpbrk(v, ",\"\r\n") != NULL;

	if (reg_check_value(f, v, n, err) < 0 ||
	    ref_convert(r, f, v, n, conv, &cn, err) < 0)
		return -1;
	if (quote)
		r->line[r->len++] = '"';
	for (i = 0; i < cn; i++) {
		/* No CP932 trail byte is 0x22: a quote byte is a quote. */
		if (quote && conv[i] == '"')
			r->line[r->len++] = '"';
		r->line[r->len++] = conv[i];
	}
	if (quote)
		r->line[r->len++] = '"';
	if (f->role == NULL || (strcmp(f->role, "seq") != 0 &&
	    strcmp(f->role, "action") != 0)) {
		unsigned char b[4] = { (unsigned char)(n >> 24),
		    (unsigned char)(n >> 16), (unsigned char)(n >> 8),
		    (unsigned char)n };

		memcpy(r->hashed + r->hlen, b, 4);
		memcpy(r->hashed + r->hlen + 4, v, n);
		r->hlen += n + 4;
	}
	return 0;
}

static int
ref_record(struct ref *r, const struct layout *l, const char *const *values,
    unsigned char sent[32], unsigned char content[32], char **err)
{
	size_t i;

	r->len = r->hlen = 0;
	for (i = 0; i < l->nfields; i++) {
		if (i > 0)
			r->line[r->len++] = ',';
		if (ref_field(r, &l->fields[i], values[i] ? values[i] : "",
		    err) < 0)
			return -1;
	}
	assert_int_equal(EVP_Digest(r->hashed, r->hlen, content, NULL,
	    EVP_sha256(), NULL), 1);
	assert_int_equal(EVP_Digest(r->line, r->len, sent, NULL, EVP_sha256(),
	    NULL), 1);
	if (r->crlf)
		r->line[r->len++] = '\r';
	r->line[r->len++] = '\n';
	return 0;
}

/* --- Generated values ----------------------------------------------------- */

/* Pieces values are made of: ASCII with commas and quotes, kanji (some of
 * them the variants only IBM/NEC rows hold), kana full and half width, the
 * characters whose CP932 mapping differs from Shift_JIS, and what CP932
 * cannot hold or the checks refuse (outside the BMP, Hangul, controls, bad
 * UTF-8). */
static const char *const pieces[] = {
	/* CP932 holds these: */
	"a", "Z", "0", "7", "1", "2", " ", ",", "\"", "-", "~", "\\", "'",
	"山田", "太郎", "髙", "﨑", "渡邊", "齋藤", "東京都千代田区",
	"ヤマダ", "タロウ", "ー", "・", "ヴ", "　", "ｱｲｳ", "ﾀﾞ", "ｰ",
	"①", "Ⅲ", "㈱", "～", "－", "12345678", "131016", "20240229",
#define NSAFE 37
	/* and perhaps these, */
	"〜", "−", "¥", "‾", "€", "é", "Ω", "\xee\x80\x80",
	"20230229", "18991231", "621498320257",
	/* but not these, or the checks refuse them. */
	"𠮷", "한", "😀", "\xef\xbf\xbd", "\x01", "\x7f",
	"\xe2\x80\x8b", "\xef\xbb\xbf", "\xff", "\xe3\x81", "\xc0\xaf",
	"\xed\xa0\x80",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A value of 0 to 4 pieces; when valid (or now and then), one that passes
 * the checks of a field that is not text. */
static void
gen_value(uint64_t *s, const struct layout_field *f, int valid, char *out)
{
	int k = (int)(rnd(s) % 5), i;

	out[0] = '\0';
	if ((valid && f->type != FIELD_TEXT) || rnd(s) % 3 == 0) {
		switch (f->type) {
		case FIELD_KANA: strcpy(out, "ヤマダ　タロウ"); return;
		case FIELD_DATE: strcpy(out, "19700101"); return;
		case FIELD_SEX: case FIELD_RELATION: case FIELD_RESIDENT:
			strcpy(out, "1");
			return;
		case FIELD_INSURER: strcpy(out, "133033"); return;
		case FIELD_MUNICIPALITY: strcpy(out, "131016"); return;
		case FIELD_DIGITS:
			if (f->role != NULL && strcmp(f->role, "mynumber") == 0)
				mynumber_generate(s, out);
			else
				strcpy(out, "4");
			return;
		default:
			break;
		}
	}
	if (valid)
		k = k % 2 + 1;
	for (i = 0; i < k; i++)
		strcat(out, pieces[rnd(s) % (valid ? NSAFE : NPIECES)]);
}

/* Writes the record with both writers and compares everything. */
static void
compare(struct reg_writer *w, struct ref *r, const struct layout *l,
    const char *const *values, int *ok)
{
	unsigned char s1[32], c1[32], s2[32], c2[32];
	char *e1 = NULL, *e2 = NULL;
	const char *line;
	size_t len;
	int rc1, rc2;

	rc1 = reg_writer_record(w, values, &line, &len, s1, c1, &e1);
	rc2 = ref_record(r, l, values, s2, c2, &e2);
	assert_int_equal(rc1, rc2);
	if (rc1 < 0) {
		assert_string_equal(e1, e2);
		free(e1);
		free(e2);
		return;
	}
	(*ok)++;
	assert_int_equal(len, r->len);
	assert_memory_equal(line, r->line, len);
	assert_memory_equal(s1, s2, 32);
	assert_memory_equal(c1, c2, 32);
}

static void
random_records(const char *encoding, const char *ending, int count)
{
	struct layout l = make_layout(encoding, ending);
	struct reg_writer *w = reg_writer_new(&l, NULL);
	struct ref r = { (iconv_t)-1, strcmp(ending, "LF") != 0, "", 0, "", 0 };
	char (*vals)[512] = xcalloc(l.nfields, sizeof *vals);
	const char **v = xcalloc(l.nfields, sizeof *v);
	uint64_t seed = 0x9e3779b97f4a7c15u;
	size_t i;
	int ok = 0, rec;

	assert_non_null(w);
	if (strcmp(encoding, "CP932") == 0)
		assert_true((r.cd = iconv_open("CP932", "UTF-8")) != (iconv_t)-1);
	for (rec = 0; rec < count; rec++) {
		for (i = 0; i < l.nfields; i++) {
			/* Half the records have valid typed fields, so that
			 * many get as far as the lines being compared. */
			gen_value(&seed, &l.fields[i], rec % 2 == 0, vals[i]);
			/* Now and then a NULL, which reads as empty. */
			v[i] = rec % 2 == 1 && rnd(&seed) % 20 == 0 ? NULL :
			    vals[i];
		}
		compare(w, &r, &l, v, &ok);
	}
	/* The comparison is only worth something if both kinds occur. */
	if (ok < count / 20 || ok > count - count / 20)
		fail_msg("%d of %d records written", ok, count);
	if (r.cd != (iconv_t)-1)
		iconv_close(r.cd);
	reg_writer_free(w);
	free(v);
	free(vals);
	layout_free(&l);
}

static void
test_same_as_reference_cp932(void **state)
{
	(void)state;
	random_records("CP932", "CRLF", 40000);
}

static void
test_same_as_reference_utf8(void **state)
{
	(void)state;
	random_records("UTF-8", "LF", 10000);
}

static size_t
utf8_put(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Whether the map and iconv agree on cp: asked, then again from cache. */
static void
same_as_iconv(struct cp932map *m, iconv_t cd, unsigned int cp, int *mapped)
{
	char c[4], want[16], *in = c, *o = want;
	unsigned char got[2];
	size_t n = utf8_put(cp, c), left = n, room = sizeof want, wn, k;
	int round;

	iconv(cd, NULL, NULL, NULL, NULL);
	wn = iconv(cd, &in, &left, &o, &room) == (size_t)-1 ? 0 :
	    sizeof want - room;
	for (round = 0; round < 2; round++) {
		k = cp932map_get(m, cp, c, n, got);
		if (k != wn || memcmp(got, want, k) != 0)
			fail_msg("U+%04X: iconv %zu bytes, map %zu (round %d)",
			    cp, wn, k, round);
	}
	*mapped += wn > 0;
}

static void
test_cp932map_every_bmp(void **state)
{
	iconv_t cd = iconv_open("CP932", "UTF-8"), cd2;
	struct cp932map *m;
	unsigned int cp;
	int mapped = 0;

	(void)state;
	assert_true(cd != (iconv_t)-1);
	m = cp932map_new(cd);
	for (cp = 0; cp < 0x10000; cp++)
		if (cp < 0xd800 || cp > 0xdfff)
			same_as_iconv(m, cd, cp, &mapped);
	/* CP932 holds some 7,900 characters plus the user-defined area. */
	if (mapped < 7000 || mapped > 20000)
		fail_msg("%d BMP code points mapped", mapped);
	mapped = 0;
	for (cp = 0x10000; cp <= 0x10ffff; cp += 0x101)
		same_as_iconv(m, cd, cp, &mapped);
	same_as_iconv(m, cd, 0x20bb7, &mapped);	/* 𠮷 */
	assert_int_equal(mapped, 0);
	cp932map_free(m);
	/* A fresh map asks in another order: the same answers. */
	assert_true((cd2 = iconv_open("CP932", "UTF-8")) != (iconv_t)-1);
	m = cp932map_new(cd2);
	for (cp = 0xffff; cp > 0; cp--)
		if (cp < 0xd800 || cp > 0xdfff)
			same_as_iconv(m, cd2, cp, &mapped);
	cp932map_free(m);
	iconv_close(cd2);
	iconv_close(cd);
}

/* Every BMP code point as a value of its own, and between ASCII with a
 * quote, through both writers. */
static void
test_every_bmp_through_writer(void **state)
{
	struct layout l = make_layout("CP932", "CRLF");
	struct reg_writer *w = reg_writer_new(&l, NULL);
	struct ref r = { iconv_open("CP932", "UTF-8"), 1, "", 0, "", 0 };
	const char **v = xcalloc(l.nfields, sizeof *v);
	char one[8], quoted[16];
	size_t i, n;
	unsigned int cp;
	int ok = 0, free_idx = 1, short_idx = 2;

	(void)state;
	assert_true(r.cd != (iconv_t)-1);
	assert_string_equal(l.fields[free_idx].name, "free");
	for (i = 0; i < l.nfields; i++)
		v[i] = NULL;
	v[0] = "1";
	v[3] = "山田";
	v[4] = "ヤマダ";
	v[5] = "621498320257";
	v[7] = "1";
	for (cp = 1; cp < 0x10000; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		n = utf8_put(cp, one);
		one[n] = '\0';
		snprintf(quoted, sizeof quoted, "a\"%s,", one);
		v[free_idx] = one;
		v[short_idx] = quoted;
		compare(w, &r, &l, v, &ok);
	}
	if (ok < 7000)
		fail_msg("only %d records written", ok);
	iconv_close(r.cd);
	reg_writer_free(w);
	free(v);
	layout_free(&l);
}

/* The buffers grow from nothing to a long record and back: the line and
 * its hashes stay those of the reference. */
static void
test_long_values(void **state)
{
	struct layout l = make_layout("CP932", "CRLF");
	struct reg_writer *w = reg_writer_new(&l, NULL);
	struct ref r = { iconv_open("CP932", "UTF-8"), 1, "", 0, "", 0 };
	const char **v = xcalloc(l.nfields, sizeof *v);
	char *big = xcalloc(1, 3 * 600 + 1);
	int ok = 0, i;

	(void)state;
	for (i = 0; i < 600; i++)
		strcat(big, i % 7 == 0 ? "\"" : "漢");
	v[0] = "1";
	v[1] = big;
	v[3] = "山田";
	v[4] = "ヤマダ";
	v[5] = "621498320257";
	v[7] = "2";
	compare(w, &r, &l, v, &ok);
	v[1] = "短い";
	compare(w, &r, &l, v, &ok);
	assert_int_equal(ok, 2);
	iconv_close(r.cd);
	reg_writer_free(w);
	free(big);
	free(v);
	layout_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_reference_cp932),
		cmocka_unit_test(test_same_as_reference_utf8),
		cmocka_unit_test(test_cp932map_every_bmp),
		cmocka_unit_test(test_every_bmp_through_writer),
		cmocka_unit_test(test_long_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
