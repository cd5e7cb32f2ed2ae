/* crash-driver: the vault side of the crash tests (tests/e2e/crash.sh).
 *
 *   crash-driver init DIR    a vault with admin yamada and clerk sato (the
 *                            witness of two-person steps), cheap scrypt
 *                            slots so that hundreds of logins stay quick
 *   crash-driver state DIR   opens the vault as yamada, walks the audit chain
 *                            and prints one line of facts a case checks:
 *                            "chain=ok records=N persons=N numbers=N ...
 *                            person.import=N ..." (rows per table, then
 *                            audit records per action)
 *
 * The passwords are fixed test ones; they never protect real data. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/vault-admin.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/vault-impl.h"
#include "util/xmalloc.h"

#define CD_PASSWORD "Kokuho-2026-pass"
#define CD_WITNESS_PASSWORD "Second-pass-2026!"

/* Audit actions counted in the state line: those of each crash case. */
static const char *const cd_actions[] = { "person.import", "jlis.receive",
	"bulk.export", "media.create", "media.pack", "jlis.request",
	"audit.export", "vault.rekey", "backup.create", "bulk.results",
	"evidence.get", NULL };

/* Rows counted in the state line: the tables the cases write. A case's
 * judge compares them with its audit records. */
static const char *const cd_tables[][2] = {
	{ "persons", "SELECT count(*) FROM persons" },
	{ "numbers", "SELECT count(*) FROM numbers" },
	{ "confirmed", "SELECT count(*) FROM numbers WHERE state = 'confirmed'" },
	{ "answered", "SELECT count(*) FROM jlis_targets WHERE state <> 'sent'" },
	{ "reg_files", "SELECT count(*) FROM reg_files" },
	{ "reg_records", "SELECT coalesce(sum(n), 0) FROM reg_sent" },
	{ "media", "SELECT count(*) FROM media" },
	{ "media_secrets", "SELECT count(*) FROM media_secrets" },
	{ "jlis_requests", "SELECT count(*) FROM jlis_requests" },
	/* Refused answers are rows; accepted ones are packed (0033). */
	{ "reg_answers", "SELECT (SELECT count(*) FROM reg_answers) + "
	    "(SELECT coalesce(sum(n), 0) FROM reg_answer_packs)" },
	{ "reg_state", "SELECT count(*) FROM reg_state" },
	{ "branches", "SELECT count(*) FROM branches" },
	/* The change marks, each row weighed by person, kinds and epoch. */
	{ "reg_marks", "SELECT coalesce(sum(person_id * 31 + kinds * 7 + "
	    "epoch), 0) + count(*) * 1000003 FROM reg_dirty" },
	{ NULL, NULL }
};

/* Digests the vault recorded for the files a case writes outside it: the
 * judge compares them with the file under its final name. */
static const char *const cd_digests[][2] = {
	{ "reg_sha256", "SELECT sha256 FROM reg_files ORDER BY id DESC LIMIT 1" },
	{ "media_sha256", "SELECT sha256 FROM media ORDER BY id DESC LIMIT 1" },
	{ "export_manifest", "SELECT substr(detail, instr(detail, 'manifest=') "
	    "+ 9, 64) FROM audit WHERE action = 'audit.export' ORDER BY seq "
	    "DESC LIMIT 1" },
	{ "jreq_sha256", "SELECT coalesce(group_concat(sha256, ','), '') FROM "
	    "(SELECT sha256 FROM jlis_requests ORDER BY file)" },
	{ NULL, NULL }
};

static int
cd_init(const char *dir)
{
	struct vault_init in = { dir, "133033", "crash", "yamada", CD_PASSWORD, 10 };
	unsigned char recovery[RECOVERY_KEY_LEN];
	char *err = NULL;

	struct session *s = NULL;
	int rc;

	ops_slot_logn = 10;
	rc = ops_vault_init(&in, recovery, &err);
	if (rc == 0)
		rc = ops_login(dir, "yamada", CD_PASSWORD, &s, &err);
	/* The second active account: no checker is needed for it yet. */
	if (rc == 0)
		rc = ops_user_add(s, "sato", "clerk", CD_WITNESS_PASSWORD, NULL,
		    &err);
	if (s != NULL)
		ops_logout(s);
	s = NULL;
	/* sato's first login replaces the administrator's temporary password,
	 * so that sato may witness. */
	if (rc == 0)
		rc = ops_login(dir, "sato", CD_WITNESS_PASSWORD, &s, &err);
	if (rc == 0)
		rc = ops_user_passwd(s, NULL, CD_WITNESS_PASSWORD, NULL, &err);
	if (s != NULL)
		ops_logout(s);
	if (rc < 0) {
		fprintf(stderr, "crash-driver: %s\n", err ? err : "?");
		free(err);
		return 1;
	}
	return 0;
}

static int
cd_count_row(const struct auditrec *r, void *arg)
{
	(void)r;
	(*(long long *)arg)++;
	return 0;
}

static int
cd_state(const char *dir)
{
	struct session *s = NULL;
	unsigned char head[32];
	int64_t records = 0;
	char *err = NULL;
	int i, rc;

	rc = ops_login(dir, "yamada", CD_PASSWORD, &s, &err);
	if (rc == 0)
		rc = audit_verify(s->v, NULL, NULL, &records, head, &err);
	if (rc == 0)
		printf("chain=ok records=%lld", (long long)records);
	for (i = 0; rc == 0 && cd_tables[i][0] != NULL; i++) {
		long long n = 0;

		rc = db_get_int(s->v->db, cd_tables[i][1], NULL, &n, &err);
		if (rc == 0)
			printf(" %s=%lld", cd_tables[i][0], n);
	}
	for (i = 0; rc == 0 && cd_digests[i][0] != NULL; i++) {
		char *hex = db_get_text(s->v->db, cd_digests[i][1], NULL);

		printf(" %s=%s", cd_digests[i][0], hex != NULL ? hex : "-");
		free(hex);
	}
	for (i = 0; rc == 0 && cd_actions[i] != NULL; i++) {
		struct audit_filter f;
		long long n = 0;

		memset(&f, 0, sizeof f);
		f.action = cd_actions[i];
		rc = audit_list(s->v, &f, cd_count_row, &n, &err);
		printf(" %s=%lld", cd_actions[i], n);
	}
	if (rc == 0)
		printf("\n");
	else
		printf("broken: %s\n", err ? err : "?");
	free(err);
	if (s != NULL)
		ops_logout(s);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "init") == 0)
		return cd_init(argv[2]);
	if (argc == 3 && strcmp(argv[1], "state") == 0)
		return cd_state(argv[2]);
	fprintf(stderr, "usage: crash-driver init|state DIR\n");
	return 2;
}
