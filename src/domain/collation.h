/* J-LIS collation of registrations (May 2024): the server compares every
 * 加入者情報 it registers with the resident registry. The persons file
 * carries the insurer's 本人確認判定フラグ; the result says per record
 * whether the five items matched, which differ, and (optionally) the
 * registry's values. */
#ifndef MYNA_COLLATION_H
#define MYNA_COLLATION_H

#include "domain/layout.h"
#include "domain/regread.h"

/* The five items, in the order of the result's item flags. */
enum coll_item { COLL_NAME, COLL_KANA, COLL_BIRTH, COLL_SEX, COLL_ADDRESS,
	COLL_NITEMS };

/* Values of the flag (role jlis_flag) in the persons file: collate as
 * usual, or "no error, with a reason" (理由付き疑いなし) decided. */
#define COLL_FLAG_ORDINARY "0"
#define COLL_FLAG_NO_ERROR "1"

/* The item's role suffix and English name ("name", "kana", ...). */
const char *coll_item_name(enum coll_item i);

/* Columns of the result layout by role; -1 when the layout has none. A
 * layout without jlis_result reads every row as not collated. */
struct coll_cols {
	int result;			/* jlis_result: "", 0 match, 1 mismatch */
	int items;			/* jlis_items: 5 flags, 1 differs */
	int value[COLL_NITEMS];		/* jlis_name ... jlis_address */
};
void coll_columns(const struct layout *l, struct coll_cols *c);

enum coll_result { COLL_NONE, COLL_MATCH, COLL_MISMATCH };
struct coll_row {
	enum coll_result result;
	char items[COLL_NITEMS + 1];	/* "00000" unless a mismatch */
	const char *value[COLL_NITEMS];	/* into the row; "" when not given
					 * or the item matched */
};
/*
 * What a checked result row (r->bad == 0) says about the collation. ok:
 * the server registered the record; persons: the file is a persons file.
 * Refused with -1 and *err naming the line: a result code other than
 * "", 0 and 1; a mismatch on a refused record or in a 副本 file; item
 * flags that are not five 0/1 digits, none set on a mismatch, or some set
 * on a match; a mismatch when the layout has no item flags.
 */
int coll_row(const struct coll_cols *c, const struct reg_row *r, int ok,
    int persons, struct coll_row *out, char **err);

#endif
