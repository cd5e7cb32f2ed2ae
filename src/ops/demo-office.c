/* The demo's office beyond persons and numbers: J-LIS inquiries on media in
 * every step of their life, answers imported (some held for the
 * supervisor, some not found and asked again), a registration file sent
 * with its result, and evidence files. Everything goes through the same
 * audited operations a clerk uses; the caller runs the simulators that
 * play J-LIS and the intermediate server between the steps. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/crypto.h>

#include "ops/demo.h"
#include "ops/evidence.h"
#include "ops/jlis.h"
#include "ops/media.h"
#include "ops/registration.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

/* Persons without a number (every 7th line of the numbers file, see
 * demo_numbers) are split into DEMO_GROUPS inquiries, one a medium. */
#define DEMO_GROUPS 5

int
ops_demo_office_open(const char *dir, const struct demo_info *d,
    struct demo_office *p, char **err)
{
	memset(p, 0, sizeof *p);
	if (ops_login(dir, d->user[0], d->password[0], &p->a, err) != 0)
		return -1;
	p->wname = d->user[1];
	p->wpassword = d->password[1];
	return 0;
}

/* The second demo user logs in beside the next step: a fresh handle, as
 * each handle serves one action. NULL (err set) when refused. */
static struct witness *
demo_witness(struct demo_office *p, char **err)
{
	char *pw = secret_strdup(p->wpassword);

	ops_witness_free(p->w);
	if (ops_witness_check(p->a, p->wname, pw, &p->w, err) < 0)
		p->w = NULL;
	secret_free_str(pw);
	return p->w;
}

void
ops_demo_office_close(struct demo_office *p)
{
	ops_witness_free(p->w);
	if (p->a != NULL)
		ops_logout(p->a);
	memset(p, 0, sizeof *p);
}

/* work/inq-G/persons: the keys of group g, one a line. */
static int
demo_group_lists(const char *work, const char *numbers, char **err)
{
	FILE *in = fopen(numbers, "r"), *out[DEMO_GROUPS] = { NULL };
	char line[128];
	long i = 0;
	int g, rc = 0;

	if (in == NULL)
		return err_set(err, _("cannot read %s"), numbers);
	for (g = 0; g < DEMO_GROUPS && rc == 0; g++) {
		char *sub = xasprintf("%s/inq-%d", work, g + 1);
		char *list = xasprintf("%s/persons", sub);

		if ((mkdir(sub, 0700) < 0 && errno != EEXIST) ||
		    (out[g] = fopen(list, "w")) == NULL)
			rc = err_set(err, _("cannot write %s: %s"), list, strerror(errno));
		free(list);
		free(sub);
	}
	while (rc == 0 && fgets(line, sizeof line, in) != NULL) {
		if (++i % 7 != 0)
			continue;
		line[strcspn(line, ",")] = '\0';
		fprintf(out[(i / 7) % DEMO_GROUPS], "%s\n", line);
	}
	fclose(in);
	for (g = 0; g < DEMO_GROUPS; g++)
		if (out[g] != NULL && fclose(out[g]) != 0)
			rc = -1;
	return rc;
}

/* One inquiry of group g into work/inq-G (the persons list stays beside
 * the files but is not a .csv, so it is never packed). */
static int
demo_request(struct session *a, const char *work, int g, char **err)
{
	struct jlis_request_report rep;
	char *sub = xasprintf("%s/inq-%d", work, g), *list;
	int rc;

	list = xasprintf("%s/persons", sub);
	memset(&rep, 0, sizeof rep);
	rc = ops_jlis_request(a, sub, list, &rep, err);
	jlis_request_report_clear(&rep);
	free(list);
	free(sub);
	return rc;
}

/* The local day n days ago, as media_today gives today. */
static void
demo_days_ago(int n, char out[11])
{
	time_t then = time(NULL) - (time_t)n * 86400;
	struct tm tm;

	localtime_r(&then, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A courier medium of group g, taken as far as step last: packed, shipped
 * (in transit), answer received, or disposed of without being shipped.
 * The one left in transit was packed and shipped weeks ago, past the
 * answer deadline, so home's overdue figure and the media list show one. */
static int
demo_courier(struct demo_office *p, const char *work, int g,
    enum media_step last, char **err)
{
	struct media_pack_result res;
	struct media_step_in in;
	char *sub = xasprintf("%s/inq-%d", work, g);
	char *zip = xasprintf("%s/M-%d.zip", work, g);
	char tracking[16], seal[16], today[11];
	int rc;

	memset(&in, 0, sizeof in);
	memset(&res, 0, sizeof res);
	if (last == MSTEP_SHIPPED)
		demo_days_ago((int)ops_media_overdue_limit(p->a) + 12, today);
	else
		media_today(today);
	rc = ops_media_pack_on(p->a, sub, zip, demo_witness(p, err), today, &res,
	    err);
	OPENSSL_cleanse(res.password, sizeof res.password);
	free(zip);
	free(sub);
	if (rc < 0 || last == MSTEP_PACKED)
		return rc;
	if (last == MSTEP_DISPOSED) {
		in.method = "shredded";
		return ops_media_dispose(p->a, res.label, &in, demo_witness(p,
		    err), err);
	}
	/* Shipped the day it was packed (today, but for the overdue one). */
	in.date = today;
	/* Couriers' tracking numbers are 12 digits: kept whole. */
	snprintf(tracking, sizeof tracking, "4471229011%02u",
	    (unsigned)g % 100u);
	snprintf(seal, sizeof seal, "A-%04d", 40 + g);
	in.courier = "セキュリティ便";
	in.tracking = tracking;
	in.seal = seal;
	in.notice_date = today;
	rc = ops_media_ship(p->a, res.label, &in, err);
	if (rc == 0 && last == MSTEP_RECEIVED) {
		memset(&in, 0, sizeof in);
		in.answer_medium = "JLIS-A-0001";
		rc = ops_media_receive(p->a, res.label, &in, demo_witness(p,
		    err), err);
	}
	return rc;
}

int
ops_demo_media_out(struct demo_office *p, const char *work,
    const char *numbers, char **err)
{
	static const enum media_step courier[] = { MSTEP_SHIPPED, MSTEP_RECEIVED,
		MSTEP_PACKED, MSTEP_DISPOSED };
	struct media_carry_result cr;
	char *terminal;
	int g, rc;

	if (demo_group_lists(work, numbers, err) < 0)
		return -1;
	rc = 0;
	for (g = 1; rc == 0 && g <= DEMO_GROUPS; g++)
		rc = demo_request(p->a, work, g, err);
	/* Group 1 goes by the dedicated terminal (M0001); the others by
	 * courier, one medium in each later step (M0002-M0005). */
	terminal = xasprintf("%s/inq-1", work);
	if (rc == 0)
		rc = ops_media_carry(p->a, terminal, "USB-01", demo_witness(p,
		    err), &cr, err);
	free(terminal);
	for (g = 2; rc == 0 && g <= DEMO_GROUPS; g++)
		rc = demo_courier(p, work, g, courier[g - 2], err);
	return rc;
}

/* The *.csv files of folder, sorted (allocated paths; *n of them). */
static char **
demo_csv_files(const char *folder, size_t *n)
{
	struct dirent **ents;
	char **out;
	int i, k = scandir(folder, &ents, NULL, alphasort);

	*n = 0;
	if (k < 0)
		return NULL;
	out = xcalloc((size_t)k + 1, sizeof *out);
	for (i = 0; i < k; i++) {
		size_t l = strlen(ents[i]->d_name);

		if (l > 4 && strcmp(ents[i]->d_name + l - 4, ".csv") == 0)
			out[(*n)++] = xasprintf("%s/%s", folder, ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return out;
}

int
ops_demo_answers(struct demo_office *p, const char *answers, char **err)
{
	struct jlis_receive_report *reps;
	struct jlis_answer_in *in;
	struct media_step_in st;
	struct jlis_via via;
	char **files;
	size_t n, i;
	int rc;

	memset(&st, 0, sizeof st);
	st.file = answers;
	rc = ops_media_receive(p->a, "M0001", &st, demo_witness(p, err), err);
	files = demo_csv_files(answers, &n);
	in = xcalloc(n + 1, sizeof *in);
	reps = xcalloc(n + 1, sizeof *reps);
	for (i = 0; i < n; i++)
		in[i].path = files[i];
	via.medium = "M0001";
	via.witness = demo_witness(p, err);
	if (rc == 0)
		rc = ops_jlis_receive_files(p->a, in, n, &via, NULL, reps, err);
	for (i = 0; i < n; i++) {
		jlis_receive_report_clear(&reps[i]);
		free(files[i]);
	}
	free(files);
	free(reps);
	free(in);
	return rc;
}

int
ops_demo_registration_out(struct demo_office *p, const char *out_dir,
    char **file, char **err)
{
	struct reg_export_request rq;
	struct reg_export_report rep;
	int rc;

	*file = NULL;
	memset(&rq, 0, sizeof rq);
	memset(&rep, 0, sizeof rep);
	rq.kind = REG_PERSONS;
	rq.mode = REG_MODE_FULL;
	rq.out_dir = out_dir;
	rc = ops_reg_export(p->a, &rq, &rep, err);
	if (rc == 0 && rep.file == NULL)
		rc = err_set(err, _("the demo has no person to register"));
	if (rc == 0)
		*file = xstrdup(rep.file);
	reg_export_report_clear(&rep);
	return rc;
}

/* The result imported, then kept as evidence with a note of the day. */
int
ops_demo_registration_in(struct demo_office *p, const char *result,
    const char *note, char **err)
{
	struct reg_results_report rep;
	struct evidence_add_request ev;
	struct evidence_meta m;
	int rc;

	memset(&rep, 0, sizeof rep);
	rc = ops_reg_results(p->a, result, NULL, &rep, err);
	reg_results_report_clear(&rep);
	memset(&ev, 0, sizeof ev);
	ev.path = result;
	ev.title = _("result of the registration file (intermediate server)");
	if (rc == 0)
		rc = ops_evidence_add(p->a, &ev, &m, err);
	ev.path = note;
	ev.title = _("note of the identity check at the counter");
	ev.about = "person:P0000001";
	if (rc == 0)
		rc = ops_evidence_add(p->a, &ev, &m, err);
	return rc;
}
