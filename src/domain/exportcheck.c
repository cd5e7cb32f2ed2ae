/* Checking the records of an export package: first each record on its own
 * and against its neighbour (so a change or a gap is named by record), then
 * the whole run against the signed root through the range proof. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "domain/exportpkg.h"
#include "domain/merkle-range.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define RECS_FILE "audit-records.csv"

struct check {
	export_problem_fn problem;
	void *arg;
	int count;
};

static void
check_fail(struct check *c, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
check_fail(struct check *c, const char *file, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->problem(file, msg, c->arg);
	free(msg);
	c->count++;
}

/* Sequence, link to the row before, own hash. */
static void
check_chain(struct check *c, const struct exportrecs *rs, int64_t first)
{
	int64_t expect = first;
	unsigned char h[AUDIT_HASH_LEN];
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct auditrec *r = &rs->r[i];

		if (r->seq != expect)
			check_fail(c, RECS_FILE, r->seq > expect ?
			    _("line %ld: record %lld is missing (record %lld comes "
			    "next)") : _("line %ld: record %lld was expected, not %lld"),
			    rs->line[i], (long long)expect, (long long)r->seq);
		else if (i > 0 && memcmp(r->prev, rs->r[i - 1].hash,
		    AUDIT_HASH_LEN) != 0)
			check_fail(c, RECS_FILE, _("line %ld: record %lld does not link "
			    "to the record before it"), rs->line[i], (long long)r->seq);
		auditrec_chain(r, h);
		if (memcmp(h, r->hash, AUDIT_HASH_LEN) != 0)
			check_fail(c, RECS_FILE, _("line %ld: record %lld was changed: "
			    "its fields no longer give its hash"), rs->line[i],
			    (long long)r->seq);
		expect = r->seq + 1;
	}
}

static void
check_range(struct check *c, const struct exportrecs *rs,
    const struct rangeproof *p, const unsigned char root[32])
{
	unsigned char (*leaves)[32] = xcalloc(rs->n, 32);
	size_t i;

	for (i = 0; i < rs->n; i++)
		auditrec_leaf(&rs->r[i], leaves[i]);
	if (merkle_verify_range((size_t)p->tree_size, (size_t)p->first - 1,
	    (size_t)p->last, (const unsigned char (*)[32])leaves,
	    (const unsigned char (*)[32])p->hash, p->n, root) < 0)
		check_fail(c, RECS_FILE, _("records %lld to %lld do not hash, with "
		    "audit-proof.txt, to the root signed in checkpoint.txt"),
		    (long long)p->first, (long long)p->last);
	free(leaves);
}

int
exportrecs_check(const struct exportrecs *rs, const struct rangeproof *p,
    int64_t cp_size, const unsigned char cp_root[32], export_problem_fn problem,
    void *arg)
{
	struct check c = { problem, arg, 0 };
	size_t want = p->first == 0 ? 0 : (size_t)(p->last - p->first + 1);

	if (p->tree_size != cp_size)
		check_fail(&c, "audit-proof.txt", _("the proof is for a tree of %lld "
		    "records, the checkpoint for %lld"), (long long)p->tree_size,
		    (long long)cp_size);
	check_chain(&c, rs, p->first == 0 ? 1 : p->first);
	if (rs->n != want)
		check_fail(&c, RECS_FILE, ngettext("%zu record, but audit-proof.txt "
		    "covers records %lld to %lld (%zu)", "%zu records, but "
		    "audit-proof.txt covers records %lld to %lld (%zu)",
		    (unsigned long)rs->n), rs->n, (long long)p->first,
		    (long long)p->last, want);
	else if (want > 0 && c.count == 0)
		check_range(&c, rs, p, cp_root);
	return c.count;
}
