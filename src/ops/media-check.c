/* The check an inquiry file passes before it may be packed: the name rule
 * for this vault's insurer, then the full format checker ('mynadesk check
 * --layout jlis-request') over the very bytes that will be packed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/media.h"
#include "ops/check.h"
#include "ops/media.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

/* Problems shown at most in the message (all are counted). */
#define MEDIA_CHECK_SHOWN 20

struct media_problems {
	struct xbuf list;
	long long n;
};

static void
media_check_err(const char *msg, void *arg)
{
	struct media_problems *p = arg;

	if (p->n++ < MEDIA_CHECK_SHOWN)
		xbuf_printf(&p->list, "\n  %s", msg);
}

static int
media_check_format(const char *name, const void *data, size_t len,
    char **err)
{
	const struct filecheck_rules *rules = NULL;
	struct media_problems p;
	struct filecheck *fc;
	struct layout l;

	if (ops_check_layout("jlis-request", &l, &rules, err) < 0)
		return -1;
	memset(&p, 0, sizeof p);
	if ((fc = filecheck_new(&l, rules, name, media_check_err, &p,
	    err)) == NULL) {
		layout_free(&l);
		xbuf_free(&p.list);
		return -1;
	}
	filecheck_feed(fc, data, len);
	filecheck_finish(fc);
	filecheck_free(fc);
	layout_free(&l);
	if (p.n > 0) {
		if (p.n > MEDIA_CHECK_SHOWN)
			xbuf_printf(&p.list, _("\n  ... and %lld more"),
			    p.n - MEDIA_CHECK_SHOWN);
		err_set(err, ngettext("%s does not pass the format check (%lld "
		    "problem): nothing was packed%s", "%s does not pass the format "
		    "check (%lld problems): nothing was packed%s",
		    (unsigned long)p.n), name, p.n,
		    p.list.data ? p.list.data : "");
	}
	xbuf_free(&p.list);
	return p.n > 0 ? -1 : 0;
}

int
ops_media_check_file(struct session *s, const char *name, const void *data,
    size_t len, char **err)
{
	const struct filecheck_rules *rules = NULL;
	struct layout l;
	char kind, insurer[INSURER_MAX + 1];

	/* The name carries the insurer number as the layout writes it. */
	if (ops_check_layout("jlis-request", &l, &rules, err) < 0)
		return -1;
	layout_insurer(&l, vault_insurer(s->v), insurer);
	layout_free(&l);
	if (media_name_check(name, insurer, &kind, err) < 0)
		return -1;
	if (len == 0)
		return err_set(err, _("%s: the file is empty"), name);
	return media_check_format(name, data, len, err);
}
