/* The daily work report (作業日報) and the check of a head hash copied from
 * a signed paper report. */
#ifndef MYNA_AUDIT_REPORT_H
#define MYNA_AUDIT_REPORT_H

#include <stdint.h>

#include "ops/session.h"
#include "util/xbuf.h"

/* A printable text for Japan-local day `date` (NULL: today): counts by
 * action and by user with first and last times, and the chain's record
 * count and head at the end of that day. The report is audited. */
int ops_audit_report(struct session *s, const char *date, struct xbuf *out,
    char **err);

struct head_found {
	int64_t seq;		/* record whose chain hash is the head */
	char *ts;		/* its time (UTC), allocated */
	int64_t count;		/* records in the chain now */
};
/* Re-walks the chain, then looks for the head (64 hex digits; spaces,
 * hyphens and colons are ignored). 1 found, 0 not found (the message in
 * *err), -1 on error or a broken chain. Audited either way. */
int ops_audit_verify_head(struct session *s, const char *head,
    struct head_found *found, char **err);

#endif
