/* Answers from J-LIS: checked against the answer layout and linked to the
 * persons through the target identifiers in one pass and one transaction;
 * any problem rolls everything back. A number is accepted only when the
 * five identity items agree with the person's record (the wrong-link
 * problem); otherwise it is held for a supervisor. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "domain/jlis.h"
#include "ops/check.h"
#include "ops/jlis.h"
#include "ops/media.h"
#include "ops/numbers.h"
#include "ops/tx.h"
#include "store/persons.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The five identity items, in the order of jlis_targets' a_* columns. */
static const struct {
	const char *role;
	enum person_field pf;
} jrcv_items[5] = {
	{ "name", PF_NAME }, { "kana", PF_KANA }, { "birth", PF_BIRTH },
	{ "sex", PF_SEX }, { "address", PF_ADDRESS },
};

struct jrcv {
	struct session *s;
	struct jlis_request_row req;
	struct jlis_receive_report *rep;
	const char *file;	/* the path read */
	const char *shown;	/* its name in messages and records */
	const struct jlis_via *via;
	char *dberr;
	char insurer[INSURER_MAX + 1];	/* this vault's, as the layout writes it */
};

/* The checker names the path it read; a file taken out of a container is
 * named as the container's member instead of by its temporary path. */
static void
jrcv_err(const char *msg, void *arg)
{
	struct jrcv *r = arg;
	size_t n = strlen(r->file);

	if (r->shown != r->file && strncmp(msg, r->file, n) == 0)
		jlis_problem(&r->rep->problems, "%s%s", r->shown, msg + n);
	else
		jlis_problem(&r->rep->problems, "%s", msg);
}

/* Which items differ, comma separated, into out ("" when none). */
static void
jrcv_compare(const struct person *p, const char *const items[5], char *out,
    size_t len)
{
	size_t n = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < 5; i++)
		if (!jlis_same_item(p->f[jrcv_items[i].pf], items[i]) && n < len)
			n += (size_t)snprintf(out + n, len - n, "%s%s",
			    n > 0 ? "," : "", jrcv_items[i].role);
}

/* A found person: confirmed, or held with the reason. */
static int
jrcv_found(struct jrcv *r, int64_t serial, const struct jlis_target_row *t,
    const char *const items[5], const char *num, char **err)
{
	enum number_result res = NUMBER_OK;
	struct person p;
	char diff[64], reason[80], doc[80];
	int rc;

	char *iname = NULL, *ikana = NULL;

	if (persons_get_by_id(r->s->v, t->person, &p, err) < 0)
		return -1;
	/* What was sent is what J-LIS answers to: the inquiry name, if any. */
	if (jlis_store_inquiry_name_get(r->s->v, t->person, &iname, &ikana,
	    NULL) > 0) {
		free(p.f[PF_NAME]);
		p.f[PF_NAME] = iname;
		iname = NULL;
		if (ikana[0] != '\0') {
			free(p.f[PF_KANA]);
			p.f[PF_KANA] = ikana;
			ikana = NULL;
		}
	}
	free(iname);
	free(ikana);
	jrcv_compare(&p, items, diff, sizeof diff);
	person_clear(&p);
	snprintf(doc, sizeof doc, "jlis:%s", r->rep->request);
	if (diff[0] == '\0' && ops_number_store_jlis(r->s, t->person, num,
	    r->req.created, doc, &res, err) < 0)
		return -1;
	if (diff[0] == '\0' && res == NUMBER_OK) {
		r->rep->confirmed++;
		return jlis_store_target_answer(r->s->v, serial, "confirmed",
		    NULL, items, NULL, err);
	}
	if (diff[0] != '\0')
		snprintf(reason, sizeof reason, "differs:%s", diff);
	else
		snprintf(reason, sizeof reason, "%s", res == NUMBER_DUPLICATE ?
		    "held-by-another-person" : "differs-from-confirmed-number");
	r->rep->held++;
	rc = jlis_store_target_answer(r->s->v, serial, "held", num, items,
	    reason, err);
	return rc;
}

/* Links one answer row to its person. */
static int
jrcv_row(struct filecheck *fc, const struct csv_row *row, void *arg)
{
	struct jrcv *r = arg;
	struct jlis_target_row t;
	const char *items[5], *target = filecheck_value(fc, row, "target");
	char insurer[9], num[13], *err = NULL;
	long long serial;
	int i, found, rc = 0;

	r->rep->rows++;
	if (jlis_target_parse(target, strlen(target), insurer, &serial, &err) < 0 ||
	    strcmp(insurer, r->insurer) != 0 ||
	    (found = jlis_store_target_get(r->s->v, serial, &t, &err)) == 0 ||
	    (found > 0 && t.request != r->req.id)) {
		free(err);
		jlis_problem(&r->rep->problems, _("%s:%ld:target: unknown "
		    "identifier: not in inquiry file %s"), r->shown, row->line,
		    r->rep->request);
		return 0;
	}
	if (found < 0) {
		r->dberr = err;
		return 1;
	}
	for (i = 0; i < 5; i++)
		items[i] = filecheck_value(fc, row, jrcv_items[i].role);
	snprintf(num, sizeof num, "%s", filecheck_value(fc, row, "mynumber"));
	if (strcmp(filecheck_value(fc, row, "status"), "1") == 0) {
		rc = jrcv_found(r, serial, &t, items, num, &err);
	} else {
		r->rep->not_found++;
		r->rep->reinquiry += t.attempt == 1;
		rc = jlis_store_target_answer(r->s->v, serial, "not-found",
		    NULL, NULL, NULL, &err);
	}
	OPENSSL_cleanse(num, sizeof num);
	if (rc < 0) {
		r->dberr = err;
		return 1;
	}
	return 0;
}

/* The file's name says which inquiry it answers and for which insurer. */
static int
jrcv_which(struct jrcv *r, const struct layout *l, const char *file, char **err)
{
	const char *base = strrchr(file, '/');
	struct jlis_name name;
	int found;

	base = base != NULL ? base + 1 : file;
	if (l->file_name == NULL || !jlis_name_match(l->file_name, base, &name))
		return err_set(err, _("%s: not an answer file: the name does not "
		    "follow %s"), file, l->file_name ? l->file_name : "-");
	layout_insurer(l, vault_insurer(r->s->v), r->insurer);
	if (strcmp(name.insurer, r->insurer) != 0)
		return err_set(err, _("%s is for insurer %s; this vault is for %s: "
		    "nothing was imported"), base, name.insurer, r->insurer);
	snprintf(r->rep->request, sizeof r->rep->request, "%c%ld", name.kind,
	    name.seq);
	if ((found = jlis_store_request_find(r->s->v, name.kind, name.seq,
	    &r->req, err)) < 0)
		return -1;
	if (found == 0)
		return err_set(err, _("%s: no inquiry file %c%ld was sent from this "
		    "vault"), base, name.kind, name.seq);
	if (r->req.answered[0] != '\0')
		return err_set(err, _("%s: the answer to inquiry %c%ld was already "
		    "received on %s"), base, name.kind, name.seq, r->req.answered);
	return 0;
}

static int
jrcv_run(struct jrcv *r, const struct layout *l,
    const struct filecheck_rules *rules, const char *file, char **err)
{
	struct check_run run = { jrcv_err, r, jrcv_row, r, 0, 0, "" };
	struct jlis_receive_report *rep = r->rep;
	char *detail;
	int rc;

	if (jrcv_which(r, l, file, err) < 0)
		return -1;
	if (ops_check_file(l, rules, file, &run, err) < 0)
		return -1;
	snprintf(rep->sha256, sizeof rep->sha256, "%s", run.sha256);
	if (r->dberr != NULL) {
		free(*err);
		*err = r->dberr;
		r->dberr = NULL;
		return -1;
	}
	if (rep->problems.total > 0)
		return err_set(err, ngettext("%lld problem: nothing was imported",
		    "%lld problems: nothing was imported",
		    (unsigned long)rep->problems.total), rep->problems.total);
	if (run.rows != r->req.rows)
		return err_set(err, ngettext("the answer has %lld line, but "
		    "inquiry %s had %lld: is the file cut short? Nothing was "
		    "imported", "the answer has %lld lines, but inquiry %s had "
		    "%lld: is the file cut short? Nothing was imported",
		    (unsigned long)run.rows), run.rows,
		    rep->request, r->req.rows);
	rc = jlis_store_request_answered(r->s->v, r->req.id, r->shown,
	    rep->sha256, r->s->user, err);
	detail = xasprintf("file=%s sha256=%s request=%s medium=%s rows=%lld "
	    "confirmed=%lld held=%lld not-found=%lld reinquiry=%lld", r->shown,
	    rep->sha256, rep->request, r->via->medium, rep->rows, rep->confirmed,
	    rep->held, rep->not_found, rep->reinquiry);
	if (rc == 0)
		rc = ops_audit(r->s, ops_witness_name(r->via->witness),
		    "jlis.receive",
		    rep->request, detail, err);
	free(detail);
	return rc;
}

/* In the open transaction: one answer file, its own report. */
static int
jrcv_one(struct session *s, const struct layout *l,
    const struct filecheck_rules *rules, const struct jlis_answer_in *in,
    const struct jlis_via *via, struct jlis_receive_report *rep, char **err)
{
	struct jrcv r;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&r, 0, sizeof r);
	r.s = s;
	r.rep = rep;
	r.file = in->path;
	r.shown = in->shown != NULL ? in->shown : in->path;
	r.via = via;
	rc = jrcv_run(&r, l, rules, in->path, err);
	free(r.dberr);
	return rc;
}

/* The custody step of the medium the answer came on, with the counts of
 * all files (never a number); refused unless the file as it arrived is the
 * one its receipt recorded. */
static int
jrcv_medium(struct session *s, const struct jlis_via *via, const char *sha,
    const struct jlis_answer_in *in, size_t n,
    const struct jlis_receive_report *reps, char **err)
{
	struct media_arrival arrived = { NULL, 0,
	    ops_witness_name(via->witness) };
	long long c = 0, h = 0, nf = 0;
	const char **paths = xcalloc(n, sizeof *paths);
	const char **shas = xcalloc(n, sizeof *shas);
	char summary[128];
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		shas[i] = reps[i].sha256;
		paths[i] = in[i].path;
		c += reps[i].confirmed;
		h += reps[i].held;
		nf += reps[i].not_found;
	}
	snprintf(summary, sizeof summary, "files=%zu confirmed=%lld held=%lld "
	    "not-found=%lld", n, c, h, nf);
	/* A container was recorded whole; loose CSVs one by one. */
	arrived.sha256 = sha != NULL ? &sha : shas;
	arrived.n = sha != NULL ? 1 : n;
	rc = ops_media_answer_imported_tx(s, via->medium, paths, n, summary,
	    &arrived, err);
	free(shas);
	free(paths);
	if (rc < 0) {
		char *t = xasprintf(_("medium %s: %s: nothing was imported"),
		    via->medium, *err ? *err : "");

		free(*err);
		*err = t;
	}
	return rc;
}

/* Who may import: a named person with a second one beside them, and a
 * medium to say where the answer came from. */
static int
jrcv_gate(struct session *s, const struct jlis_via *via, char **err)
{
	if (s->recovery)
		return err_set(err, _("the recovery key is nobody: log in as "
		    "yourself to import an answer"));
	if (via == NULL || via->medium == NULL || via->medium[0] == '\0')
		return err_set(err, _("an answer is imported only from the medium "
		    "it came back on: record its receipt ('media receive ID "
		    "--file FILE'), then give --medium ID"));
	if (via->witness == NULL)
		return err_set(err, _("importing an answer needs a second person: "
		    "give --checker NAME"));
	return ops_witness_use(s, via->witness, NULL, err);
}

struct jrcv_tx {
	const struct layout *l;
	const struct filecheck_rules *rules;
	const struct jlis_answer_in *in;
	size_t n;
	const struct jlis_via *via;
	const char *arrived_sha256;
	struct jlis_receive_report *reps;
};

static int
jrcv_body(struct session *s, void *arg, char **err)
{
	const struct jrcv_tx *t = arg;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < t->n; i++)
		rc = jrcv_one(s, t->l, t->rules, &t->in[i], t->via, &t->reps[i],
		    err);
	if (rc == 0)
		rc = jrcv_medium(s, t->via, t->arrived_sha256, t->in, t->n,
		    t->reps, err);
	return rc;
}

/* Nothing was saved: the counts say so too. */
static void
jrcv_discard(void *arg)
{
	const struct jrcv_tx *t = arg;
	size_t i;

	for (i = 0; i < t->n; i++)
		t->reps[i].confirmed = t->reps[i].held = t->reps[i].not_found =
		    t->reps[i].reinquiry = 0;
}

int
ops_jlis_receive_files(struct session *s, const struct jlis_answer_in *in,
    size_t n, const struct jlis_via *via, const char *arrived_sha256,
    struct jlis_receive_report *reps, char **err)
{
	static const struct ops_tx_def def = { jrcv_body, NULL, jrcv_discard };
	const struct filecheck_rules *rules = NULL;
	struct layout l;
	struct jrcv_tx t = { &l, NULL, in, n, via, arrived_sha256, reps };
	int rc;

	memset(reps, 0, n * sizeof *reps);
	if (n == 0)
		return err_set(err, _("no answer file to import"));
	if (jrcv_gate(s, via, err) < 0)
		return -1;
	if (ops_check_layout("jlis-answer", &l, &rules, err) < 0)
		return -1;
	t.rules = rules;
	rc = ops_tx(s, &def, &t, err);
	layout_free(&l);
	return rc;
}

void
jlis_receive_report_clear(struct jlis_receive_report *rep)
{
	jlis_problems_clear(&rep->problems);
	memset(rep, 0, sizeof *rep);
}
