/* Audit actions and details in the clerk's words: the log keeps its
 * machine names ("number.enter", "channel=member"), the viewer shows
 * 番号入力 and 受付経路（本人）. */
#ifndef MYNA_ACTIONNAME_H
#define MYNA_ACTIONNAME_H

#include <stddef.h>

/* The action's name for people (translated), or the action itself when
 * it has none. */
const char *action_label(const char *action);
/* Whether the action is a login or logout: every CLI command adds a pair,
 * which the viewer can hide. */
int action_is_session(const char *action);
/* The detail "key=value key=value" with known keys and values in words
 * (translated), into out; unknown keys stay as they are. */
void action_detail_text(const char *detail, char *out, size_t len);

#endif
