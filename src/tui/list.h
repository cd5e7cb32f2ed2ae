/* The scrolling list every list screen shares: the selection is always in
 * view, and a position line says where the view is ("21–40 / 960"). */
#ifndef MYNA_LIST_H
#define MYNA_LIST_H

struct list_view {
	int sel;	/* the chosen row, 0 .. n-1 */
	int scroll;	/* the first row shown */
	int rows;	/* the rows list_show last had room for (page keys) */
};

/* Keeps sel within 0..n-1 and scroll so that sel is one of the rows
 * shown. */
void list_clamp(struct list_view *v, int n, int rows);
/* Moves the selection for an arrow or page key; 1 if the key was one. */
int list_key(struct list_view *v, int n, int rows, int ch, int is_fkey);
/* "21–40 / 960" (with a "+" after n when more rows exist than were read)
 * into out; empty when everything fits. */
void list_position(const struct list_view *v, int n, int more, int rows,
    char *out, int len);

/* The drawing and key half (list-show.c), for the screens. */
struct tui;

/* Draws row i of a list on line y; selected is the chosen row. */
typedef void (*list_row_fn)(void *ctx, int i, int y, int selected);

/* Shows the n rows of a list (more: rows exist that were not read) in
 * lines top .. top+rows-1: the selection kept in view, the position
 * ("21–40 / 960", "+" when more) right-aligned on line pos_y, and a
 * "more" mark at the right edge of the first and last lines when rows lie
 * above or below the view (▲ ▼: ASCII mode draws ^ and v). */
void list_show(struct list_view *v, int n, int more, int top, int rows,
    int pos_y, list_row_fn row, void *ctx);

/* A list's arrow and page keys, for the screens' key actions: says so
 * when there is nothing to move to. Always KEY_HANDLED. */
int list_move(struct tui *t, struct list_view *v, int n, int ch);

/* The key table rows that move a list's selection; what names what is
 * chosen ("chooses a person (PgUp/PgDn: a page)"). */
#define LIST_KEYS_MOVE(what, action) \
	LIST_KEYS_MOVE_AS(N_("choose"), what, action)
/* The same with the key bar's word (NULL: only in the help, for a screen
 * whose bar is full). */
#define LIST_KEYS_MOVE_AS(label, what, action) \
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", label, \
	    what, action }, \
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, action }, \
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, action }, \
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, action }, \
	{ KEY_HOME, KEY_HOME, 1, "Home", NULL, NULL, action }, \
	{ KEY_END, KEY_END, 1, "End", NULL, NULL, action }

#endif
