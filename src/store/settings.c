/* The table of settings (name, vault key, default, range, meaning) and the
 * only code that reads or writes them in vault_meta. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/settings.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The defaults are the values the migrations store in a new vault
 * (vault/0005, 0006, 0007, 0015); an unset key reads as its default. */
static const struct setting settings_table[] = {
	{ "idle-lock-minutes", "idle_lock_minutes", 5, 1, 60,
	    N_("minutes without a key before the console locks itself") },
	{ "retention-days", "retention_days", 731, 0, 3650,
	    N_("days a number is kept after the qualification was lost; set "
	    "it from the association's 取扱規程 (benefit claims prescribe "
	    "after 2 years; default 731)") },
	/* 500 keeps a blob well under SQLite's 1,000,000,000-byte limit. */
	{ "evidence-max-mb", "evidence_max_mb", 20, 1, 500,
	    N_("largest file 'evidence add' takes, in MB (1 MB = 1,048,576 bytes)") },
	{ "jlis-answer-days", "jlis_answer_days", 35, 1, 365,
	    N_("days J-LIS has to answer an inquiry before it is overdue") },
	{ "answer-overdue-days", "answer_overdue_days", 28, 1, 365,
	    N_("days after shipping a medium before its answer is overdue") },
};
#define SETTINGS_N (sizeof settings_table / sizeof settings_table[0])

const struct setting *
settings_find(const char *name, char **err)
{
	size_t i;

	for (i = 0; i < SETTINGS_N; i++)
		if (name != NULL && strcmp(name, settings_table[i].name) == 0)
			return &settings_table[i];
	err_set(err, _("unknown setting '%s': see 'settings show'"),
	    name ? name : "");
	return NULL;
}

int
settings_parse(const struct setting *st, const char *text, long *out,
    char **err)
{
	char *end;
	long v;

	errno = 0;
	v = text ? strtol(text, &end, 10) : 0;
	if (text == NULL || *text == '\0' || *end != '\0' || errno != 0 ||
	    v < st->min || v > st->max)
		return err_set(err, _("%s must be a whole number from %ld to %ld"),
		    st->name, st->min, st->max);
	*out = v;
	return 0;
}

#define META_GET "SELECT value FROM vault_meta WHERE key = ?"

/* The stored text of key: 0 with *out NULL when the row is absent. */
static int
settings_read(sqlite3 *db, const char *key, char **out, char **err)
{
	return db_text(db, META_GET, key, out, err);
}

int
settings_get(struct vault *v, const char *name, long *out, char **err)
{
	sqlite3 *db = v->db;
	const struct setting *st = settings_find(name, err);
	char *text;

	if (st == NULL || settings_read(db, st->key, &text, err) < 0)
		return -1;
	if (text == NULL || settings_parse(st, text, out, NULL) < 0)
		*out = st->def;
	free(text);
	return 0;
}

int
settings_put(struct vault *v, const struct setting *st, long value, char **old,
    char **err)
{
	sqlite3 *db = v->db;
	char canon[32];

	if (value < st->min || value > st->max)
		return err_set(err, _("%s must be a whole number from %ld to %ld"),
		    st->name, st->min, st->max);
	if (old != NULL && settings_read(db, st->key, old, err) < 0)
		return -1;
	snprintf(canon, sizeof canon, "%ld", value);
	return settings_meta_put(v, st->key, canon, err);
}

int
settings_each(struct vault *v, settings_each_fn fn, void *arg)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < SETTINGS_N && rc == 0; i++) {
		char *val = settings_meta(v, settings_table[i].key);

		rc = fn(&settings_table[i], val, arg);
		free(val);
	}
	return rc;
}

char *
settings_meta(struct vault *v, const char *key)
{
	sqlite3 *db = v->db;

	return db_get_text(db, META_GET, key);
}

int
settings_meta_put(struct vault *v, const char *key, const char *value,
    char **err)
{
	sqlite3 *db = v->db;

	return db_run(db, _("writing settings"), err, "INSERT OR REPLACE INTO "
	    "vault_meta (key, value) VALUES (?, ?)", key, value, (char *)NULL);
}
