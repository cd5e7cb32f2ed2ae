/* The paper side of tamper evidence: a daily report whose head hash the
 * responsible officer signs, and the check that a head typed back in from
 * such a report is still in the chain (catching a vault rolled back or
 * rewritten since, which the file's own checks cannot see). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/dates.h"
#include "domain/exportsig.h"
#include "domain/jstday.h"
#include "ops/audit-report.h"
#include "ops/tx.h"
#include "ops/vault-admin.h"
#include "store/checkpoint.h"
#include "store/exportq.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct tally {
	char *key;
	long long n;
	char first[20], last[20];	/* Japan time */
};

struct report {
	struct tally *by_action, *by_user;
	size_t nact, nuser;
	long long total;
	char first[20], last[20];
};

static void
tally_add(struct tally **t, size_t *n, const char *key, const char *when)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*t)[i].key, key) == 0)
			break;
	if (i == *n) {
		*t = xrealloc(*t, (*n + 1) * sizeof **t);
		memset(&(*t)[i], 0, sizeof **t);
		(*t)[i].key = xstrdup(key);
		snprintf((*t)[i].first, sizeof (*t)[i].first, "%s", when);
		(*n)++;
	}
	(*t)[i].n++;
	snprintf((*t)[i].last, sizeof (*t)[i].last, "%s", when);
}

static int
report_row(const struct auditrec *r, void *arg)
{
	struct report *rp = arg;
	char when[20];

	jst_from_utc(r->ts, when);
	tally_add(&rp->by_action, &rp->nact, r->action, when);
	tally_add(&rp->by_user, &rp->nuser, r->actor, when);
	if (r->actor2[0] != '\0')
		tally_add(&rp->by_user, &rp->nuser, r->actor2, when);
	if (rp->total++ == 0)
		snprintf(rp->first, sizeof rp->first, "%s", when);
	snprintf(rp->last, sizeof rp->last, "%s", when);
	return 0;
}

static void
report_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->nact; i++)
		free(rp->by_action[i].key);
	for (i = 0; i < rp->nuser; i++)
		free(rp->by_user[i].key);
	free(rp->by_action);
	free(rp->by_user);
}

/* 64 hex digits in groups of eight: easier to read aloud and type back. */
static void
report_hash(struct xbuf *o, const unsigned char h[32])
{
	char hex[65];
	int i;

	hex_encode(h, 32, hex);
	xbuf_puts(o, "  ");
	for (i = 0; i < 8; i++)
		xbuf_printf(o, "%.8s%s", hex + 8 * i, i == 7 ? "\n" : " ");
}

static void
report_tables(struct xbuf *o, const struct report *rp)
{
	size_t i;

	xbuf_printf(o, "\n%s\n", _("Actions"));
	for (i = 0; i < rp->nact; i++)
		xbuf_printf(o, "  %-28s %6lld\n", rp->by_action[i].key,
		    rp->by_action[i].n);
	xbuf_printf(o, "\n%s\n", _("By user (count, first, last)"));
	for (i = 0; i < rp->nuser; i++)
		xbuf_printf(o, "  %-16s %6lld  %s  %s\n", rp->by_user[i].key,
		    rp->by_user[i].n, rp->by_user[i].first + 11,
		    rp->by_user[i].last + 11);
}

static int
report_tail(struct session *s, struct xbuf *o, const char *end, char **err)
{
	unsigned char head[32];
	char *pem, print[65];
	int64_t seq;

	if (exportq_head_before(s->v, end, &seq, head, err) < 0)
		return -1;
	xbuf_printf(o, "\n%s\n", _("Audit chain at the end of the day"));
	xbuf_printf(o, _("  records: %lld\n  head (chain hash of record %lld):\n"),
	    (long long)seq, (long long)seq);
	report_hash(o, head);
	pem = checkpoint_pubkey_pem(s->v);
	if (pem != NULL && exportsig_fingerprint(pem, strlen(pem), print) == 0)
		xbuf_printf(o, _("  signing key fingerprint (SHA-256):\n  %s\n"),
		    print);
	free(pem);
	xbuf_printf(o, "\n%s\n", _("To check later: mynadesk audit verify --head "
	    "\"<the head above>\""));
	xbuf_printf(o, "\n%s\n\n%s\n", _("Checked by (responsible officer): "
	    "____________________  Seal: ____"), _("Date: ____________"));
	return 0;
}

static void
report_today(char out[11])
{
	jst_date_of(time(NULL), out);
}

int
ops_audit_report(struct session *s, const char *date, struct xbuf *out,
    char **err)
{
	struct audit_filter f;
	struct report rp;
	char day[11], start[21], end[21];
	int rc;

	if (date == NULL)
		report_today(day);
	else if (date_check(date, err) < 0)
		return -1;
	else
		snprintf(day, sizeof day, "%s", date);
	jst_day_bounds(day, start, end);
	memset(&rp, 0, sizeof rp);
	memset(&f, 0, sizeof f);
	f.from = f.to = day;
	rc = ops_audit_list(s, &f, report_row, &rp, err);
	if (rc == 0) {
		xbuf_printf(out, _("Daily work report, %s (Japan time)\n"), day);
		xbuf_printf(out, _("%s (insurer %s)\n"), s->vault_name,
		    vault_insurer(s->v));
		xbuf_printf(out, _("Records this day: %lld, first %s, last %s\n"),
		    rp.total, rp.total ? rp.first + 11 : "-",
		    rp.total ? rp.last + 11 : "-");
		report_tables(out, &rp);
		rc = report_tail(s, out, end, err);
	}
	report_free(&rp);
	if (rc == 0)
		rc = ops_tx_audit(s, "", "audit.report", day, "", err);
	return rc;
}

/* Keeps the hex digits; a typed head may have spaces or hyphens. */
static int
head_parse(const char *in, unsigned char out[32])
{
	char hex[65];
	size_t n = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-' || *in == ':' || *in == '\t')
			continue;
		if (!isxdigit((unsigned char)*in) || n == 64)
			return -1;
		hex[n++] = (char)tolower((unsigned char)*in);
	}
	hex[n] = '\0';
	return n == 64 ? hex_decode(hex, out, 32) : -1;
}

static void
head_record(struct session *s, const char *head, int found, int64_t seq)
{
	char *detail = found ? xasprintf("head=%.16s found=%lld", head,
	    (long long)seq) : xasprintf("head=%.16s found=none", head);

	(void)ops_tx_audit(s, "", "audit.verify-head", "", detail, NULL);
	free(detail);
}

int
ops_audit_verify_head(struct session *s, const char *head,
    struct head_found *found, char **err)
{
	unsigned char want[32], now[32];
	int rc;

	memset(found, 0, sizeof *found);
	if (head_parse(head, want) < 0)
		return err_set(err, _("a head hash has 64 hexadecimal digits (spaces "
		    "and hyphens may separate them)"));
	if (ops_audit_verify(s, NULL, NULL, &found->count, now, err) < 0)
		return -1;
	rc = exportq_find_hash(s->v, want, &found->seq, &found->ts, err);
	if (rc >= 0)
		head_record(s, head, rc == 1, found->seq);
	if (rc == 0)
		err_set(err, _("HEAD NOT FOUND: no record of the audit chain has this "
		    "hash. The log is not the one the report was printed from: it was "
		    "rolled back, replaced or rewritten, or the hash was mistyped."));
	return rc;
}
