/* Unit tests for the AES ZIP containers: names, round trip, wrong
 * password, truncation and damage, path traversal, limits of packing. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "domain/zipbox.h"
#include "testutil.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define PW "K7QW-3MZP-XR9T"

static const char csv1[] = "name,kana\r\n山田 太郎,ヤマダ タロウ\r\n";
static const char csv2[] = "name,kana\r\n佐藤 花子,サトウ ハナコ\r\n";

static char *
pack_two(const char *tmp)
{
	struct zipbox_member m[2] = {
		{ "00133033N1Y.csv", csv1, sizeof csv1 - 1 },
		{ "00133033G1Y.csv", csv2, sizeof csv2 - 1 },
	};
	char *zip = xasprintf("%s/box.zip", tmp), *err = NULL;

	if (zipbox_pack(zip, m, 2, PW, &err) != 0)
		fail_msg("pack: %s", err);
	return zip;
}

static char *
mkout(const char *tmp, const char *name)
{
	char *out = xasprintf("%s/%s", tmp, name);

	assert_int_equal(mkdir(out, 0700), 0);
	return out;
}

static int
exists(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	int rc = access(p, F_OK) == 0;

	free(p);
	return rc;
}

static void
test_names(void **state)
{
	static const char *const bad[] = { "", "/etc/passwd", "../x.csv",
		"a/../../x", "a/./b", "..", "a//b", "C:x.csv", "a\\b.csv",
		"a\nb" };
	static const char *const good[] = { "00133033N1Y.csv", "a/b.csv",
		"folder/", "照会結果.csv", "..x", "x.." };
	char *err = NULL;
	size_t i;

	(void)state;
	assert_int_equal(zipbox_name_check(NULL, &err), -1);
	free(err);
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		err = NULL;
		if (zipbox_name_check(bad[i], &err) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_non_null(err);
		free(err);
	}
	for (i = 0; i < sizeof good / sizeof *good; i++)
		if (zipbox_name_check(good[i], NULL) != 0)
			fail_msg("refused '%s'", good[i]);
}

static void
test_round_trip(void **state)
{
	char *tmp = test_tmpdir(), *zip = pack_two(tmp), *out = mkout(tmp, "out");
	char **names, *err = NULL, *buf, *p;
	size_t n, len;
	zip_stat_t st;
	zip_t *za;
	int ze;
	zip_uint64_t i;

	(void)state;
	/* Every member is AES-256 encrypted. */
	za = zip_open(zip, ZIP_RDONLY, &ze);
	assert_non_null(za);
	assert_int_equal(zip_get_num_entries(za, 0), 2);
	assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
	assert_int_equal(st.encryption_method, ZIP_EM_AES_256);
	/* Members say mode 0600 on Unix, not 0666. */
	for (i = 0; i < 2; i++) {
		zip_uint8_t os;
		zip_uint32_t attr;

		assert_int_equal(zip_file_get_external_attributes(za, i, 0, &os,
		    &attr), 0);
		assert_int_equal(os, ZIP_OPSYS_UNIX);
		assert_int_equal((attr >> 16) & 07777, 0600);
	}
	zip_discard(za);

	if (zipbox_extract(zip, PW, out, &names, &n, &err) != 0)
		fail_msg("extract: %s", err);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "00133033N1Y.csv");
	assert_string_equal(names[1], "00133033G1Y.csv");
	p = xasprintf("%s/00133033G1Y.csv", out);
	assert_int_equal(readfile_all(p, 4096, &buf, &len, NULL), 0);
	assert_int_equal(len, sizeof csv2 - 1);
	assert_memory_equal(buf, csv2, len);
	free(buf);
	free(p);
	zipbox_names_free(names, n);

	/* A second extraction into the same folder overwrites nothing. */
	assert_int_equal(zipbox_extract(zip, PW, out, &names, &n, &err), -1);
	assert_non_null(strstr(err, "File exists"));
	assert_true(exists(out, "00133033N1Y.csv"));
	free(err);
	test_rm_rf(tmp);
	free(zip);
	free(out);
	free(tmp);
}

static void
test_wrong_password(void **state)
{
	char *tmp = test_tmpdir(), *zip = pack_two(tmp), *out = mkout(tmp, "out");
	char **names, *err = NULL;
	size_t n;

	(void)state;
	assert_int_equal(zipbox_extract(zip, "K7QW-3MZP-XR9X", out, &names, &n,
	    &err), -1);
	assert_true(strstr(err, "wrong password") != NULL ||
	    strstr(err, "password is wrong") != NULL);
	assert_null(names);
	assert_false(exists(out, "00133033N1Y.csv"));
	free(err);
	err = NULL;
	assert_int_equal(zipbox_extract(zip, NULL, out, &names, &n, &err), -1);
	assert_non_null(strstr(err, "needs a password"));
	free(err);
	test_rm_rf(tmp);
	free(zip);
	free(out);
	free(tmp);
}

/* 7-Zip writes AES members as WinZip AE-2: no CRC, an HMAC only. The
 * fixture is `7z a -tzip -mem=AES256 -pPW` of 300 lines of an inquiry. */
#define SEVENZIP MYNA_SRCDIR "/tests/unit/data/7z-aes256.zip"

static char *
sevenzip_expected(size_t *len)
{
	char *s = xmalloc(300 * 96), *p = s;
	int i;

	for (i = 0; i < 300; i++)
		/* The fixture's content, made by 7-Zip once: kept as it is. */
		p += sprintf(p, "12345678_%06d,ヤマダ　タロウ,19750402,1,"
		    "東京都千代田区,131016\r\n", i);
	*len = (size_t)(p - s);
	return s;
}

/* tmp/name: a copy of the fixture with byte off flipped (off < 0: none). */
static char *
sevenzip_copy(const char *tmp, const char *name, long off)
{
	char *buf, *path = xasprintf("%s/%s", tmp, name);
	size_t len;
	FILE *f;

	assert_int_equal(readfile_all(SEVENZIP, 1 << 20, &buf, &len, NULL), 0);
	if (off >= 0)
		buf[off] ^= 1;
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
	free(buf);
	return path;
}

/* bsdtar writes each member streamed (flag bit 3: sizes and CRC in a data
 * descriptor after the data) and pads its output to 10240 bytes. The
 * fixture is `bsdtar --format zip --options zip:encryption=aes256
 * --passphrase PW -cf - a.csv > FILE` of the same 300 lines. */
#define BSDTAR MYNA_SRCDIR "/tests/unit/data/bsdtar-aes256-streamed.zip"
#define PLAINZIP MYNA_SRCDIR "/tests/unit/data/plain-unencrypted.zip"

/* Extracts zip into out and checks it holds the fixtures' 300 lines. */
static void
expect_fixture_lines(const char *zip, const char *out)
{
	char *want, *got, *p, **names = NULL, *err = NULL;
	size_t n = 0, wlen, glen;

	if (zipbox_extract(zip, PW, out, &names, &n, &err) != 0)
		fail_msg("extract: %s", err);
	assert_int_equal(n, 1);
	want = sevenzip_expected(&wlen);
	p = xasprintf("%s/a.csv", out);
	assert_int_equal(readfile_all(p, 1 << 20, &got, &glen, NULL), 0);
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	zipbox_names_free(names, n);
	free(want), free(got), free(p);
}

static void
test_bsdtar_streamed(void **state)
{
	char *tmp = test_tmpdir(), *out = mkout(tmp, "out");

	(void)state;
	expect_fixture_lines(BSDTAR, out);
	test_rm_rf(tmp);
	free(out), free(tmp);
}

/* A password was agreed for the medium: a container without encryption is
 * not what was sent, and is refused rather than read as if it were. */
static void
test_unencrypted_refused(void **state)
{
	char *tmp = test_tmpdir(), *out = mkout(tmp, "out"), *err = NULL;
	char **names = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(zipbox_extract(PLAINZIP, PW, out, &names, &n, &err), -1);
	assert_non_null(strstr(err, "not encrypted"));
	assert_false(exists(out, "a.csv"));
	free(err);
	test_rm_rf(tmp);
	free(out), free(tmp);
}

static void
test_sevenzip_ae2(void **state)
{
	char *tmp = test_tmpdir(), *zip = sevenzip_copy(tmp, "7z.zip", -1);
	char *out = mkout(tmp, "out"), *bad, *out2, *out3, *err = NULL;
	char **names = NULL;
	size_t n = 0;

	(void)state;
	expect_fixture_lines(zip, out);

	/* One bit changed in the ciphertext: the HMAC catches it. */
	bad = sevenzip_copy(tmp, "bad.zip", 600);
	out2 = mkout(tmp, "out2");
	assert_int_equal(zipbox_extract(bad, PW, out2, &names, &n, &err), -1);
	assert_non_null(strstr(err, "do not check out"));
	assert_false(exists(out2, "a.csv"));
	free(err);
	err = NULL;
	/* And a wrong password never gets that far. */
	out3 = mkout(tmp, "out3");
	assert_int_equal(zipbox_extract(zip, "K7QW-3MZP-XR9X", out3, &names,
	    &n, &err), -1);
	assert_false(exists(out3, "a.csv"));
	free(err);
	test_rm_rf(tmp);
	free(bad), free(out2), free(out3);
	free(zip), free(out), free(tmp);
}

static void
test_truncated(void **state)
{
	char *tmp = test_tmpdir(), *zip = pack_two(tmp), *out = mkout(tmp, "out");
	char **names, *err = NULL, *buf;
	size_t n, len;

	(void)state;
	assert_int_equal(readfile_all(zip, 1 << 20, &buf, &len, NULL), 0);
	/* Cut anywhere: the central directory goes, or part of it. */
	assert_int_equal(zipbox_extract_mem(buf, len / 2, PW, out, &names, &n,
	    &err), -1);
	assert_non_null(strstr(err, "truncated or damaged"));
	free(err);
	err = NULL;
	assert_int_equal(zipbox_extract_mem(buf, len - 3, PW, out, &names, &n,
	    &err), -1);
	assert_non_null(strstr(err, "truncated or damaged"));
	free(err);
	err = NULL;
	/* One flipped byte inside the first member's encrypted data: the AES
	 * authentication code catches it, and nothing stays on disk. */
	buf[60] ^= 0x55;
	assert_int_equal(zipbox_extract_mem(buf, len, PW, out, &names, &n, &err),
	    -1);
	assert_non_null(err);
	assert_false(exists(out, "00133033N1Y.csv"));
	assert_false(exists(out, "00133033G1Y.csv"));
	free(err);
	err = NULL;
	assert_int_equal(zipbox_extract_mem("PK\3\4 not a zip", 15, PW, out,
	    &names, &n, &err), -1);
	assert_non_null(strstr(err, "truncated or damaged"));
	free(err);
	err = NULL;
	assert_int_equal(zipbox_extract(tmp, PW, out, &names, &n, &err), -1);
	free(err);
	free(buf);
	test_rm_rf(tmp);
	free(zip);
	free(out);
	free(tmp);
}

/* A container made with libzip directly, since zipbox_pack refuses such
 * names: one good member, then the given one. */
static char *
evil_zip(const char *tmp, const char *name)
{
	char *zip = xasprintf("%s/evil.zip", tmp);
	zip_source_t *src;
	zip_t *za;
	int ze;

	unlink(zip);
	za = zip_open(zip, ZIP_CREATE | ZIP_EXCL, &ze);
	assert_non_null(za);
	src = zip_source_buffer(za, csv1, sizeof csv1 - 1, 0);
	assert_true(zip_file_add(za, "good.csv", src, 0) >= 0);
	src = zip_source_buffer(za, csv2, sizeof csv2 - 1, 0);
	assert_true(zip_file_add(za, name, src, 0) >= 0);
	assert_int_equal(zip_close(za), 0);
	return zip;
}

static void
test_traversal(void **state)
{
	static const char *const names_bad[] = { "../evil.csv", "/tmp/evil.csv",
		"sub/../../evil.csv" };
	char *tmp = test_tmpdir(), *out, **names, *err, *zip, *sub;
	size_t i, n;

	(void)state;
	sub = xasprintf("%s/a", tmp);
	assert_int_equal(mkdir(sub, 0700), 0);
	out = mkout(sub, "out");
	for (i = 0; i < sizeof names_bad / sizeof *names_bad; i++) {
		err = NULL;
		zip = evil_zip(tmp, names_bad[i]);
		assert_int_equal(zipbox_extract(zip, NULL, out, &names, &n, &err), -1);
		assert_non_null(strstr(err, "unsafe member name"));
		/* Refused before anything was written. */
		assert_false(exists(out, "good.csv"));
		assert_false(exists(sub, "evil.csv"));
		assert_false(exists(tmp, "evil.csv"));
		free(err);
		free(zip);
	}
	/* A sub-folder is fine and stays inside out. */
	zip = evil_zip(tmp, "sub/ok.csv");
	err = NULL;
	if (zipbox_extract(zip, NULL, out, &names, &n, &err) != 0)
		fail_msg("extract: %s", err);
	assert_int_equal(n, 2);
	assert_true(exists(out, "sub/ok.csv"));
	zipbox_names_free(names, n);
	free(zip);
	test_rm_rf(tmp);
	free(sub);
	free(out);
	free(tmp);
}

static void
test_symlink_not_followed(void **state)
{
	char *tmp = test_tmpdir(), *out, *zip, **names, *err = NULL, *link;
	size_t n;

	(void)state;
	out = mkout(tmp, "out");
	link = xasprintf("%s/sub", out);
	/* out/sub points outside: writing sub/ok.csv must not go there. */
	assert_int_equal(symlink(tmp, link), 0);
	zip = evil_zip(tmp, "sub/ok.csv");
	assert_int_equal(zipbox_extract(zip, NULL, out, &names, &n, &err), -1);
	assert_false(exists(tmp, "ok.csv"));
	assert_false(exists(out, "good.csv"));
	free(err);
	free(zip);
	free(link);
	test_rm_rf(tmp);
	free(out);
	free(tmp);
}

static void
test_pack_refusals(void **state)
{
	struct zipbox_member m = { "x.csv", csv1, sizeof csv1 - 1 };
	struct zipbox_member bad = { "../x.csv", csv1, sizeof csv1 - 1 };
	char *tmp = test_tmpdir(), *zip = pack_two(tmp), *err = NULL, *other;

	(void)state;
	assert_int_equal(zipbox_pack(zip, &m, 1, PW, &err), -1);
	assert_non_null(strstr(err, "already exists"));
	free(err);
	err = NULL;
	other = xasprintf("%s/other.zip", tmp);
	assert_int_equal(zipbox_pack(other, &m, 0, PW, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(zipbox_pack(other, &m, 1, "", &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(zipbox_pack(other, &bad, 1, PW, &err), -1);
	assert_non_null(strstr(err, "unsafe member name"));
	free(err);
	assert_int_equal(access(other, F_OK), -1);
	free(other);
	test_rm_rf(tmp);
	free(zip);
	free(tmp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_sevenzip_ae2),
		cmocka_unit_test(test_bsdtar_streamed),
		cmocka_unit_test(test_unencrypted_refused),
		cmocka_unit_test(test_traversal),
		cmocka_unit_test(test_symlink_not_followed),
		cmocka_unit_test(test_pack_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
