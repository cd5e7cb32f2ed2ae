/* The form widget's pieces: labelled fields one under the other, and the
 * second person's login (name, then password) that many steps end with. */
#ifndef MYNA_FORM_H
#define MYNA_FORM_H

#include "ops/witness.h"
#include "tui/screens.h"

/* The widest of n translated labels, plus the two columns before the
 * field. */
int form_label_width(const char *const *labels, int n);
/* Draws n labels at column 2 and their fields beside them, step lines
 * apart from line y, cols wide (0: to the right edge); the focused field last, so the cursor
 * ends up in it. */
void form_draw_fields(const struct field *f, const char *const *labels,
    int n, int focus, int y, int step, int cols);
/* After the second person was refused: back to their name when it was
 * empty or the user's own (the one mistake a password cannot fix), else
 * to the password, which the caller has cleared. */
int form_refused_focus(const char *name, const char *user, int name_field,
    int pw_field);
/* The second person's login on a form, checked once: name and password
 * read from f[name_field] and f[pw_field], the password field cleared
 * whatever the outcome, so no screen keeps a password between steps.
 * Returns the handle for the one action that follows (ops/witness.h), or
 * NULL with the reason in *err and *focus on the field to fix. */
struct witness *form_witness(struct tui *t, struct field *f, int name_field,
    int pw_field, int *focus, char **err);

#endif
