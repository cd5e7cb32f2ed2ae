/* crash-driver: the vault side of the crash tests (tests/e2e/crash.sh).
 *
 *   crash-driver init DIR    a vault with admin yamada, a cheap scrypt slot
 *                            so that hundreds of logins stay quick
 *   crash-driver state DIR   opens the vault as yamada, walks the audit chain
 *                            and prints one line of facts a case checks:
 *                            "chain=ok records=N persons=N person.import=N"
 *
 * The password is the fixed test one; it never protects real data. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/vault-admin.h"
#include "store/audit.h"
#include "store/persons.h"
#include "util/xmalloc.h"

#define CD_PASSWORD "Kokuho-2026-pass"

/* Audit actions counted in the state line: one per crash case. */
static const char *const cd_actions[] = { "person.import", NULL };

static int
cd_init(const char *dir)
{
	struct vault_init in = { dir, "12345678", "crash", "yamada", CD_PASSWORD, 10 };
	unsigned char recovery[RECOVERY_KEY_LEN];
	char *err = NULL;

	ops_slot_logn = 10;
	if (ops_vault_init(&in, recovery, &err) < 0) {
		fprintf(stderr, "crash-driver: %s\n", err);
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
	long long persons = 0;
	char *err = NULL;
	int i, rc;

	rc = ops_login(dir, "yamada", CD_PASSWORD, &s, &err);
	if (rc == 0)
		rc = audit_verify(s->v->db, NULL, NULL, &records, head, &err);
	if (rc == 0)
		rc = persons_count(s->v->db, &persons, &err);
	if (rc == 0)
		printf("chain=ok records=%lld persons=%lld", (long long)records, persons);
	for (i = 0; rc == 0 && cd_actions[i] != NULL; i++) {
		struct audit_filter f;
		long long n = 0;

		memset(&f, 0, sizeof f);
		f.action = cd_actions[i];
		rc = audit_list(s->v->db, &f, cd_count_row, &n, &err);
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
