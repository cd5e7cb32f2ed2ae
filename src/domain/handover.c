/* Parsing hand-over names: what may follow "put" and "get", and what a
 * command run over SSH may name as its input or output file. */
#include "config.h"

#include <string.h>

#include "domain/handover.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
handover_name_ok(const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0 || n > HANDOVER_NAME_MAX || name[0] == '.' || name[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '/' || c < 0x20 || c == 0x7f || c == '\\')
			return 0;
	}
	return 1;
}

const char *
handover_box_name(enum handover_box box)
{
	return box == HANDOVER_INBOX ? "inbox" : "outbox";
}

static int
handover_part(const char *s, size_t n, char *out, const char *word, char **err)
{
	if (n > HANDOVER_NAME_MAX)
		return err_set(err, _("%s: a name longer than %d bytes"), word,
		    HANDOVER_NAME_MAX);
	memcpy(out, s, n);
	out[n] = '\0';
	if (!handover_name_ok(out))
		return err_set(err, _("%s: only a plain file name in inbox/ or outbox/ "
		    "(no '..', no leading '.' or '-', no other folders)"), word);
	return 0;
}

int
handover_parse(const char *word, enum handover_box deflt, int allow_sub,
    struct handover_path *out, char **err)
{
	const char *rest = word, *slash;

	memset(out, 0, sizeof *out);
	out->box = deflt;
	if (strncmp(word, "inbox/", 6) == 0) {
		out->box = HANDOVER_INBOX;
		rest = word + 6;
	} else if (strncmp(word, "outbox/", 7) == 0) {
		out->box = HANDOVER_OUTBOX;
		rest = word + 7;
	}
	slash = strchr(rest, '/');
	if (slash == NULL)
		return handover_part(rest, strlen(rest), out->name, word, err);
	if (!allow_sub || strchr(slash + 1, '/') != NULL)
		return err_set(err, _("%s: only a plain file name in inbox/ or outbox/ "
		    "(no '..', no leading '.' or '-', no other folders)"), word);
	if (handover_part(rest, (size_t)(slash - rest), out->name, word, err) < 0)
		return -1;
	return handover_part(slash + 1, strlen(slash + 1), out->sub, word, err);
}
