/* The dedicated terminal (統合専用端末): since March 2017 an inquiry goes to
 * J-LIS from the terminal, not by courier. The inquiry files of the
 * hand-over folder are copied onto a USB medium in front of a witness and
 * carried to the terminal; the medium's log records each file's SHA-256,
 * so the answer brought back on it can be told from any other file. No
 * container, no password, no courier: the custody steps and the two
 * persons are those of the courier channel. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/media-int.h"
#include "ops/media.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* created (the files), packed (copied onto the USB medium, witnessed),
 * shipped (carried to the terminal): one act at the desk, one record. */
static int
carry_steps(struct session *s, const struct pack *p, const char *usb,
    const char *witness, long long id, const char *label, char **err)
{
	struct media_event ev;
	char today[11], *detail;
	int rc;

	media_today(today);
	rc = pack_created_packed(s, p, id, label, "channel=terminal files=",
	    witness, usb, today, err);
	media_event_init(&ev, s, MSTEP_SHIPPED, today, witness);
	snprintf(ev.answer_medium, sizeof ev.answer_medium, "%s", usb);
	if (rc == 0)
		rc = media_event_add(s->v, id, &ev, err);
	if (rc == 0)
		rc = media_set_state(s->v, id, "shipped", today, err);
	detail = xasprintf("channel=terminal usb=%s files=%zu", usb, p->n);
	if (rc == 0)
		rc = ops_audit(s, witness, "media.carry", label, detail, err);
	free(detail);
	return rc;
}

struct carry {
	const struct pack *p;
	const char *usb, *witness;
	struct media_carry_result *res;
};

static int
carry_tx(struct session *s, void *arg, char **err)
{
	const struct carry *c = arg;
	long long id;
	int rc;

	rc = pack_unused(s, c->p, err);
	if (rc == 0)
		rc = media_insert(s->v, c->usb, "", &id, c->res->label, err);
	if (rc == 0)
		rc = media_set_channel(s->v, id, "terminal", err);
	if (rc == 0)
		rc = carry_steps(s, c->p, c->usb, c->witness, id, c->res->label,
		    err);
	return rc;
}

int
ops_media_carry(struct session *s, const char *dir, const char *usb,
    struct witness *witness, struct media_carry_result *res,
    char **err)
{
	static const struct ops_tx_def def = { carry_tx, NULL, NULL };
	struct carry c = { NULL, usb, NULL, res };
	struct pack p;
	int rc;

	memset(res, 0, sizeof *res);
	memset(&p, 0, sizeof p);
	if (usb == NULL || usb[0] == '\0')
		return err_set(err, _("name the USB medium the files are copied "
		    "onto (--medium, its label)"));
	if (media_text_ok(_("the USB medium's label"), usb, 0, err) < 0 ||
	    ops_witness_use(s, witness, NULL, err) < 0)
		return -1;
	rc = pack_load(s, dir, &p, err);
	if (rc == 0) {
		c.p = &p;
		c.witness = ops_witness_name(witness);
		rc = ops_tx(s, &def, &c, err);
	}
	res->nfiles = p.n;
	pack_free(&p);
	return rc;
}
