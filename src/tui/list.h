/* The scrolling list every list screen shares: the selection is always in
 * view, and a position line says where the view is ("21–40 / 960"). */
#ifndef MYNA_LIST_H
#define MYNA_LIST_H

struct list_view {
	int sel;	/* the chosen row, 0 .. n-1 */
	int scroll;	/* the first row shown */
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

#endif
