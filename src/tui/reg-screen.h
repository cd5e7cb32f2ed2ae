/* The registration screen's state, shared by its list (screen-reg.c) and
 * its forms and result panel (screen-reg-forms.c). */
#ifndef MYNA_REG_SCREEN_H
#define MYNA_REG_SCREEN_H

#include "tui/list.h"
#include "ops/reg-view.h"
#include "ops/registration.h"
#include "tui/screens.h"

enum rg_mode { RG_LIST, RG_EXPORT, RG_IMPORT, RG_HISTORY, RG_RESULT };
enum { RG_F_PATH, RG_F_SOURCE, RG_F_COUNT };

#define RG_RESULT_LINES 40

/* The frame frees the state with free(): nothing here owns memory. */
struct reg_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct reg_pending p;
	int pending_ok;		/* p is counted (tui_figures) */
	char perr[256];		/* counting failed: this instead */
	struct regfile_recent file[REG_RECENT_MAX];
	int nfiles;
	int focus;		/* 0: the kinds, 1: the files */
	int ksel;
	struct list_view fv;	/* the files */
	int stale;
	enum rg_mode mode;
	struct field f[RG_F_COUNT];
	int ffocus;
	/* What the last export or import said, shown until Esc. */
	char rtitle[512];
	char rcounts[320];
	enum draw_role rrole;
	char rline[RG_RESULT_LINES][320];
	int nr;
	long long rmore;
};

struct reg_screen *rg_state(struct tui *t);
void rg_load(struct tui *t, struct reg_screen *r);

/* Forms and the result panel. */
void rg_form(struct reg_screen *r, enum rg_mode mode);
/* The last field of the open form (the source CSV only for a kind the
 * vault does not hold). */
int rg_form_last(const struct reg_screen *r);
void rg_draw_form(struct tui *t, struct reg_screen *r, int top);
void rg_draw_result(struct reg_screen *r, int top, int rows);
/* A form's keys: the table, and typing into its fields. */
extern const struct screen_key rg_form_keys[];
int rg_key_form(struct tui *t, wint_t ch, int is_fkey);

#endif
