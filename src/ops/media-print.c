/* Printable records of custody: the hand-over slip (授受票) of a medium's
 * transfers and the disposal register (廃棄簿), as text to print and sign,
 * or as CSV (UTF-8, RFC 4180) for the office's own files. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/csvout.h"
#include "ops/media.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

/* A growing text. */
struct mbuf {
	char *s;
	size_t len;
};

static void mb_add(struct mbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
mb_add(struct mbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *t;
	size_t n;

	va_start(ap, fmt);
	t = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(t);
	b->s = xrealloc(b->s, b->len + n + 1);
	memcpy(b->s + b->len, t, n + 1);
	b->len += n;
	free(t);
}

/* One CSV record, written as every spreadsheet CSV of ours is (quoting,
 * and cells that would run as formulas guarded). */
static void
mb_csv_row(struct mbuf *b, const char *const *v, size_t n)
{
	struct xbuf x = { NULL, 0, 0 };

	csvout_row(&x, v, n);
	xbuf_add(&x, "", 1);
	mb_add(b, "%s", x.data);
	xbuf_free(&x);
}

/* "name:sha256;name:sha256" */
static char *
media_files_text(const struct media_step_view *sv)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; sv != NULL && i < sv->nfiles; i++) {
		t = xasprintf("%s%s%s:%s", s, i ? ";" : "", sv->files[i].name,
		    sv->files[i].sha256);
		free(s);
		s = t;
	}
	return s;
}

static int
media_is_transfer(const struct media_event *ev)
{
	return strcmp(ev->step, "shipped") == 0 || strcmp(ev->step, "received") == 0;
}

static void
slip_text_head(struct mbuf *b, const struct media_view *v, const char *assoc)
{
	const struct media_step_view *c = media_view_step(v, "created"),
	    *p = media_view_step(v, "packed");
	size_t i;

	/* L10N: title of the hand-over slip (授受票). */
	mb_add(b, "%s\n\n", _("HAND-OVER SLIP"));
	mb_add(b, "%-16s %s\n", _("Association"), assoc);
	mb_add(b, "%-16s %s\n", _("Medium"), v->m.label);
	mb_add(b, "%-16s %s\n", _("Container"), v->m.container);
	mb_add(b, "%-16s %s\n", "SHA-256", v->m.sha256);
	for (i = 0; c != NULL && i < c->nfiles; i++)
		mb_add(b, "%-16s %s  %lld bytes  SHA-256 %s\n", i ? "" : _("Contents"),
		    c->files[i].name, c->files[i].bytes, c->files[i].sha256);
	if (p != NULL)
		mb_add(b, "%-16s %s  %s / %s %s\n", _("Packed"), p->ev.date,
		    p->ev.actor, _("witness"), p->ev.witness);
}

static void
slip_text_transfer(struct mbuf *b, const struct media_step_view *sv, int n)
{
	const struct media_event *ev = &sv->ev;
	size_t i;

	mb_add(b, "\n%s %d: %s %s\n", _("Transfer"), n,
	    media_step_label((enum media_step)media_step_parse(ev->step)), ev->date);
	if (strcmp(ev->step, "shipped") == 0) {
		mb_add(b, "  %-18s %s\n", _("handed over by"), ev->actor);
		mb_add(b, "  %-18s %s\n", _("courier"), ev->courier);
		mb_add(b, "  %-18s %s\n", _("tracking number"), ev->tracking);
		mb_add(b, "  %-18s %s\n", _("case or seal"), ev->seal);
		mb_add(b, "  %-18s %s\n", _("sending notice"), ev->notice_date);
	} else {
		mb_add(b, "  %-18s %s / %s %s\n", _("received by"), ev->actor,
		    _("witness"), ev->witness);
		mb_add(b, "  %-18s %s\n", _("answer medium"), ev->answer_medium);
		for (i = 0; i < sv->nfiles; i++)
			mb_add(b, "  %-18s %s  SHA-256 %s\n", i ? "" : _("answer file"),
			    sv->files[i].name, sv->files[i].sha256);
	}
	mb_add(b, "\n  %s ________________    %s ________________\n",
	    _("handed over (sign)"), _("received (sign)"));
}

static char *
slip_text(const struct media_view *v, const char *assoc)
{
	struct mbuf b = { NULL, 0 };
	size_t i;
	int n = 0;

	slip_text_head(&b, v, assoc);
	for (i = 0; i < v->nsteps; i++)
		if (media_is_transfer(&v->steps[i].ev))
			slip_text_transfer(&b, &v->steps[i], ++n);
	if (n == 0)
		mb_add(&b, "\n%s\n", _("No transfer has been recorded for this medium "
		    "yet."));
	return b.s;
}

static char *
slip_csv(const struct media_view *v, const char *assoc)
{
	static const char *const head[] = { "association", "medium", "transfer",
		"date", "person", "witness", "courier", "tracking", "seal",
		"notice_date", "answer_medium", "container_sha256", "files" };
	struct mbuf b = { NULL, 0 };
	const struct media_step_view *c = media_view_step(v, "created");
	char *inq = media_files_text(c), *files;
	size_t i;

	mb_csv_row(&b, head, sizeof head / sizeof *head);
	for (i = 0; i < v->nsteps; i++) {
		const struct media_event *ev = &v->steps[i].ev;

		if (!media_is_transfer(ev))
			continue;
		files = strcmp(ev->step, "shipped") == 0 ? xstrdup(inq) :
		    media_files_text(&v->steps[i]);
		{
			const char *row[] = { assoc, v->m.label, ev->step, ev->date,
				ev->actor, ev->witness, ev->courier, ev->tracking,
				ev->seal, ev->notice_date, ev->answer_medium,
				v->m.sha256, files };

			mb_csv_row(&b, row, sizeof row / sizeof *row);
		}
		free(files);
	}
	free(inq);
	return b.s;
}

char *
media_slip(const struct media_view *v, const char *association,
    enum media_format fmt)
{
	return fmt == MEDIA_CSV ? slip_csv(v, association) :
	    slip_text(v, association);
}

struct register_ctx {
	struct mbuf b;
	enum media_format fmt;
	int n;
};

static int
register_row(const struct media_view *v, void *arg)
{
	struct register_ctx *r = arg;
	const struct media_step_view *d = media_view_step(v, "disposed");
	char *files = media_files_text(media_view_step(v, "created"));

	if (d == NULL) {
		free(files);
		return 0;
	}
	r->n++;
	if (r->fmt == MEDIA_CSV) {
		const char *row[] = { d->ev.date, v->m.label, d->ev.method,
			d->ev.actor, d->ev.witness, v->m.sha256, files,
			d->ev.recorded };

		mb_csv_row(&r->b, row, sizeof row / sizeof *row);
	} else {
		mb_add(&r->b, "%-10s  %-6s  %s\n", d->ev.date, v->m.label,
		    d->ev.method);
		mb_add(&r->b, "            %s %s / %s %s\n", _("by"), d->ev.actor,
		    _("witness"), d->ev.witness);
		mb_add(&r->b, "            %s %s\n", _("contents"), files);
		mb_add(&r->b, "            SHA-256 %s\n", v->m.sha256);
	}
	free(files);
	return 0;
}

char *
media_register(struct session *s, enum media_format fmt, char **err)
{
	static const char *const head[] = { "date", "medium", "method", "person",
		"witness", "container_sha256", "contents", "recorded" };
	struct register_ctx r = { { NULL, 0 }, fmt, 0 };

	if (fmt == MEDIA_CSV)
		mb_csv_row(&r.b, head, sizeof head / sizeof *head);
	else {
		/* L10N: title of the disposal register (廃棄簿). */
		mb_add(&r.b, "%s\n\n", _("DISPOSAL REGISTER"));
		mb_add(&r.b, "%-16s %s (%s)\n\n", _("Association"), s->vault_name,
		    vault_insurer(s->v));
	}
	if (ops_media_disposed(s, register_row, &r, err) < 0) {
		free(r.b.s);
		return NULL;
	}
	if (fmt == MEDIA_TEXT && r.n == 0)
		mb_add(&r.b, "%s\n", _("No medium has been disposed of yet."));
	return r.b.s;
}
