/* A session: who is logged in to which vault. Every ops function takes one
 * and is one user action ending in a committed, audited transaction. */
#ifndef MYNA_SESSION_H
#define MYNA_SESSION_H

#include <stdint.h>
#include <time.h>

#include "domain/auditdetail.h"

/* The vault stays the store's: the faces hold a session, never its vault. */
struct vault;

/* The recovery key's length in bytes (the store's RECOVERY_KEY_LEN). */
#define OPS_RECOVERY_KEY_LEN 32

struct session {
	struct vault *v;
	char user[64];		/* account name, or "recovery" */
	char role[16];
	int recovery;		/* opened with the recovery key */
	int must_change;	/* the password is temporary: change it first */
	char vault_name[256];
	int idle_minutes;	/* console idle lock */
	char checkpoint_day[11];	/* Japan day of the last daily check */
	unsigned long serial;	/* tells sessions apart, for witnesses */
};

/* What a login or an unlock returns: the store's enum vault_status, under
 * names of the ops layer, so the faces need not include the store. */
enum ops_login_status {
	OPS_LOGIN_OK = 0,
	OPS_LOGIN_ERROR = -1,		/* anything else: message in *err */
	OPS_LOGIN_EAUTH = -2,		/* wrong user name, password or key */
	OPS_LOGIN_ELOCKED = -3,		/* too many failures */
	OPS_LOGIN_EROLLBACK = -4,	/* vault.db older than vault.keys */
};

int ops_login(const char *dir, const char *user, const char *password,
    struct session **out, char **err);
int ops_login_recovery(const char *dir,
    const unsigned char recovery[OPS_RECOVERY_KEY_LEN], struct session **out,
    char **err);
/* The recovery key as printed once at init, and read back when typed:
 * -1 with err when text is not 64 hex digits. */
void ops_recovery_format(const unsigned char key[OPS_RECOVERY_KEY_LEN],
    char out[80]);
int ops_recovery_parse(const char *text, unsigned char key[OPS_RECOVERY_KEY_LEN],
    char **err);
/* Unlocks an idle-locked console: the same user's password again. */
int ops_reauth(struct session *s, const char *password, char **err);
/* Records the idle lock (audited) */
int ops_idle_lock(struct session *s, char **err);
void ops_logout(struct session *s);

/* What opening the vault found for the user to see (loosened file modes),
 * or NULL: the faces show it without reading the vault. */
const char *ops_vault_warning(const struct session *s);
/* The vault's folder, as opened. */
const char *ops_vault_dir(const struct session *s);

/* "NAME (INSURER)": how slips and the title line name the association, so
 * the faces need not read the vault. Allocated. */
char *ops_association(const struct session *s);

/* Transactions: see ops/tx.h. */
/* Appends an audit record in the open transaction. */
int ops_audit(struct session *s, const char *actor2, const char *action,
    const char *subject, const char *detail, char **err);
/* The same with a typed detail, masked field by field by kind. */
int ops_audit_fields(struct session *s, const char *actor2, const char *action,
    const char *subject, const struct audit_field *f, size_t n, char **err);

/* The same with another actor: a second person who did the action on this
 * console (the session user then stands as actor2 or is the other party). */
int ops_audit_as(struct session *s, const char *actor, const char *actor2,
    const char *action, const char *subject, const char *detail, char **err);

int ops_require_role(struct session *s, const char *role, char **err);

/* Default vault folder: $XDG_DATA_HOME/mynadesk or ~/.local/share/mynadesk. */
char *ops_default_vault(void);

#endif
