/* The registration files most recently written, for the console's list. */
#ifndef MYNA_STORE_REG_RECENT_H
#define MYNA_STORE_REG_RECENT_H

struct vault;

struct regfile_recent {
	long long id, records;
	long long accepted, failed;	/* -1 until the result is imported */
	char kind[24], file[128], mode[12], created[32], resulted[32];
};
typedef int (*regrecent_fn)(const struct regfile_recent *r, void *arg);

/* At most limit files, newest first; fn returning non-zero stops. */
int regstore_recent(struct vault *v, int limit, regrecent_fn fn, void *arg,
    char **err);

#endif
