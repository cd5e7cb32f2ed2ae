/* The check an inquiry file passes before it may be packed. One function,
 * so that the full layout checker ('mynadesk check') joins it here. */
#include "config.h"

#include "domain/media.h"
#include "ops/media.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
ops_media_check_file(struct session *s, const char *name, const void *data,
    size_t len, char **err)
{
	char kind;

	(void)data;
	if (media_name_check(name, s->v->insurer, &kind, err) < 0)
		return -1;
	if (len == 0)
		return err_set(err, _("%s: the file is empty"), name);
	return 0;
}
