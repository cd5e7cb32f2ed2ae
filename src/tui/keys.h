/* Keys as the screens see them: one form for each key, whatever the
 * terminal or the input method sent. */
#ifndef MYNA_KEYS_H
#define MYNA_KEYS_H

#include <wchar.h>

/* Folds a key read by get_wch (is_fkey: it came as KEY_CODE_YES) in place:
 * full-width ASCII (U+FF01..U+FF5E, typed with a Japanese input method on)
 * and the ideographic space become their ASCII forms, and Enter, whether
 * it came as KEY_ENTER, CR or LF, becomes '\n' (not a function key). */
void keys_fold(wint_t *ch, int *is_fkey);

/* Teaches ncurses the function-key sequences some terminals send without
 * their terminfo saying so (Tera Term's default F1-F4 is ESC [ 11 ~ ...),
 * so they arrive as F-keys instead of an Esc and stray letters. */
void keys_define_extra(void);

#endif
