/* A medium's custody steps after packing: shipped, answer received, answer
 * imported, disposed of. Each is one audited transaction, in order. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "domain/dates.h"
#include "domain/redact.h"
#include "ops/media.h"
#include "ops/media-int.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

void
media_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
media_sha256_file(const char *path, char hex[65], long long *bytes, char **err)
{
	unsigned char buf[65536], digest[32];
	EVP_MD_CTX *md;
	FILE *f;
	size_t n;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	*bytes = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		EVP_DigestUpdate(md, buf, n);
		*bytes += (long long)n;
	}
	if (ferror(f))
		rc = err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	EVP_DigestFinal_ex(md, digest, NULL);
	EVP_MD_CTX_free(md);
	fclose(f);
	hex_encode(digest, 32, hex);
	return rc;
}

/* Free text for a step: short, one line, and never a 12-digit run that
 * could be an individual number (the tracking number is exempt: couriers'
 * are 12 digits). */
int
media_text_ok(const char *what, const char *v, int digits_ok, char **err)
{
	char *masked;
	size_t i;
	int same;

	if (v == NULL)
		return 0;
	if (strlen(v) > MEDIA_TEXT_MAX)
		return err_set(err, _("%s is longer than %d bytes"), what,
		    MEDIA_TEXT_MAX);
	for (i = 0; v[i] != '\0'; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return err_set(err, _("%s contains a control character"), what);
	if (digits_ok)
		return 0;
	masked = redact_numbers(v);
	same = strcmp(masked, v) == 0;
	free(masked);
	return same ? 0 : err_set(err, _("%s contains a run of 12 digits: no "
	    "individual numbers here"), what);
}

struct media_last {
	enum media_step step;
	char date[11];
};

static int
media_last_fn(const struct media_event *ev, void *arg)
{
	struct media_last *l = arg;
	int s = media_step_parse(ev->step);

	if (s >= 0)
		l->step = (enum media_step)s;
	snprintf(l->date, sizeof l->date, "%s", ev->date);
	return 0;
}

/* Finds the medium and checks that step may come next on date (given, or
 * today): a real day, not in the future, not before the last step. */
int
media_begin_step(struct session *s, const char *id, enum media_step step,
    const char *date, struct media_row *m, char out_date[11], char **err)
{
	struct media_last last = { MSTEP_CREATED, "" };
	char today[11];
	int found;

	media_today(today);
	if (date != NULL && date_check(date, err) < 0)
		return -1;
	snprintf(out_date, 11, "%s", date ? date : today);
	if (strcmp(out_date, today) > 0)
		return err_set(err, _("%s is in the future"), out_date);
	found = media_find(s->v, id, m, err);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no medium '%s': see 'media "
		    "list'"), id ? id : "");
	if (media_events(s->v, m->id, media_last_fn, &last, err) < 0 ||
	    media_step_allowed(last.step, step, err) < 0)
		return -1;
	if (strcmp(out_date, last.date) < 0)
		return err_set(err, _("%s is before the medium's last step (%s, %s)"),
		    out_date, media_step_label(last.step), last.date);
	return 0;
}

void
media_event_init(struct media_event *ev, struct session *s, enum media_step st,
    const char *date, const char *witness)
{
	memset(ev, 0, sizeof *ev);
	snprintf(ev->step, sizeof ev->step, "%s", media_step_name(st));
	snprintf(ev->date, sizeof ev->date, "%s", date);
	snprintf(ev->actor, sizeof ev->actor, "%s", s->user);
	snprintf(ev->witness, sizeof ev->witness, "%s", witness ? witness : "");
}

static void
media_put(char *dst, size_t n, const char *v)
{
	/* The precision says a longer value is cut on purpose. */
	snprintf(dst, n, "%.*s", (int)(n - 1), v ? v : "");
}

/* Writes the step, moves the state and audits, in the open transaction. */
static int
media_finish(struct session *s, const struct media_row *m,
    struct media_event *ev, const struct media_file *file, size_t nfiles,
    const char *action, const struct audit_field *d, size_t nd, char **err)
{
	size_t i;
	int rc;

	rc = media_event_add(s->v, m->id, ev, err);
	for (i = 0; rc == 0 && i < nfiles; i++)
		rc = media_file_add(s->v, ev->id, &file[i], err);
	if (rc == 0)
		rc = media_set_state(s->v, m->id, ev->step,
		    strcmp(ev->step, "shipped") == 0 ? ev->date : NULL, err);
	if (rc == 0)
		rc = ops_audit_fields(s, ev->witness, action, m->label, d, nd, err);
	return rc;
}

/* What one media step names; each body reads its part. */
struct media_action {
	const char *id;
	const struct media_step_in *in;
	const char *witness;
	const struct media_file *f;	/* receive: the answer's files */
	size_t nf;
	const char *files_detail;
	const char *const *files;	/* import */
	const char *summary;
	char **password;		/* password: what is shown */
};

/* Typed, so the tracking number is kept whole in the log (the parcel must
 * be traceable from it) while the courier and the seal, typed by a clerk,
 * are masked like any free text. */
static int
media_ship_finish(struct session *s, const struct media_row *m,
    struct media_event *ev, const struct media_step_in *in, char **err)
{
	const struct audit_field d[] = {
		{ "date", AUDIT_COUNT, ev->date },
		{ "courier", AUDIT_NAME, in->courier },
		{ "tracking", AUDIT_TRACKING, in->tracking },
		{ "seal", AUDIT_TEXT, in->seal },
		{ "notice", AUDIT_COUNT, in->notice_date },
		{ "container_sha256", AUDIT_HASH, m->sha256 },
	};

	return media_finish(s, m, ev, NULL, 0, "media.ship", d,
	    sizeof d / sizeof d[0], err);
}

static int
media_ship_tx(struct session *s, void *arg, char **err)
{
	const struct media_action *a = arg;
	const struct media_step_in *in = a->in;
	struct media_event ev;
	struct media_row m;
	char date[11];

	if (media_begin_step(s, a->id, MSTEP_SHIPPED, in->date, &m, date, err) < 0)
		return -1;
	media_event_init(&ev, s, MSTEP_SHIPPED, date, NULL);
	media_put(ev.courier, sizeof ev.courier, in->courier);
	media_put(ev.tracking, sizeof ev.tracking, in->tracking);
	media_put(ev.seal, sizeof ev.seal, in->seal);
	media_put(ev.notice_date, sizeof ev.notice_date, in->notice_date);
	return media_ship_finish(s, &m, &ev, in, err);
}

int
ops_media_ship(struct session *s, const char *id,
    const struct media_step_in *in, char **err)
{
	static const struct ops_tx_def def = { media_ship_tx, NULL, NULL };
	struct media_action a = { .id = id, .in = in };

	if (in->courier == NULL || in->courier[0] == '\0' || in->tracking == NULL ||
	    in->tracking[0] == '\0' || in->seal == NULL || in->seal[0] == '\0')
		return err_set(err, _("shipping needs the courier, the tracking "
		    "number and the case or seal number"));
	if (in->notice_date == NULL)
		return err_set(err, _("shipping needs the date the sending notice was "
		    "made (--notice-date)"));
	if (media_text_ok(_("the courier"), in->courier, 0, err) < 0 ||
	    media_text_ok(_("the tracking number"), in->tracking, 1, err) < 0 ||
	    media_text_ok(_("the seal number"), in->seal, 0, err) < 0 ||
	    date_check(in->notice_date, err) < 0)
		return -1;
	return ops_tx(s, &def, &a, err);
}

/* The courier's answer comes on J-LIS's own medium, named by its id; the
 * terminal's on the USB medium that went out, and only its answer file
 * can show which file came back. */
static int
media_receipt_ok(const struct media_row *m, const struct media_step_in *in,
    char **err)
{
	if (strcmp(m->channel, "terminal") == 0)
		return in->file != NULL ? 0 : err_set(err, _("name the answer file "
		    "brought back from the terminal (--file): its SHA-256 is "
		    "what the import checks"));
	if (in->answer_medium == NULL || in->answer_medium[0] == '\0')
		return err_set(err, _("receipt needs the answer medium's id "
		    "(--medium)"));
	return 0;
}

/* The answer as brought back: one file, or every *.csv of a folder (the N
 * and G answers of one terminal run), each hashed; the detail lists them. */
static int
media_answer_files(const char *path, struct media_file **f, size_t *n,
    char **detail, char **err)
{
	struct pack p = { NULL, 0 };
	struct stat sb;
	char *full, *t;
	const char *base;
	size_t i;
	int rc = 0;

	*f = NULL;
	*n = 0;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (pack_list(path, &p, err) < 0)
			return -1;
	} else {
		base = strrchr(path, '/');
		p.f = xcalloc(1, sizeof *p.f);
		p.f[0].name = xstrdup(base ? base + 1 : path);
		p.n = 1;
	}
	*f = xcalloc(p.n, sizeof **f);
	for (i = 0; rc == 0 && i < p.n; i++) {
		full = S_ISDIR(sb.st_mode) ? xasprintf("%s/%s", path, p.f[i].name) :
		    xstrdup(path);
		rc = media_sha256_file(full, (*f)[i].sha256, &(*f)[i].bytes, err);
		free(full);
		media_put((*f)[i].name, sizeof (*f)[i].name, p.f[i].name);
		t = xasprintf("%s file=%s sha256=%s", *detail, (*f)[i].name,
		    (*f)[i].sha256);
		free(*detail);
		*detail = t;
	}
	*n = p.n;
	pack_free(&p);
	return rc;
}

static int
media_receive_tx(struct session *s, void *arg, char **err)
{
	const struct media_action *a = arg;
	const struct media_step_in *in = a->in;
	struct audit_field d = { NULL, AUDIT_TEXT, NULL };
	struct media_event ev;
	struct media_row m;
	char date[11], *t;
	int rc;

	if (media_begin_step(s, a->id, MSTEP_RECEIVED, in->date, &m, date,
	    err) < 0 || media_receipt_ok(&m, in, err) < 0)
		return -1;
	media_event_init(&ev, s, MSTEP_RECEIVED, date, a->witness);
	/* A terminal medium comes back itself: its label is the answer's. */
	media_put(ev.answer_medium, sizeof ev.answer_medium,
	    in->answer_medium ? in->answer_medium : m.container);
	t = xasprintf("date=%s channel=%s answer_medium=%s%s", date,
	    m.channel, ev.answer_medium, a->nf ? a->files_detail : " file=-");
	d.value = t;
	rc = media_finish(s, &m, &ev, a->f, a->nf, "media.receive", &d, 1, err);
	free(t);
	return rc;
}

int
ops_media_receive(struct session *s, const char *id,
    const struct media_step_in *in, struct witness *witness, char **err)
{
	static const struct ops_tx_def def = { media_receive_tx, NULL, NULL };
	struct media_action a = { .id = id, .in = in };
	struct media_file *f = NULL;
	char *detail = xstrdup("");
	size_t nf = 0;
	int rc;

	if (in->answer_medium != NULL && media_text_ok(_("the answer medium's "
	    "id"), in->answer_medium, 0, err) < 0)
		rc = -1;
	else
		rc = in->file != NULL ? media_answer_files(in->file, &f, &nf,
		    &detail, err) : 0;
	if (rc == 0)
		rc = ops_witness_use(s, witness, NULL, err);
	if (rc == 0) {
		a.witness = ops_witness_name(witness);
		a.f = f;
		a.nf = nf;
		a.files_detail = detail;
		rc = ops_tx(s, &def, &a, err);
	}
	free(detail);
	free(f);
	return rc;
}

static int
media_dispose_finish(struct session *s, const struct media_row *m,
    struct media_event *ev, const char *method, char **err)
{
	const struct audit_field d[] = {
		{ "date", AUDIT_COUNT, ev->date },
		{ "method", AUDIT_TEXT, method },
		{ "container_sha256", AUDIT_HASH, m->sha256 },
		{ "password", AUDIT_TEXT, "erased" },
	};

	return media_finish(s, m, ev, NULL, 0, "media.dispose", d,
	    sizeof d / sizeof d[0], err);
}

static int
media_dispose_tx(struct session *s, void *arg, char **err)
{
	const struct media_action *a = arg;
	struct media_event ev;
	struct media_row m;
	char date[11];

	if (media_begin_step(s, a->id, MSTEP_DISPOSED, a->in->date, &m, date,
	    err) < 0 || media_secret_drop(s->v, m.id, err) < 0)
		return -1;
	media_event_init(&ev, s, MSTEP_DISPOSED, date, a->witness);
	media_put(ev.method, sizeof ev.method, a->in->method);
	return media_dispose_finish(s, &m, &ev, a->in->method, err);
}

int
ops_media_dispose(struct session *s, const char *id,
    const struct media_step_in *in, struct witness *witness, char **err)
{
	static const struct ops_tx_def def = { media_dispose_tx, NULL, NULL };
	struct media_action a = { .id = id, .in = in };

	if (in->method == NULL || in->method[0] == '\0')
		return err_set(err, _("disposal needs the method (--method), e.g. "
		    "shredded or degaussed"));
	if (media_text_ok(_("the method"), in->method, 0, err) < 0 ||
	    ops_witness_use(s, witness, NULL, err) < 0)
		return -1;
	a.witness = ops_witness_name(witness);
	return ops_tx(s, &def, &a, err);
}

/* Hashes every imported file, then writes the step; the caller's
 * transaction is open. */
/* The file as it arrived must be one the person who brought it recorded
 * at the receipt, in front of a witness: an answer edited at a desk, or
 * one that came by no medium at all, links nothing. */
static int
media_arrived_ok(struct session *s, const struct media_row *m,
    const struct media_arrival *a, char **err)
{
	size_t i;
	int found = 1;

	for (i = 0; found == 1 && i < a->n; i++)
		found = media_step_has_file(s->v, m->id, "received",
		    a->sha256[i], err);
	if (found < 0)
		return -1;
	return found ? 0 : err_set(err, _("the answer's SHA-256 (%.16s...) is "
	    "not one recorded when %s's answer was brought back ('media receive "
	    "%s --file'): import the file exactly as it came"), a->sha256[i - 1],
	    m->label, m->label);
}

int
ops_media_answer_imported_tx(struct session *s, const char *id,
    const char *const *files, size_t nfiles, const char *summary,
    const struct media_arrival *arrived, char **err)
{
	struct media_event ev;
	struct media_file *f;
	struct media_row m;
	char date[11], *detail, *t;
	const char *base;
	size_t i;
	int rc = 0;

	if (nfiles == 0)
		return err_set(err, _("name the imported answer file (--file)"));
	if (media_text_ok(_("the summary"), summary, 0, err) < 0 ||
	    media_begin_step(s, id, MSTEP_IMPORTED, NULL, &m, date, err) < 0)
		return -1;
	if (arrived != NULL && media_arrived_ok(s, &m, arrived, err) < 0)
		return -1;
	f = xcalloc(nfiles, sizeof *f);
	detail = xasprintf("date=%s summary=%s", date, summary ? summary : "-");
	for (i = 0; rc == 0 && i < nfiles; i++) {
		rc = media_sha256_file(files[i], f[i].sha256, &f[i].bytes, err);
		base = strrchr(files[i], '/');
		media_put(f[i].name, sizeof f[i].name, base ? base + 1 : files[i]);
		t = xasprintf("%s file=%s sha256=%s", detail, f[i].name, f[i].sha256);
		free(detail);
		detail = t;
	}
	media_event_init(&ev, s, MSTEP_IMPORTED, date, arrived ?
	    arrived->witness : NULL);
	media_put(ev.summary, sizeof ev.summary, summary);
	if (rc == 0)
		rc = media_event_add(s->v, m.id, &ev, err);
	for (i = 0; rc == 0 && i < nfiles; i++)
		rc = media_file_add(s->v, ev.id, &f[i], err);
	if (rc == 0)
		rc = media_set_state(s->v, m.id, ev.step, NULL, err);
	if (rc == 0)
		rc = ops_audit(s, arrived ? arrived->witness : "", "media.import",
		    m.label, detail, err);
	free(detail);
	free(f);
	return rc;
}

static int
media_imported_tx(struct session *s, void *arg, char **err)
{
	const struct media_action *a = arg;

	return ops_media_answer_imported_tx(s, a->id, a->files, a->nf,
	    a->summary, NULL, err);
}

int
ops_media_answer_imported(struct session *s, const char *id,
    const char *const *files, size_t nfiles, const char *summary, char **err)
{
	static const struct ops_tx_def def = { media_imported_tx, NULL, NULL };
	struct media_action a = { .id = id, .files = files, .nf = nfiles,
	    .summary = summary };

	return ops_tx(s, &def, &a, err);
}

static int
media_password_tx(struct session *s, void *arg, char **err)
{
	const struct media_action *a = arg;
	struct media_row m;
	int found;

	found = media_find(s->v, a->id, &m, err);
	if (found < 0)
		return -1;
	if (found == 0)
		return err_set(err, _("no medium '%s': see 'media list'"),
		    a->id ? a->id : "");
	if ((*a->password = media_secret_get(s->v, m.id)) == NULL)
		return err_set(err, _("the password of %s is no longer kept: the "
		    "medium was disposed of"), m.label);
	return ops_audit(s, a->witness, "media.password", m.label, "shown=yes",
	    err);
}

int
ops_media_password(struct session *s, const char *id,
    struct witness *witness, char **password, char **err)
{
	static const struct ops_tx_def def = { media_password_tx, NULL, NULL };
	struct media_action a = { .id = id, .password = password };

	*password = NULL;
	if (ops_witness_use(s, witness, NULL, err) < 0)
		return -1;
	a.witness = ops_witness_name(witness);
	/* Shown only once its audit record is saved. */
	if (ops_tx(s, &def, &a, err) < 0) {
		secret_free_str(*password);
		*password = NULL;
		return -1;
	}
	return 0;
}
