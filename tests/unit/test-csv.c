/* Unit tests for the streaming CSV reader, with the csv-spectrum vectors. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/csv.h"
#include "util/xmalloc.h"

/* Where the shared test vectors are: given by the build, else beside the
 * source tree as in the planning repository. */
#if defined(MYNA_SHARED_VECTORS)
#define VECTORS MYNA_SHARED_VECTORS
#elif defined(MYNA_SRCDIR)
#define VECTORS MYNA_SRCDIR "/../shared/vectors"
#else
#define VECTORS "../shared/vectors"
#endif
#define SPECTRUM VECTORS "/csv-spectrum"

/* The csv-spectrum cases; a file in the folder missing here fails
 * test_spectrum_listed. */
static const char *spectrum[] = {
	"comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json",
	"newlines", "newlines_crlf", "quotes_and_newlines", "simple",
	"simple_crlf", "utf8",
};
#define NSPECTRUM (sizeof spectrum / sizeof *spectrum)

/* What a run produced, as text: one line a record, fields joined by tabs
 * and escaped as in the .expected files, optionally led by "L<line> ";
 * then "stop" or "error: <message>" when the run ended so. */
struct got {
	char	*s;
	size_t	 len;
	size_t	 size;
	int	 lines;
	int	 stop_after;	/* stop after this many records; 0 never */
	int	 rows;
};

static void
got_add(struct got *g, const char *s, size_t n)
{
	if (g->len + n + 1 > g->size) {
		while (g->len + n + 1 > g->size)
			g->size = g->size == 0 ? 256 : g->size * 2;
		g->s = xrealloc(g->s, g->size);
	}
	memcpy(g->s + g->len, s, n);
	g->len += n;
	g->s[g->len] = '\0';
}

static int
got_row(const struct csv_row *row, void *arg)
{
	struct got *g = arg;
	char buf[32];
	size_t i, j;

	assert_true(row->nfields > 0);
	if (g->lines) {
		snprintf(buf, sizeof buf, "L%ld ", row->line);
		got_add(g, buf, strlen(buf));
	}
	for (i = 0; i < row->nfields; i++) {
		if (i > 0)
			got_add(g, "\t", 1);
		/* Fields are NUL-terminated and hold no NUL of their own. */
		assert_int_equal(row->fields[i][row->lens[i]], '\0');
		assert_int_equal(strlen(row->fields[i]), row->lens[i]);
		for (j = 0; j < row->lens[i]; j++) {
			switch (row->fields[i][j]) {
			case '\n':
				got_add(g, "\\n", 2);
				break;
			case '\r':
				got_add(g, "\\r", 2);
				break;
			case '\t':
				got_add(g, "\\t", 2);
				break;
			case '\\':
				got_add(g, "\\\\", 2);
				break;
			default:
				got_add(g, row->fields[i] + j, 1);
			}
		}
	}
	got_add(g, "\n", 1);
	g->rows++;
	return g->stop_after > 0 && g->rows >= g->stop_after;
}

/* Reads in (len bytes) in chunks of the given size (0: all at once). */
static char *
run_ex(const char *in, size_t len, int strict, size_t chunk, int lines,
    int stop_after)
{
	struct got g = { NULL, 0, 0, lines, stop_after, 0 };
	struct csvr *r = csvr_new(strict);
	char *err = NULL;
	size_t off = 0, n;
	int rc = 0;

	got_add(&g, "", 0);
	if (chunk == 0)
		chunk = len > 0 ? len : 1;
	while (rc == 0 && off < len) {
		n = len - off < chunk ? len - off : chunk;
		rc = csvr_feed(r, in + off, n, got_row, &g, &err);
		off += n;
	}
	if (rc == 0)
		rc = csvr_finish(r, got_row, &g, &err);
	if (rc == 1) {
		assert_null(err);
		got_add(&g, "stop\n", 5);
	} else if (rc == -1) {
		assert_non_null(err);
		got_add(&g, "error: ", 7);
		got_add(&g, err, strlen(err));
		got_add(&g, "\n", 1);
	} else {
		assert_int_equal(rc, 0);
		assert_null(err);
	}
	free(err);
	csvr_free(r);
	return g.s;
}

static char *
run(const char *in, size_t len, int strict, size_t chunk)
{
	return run_ex(in, len, strict, chunk, 1, 0);
}

/* Checks a NUL-terminated input in both modes, whole and in small chunks. */
static void
check_both(const char *in, const char *want)
{
	size_t chunk;
	char *got;
	int strict;

	for (strict = 0; strict <= 1; strict++) {
		for (chunk = 0; chunk <= 3; chunk++) {
			got = run(in, strlen(in), strict, chunk);
			assert_string_equal(got, want);
			free(got);
		}
	}
}

static void
check_mode(const char *in, size_t len, int strict, const char *want)
{
	char *got = run(in, len, strict, 0);

	assert_string_equal(got, want);
	free(got);
}

static char *
load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, size = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n == size) {
			size = size == 0 ? 4096 : size * 2;
			buf = xrealloc(buf, size + 1);
		}
		got = fread(buf + n, 1, size - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void
test_null_and_empty(void **st)
{
	struct csvr *r = csvr_new(1);
	char *err = NULL;

	(void)st;
	csvr_free(NULL);
	assert_int_equal(csvr_feed(r, NULL, 0, got_row, NULL, &err), 0);
	assert_int_equal(csvr_feed(r, "", 0, got_row, NULL, &err), 0);
	assert_int_equal(csvr_finish(r, got_row, NULL, &err), 0);
	assert_null(err);
	/* Finishing twice is harmless; feeding after the end is not. */
	assert_int_equal(csvr_finish(r, got_row, NULL, &err), 0);
	assert_int_equal(csvr_feed(r, "a", 1, got_row, NULL, &err), -1);
	assert_string_equal(err, "the file has already been read to its end");
	free(err);
	csvr_free(r);

	check_both("", "");
	check_both("\n", "");
	check_both("\r\n\r\n", "");
}

static void
test_simple(void **st)
{
	(void)st;
	check_both("a,b,c\n1,2,3\n", "L1 a\tb\tc\nL2 1\t2\t3\n");
	/* The last record may have no line end. */
	check_both("a,b,c\n1,2,3", "L1 a\tb\tc\nL2 1\t2\t3\n");
	check_both("x", "L1 x\n");
	check_both("\"x\"", "L1 x\n");
}

/* The csv-spectrum CRLF cases as published upstream, line ends intact. */
static void
test_crlf(void **st)
{
	(void)st;
	check_both("a,b,c\r\n1,2,3\r\n", "L1 a\tb\tc\nL2 1\t2\t3\n");
	check_both("a,b,c\r\n1,\"\",\"\"\r\n2,3,4",
	    "L1 a\tb\tc\nL2 1\t\t\nL3 2\t3\t4\n");
	check_both("a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n",
	    "L1 a\tb\tc\nL2 1\t2\t3\nL3 Once upon \\r\\na time\t5\t6\n"
	    "L5 7\t8\t9\n");
}

static void
test_quotes(void **st)
{
	(void)st;
	check_both("a,\"b,c\",d\n", "L1 a\tb,c\td\n");
	check_both("\"say \"\"hi\"\"\",x\n", "L1 say \"hi\"\tx\n");
	check_both("\"\"\"\"\n", "L1 \"\n");
	check_both("\"a\nb\nc\",d\n", "L1 a\\nb\\nc\td\n");
	check_both("\"tab\there\"\n", "L1 tab\\there\n");
	check_both("back\\slash\n", "L1 back\\\\slash\n");
	check_both("名前,住所\n山田 太郎,\"東京都千代田区, 1-1\"\n",
	    "L1 名前\t住所\nL2 山田 太郎\t東京都千代田区, 1-1\n");
}

/* RFC 4180: spaces are part of a field (libcsv would trim them). */
static void
test_spaces_kept(void **st)
{
	(void)st;
	check_both(" a , b ,\t\n", "L1  a \t b \t\\t\n");
	check_both("   \n", "L1    \n");
	check_both("\" a \",b\n", "L1  a \tb\n");
}

static void
test_empty_fields(void **st)
{
	(void)st;
	check_both(",,\n", "L1 \t\t\n");
	check_both("\"\"\n", "L1 \n");
	check_both("a,\n", "L1 a\t\n");
	check_both(",a", "L1 \ta\n");
}

static void
test_blank_lines(void **st)
{
	(void)st;
	check_both("a\n\n\nb\n\n", "L1 a\nL4 b\n");
	check_both("\n\na", "L3 a\n");
}

static void
test_line_numbers(void **st)
{
	(void)st;
	check_both("h1,h2\n\"x\ny\nz\",c\nnext,1\n\n\"p\r\nq\",last",
	    "L1 h1\th2\nL2 x\\ny\\nz\tc\nL5 next\t1\nL7 p\\r\\nq\tlast\n");
	/* A line end inside quotes right at a record start. */
	check_both("\"\n\",a\nb\n", "L1 \\n\ta\nL3 b\n");
	/* A lone CR ends a line as well. */
	check_both("a\rb\r\nc\n\rd", "L1 a\nL2 b\nL3 c\nL5 d\n");
}

static void
test_bom(void **st)
{
	(void)st;
	check_both("\xef\xbb\xbf" "a,b\n1,2\n", "L1 a\tb\nL2 1\t2\n");
	check_both("\xef\xbb\xbf", "");
	check_both("\xef\xbb\xbf\n\"q\"", "L2 q\n");
	/* Only at the start, and only whole. */
	check_both("a\n\xef\xbb\xbf" "b\n", "L1 a\nL2 \xef\xbb\xbf" "b\n");
	check_both("\xef\xbb" "x\n", "L1 \xef\xbb" "x\n");
	check_both("\xef", "L1 \xef\n");
	check_both("\xef\xbb", "L1 \xef\xbb\n");
	check_both("\xef\xbb\xbf\xef\xbb\xbf" "a", "L1 \xef\xbb\xbf" "a\n");
}

/* Inputs for test_chunks: good ones and broken ones, each read whole and
 * then in chunks of 1 to 7 bytes, in both modes. */
static const char *chunk_inputs[] = {
	"a,b,c\r\n1,\"x\r\ny\",3\r\n\r\n4,5,6",
	"\xef\xbb\xbf" "h,\"q\"\"q\"\n\"multi\nline\nfield\",z\n",
	"\xef\xbb" "not a bom\n",
	"a\rb\r\n\r\nc\n\n",
	"one\ntwo,\"unterminated\nthree\n",
	"x,y\n1,a\"b\n2,3\n",
	"x,y\n\"ab\"c,d\n",
	"x,y\n\"ab\" ,d\n",
	"p\n\"q\n\"\"\"\n",
	"名前,\"住所\"\r\n山田,\"千代田区\r\n1-1\"\r\n",
};

static void
test_chunks(void **st)
{
	char *whole, *part, *buf, path[512];
	size_t i, len, chunk;
	int strict;

	(void)st;
	for (i = 0; i < sizeof chunk_inputs / sizeof *chunk_inputs +
	    NSPECTRUM; i++) {
		if (i < sizeof chunk_inputs / sizeof *chunk_inputs)
			buf = xstrdup(chunk_inputs[i]);
		else {
			snprintf(path, sizeof path, SPECTRUM "/%s.csv",
			    spectrum[i - sizeof chunk_inputs /
			    sizeof *chunk_inputs]);
			if ((buf = load(path, &len)) == NULL)
				continue;
		}
		len = strlen(buf);
		for (strict = 0; strict <= 1; strict++) {
			whole = run(buf, len, strict, 0);
			for (chunk = 1; chunk <= 7; chunk++) {
				part = run(buf, len, strict, chunk);
				assert_string_equal(part, whole);
				free(part);
			}
			free(whole);
		}
		free(buf);
	}
}

static void
test_unterminated_quote(void **st)
{
	static const char in[] = "a,b\n1,\"abc\n2,3\n";
	static const char want[] = "L1 a\tb\n"
	    "error: line 2: a quoted field is not closed at the end of the file\n";

	(void)st;
	check_mode(in, sizeof in - 1, 0, want);
	check_mode(in, sizeof in - 1, 1, want);
	check_mode("\"", 1, 0, "error: line 1: a quoted field is not closed "
	    "at the end of the file\n");
	check_mode("\n\n\"a\"\"", 6, 1, "error: line 3: a quoted field is not "
	    "closed at the end of the file\n");
}

static void
test_stray_quote(void **st)
{
	(void)st;
	/* A quote inside an unquoted field. */
	check_mode("a,b\n1,x\"y\n", 10, 1, "L1 a\tb\nerror: line 2: stray "
	    "quote: quote a field whole and double any quote inside it\n");
	check_mode("a,b\n1,x\"y\n", 10, 0, "L1 a\tb\nL2 1\tx\"y\n");
	/* Text after a closing quote, reported on its own line. */
	check_mode("a,\"b\nc\"d\n", 9, 1, "error: line 2: stray quote: quote "
	    "a field whole and double any quote inside it\n");
	check_mode("\"ab\" ,c\n", 8, 1, "error: line 1: stray quote: quote "
	    "a field whole and double any quote inside it\n");
	/* Lenient mode keeps such text, and libcsv then takes the quote
	 * before it as a literal one: the field goes on to the next quote,
	 * or to the end of the file, which is an error. */
	check_mode("\"ab\"c,d\"\n", 9, 0, "L1 ab\"c,d\n");
	check_mode("\"ab\"c,d\n", 8, 0, "error: line 1: a quoted field is "
	    "not closed at the end of the file\n");
}

static void
test_nul(void **st)
{
	static const char a[] = "a,b\n1,\0\n";
	static const char b[] = "a,\"x\ny\0z\"\n";
	static const char c[] = "\0";

	(void)st;
	check_mode(a, sizeof a - 1, 1, "L1 a\tb\nerror: line 2: the file "
	    "contains a NUL byte; is it a text file?\n");
	check_mode(b, sizeof b - 1, 0, "error: line 2: the file contains a "
	    "NUL byte; is it a text file?\n");
	check_mode(c, sizeof c - 1, 0, "error: line 1: the file contains a "
	    "NUL byte; is it a text file?\n");
}

/* A file of `head`, then `n` bytes of 'a' (quoted if asked), then "\n". */
static char *
big_field(const char *head, size_t n, int quoted, size_t *len)
{
	size_t h = strlen(head), o;
	char *buf = xmalloc(h + n + 4);

	memcpy(buf, head, h);
	o = h;
	if (quoted)
		buf[o++] = '"';
	memset(buf + o, 'a', n);
	o += n;
	if (quoted)
		buf[o++] = '"';
	buf[o++] = '\n';
	*len = o;
	return buf;
}

static void
test_field_limit(void **st)
{
	static const char too_big[] = "x\nerror: line 2: a field is larger "
	    "than 1 MiB\n";
	size_t len;
	char *buf, *got;
	int quoted;

	(void)st;
	for (quoted = 0; quoted <= 1; quoted++) {
		/* Exactly the limit is fine. */
		buf = big_field("x\n", CSVR_FIELD_MAX, quoted, &len);
		got = run_ex(buf, len, 1, 4096, 0, 0);
		assert_int_equal(strlen(got), 2 + CSVR_FIELD_MAX + 1);
		free(got);
		free(buf);

		/* One byte more is not (seen when the field ends). */
		buf = big_field("x\n", CSVR_FIELD_MAX + 1, quoted, &len);
		got = run_ex(buf, len, 1, 4096, 0, 0);
		assert_string_equal(got, too_big);
		free(got);
		free(buf);

		/* Far more stops long before the field ends. */
		buf = big_field("x\n", 3 * CSVR_FIELD_MAX, quoted, &len);
		got = run_ex(buf, len, 0, 65536, 0, 0);
		assert_string_equal(got, too_big);
		free(got);
		free(buf);
	}
}

static void
test_fields_limit(void **st)
{
	static const char want[] = "error: line 1: a record has more than "
	    "4096 fields\n";
	char *buf = xmalloc(CSVR_FIELDS_MAX + 8), *got;

	(void)st;
	/* CSVR_FIELDS_MAX - 1 commas: exactly the limit of empty fields. */
	memset(buf, ',', CSVR_FIELDS_MAX - 1);
	buf[CSVR_FIELDS_MAX - 1] = '\n';
	got = run_ex(buf, CSVR_FIELDS_MAX, 1, 0, 0, 0);
	assert_int_equal(strlen(got), CSVR_FIELDS_MAX);
	free(got);

	/* One more, seen at the line end or at the end of the file. */
	memset(buf, ',', CSVR_FIELDS_MAX);
	buf[CSVR_FIELDS_MAX] = '\n';
	got = run_ex(buf, CSVR_FIELDS_MAX + 1, 1, 0, 1, 0);
	assert_string_equal(got, want);
	free(got);
	got = run_ex(buf, CSVR_FIELDS_MAX, 0, 7, 1, 0);
	assert_string_equal(got, want);
	free(got);

	/* Fields after the one over the limit change nothing. */
	memset(buf, ',', CSVR_FIELDS_MAX + 4);
	buf[CSVR_FIELDS_MAX + 4] = '\n';
	got = run_ex(buf, CSVR_FIELDS_MAX + 5, 1, 0, 1, 0);
	assert_string_equal(got, want);
	free(got);
	free(buf);
}

static void
test_record_limit(void **st)
{
	size_t n = CSVR_RECORD_MAX / CSVR_FIELD_MAX + 1, i, o = 0;
	char *buf = xmalloc(n * (CSVR_FIELD_MAX + 1) + 8), *got;

	(void)st;
	/* Every field within its limit, the record over its own. */
	for (i = 0; i < n; i++) {
		memset(buf + o, 'b', CSVR_FIELD_MAX - 8);
		o += CSVR_FIELD_MAX - 8;
		buf[o++] = i + 1 < n ? ',' : '\n';
	}
	got = run_ex(buf, o, 1, 1 << 20, 1, 0);
	assert_string_equal(got, "error: line 1: a record is larger than 16 "
	    "MiB\n");
	free(got);
	free(buf);
}

static void
test_stop(void **st)
{
	static const char in[] = "a\nb\nc\n";
	struct got g = { NULL, 0, 0, 1, 1, 0 };
	struct csvr *r = csvr_new(0);
	char *err = NULL, *got;

	(void)st;
	got = run_ex(in, sizeof in - 1, 0, 0, 1, 2);
	assert_string_equal(got, "L1 a\nL2 b\nstop\n");
	free(got);
	/* The last record, delivered by csvr_finish, can stop as well. */
	got = run_ex("a\nb", 3, 0, 0, 1, 2);
	assert_string_equal(got, "L1 a\nL2 b\nstop\n");
	free(got);

	/* After a stop nothing more is delivered. */
	got_add(&g, "", 0);
	assert_int_equal(csvr_feed(r, in, sizeof in - 1, got_row, &g, &err), 1);
	assert_int_equal(csvr_feed(r, in, sizeof in - 1, got_row, &g, &err), 1);
	assert_int_equal(csvr_finish(r, got_row, &g, &err), 1);
	assert_null(err);
	assert_string_equal(g.s, "L1 a\n");
	free(g.s);
	csvr_free(r);
}

static void
test_after_error(void **st)
{
	struct csvr *r = csvr_new(1);
	char *err = NULL;

	(void)st;
	assert_int_equal(csvr_feed(r, "a\"b\n", 4, got_row, NULL, &err), -1);
	assert_string_equal(err, "line 1: stray quote: quote a field whole "
	    "and double any quote inside it");
	free(err);
	err = NULL;
	/* The error is repeated; nothing else is read. */
	assert_int_equal(csvr_feed(r, "c\n", 2, got_row, NULL, &err), -1);
	assert_string_equal(err, "line 1: stray quote: quote a field whole "
	    "and double any quote inside it");
	free(err);
	err = NULL;
	assert_int_equal(csvr_finish(r, got_row, NULL, &err), -1);
	assert_non_null(err);
	free(err);
	/* err may be NULL. */
	assert_int_equal(csvr_finish(r, got_row, NULL, NULL), -1);
	csvr_free(r);
}

/* Unescapes an .expected text far enough to tell whether it holds a CR. */
static int
expected_has_cr(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] == 'r')
			return 1;
		i++;
	}
	return 0;
}

/* Why a csv-spectrum case cannot be run, or NULL when it can. */
static const char *
spectrum_problem(const char *name)
{
	char path[512], *csv, *exp;
	size_t clen, elen;
	const char *why = NULL;

	snprintf(path, sizeof path, SPECTRUM "/%s.csv", name);
	if ((csv = load(path, &clen)) == NULL)
		return "no such file (set MYNA_SHARED_VECTORS)";
	snprintf(path, sizeof path, SPECTRUM "/%s.expected", name);
	if ((exp = load(path, &elen)) == NULL)
		why = "no .expected file";
	else if (expected_has_cr(exp, elen) && memchr(csv, '\r', clen) == NULL)
		why = "the .expected file has a CR that the .csv file lacks "
		    "(its line ends were lost in copying); test_crlf covers "
		    "the original";
	free(csv);
	free(exp);
	return why;
}

static void
test_spectrum(void **st)
{
	const char *name = *st;
	char path[512], *csv, *exp, *got;
	size_t clen, elen, chunk;
	int strict;

	snprintf(path, sizeof path, SPECTRUM "/%s.csv", name);
	csv = load(path, &clen);
	assert_non_null(csv);
	snprintf(path, sizeof path, SPECTRUM "/%s.expected", name);
	exp = load(path, &elen);
	assert_non_null(exp);
	for (strict = 0; strict <= 1; strict++) {
		for (chunk = 0; chunk <= 2; chunk++) {
			got = run_ex(csv, clen, strict, chunk, 0, 0);
			assert_string_equal(got, exp);
			free(got);
		}
	}
	free(csv);
	free(exp);
}

/* Every case in the folder is in the table above. */
static void
test_spectrum_listed(void **st)
{
	DIR *d = opendir(SPECTRUM);
	struct dirent *e;
	size_t n, i, found = 0;

	(void)st;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0)
			continue;
		for (i = 0; i < NSPECTRUM; i++)
			if (strlen(spectrum[i]) == n - 4 &&
			    strncmp(spectrum[i], e->d_name, n - 4) == 0)
				break;
		if (i == NSPECTRUM)
			fail_msg("csv-spectrum case %s is not in the table",
			    e->d_name);
		found++;
	}
	closedir(d);
	assert_int_equal(found, NSPECTRUM);
}

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_spaces_kept),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_chunks),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_field_limit),
		cmocka_unit_test(test_fields_limit),
		cmocka_unit_test(test_record_limit),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_after_error),
	};
	struct CMUnitTest tests[sizeof fixed / sizeof *fixed + 1 + NSPECTRUM];
	static char names[NSPECTRUM][64];
	size_t n = sizeof fixed / sizeof *fixed, i;
	const char *why;
	DIR *d;

	memcpy(tests, fixed, sizeof fixed);
	/*
	 * The vectors live outside this tree (they are absent from a dist
	 * tarball). A case that cannot be run is left out with a TAP comment
	 * instead of cmocka's skip(), which automake's TAP driver counts as a
	 * failure ("not ok # SKIP").
	 */
	if ((d = opendir(SPECTRUM)) == NULL)
		printf("# csv-spectrum vectors not run: no folder %s\n",
		    SPECTRUM);
	else {
		closedir(d);
		tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		    test_spectrum_listed);
		for (i = 0; i < NSPECTRUM; i++) {
			if ((why = spectrum_problem(spectrum[i])) != NULL) {
				printf("# csv-spectrum/%s not run: %s\n",
				    spectrum[i], why);
				continue;
			}
			snprintf(names[i], sizeof names[i], "csv-spectrum/%s",
			    spectrum[i]);
			tests[n++] = (struct CMUnitTest){
				.name = names[i],
				.test_func = test_spectrum,
				.initial_state = (void *)spectrum[i],
			};
		}
	}
	fflush(stdout);
	return _cmocka_run_group_tests("tests", tests, n, NULL, NULL);
}
