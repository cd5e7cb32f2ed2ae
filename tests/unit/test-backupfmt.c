/* Unit tests for the backup header and trailer: round trip, and every kind
 * of damage refused by line. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/backupfmt.h"
#include "util/xmalloc.h"

static void
sample(struct backup_header *h)
{
	memset(h, 0, sizeof *h);
	h->version = 2;
	strcpy(h->vault_id, "00112233445566778899aabbccddeeff");
	strcpy(h->insurer, "133033");
	strcpy(h->created, "2026-11-26T03:58:56Z");
	h->head_seq = 42;
	memset(h->head, 0xab, 32);
	h->keys_len = 589;
	h->db_len = 831488;
	memset(h->mac, 0xcd, 32);
}

static void
test_roundtrip(void **state)
{
	struct backup_header h, back;
	char *text;

	(void)state;
	sample(&h);
	text = backupfmt_header(&h);
	assert_int_equal(backupfmt_parse(text, strlen(text), &back, NULL), 0);
	assert_int_equal(back.header_len, strlen(text));
	assert_string_equal(back.vault_id, h.vault_id);
	assert_string_equal(back.created, h.created);
	assert_int_equal(back.head_seq, 42);
	assert_memory_equal(back.head, h.head, 32);
	assert_int_equal(back.db_len, 831488);
	assert_int_equal(backupfmt_total(&back), strlen(text) + 589 + 831488 +
	    BACKUP_TRAILER_LEN);
	free(text);
}

/* parse_bad TEXT NEEDLE: refused, and the message names the problem. */
static void
parse_bad(const char *text, const char *needle)
{
	struct backup_header h;
	char *err = NULL;

	assert_int_equal(backupfmt_parse(text, strlen(text), &h, &err), -1);
	assert_non_null(err);
	if (strstr(err, needle) == NULL)
		fail_msg("'%s' does not contain '%s'", err, needle);
	free(err);
}

/* Replaces line n (1-based) of the sample header. */
static char *
with_line(int n, const char *line)
{
	struct backup_header h;
	char *text, *p, *q, *out;
	int i;

	sample(&h);
	text = backupfmt_header(&h);
	for (p = text, i = 1; i < n; i++)
		p = strchr(p, '\n') + 1;
	q = strchr(p, '\n');
	*p = '\0';
	out = xasprintf("%s%s%s", text, line, q);
	free(text);
	return out;
}

static void
test_damaged_lines(void **state)
{
	static const struct { int line; const char *text; } bad[] = {
		{ 2, "vault 00112233445566778899AABBCCDDEEFF" },
		{ 2, "vault 0011" },
		{ 3, "insurer 1234567x" },
		{ 3, "insurer  133033" },
		{ 4, "created 2026-11-26 03:58:56" },
		{ 5, "head -1 abababababababababababababababababababababababababababababababab" },
		{ 5, "head 042 abababababababababababababababababababababababababababababababab" },
		{ 5, "head 42 abab" },
		{ 5, "head 99999999999999999999 abababababababababababababababababababababababababababababababab" },
		{ 6, "keys 999999999" },
		{ 6, "keys +5" },
		{ 7, "db 2000000000000" },
		{ 7, "db" },
		{ 8, "mac abab" },
		{ 8, "mac cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd" },
		{ 8, "end" },
		{ 9, "end " },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *text = with_line(bad[i].line, bad[i].text);
		char *want = xasprintf("line %d", bad[i].line);

		parse_bad(text, want);
		free(want);
		free(text);
	}
}

static void
test_not_a_backup(void **state)
{
	(void)state;
	parse_bad("", "not a mynadesk backup");
	parse_bad("mynadesk-keys v1\nvault x\n", "not a mynadesk backup");
	parse_bad("mynadesk-backup v3\n", "not a mynadesk backup");
	parse_bad("mynadesk-backup v2\n", "ends early, at line 2");
	parse_bad("mynadesk-backup v1\nvault 00112233445566778899aabbccddeeff\n",
	    "ends early, at line 3");
}

static void
test_empty_parts(void **state)
{
	char *text = with_line(6, "keys 0");

	(void)state;
	parse_bad(text, "empty part");
	free(text);
}

static void
test_no_nul_needed(void **state)
{
	struct backup_header h, back;
	char *text, *copy;
	size_t n;

	(void)state;
	sample(&h);
	text = backupfmt_header(&h);
	n = strlen(text);
	/* The header is followed by binary data, not a NUL. */
	copy = xmalloc(n + 4);
	memcpy(copy, text, n);
	memcpy(copy + n, "\x01\xff\x00\x02", 4);
	assert_int_equal(backupfmt_parse(copy, n + 4, &back, NULL), 0);
	/* Cut anywhere inside the header: refused, never read past len. */
	for (size_t cut = 0; cut < n; cut++) {
		char *part = xmalloc(cut ? cut : 1);

		memcpy(part, text, cut);
		assert_int_equal(backupfmt_parse(part, cut, &back, NULL), -1);
		free(part);
	}
	free(copy);
	free(text);
}

/* A version 1 header (no MAC line) still parses and prints back the same,
 * so old backups keep their SHA-256. */
static void
test_version1(void **state)
{
	struct backup_header h, back;
	char *text, *again;

	(void)state;
	sample(&h);
	h.version = 1;
	text = backupfmt_header(&h);
	assert_non_null(strstr(text, "mynadesk-backup v1\n"));
	assert_null(strstr(text, "\nmac "));
	assert_int_equal(backupfmt_parse(text, strlen(text), &back, NULL), 0);
	assert_int_equal(back.version, 1);
	assert_int_equal(back.header_len, strlen(text));
	again = backupfmt_header(&back);
	assert_string_equal(again, text);
	/* It has no MAC, so no key makes it pass the check. */
	assert_int_equal(backupfmt_mac_check(&back, (const unsigned char *)
	    "0123456789abcdef0123456789abcdef", 32), -1);
	free(again);
	free(text);
}

/* The MAC covers the creation time (and every other line): a changed time
 * fails the check, and so does the right header under another key. */
static void
test_mac(void **state)
{
	unsigned char key[32], other[32];
	struct backup_header h, back;
	char *text;

	(void)state;
	memset(key, 0x11, sizeof key);
	memset(other, 0x22, sizeof other);
	sample(&h);
	backupfmt_mac(&h, key, sizeof key, h.mac);
	text = backupfmt_header(&h);
	assert_int_equal(backupfmt_parse(text, strlen(text), &back, NULL), 0);
	assert_int_equal(back.version, 2);
	assert_memory_equal(back.mac, h.mac, 32);
	assert_int_equal(backupfmt_mac_check(&back, key, sizeof key), 0);
	assert_int_equal(backupfmt_mac_check(&back, other, sizeof other), -1);
	strcpy(back.created, "2026-11-20T03:58:56Z");
	assert_int_equal(backupfmt_mac_check(&back, key, sizeof key), -1);
	free(text);
}

static void
test_trailer(void **state)
{
	unsigned char sha[32], back[32];
	char t[BACKUP_TRAILER_LEN + 1];

	(void)state;
	memset(sha, 0x5c, sizeof sha);
	backupfmt_trailer(sha, t);
	assert_int_equal(strlen(t), BACKUP_TRAILER_LEN);
	assert_int_equal(backupfmt_parse_trailer(t, BACKUP_TRAILER_LEN, back), 0);
	assert_memory_equal(sha, back, 32);
	assert_int_equal(backupfmt_parse_trailer(t, BACKUP_TRAILER_LEN - 1, back), -1);
	t[10] = 'G';
	assert_int_equal(backupfmt_parse_trailer(t, BACKUP_TRAILER_LEN, back), -1);
	backupfmt_trailer(sha, t);
	t[BACKUP_TRAILER_LEN - 1] = ' ';
	assert_int_equal(backupfmt_parse_trailer(t, BACKUP_TRAILER_LEN, back), -1);
	memcpy(t, "sha512 ", 7);
	assert_int_equal(backupfmt_parse_trailer(t, BACKUP_TRAILER_LEN, back), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_damaged_lines),
		cmocka_unit_test(test_not_a_backup),
		cmocka_unit_test(test_empty_parts),
		cmocka_unit_test(test_no_nul_needed),
		cmocka_unit_test(test_trailer),
		cmocka_unit_test(test_version1),
		cmocka_unit_test(test_mac),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
