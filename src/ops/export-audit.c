/* Package sections from the audit log: the records, the range proof, and
 * the checkpoint with its signature and key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain/exportpkg.h"
#include "domain/merkle-range.h"
#include "ops/export-sections.h"
#include "ops/vault-admin.h"
#include "store/vault.h"
#include "util/xmalloc.h"

static int
export_record_row(const struct auditrec *r, void *arg)
{
	exportrecs_row(arg, r);
	return 0;
}

int
export_audit_records(struct export_ctx *c, struct xbuf *out, char **err)
{
	struct audit_filter f;

	exportrecs_header(out);
	if (c->first == 0)
		return 0;
	memset(&f, 0, sizeof f);
	f.seq_first = c->first;
	f.seq_last = c->last;
	return ops_audit_list(c->s, &f, export_record_row, out, err);
}

int
export_audit_proof(struct export_ctx *c, struct xbuf *out, char **err)
{
	unsigned char (*leaves)[32] = NULL;
	struct rangeproof p;
	int rc = 0;

	memset(&p, 0, sizeof p);
	p.tree_size = c->cp.tree_size;
	if (c->first > 0) {
		p.first = c->first;
		p.last = c->last;
		rc = checkpoint_leaves(c->s->v, p.tree_size, &leaves, err);
		if (rc == 0 && merkle_range_proof((const unsigned char (*)[32])leaves,
		    (size_t)p.tree_size, (size_t)p.first - 1, (size_t)p.last,
		    &p.hash, &p.n) < 0)
			rc = err_set(err, "range proof: bad range");
		free(leaves);
	}
	if (rc == 0)
		rangeproof_format(&p, out);
	rangeproof_free(&p);
	return rc;
}

int
export_checkpoint_note(struct export_ctx *c, struct xbuf *out, char **err)
{
	(void)err;
	xbuf_puts(out, c->cp.note);
	return 0;
}

int
export_checkpoint_sig(struct export_ctx *c, struct xbuf *out, char **err)
{
	(void)err;
	xbuf_add(out, c->cp.sig, sizeof c->cp.sig);
	return 0;
}

int
export_pubkey(struct export_ctx *c, struct xbuf *out, char **err)
{
	(void)err;
	xbuf_puts(out, c->cp.pubkey_pem);
	return 0;
}
