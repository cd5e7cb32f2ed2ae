/* The table of settings: name, vault key, range and meaning. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/settings.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct {
	const char *name;
	const char *key;	/* vault_meta key */
	long min, max;
	const char *help;
} settings_table[] = {
	{ "idle-lock-minutes", "idle_lock_minutes", 1, 60,
	    N_("minutes without a key before the console locks itself") },
	{ "retention-days", "retention_days", 0, 3650,
	    N_("days a number is kept after the qualification was lost; set "
	    "it from the association's 取扱規程 (benefit claims prescribe "
	    "after 2 years; default 731)") },
	/* 500 keeps a blob well under SQLite's 1,000,000,000-byte limit. */
	{ "evidence-max-mb", "evidence_max_mb", 1, 500,
	    N_("largest file 'evidence add' takes, in MB (1 MB = 1,048,576 bytes)") },
	{ "jlis-answer-days", "jlis_answer_days", 1, 365,
	    N_("days J-LIS has to answer an inquiry before it is overdue") },
	{ "answer-overdue-days", "answer_overdue_days", 1, 365,
	    N_("days after shipping a medium before its answer is overdue") },
};
#define SETTINGS_N (sizeof settings_table / sizeof settings_table[0])

int
ops_settings_list(struct session *s, settings_row_fn fn, void *arg, char **err)
{
	size_t i;

	(void)err;
	for (i = 0; i < SETTINGS_N; i++) {
		char *v = db_get_text(s->v->db, "SELECT value FROM vault_meta WHERE "
		    "key = ?", settings_table[i].key);

		fn(settings_table[i].name, v ? v : "-", _(settings_table[i].help), arg);
		free(v);
	}
	return 0;
}

static int
settings_put(struct session *s, const char *key, const char *value, char **err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(s->v->db, "INSERT OR REPLACE INTO vault_meta (key, value) "
	    "VALUES (?, ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->v->db, err, _("writing settings"));
}

int
ops_settings_set(struct session *s, const char *name, const char *value,
    char **err)
{
	char *end, *old, *detail, canon[32];
	size_t i;
	long v;
	int rc;

	for (i = 0; i < SETTINGS_N; i++)
		if (name != NULL && strcmp(name, settings_table[i].name) == 0)
			break;
	if (i == SETTINGS_N)
		return err_set(err, _("unknown setting '%s': see 'settings show'"),
		    name ? name : "");
	errno = 0;
	v = value ? strtol(value, &end, 10) : 0;
	if (value == NULL || *value == '\0' || *end != '\0' || errno != 0 ||
	    v < settings_table[i].min || v > settings_table[i].max)
		return err_set(err, _("%s must be a whole number from %ld to %ld"),
		    name, settings_table[i].min, settings_table[i].max);
	if (ops_require_role(s, "admin", err) < 0 || db_begin(s->v->db, err) < 0)
		return -1;
	snprintf(canon, sizeof canon, "%ld", v);
	old = db_get_text(s->v->db, "SELECT value FROM vault_meta WHERE key = ?",
	    settings_table[i].key);
	detail = xasprintf("from=%s to=%s", old ? old : "-", canon);
	rc = settings_put(s, settings_table[i].key, canon, err);
	if (rc == 0)
		rc = ops_audit(s, "", "settings.set", name, detail, err);
	free(old);
	free(detail);
	if (rc < 0) {
		db_rollback(s->v->db);
		return -1;
	}
	return ops_commit(s, err);
}

long
ops_settings_get(struct session *s, const char *name, long def)
{
	char *v = NULL, *end;
	long n = def;
	size_t i;

	for (i = 0; i < SETTINGS_N; i++)
		if (strcmp(name, settings_table[i].name) == 0)
			v = db_get_text(s->v->db, "SELECT value FROM vault_meta WHERE "
			    "key = ?", settings_table[i].key);
	if (v != NULL) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0)
			n = def;
	}
	free(v);
	return n;
}
