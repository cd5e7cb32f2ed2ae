/* The vault's settings: one table of names, defaults and limits, read and
 * written here only, so every reader gets the same default and the same
 * range (each action kept its own before). Also the vault's own facts in
 * vault_meta (its name, the number key), which no one may set. */
#ifndef MYNA_STORE_SETTINGS_H
#define MYNA_STORE_SETTINGS_H

struct vault;

struct setting {
	const char *name;	/* as the user types it: idle-lock-minutes */
	const char *key;	/* vault_meta key: idle_lock_minutes */
	long def, min, max;
	const char *help;	/* N_() text: translate when showing */
};

/* The setting called name, or NULL with err set ("unknown setting"). */
const struct setting *settings_find(const char *name, char **err);
/* Reads text as a value of st: a whole number within st's limits. */
int settings_parse(const struct setting *st, const char *text, long *out,
    char **err);

/* The value of name: its default when unset, or when the stored text is not
 * a whole number within the limits (a hand-edited vault stays usable).
 * -1 with err for an unknown name or a failing read. */
int settings_get(struct vault *v, const char *name, long *out, char **err);
/* Stores value for st; *old (when old is not NULL) receives the stored text
 * it replaces, allocated, or NULL when it was unset. */
int settings_put(struct vault *v, const struct setting *st, long value,
    char **old, char **err);

/* Calls fn for each setting in table order with its stored text (NULL when
 * unset); stops at the first non-zero return and passes it on. */
typedef int (*settings_each_fn)(const struct setting *st, const char *stored,
    void *arg);
int settings_each(struct vault *v, settings_each_fn fn, void *arg);

/* A vault fact from vault_meta (name, number_hmac_key), allocated, or NULL
 * when absent. */
char *settings_meta(struct vault *v, const char *key);
/* Stores a vault fact (or a setting's text, unchecked: at creation). */
int settings_meta_put(struct vault *v, const char *key, const char *value,
    char **err);

#endif
