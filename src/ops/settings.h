/* Vault settings an administrator may change: each change is audited. */
#ifndef MYNA_SETTINGS_H
#define MYNA_SETTINGS_H

#include "ops/session.h"

typedef int (*settings_row_fn)(const char *name, const char *value,
    const char *help, void *arg);

int ops_settings_list(struct session *s, settings_row_fn fn, void *arg,
    char **err);
/* Sets name to value after checking its range; administrators only. */
int ops_settings_set(struct session *s, const char *name, const char *value,
    char **err);

/* A setting's value by its name (see store/settings.c for the names): the
 * stored value, else the table's default. */
long ops_setting(struct session *s, const char *name);
/* The same; def is not used (the table holds the default). Kept for the
 * console until it calls ops_setting. */
long ops_settings_get(struct session *s, const char *name, long def);

#endif
