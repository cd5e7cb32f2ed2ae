/* The ncurses console. */
#ifndef MYNA_TUI_H
#define MYNA_TUI_H

#include "ops/demo.h"

struct tui_options {
	int idle_seconds;	/* 0: the vault's setting; may only shorten it */
	const char *fixed_user;	/* service mode: the login name the key gave */
	int service;		/* service mode (shown on the status line) */
	int ascii;		/* draw ASCII for ambiguous-width glyphs */
};

/* Opens the console on the vault in dir; demo (may be NULL) shows the demo
 * accounts on the login screen. Returns the exit status. */
int tui_run(const char *dir, const struct demo_info *demo,
    const struct tui_options *opt);

#endif
