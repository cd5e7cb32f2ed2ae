/* Identity verification records in the vault. */
#ifndef MYNA_STORE_IDPROOF_H
#define MYNA_STORE_IDPROOF_H

#include <stddef.h>
#include <stdint.h>

struct vault;

int idproof_add(struct vault *v, int64_t person, const char *channel,
    const char *mode, const char *kind, const char *item, const char *user,
    char **err);

/* Everything recorded for a person: items by kind, the latest channel and
 * mode. Arrays are allocated; free with idproof_items_free. */
struct idproof_items {
	char channel[24];
	char mode[16];
	char **docs;
	size_t ndocs;
	char **exemptions;
	size_t nexemptions;
};
int idproof_items(struct vault *v, int64_t person, struct idproof_items *it,
    char **err);
void idproof_items_free(struct idproof_items *it);

int idproof_set_status(struct vault *v, int64_t person, const char *channel,
    const char *mode, int complete, const char *pattern, const char *missing,
    char **err);
/* 1 with *complete and missing (allocated) when a status exists, 0 if none. */
int idproof_get_status(struct vault *v, int64_t person, int *complete,
    char **missing, char **err);

typedef int (*idproof_open_fn)(const char *key, const char *channel,
    const char *since, const char *missing, void *arg);
/* Incomplete verifications, oldest first, optionally of one channel. */
int idproof_open(struct vault *v, const char *channel, idproof_open_fn fn,
    void *arg, char **err);
typedef int (*idproof_count_fn)(const char *pattern, long long n, void *arg);
int idproof_patterns(struct vault *v, idproof_count_fn fn, void *arg,
    char **err);

#endif
