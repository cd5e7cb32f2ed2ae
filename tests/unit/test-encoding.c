/* Unit tests for the CP932 decoder: its table must say exactly what the
 * system's iconv says, for every byte and byte pair, and a file decodes the
 * same whichever way it is cut into chunks. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/encoding.h"

/* iconv's answer for in: 1 with out/outlen, 0 refused, -1 incomplete. */
static int
ref_convert(const unsigned char *in, size_t n, char *out, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	char *src = (char *)in, *dst = out;
	size_t left = n, room = 64, rc;
	int e;

	assert_true(cd != (iconv_t)-1);
	rc = iconv(cd, &src, &left, &dst, &room);
	e = errno;
	iconv_close(cd);
	*outlen = 64 - room;
	if (rc == (size_t)-1)
		return e == EINVAL ? -1 : 0;
	return 1;
}

/* The decoder's answer for in, fed whole: 1 with out, 0 refused, -1 ends
 * inside a character. */
static int
dec_convert(const unsigned char *in, size_t n, char *out, size_t *outlen)
{
	struct decoder *d = decoder_new("CP932", NULL);
	const char *o;
	char *err = NULL;
	int rc = 1;

	assert_non_null(d);
	*outlen = 0;
	if (decoder_feed(d, (const char *)in, n, &o, outlen, &err) < 0) {
		assert_non_null(strstr(err, "not valid CP932"));
		rc = 0;
	} else {
		memcpy(out, o, *outlen);
		if (decoder_finish(d, &err) < 0)
			rc = -1;
	}
	free(err);
	decoder_free(d);
	return rc;
}

static void
same(const unsigned char *in, size_t n)
{
	char a[64], b[64];
	size_t alen, blen;
	int ra = ref_convert(in, n, a, &alen), rb = dec_convert(in, n, b, &blen);

	if (ra != rb)
		fail_msg("bytes %02x %02x: iconv %d, table %d", in[0],
		    n > 1 ? in[1] : 0, ra, rb);
	if (ra == 1) {
		assert_int_equal(alen, blen);
		assert_memory_equal(a, b, alen);
	}
}

static void
test_every_byte_and_pair(void **state)
{
	unsigned char in[2];
	int b, t;

	(void)state;
	for (b = 0; b < 256; b++) {
		in[0] = (unsigned char)b;
		same(in, 1);
		for (t = 0; t < 256; t++) {
			in[1] = (unsigned char)t;
			same(in, 2);
		}
	}
}

/* Decodes text fed in pieces of len bytes; returns -1 on a refusal with
 * the message in *err. */
static int
feed_pieces(const char *text, size_t n, size_t len, char *out, size_t *olen,
    char **err)
{
	struct decoder *d = decoder_new("CP932", NULL);
	const char *o;
	size_t i, k, got;
	int rc = 0;

	*olen = 0;
	for (i = 0; i < n && rc == 0; i += k) {
		k = n - i < len ? n - i : len;
		if (decoder_feed(d, text + i, k, &o, &got, err) < 0)
			rc = -1;
		else {
			memcpy(out + *olen, o, got);
			*olen += got;
		}
	}
	if (rc == 0)
		rc = decoder_finish(d, err);
	decoder_free(d);
	return rc;
}

static void
test_split_chunks(void **state)
{
	/* "ｱ漢字,\x81\x40x" in CP932: half-width kana, kanji, a full-width
	 * space, ASCII. */
	static const char text[] = "\xb1\x8a\xbf\x8e\x9a,\x81\x40x";
	static const char want[] = "ｱ漢字,\u3000x";
	char out[64];
	size_t olen, len;
	char *err = NULL;

	(void)state;
	for (len = 1; len <= sizeof text; len++) {
		assert_int_equal(feed_pieces(text, sizeof text - 1, len, out,
		    &olen, &err), 0);
		assert_int_equal(olen, strlen(want));
		assert_memory_equal(out, want, olen);
	}
}

static void
test_bad_byte_offset(void **state)
{
	/* A lead byte followed by a newline: refused at the lead (byte 3),
	 * however the input is cut. */
	static const char text[] = "ab\x81\nz";
	char out[64], *err = NULL;
	size_t olen, len;

	(void)state;
	for (len = 1; len <= sizeof text; len++) {
		assert_int_equal(feed_pieces(text, sizeof text - 1, len, out,
		    &olen, &err), -1);
		assert_non_null(strstr(err, "byte 3:"));
		free(err);
		err = NULL;
	}
	assert_int_equal(feed_pieces("a\x81", 2, 1, out, &olen, &err), -1);
	assert_non_null(strstr(err, "ends inside a character"));
	free(err);
}

static void
test_utf8_passes(void **state)
{
	struct decoder *d = decoder_new("UTF-8", NULL);
	const char *o;
	size_t olen;

	(void)state;
	assert_int_equal(decoder_feed(d, "\xff\xfe", 2, &o, &olen, NULL), 0);
	assert_int_equal(olen, 2);
	decoder_free(d);
	assert_null(decoder_new("latin1", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_and_pair),
		cmocka_unit_test(test_split_chunks),
		cmocka_unit_test(test_bad_byte_offset),
		cmocka_unit_test(test_utf8_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
