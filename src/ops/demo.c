/* Building the demo vault. As work areas land, they add their generated data
 * here, so the demo always shows every screen with something in it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "domain/jstday.h"
#include "ops/accounts.h"
#include "ops/demo.h"
#include "ops/idproof.h"
#include "ops/numbers.h"
#include "ops/person-import.h"
#include "ops/vault-admin.h"
#include "store/vault-perm.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Passwords that meet the policy and are easy to read aloud. */
static int
demo_password(char out[32], char **err)
{
	static const char alpha[] = "abcdefghjkmnpqrstuvwxyz";
	unsigned char r[8];
	int i;

	if (random_bytes(r, sizeof r, err) < 0)
		return -1;
	snprintf(out, 32, "Demo-");
	for (i = 0; i < 6; i++)
		out[5 + i] = alpha[r[i] % (sizeof alpha - 1)];
	snprintf(out + 11, 21, "-%02d", r[6] % 100);
	return 0;
}

int
ops_demo_create(const char *dir, struct demo_info *d, char **err)
{
	struct vault_init in;
	struct session *s;
	unsigned char recovery[RECOVERY_KEY_LEN];
	int rc;

	memset(d, 0, sizeof *d);
	snprintf(d->user[0], sizeof d->user[0], "yamada");
	snprintf(d->role[0], sizeof d->role[0], "admin");
	snprintf(d->user[1], sizeof d->user[1], "sato");
	snprintf(d->role[1], sizeof d->role[1], "supervisor");
	if (demo_password(d->password[0], err) < 0 ||
	    demo_password(d->password[1], err) < 0)
		return -1;
	in.dir = dir;
	in.insurer = "133033";
	in.name = "テスト国保組合";
	in.admin = d->user[0];
	in.admin_password = d->password[0];
	in.logn = ops_slot_logn;
	rc = ops_vault_init(&in, recovery, err);
	OPENSSL_cleanse(recovery, sizeof recovery);
	if (rc < 0)
		return -1;
	if (ops_login(dir, d->user[0], d->password[0], &s, err) != 0)
		return -1;
	rc = ops_user_add(s, d->user[1], d->role[1], d->password[1], NULL, err);
	ops_logout(s);
	/* The second demo user's first login, done here: a password an
	 * administrator sets is temporary, and the demo shows both accounts
	 * ready to use. */
	if (rc == 0 && (rc = ops_login(dir, d->user[1], d->password[1], &s,
	    err)) == 0) {
		rc = ops_user_passwd(s, NULL, d->password[1], NULL, err);
		ops_logout(s);
	}
	return rc == 0 ? 0 : -1;
}

void
demo_info_clear(struct demo_info *d)
{
	OPENSSL_cleanse(d, sizeof *d);
}

/* Channels in the proportions an association sees them. */
static const char *
demo_channel(long i, const char *key)
{
	(void)key;
	/* No "jlis": a J-LIS number comes only through 'jlis receive'. */
	switch (i % 10) {
	case 1: case 2: return "employer-agent";
	case 3: return "family";
	default: return "member";
	}
}

/* Records an identity check in one of the usual patterns; a few stay
 * incomplete, so their numbers cannot be confirmed yet. */
static int
demo_idproof(struct session *a, const char *key, const char *channel, long i,
    char **err)
{
	static const char *const card[] = { "mynumber-card" };
	static const char *const licence[] = { "notification-card", "drivers-licence" };
	static const char *const two[] = { "resident-record", "insurance-certificate",
	    "pension-book" };
	static const char *const partial[] = { "notification-card" };
	struct idproof_request rq = { channel, i % 6 == 5 ? "post" : "in-person",
	    card, 1, NULL, 0 };
	struct idresult res;
	int rc;

	if (strcmp(channel, "jlis") == 0)
		return 0;
	if (i % 13 == 0) {
		rq.docs = partial;
		rq.ndocs = 1;
	} else if (i % 4 == 1) {
		rq.docs = licence;
		rq.ndocs = 2;
	} else if (i % 4 == 2) {
		rq.docs = two;
		rq.ndocs = 3;
	}
	rc = ops_idproof_record(a, key, &rq, &res, err);
	idresult_clear(&res);
	return rc;
}

/* Received over the past six weeks, so the lists and the deadline show a
 * spread of dates rather than one day. */
static void
demo_received(long i, char out[11])
{
	jst_date_of(time(NULL) - (time_t)((i * 5) % 42) * 86400, out);
}

/* Enters a share of the numbers and confirms most of those; the rest stay
 * missing or entered, and a few mismatches go to the supervisor. */
static int
demo_numbers(struct session *a, struct session *b, FILE *f, long total,
    demo_progress_fn progress, void *arg, char **err)
{
	char line[128];
	long i = 0;
	int rc = 0;

	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		char *comma = strchr(line, ','), *num, doc[32], received[11];
		struct number_entry e;
		enum number_result r;

		i++;
		if (comma == NULL)
			continue;
		*comma = '\0';
		num = comma + 1;
		num[strcspn(num, "\r\n")] = '\0';
		/* Not collected yet, or never: a former insured's number is
		 * not collected (the collection limit). */
		if (i % 7 == 0 || ops_number_may_collect(a, line, NULL, NULL) < 0)
			continue;
		snprintf(doc, sizeof doc, "F-2026-%04ld", i);
		e.channel = demo_channel(i, line);
		demo_received(i, received);
		e.received = received;
		e.doc = doc;
		rc = demo_idproof(a, line, e.channel, i, err);
		if (rc == 0)
			rc = ops_number_enter(a, line, num, &e, &r, err);
		if (rc == 0 && i % 11 != 0 &&
		    /* Every 53rd confirmation is mistyped: a mismatch. An
		     * incomplete identity check refuses it: it stays entered. */
		    ops_number_confirm(b, line, i % 53 == 0 ? "123456789018" : num,
		    NULL, &r, NULL) < 0)
			rc = 0;
		if (progress != NULL && i % 50 == 0)
			progress(N_("numbers"), i, total, arg);
	}
	OPENSSL_cleanse(line, sizeof line);
	return rc;
}

int
ops_demo_fill(const char *dir, const struct demo_info *d, const char *extract,
    const char *numbers, demo_progress_fn progress, void *arg, char **err)
{
	struct import_request rq = { 0 };
	struct import_report rep;
	struct session *a = NULL, *b = NULL;
	long long persons = 0;
	FILE *f;
	int rc;

	if (ops_login(dir, d->user[0], d->password[0], &a, err) != 0)
		return -1;
	if (ops_login(dir, d->user[1], d->password[1], &b, err) != 0) {
		ops_logout(a);
		return -1;
	}
	rq.file = extract;
	if (progress != NULL)
		progress(N_("persons"), 0, 1, arg);
	rc = ops_person_import(a, &rq, &rep, err);
	persons = rep.counts.added;
	import_report_clear(&rep);
	if (rc == 0 && (f = fopen(numbers, "r")) != NULL) {
		rc = demo_numbers(a, b, f, (long)persons, progress, arg, err);
		fclose(f);
	} else if (rc == 0) {
		rc = err_set(err, _("cannot read %s"), numbers);
	}
	ops_logout(b);
	ops_logout(a);
	return rc;
}

void
ops_demo_remove(const char *dir)
{
	vault_files_remove(dir);
}
