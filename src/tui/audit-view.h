/* The audit screens' shared state: the list's filter lives with the list,
 * and the record, filter and export screens pushed from it reach it as
 * their parent's state. */
#ifndef MYNA_AUDIT_VIEW_H
#define MYNA_AUDIT_VIEW_H

#include <stdint.h>

#include "tui/screens.h"

enum { AF_FROM, AF_TO, AF_USER, AF_ACTION, AF_PERSON, AF_MEDIUM, AF_COUNT };
#define AUDIT_PAGE_MAX 200

struct audit_view {
	struct field flt[AF_COUNT];	/* empty: no filter on that item */
	int skip;			/* rows scrolled past, newest first */
	int sel;			/* selected row, counted from the newest */
	int rows, shown, y;
	int64_t seqs[AUDIT_PAGE_MAX];	/* sequences of the rows drawn */
	int64_t open_seq;		/* the record the record screen shows */
	char chain[256];		/* chain status, "" until checked */
	int chain_bad;
	int hide_sessions;		/* logins and logouts left out */
	/* The page as last read (audit_reload): read again when the vault,
	 * the filter, the scroll or the room changed, not on each draw. */
	unsigned long long stamp;	/* tui_vault_changed */
	struct field loaded_flt[AF_COUNT];
	int loaded, loaded_skip, loaded_rows, loaded_cols, loaded_hide;
	char line[AUDIT_PAGE_MAX][512];
	char err[256];
};

/* The list's state from a screen pushed on top of it. */
struct audit_view *audit_parent_view(struct tui *t);

extern const struct screen screen_audit_record;
extern const struct screen screen_audit_filter;
extern const struct screen screen_audit_export;

#endif
