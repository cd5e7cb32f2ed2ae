/* Building the demo vault. As work areas land, they add their generated data
 * here, so the demo always shows every screen with something in it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ops/accounts.h"
#include "ops/demo.h"
#include "ops/vault-admin.h"
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
	in.insurer = "12345678";
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
	return rc;
}

void
demo_info_clear(struct demo_info *d)
{
	OPENSSL_cleanse(d, sizeof *d);
}
