/* One person's five identity items beside another source's (a held J-LIS
 * answer, the resident registry's collation), '*' where they differ: one
 * drawer, so both screens read the same way. */
#ifndef MYNA_TUI_COMPARE_H
#define MYNA_TUI_COMPARE_H

#define COMPARE_NITEMS 5

/* [0] the record, [1] the other source; differs says which rows to mark. */
struct compare_rows {
	const char *value[2][COMPARE_NITEMS];
	int differs[COMPARE_NITEMS];
	const char *reason;	/* a decision's reason, a line below; NULL: none */
};

/* Draws head on row y, then the items (name, kana, birth, sex, address) in
 * two columns; a value too long for its column takes a second line while
 * rows allow. Returns the rows used, at most rows. */
int compare_draw(const char *head, const struct compare_rows *c, int y,
    int rows);

#endif
