/* slot-open: what a clerk who kept a copy of vault.keys can try. It takes
 * the data key out of their own slot in KEYS (the file's MAC is not needed
 * for that) and opens DB with it, as sqlcipher would.
 *
 *   slot-open KEYS DB USER < password
 *
 * Prints the number of numbers rows and exits 0 when DB opens; exits 1
 * when it does not open with that key, 2 when the slot does not open. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/keyfile.h"
#include "util/secret.h"
#include "util/xmalloc.h"

static int
slot_key(const char *keys, const char *user, const char *password,
    unsigned char key[KEY_LEN])
{
	char *buf = xmalloc(KEYFILE_MAX + 1), *err = NULL;
	FILE *f = fopen(keys, "rb");
	struct keyfile kf;
	const struct keyslot *s;
	size_t n;
	int rc = -1;

	if (f == NULL) {
		free(buf);
		return -1;
	}
	n = fread(buf, 1, KEYFILE_MAX + 1, f);
	fclose(f);
	if (keyfile_parse(buf, n, &kf, &err) == 0) {
		s = keyfile_find_user(&kf, user);
		rc = s != NULL ? keyslot_unwrap_password(s, password, key) : -1;
		keyfile_free(&kf);
	}
	free(err);
	free(buf);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned char key[KEY_LEN];
	char password[256];
	sqlite3 *db;
	long long count;

	if (argc != 4 || fgets(password, sizeof password, stdin) == NULL) {
		fprintf(stderr, "usage: slot-open KEYS DB USER < password\n");
		return 2;
	}
	password[strcspn(password, "\n")] = '\0';
	if (slot_key(argv[1], argv[3], password, key) < 0) {
		fprintf(stderr, "slot-open: the slot does not open\n");
		return 2;
	}
	if (db_open(argv[2], key, 0, &db, NULL) < 0) {
		secret_wipe(key, sizeof key);
		printf("does not open\n");
		return 1;
	}
	secret_wipe(key, sizeof key);
	if (db_get_int(db, "SELECT count(*) FROM numbers", NULL, &count, NULL) < 0)
		count = -1;
	printf("opens numbers=%lld\n", count);
	db_close(db);
	return 0;
}
