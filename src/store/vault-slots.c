/* Key slots that wrap the data key, made here so that the key never leaves
 * the store. */
#include "config.h"

#include <string.h>

#include "store/keyfile.h"
#include "store/keyslot.h"
#include "store/vault-impl.h"
#include "store/vault.h"

struct vault_slot {
	int64_t uid;
	const char *name;
	const char *password;
	int logn;
	const unsigned char *key;
};

static int
vault_slot_put(struct keyfile *kf, void *arg, char **err)
{
	struct vault_slot *a = arg;
	struct keyslot slot;
	int rc;

	rc = keyslot_wrap_password(&slot, a->uid, a->name, a->password,
	    a->logn, a->key, err);
	if (rc == 0) {
		keyfile_put_slot(kf, &slot);
		kf->generation++;
	}
	memset(&slot, 0, sizeof slot);
	return rc;
}

int
vault_put_password_slot(struct vault *v, int64_t uid, const char *name,
    const char *password, int logn, char **err)
{
	struct vault_slot a = { uid, name, password, logn, v->key };

	return vault_keys_update(v, vault_slot_put, &a, err);
}
