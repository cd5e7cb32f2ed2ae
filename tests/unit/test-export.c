/* Export packages: range proofs against the root for every run of small
 * trees, the parsers on good and malformed input, Excel CSV round trips,
 * Japan-local days, and the daily checkpoint hook on a real vault. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/exportpkg.h"
#include "domain/jstday.h"
#include "domain/merkle-range.h"
#include "ops/checkpoint-daily.h"
#include "ops/session.h"
#include "ops/tx.h"
#include "store/exportq.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xmalloc.h"

#define HL 32

static void
leaves_make(unsigned char (*l)[HL], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char b[2] = { (unsigned char)i, (unsigned char)(i >> 8) };

		merkle_leaf(b, 2, l[i]);
	}
}

/* Every run [a, b) of every tree up to 33 leaves proves, and fails with a
 * changed leaf, a changed, missing or extra proof hash, or a shifted run. */
static void
test_range_all(void **st)
{
	unsigned char l[33][HL], root[HL], (*p)[HL], bad[34][HL];
	size_t n, a, b, plen;

	(void)st;
	leaves_make(l, 33);
	for (n = 1; n <= 33; n++) {
		merkle_root((const unsigned char (*)[HL])l, n, root);
		for (a = 0; a < n; a++)
			for (b = a + 1; b <= n; b++) {
				assert_int_equal(merkle_range_proof(
				    (const unsigned char (*)[HL])l, n, a, b, &p, &plen), 0);
				assert_true(plen <= 2 * 6);
				assert_int_equal(merkle_verify_range(n, a, b,
				    (const unsigned char (*)[HL])l + a,
				    (const unsigned char (*)[HL])p, plen, root), 0);
				memcpy(bad, l + a, (b - a) * HL);
				bad[0][0] ^= 1;
				assert_int_equal(merkle_verify_range(n, a, b,
				    (const unsigned char (*)[HL])bad,
				    (const unsigned char (*)[HL])p, plen, root), -1);
				if (plen > 0) {
					assert_int_equal(merkle_verify_range(n, a, b,
					    (const unsigned char (*)[HL])l + a,
					    (const unsigned char (*)[HL])p, plen - 1, root), -1);
					p[plen - 1][5] ^= 0x40;
					assert_int_equal(merkle_verify_range(n, a, b,
					    (const unsigned char (*)[HL])l + a,
					    (const unsigned char (*)[HL])p, plen, root), -1);
					p[plen - 1][5] ^= 0x40;
				}
				p = xrealloc(p, (plen + 1) * HL);
				memset(p[plen], 7, HL);
				assert_int_equal(merkle_verify_range(n, a, b,
				    (const unsigned char (*)[HL])l + a,
				    (const unsigned char (*)[HL])p, plen + 1, root), -1);
				if (b < n)
					assert_int_equal(merkle_verify_range(n, a + 1, b + 1,
					    (const unsigned char (*)[HL])l + a,
					    (const unsigned char (*)[HL])p, plen, root), -1);
				free(p);
			}
	}
	assert_int_equal(merkle_range_proof((const unsigned char (*)[HL])l, 4, 2,
	    2, &p, &plen), -1);
	assert_int_equal(merkle_range_proof((const unsigned char (*)[HL])l, 4, 0,
	    5, &p, &plen), -1);
}

static void
test_manifest(void **st)
{
	const char *good = "0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef  README.txt\n"
	    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff "
	    "*pubkey.pem\n";
	const char *bad[] = {
		"",
		"0123  README.txt\n",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg"
		    "  x\n",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		    "  ../etc/passwd\n",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		    "  a/b\n",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		    "  .hidden\n",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		    "  a\n0123456789abcdef0123456789abcdef0123456789abcdef0123456"
		    "789abcdef  a\n",
	};
	struct manifest m;
	char *err = NULL;
	size_t i;

	(void)st;
	assert_int_equal(manifest_parse(good, strlen(good), &m, NULL), 0);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.e[1].name, "pubkey.pem");
	assert_int_equal(m.e[1].line, 2);
	manifest_free(&m);
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(manifest_parse(bad[i], strlen(bad[i]), &m, &err), -1);
		assert_non_null(err);
		free(err);
		err = NULL;
		manifest_free(&m);
	}
	assert_int_equal(manifest_parse("ab\0c", 4, &m, NULL), -1);
	manifest_free(&m);
}

static void
test_rangeproof_text(void **st)
{
	struct rangeproof p, q;
	struct xbuf b = { NULL, 0, 0 };
	const char *bad[] = {
		"",
		"mynadesk audit range proof v2\ntree-size 1\nfirst 1\nlast 1\n",
		RANGEPROOF_MAGIC "\ntree-size 4\nfirst 3\nlast 2\n",
		RANGEPROOF_MAGIC "\ntree-size 4\nfirst 1\nlast 5\n",
		RANGEPROOF_MAGIC "\nfirst 1\ntree-size 4\nlast 1\n",
		RANGEPROOF_MAGIC "\ntree-size 4\nfirst 1\nlast 1\nhash 12\n",
		RANGEPROOF_MAGIC "\ntree-size 4\nfirst 0\nlast 0\nhash "
		    "0000000000000000000000000000000000000000000000000000000000000000\n",
		RANGEPROOF_MAGIC "\ntree-size -4\nfirst 1\nlast 1\n",
		RANGEPROOF_MAGIC "\ntree-size 4\nfirst 1\n",
		RANGEPROOF_MAGIC "\ntree-size 4\nfirst 1\nlast 1\nroot x\n",
	};
	char *err = NULL;
	size_t i;

	(void)st;
	memset(&p, 0, sizeof p);
	p.tree_size = 9;
	p.first = 2;
	p.last = 4;
	p.n = 2;
	p.hash = xcalloc(2, HL);
	p.hash[1][31] = 0xab;
	rangeproof_format(&p, &b);
	assert_int_equal(rangeproof_parse(b.data, b.len, &q, NULL), 0);
	assert_int_equal(q.tree_size, 9);
	assert_int_equal(q.first, 2);
	assert_int_equal(q.last, 4);
	assert_int_equal(q.n, 2);
	assert_memory_equal(q.hash, p.hash, 2 * HL);
	rangeproof_free(&p);
	rangeproof_free(&q);
	xbuf_free(&b);
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(rangeproof_parse(bad[i], strlen(bad[i]), &q, &err),
		    -1);
		assert_non_null(err);
		free(err);
		err = NULL;
		rangeproof_free(&q);
	}
}

static void
test_cpnote(void **st)
{
	const char *good = "mynadesk/133033/x\n12\n"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
	const char *bad[] = { "a\n12\n", "a\nx\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAA=\n", "a\n12\nAAAA\n" };
	unsigned char root[32];
	int64_t size;
	char *err = NULL;
	size_t i;

	(void)st;
	assert_int_equal(cpnote_parse(good, strlen(good), &size, root, NULL), 0);
	assert_int_equal(size, 12);
	for (i = 0; i < 3; i++) {
		assert_int_equal(cpnote_parse(bad[i], strlen(bad[i]), &size, root,
		    &err), -1);
		free(err);
		err = NULL;
	}
	/* A fourth line is not part of the signed note's form. */
	{
		const char *four = "a\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
		    "\nx\n";

		assert_int_equal(cpnote_parse(four, strlen(four), &size, root, NULL),
		    -1);
	}
}

struct problems {
	int n;
	char last[512];
};

static void
problem(const char *file, const char *msg, void *arg)
{
	struct problems *p = arg;

	p->n++;
	snprintf(p->last, sizeof p->last, "%s: %s", file, msg);
}

/* Records written as Excel CSV (with awkward fields) read back and check;
 * a changed or missing one is named. */
static void
test_records_roundtrip(void **st)
{
	struct auditrec r[3];
	unsigned char leaves[3][HL], root[HL];
	const char *details[3] = { "plain", "comma, \"quote\"\r\nnew line",
	    " spaces " };
	struct xbuf b = { NULL, 0, 0 };
	struct exportrecs rs;
	struct rangeproof p;
	struct problems pr;
	int i;

	(void)st;
	memset(r, 0, sizeof r);
	for (i = 0; i < 3; i++) {
		r[i].seq = i + 1;
		r[i].ts = "2026-11-26T01:02:03Z";
		r[i].actor = "山田";
		r[i].actor2 = "";
		r[i].action = "x.y";
		r[i].subject = "P1";
		r[i].detail = (char *)details[i];
		if (i > 0)
			memcpy(r[i].prev, r[i - 1].hash, HL);
		auditrec_chain(&r[i], r[i].hash);
		auditrec_leaf(&r[i], leaves[i]);
	}
	merkle_root((const unsigned char (*)[HL])leaves, 3, root);
	exportrecs_header(&b);
	for (i = 0; i < 3; i++)
		exportrecs_row(&b, &r[i]);
	assert_memory_equal(b.data, "\xEF\xBB\xBFseq,", 7);
	assert_int_equal(exportrecs_parse(b.data, b.len, &rs, NULL), 0);
	assert_int_equal(rs.n, 3);
	assert_string_equal(rs.r[1].detail, details[1]);
	assert_string_equal(rs.r[2].detail, details[2]);
	memset(&p, 0, sizeof p);
	p.tree_size = 3;
	p.first = 1;
	p.last = 3;
	memset(&pr, 0, sizeof pr);
	assert_int_equal(exportrecs_check(&rs, &p, 3, root, problem, &pr), 0);
	/* A changed field is named by record. */
	rs.r[2].detail[1] = 'X';
	assert_int_equal(exportrecs_check(&rs, &p, 3, root, problem, &pr), 1);
	assert_non_null(strstr(pr.last, "record 3 was changed"));
	rs.r[2].detail[1] = 's';
	/* A record taken out. */
	auditrec_clear(&rs.r[1]);
	memmove(&rs.r[1], &rs.r[2], sizeof rs.r[1]);
	rs.n = 2;
	memset(&pr, 0, sizeof pr);
	assert_true(exportrecs_check(&rs, &p, 3, root, problem, &pr) >= 1);
	exportrecs_free(&rs);
	xbuf_free(&b);
}

/* Cells a spreadsheet would run (=HYPERLINK, +, -, @) are written with an
 * apostrophe so they show as text, and the reader gives back what was
 * logged, so the records still hash. */
static void
test_records_formula_guard(void **st)
{
	const char *details[] = { "=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0",
	    "-2+3", "@SUM(A1)", "'quoted", "-5", "+3.25", "\tx", "-" };
	size_t n = sizeof details / sizeof details[0], i;
	struct auditrec r;
	struct xbuf b = { NULL, 0, 0 };
	struct exportrecs rs;
	char *line;

	(void)st;
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof r);
		r.seq = 1;
		r.ts = "2026-11-26T01:02:03Z";
		r.actor = "=cmd";
		r.actor2 = "";
		r.action = "x.y";
		r.subject = "P1";
		r.detail = (char *)details[i];
		exportrecs_header(&b);
		exportrecs_row(&b, &r);
		xbuf_add(&b, "", 1);
		line = strstr(b.data, "\r\n") + 2;
		if (strcmp(details[i], "-5") == 0 || strcmp(details[i], "+3.25") == 0)
			assert_non_null(strstr(line, ",x.y,P1,-") ||
			    strstr(line, ",x.y,P1,+"));
		else
			assert_non_null(strstr(line, ",x.y,P1,\"'"));
		assert_non_null(strstr(line, ",\"'=cmd\","));
		assert_int_equal(exportrecs_parse(b.data, b.len - 1, &rs, NULL), 0);
		assert_string_equal(rs.r[0].detail, details[i]);
		assert_string_equal(rs.r[0].actor, "=cmd");
		exportrecs_free(&rs);
		xbuf_free(&b);
	}
}

static void
test_records_malformed(void **st)
{
	const char *bad[] = {
		"",
		"seq,time_utc\r\n",
		"seq,time_utc,actor,actor2,action,subject,detail,prev,hash\r\n1,a\r\n",
		"seq,time_utc,actor,actor2,action,subject,detail,prev,hash\r\n"
		    "x,a,b,c,d,e,f,00,00\r\n",
		"seq,time_utc,actor,actor2,action,subject,detail,prev,hash\r\n"
		    "1,a,b,c,d,e,f,00,00\r\n",
		"seq,time_utc,actor,actor2,action,subject,detail,prev,hash\r\n"
		    "1,a,b,c,d,e,\"f,00,00\r\n",
	};
	struct exportrecs rs;
	char *err = NULL;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(exportrecs_parse(bad[i], strlen(bad[i]), &rs, &err),
		    -1);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
}

static void
test_jst(void **st)
{
	char a[21], b[21], d[11], j[20];

	(void)st;
	assert_int_equal(jst_day_bounds("2026-01-01", a, b), 0);
	assert_string_equal(a, "2025-12-31T15:00:00Z");
	assert_string_equal(b, "2026-01-01T15:00:00Z");
	assert_int_equal(jst_day_bounds("2024-02-29", a, b), 0);
	assert_int_equal(jst_day_bounds("2026-02-29", a, b), -1);
	jst_date_of(1767193200 /* 2025-12-31T15:00:00Z */, d);
	assert_string_equal(d, "2026-01-01");
	jst_date_of(1767193199, d);
	assert_string_equal(d, "2025-12-31");
	jst_from_utc("2025-12-31T15:00:00Z", j);
	assert_string_equal(j, "2026-01-01 00:00:00");
}

static long long
checkpoints(struct session *s)
{
	long long n;

	assert_int_equal(exportq_checkpoints_since(s->v, "", &n, NULL), 0);
	return n;
}

/* The first action of a day signs one checkpoint; later ones do not; the
 * next day (a session that saw yesterday, and yesterday's checkpoint
 * only) signs again. */
static void
test_daily_checkpoint(void **st)
{
	unsigned char rec[32];
	char *tmp = test_tmpdir(), *v = test_vault(tmp, rec);
	struct session *s = test_login(v, "admin", TEST_PW);
	long long n;

	(void)st;
	assert_int_equal(checkpoints(s), 1);
	assert_int_equal(ops_tx_audit(s, "", "test.action", "", "", NULL), 0);
	assert_int_equal(checkpoints(s), 1);
	/* Midnight passes: yesterday's checkpoint is all there is. */
	assert_int_equal(sqlite3_exec(s->v->db, "UPDATE checkpoints SET created = "
	    "'2000-01-01T00:00:00Z'", NULL, NULL, NULL), SQLITE_OK);
	snprintf(s->checkpoint_day, sizeof s->checkpoint_day, "2000-01-01");
	assert_int_equal(ops_tx_audit(s, "", "test.action", "", "", NULL), 0);
	assert_int_equal(checkpoints(s), 2);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM audit WHERE "
	    "action = 'audit.checkpoint' AND detail LIKE '%reason=daily'", NULL, &n,
	    NULL), 0);
	assert_int_equal(n, 2);
	ops_logout(s);
	test_rm_rf(tmp);
	free(v);
	free(tmp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_all),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_rangeproof_text),
		cmocka_unit_test(test_cpnote),
		cmocka_unit_test(test_records_roundtrip),
		cmocka_unit_test(test_records_formula_guard),
		cmocka_unit_test(test_records_malformed),
		cmocka_unit_test(test_jst),
		cmocka_unit_test(test_daily_checkpoint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
