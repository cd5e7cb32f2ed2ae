/* Read-only registration views for the console. Reading needs a logged-in
 * session only, like 'bulk pending' and 'registration history'. */
#include "config.h"

#include "ops/reg-view.h"
#include "store/vault.h"

int
ops_reg_recent(struct session *s, int limit, regrecent_fn fn, void *arg,
    char **err)
{
	return regstore_recent(s->v, limit > 0 ? limit : REG_RECENT_MAX, fn,
	    arg, err);
}

int
ops_reg_refused(struct session *s, long long file_id, regfailed_fn fn,
    void *arg, char **err)
{
	return regstore_failed_list(s->v, file_id, fn, arg, err);
}
