/* Account rows in the vault. */
#ifndef MYNA_USERS_H
#define MYNA_USERS_H

#include <stdint.h>

struct vault;

struct user {
	int64_t id;
	char *name;
	char *role;
	char *status;		/* "active" or "locked" */
	char *created;
	char *last_login;	/* "" when never */
	int must_change;	/* the password was set by an administrator */
};

int users_add(struct vault *v, const char *name, const char *role, int64_t *id,
    char **err);
/* 1 found, 0 not found, -1 error. */
int users_get(struct vault *v, const char *name, struct user *u, char **err);
int users_set(struct vault *v, const char *name, const char *column,
    const char *value, char **err);
/* Migration 0012: the temporary-password flag, added once. */
int users_add_must_change(struct vault *v, char **err);
/* Every account, locked ones included. */
int users_count(struct vault *v, long long *n, char **err);
int users_count_active(struct vault *v, const char *role, long long *n,
    char **err);

typedef int (*users_row_fn)(const struct user *u, void *arg);
int users_list(struct vault *v, users_row_fn fn, void *arg, char **err);
void users_clear(struct user *u);

#endif
