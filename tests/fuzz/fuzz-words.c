/* libFuzzer harness for the service mode's parsers: the word splitter of
 * SSH_ORIGINAL_COMMAND (every word it returns must be free of control
 * characters, and joining them back must not grow past the input), the
 * hand-over names, the configuration and staff public keys.
 * fuzz-sources: src/domain/words.c src/domain/handover.c src/domain/svcconf.c src/domain/staffkey.c src/domain/account.c src/util/xmalloc.c src/util/err.c src/domain/insurer.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/handover.h"
#include "domain/staffkey.h"
#include "domain/svcconf.h"
#include "domain/words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_words(const char *s)
{
	struct words w;
	char *err = NULL;
	size_t total = 0;
	int i;

	if (words_split(s, &w, &err) < 0) {
		if (err == NULL || w.argv != NULL || w.argc != 0)
			abort();
		free(err);
		return;
	}
	for (i = 0; i < w.argc; i++) {
		const unsigned char *p;

		for (p = (const unsigned char *)w.argv[i]; *p != '\0'; p++)
			if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
				abort();
		total += strlen(w.argv[i]);
	}
	if (total > strlen(s) || w.argv[w.argc] != NULL)
		abort();
	for (i = 0; i < w.argc; i++) {
		struct handover_path p;

		if (handover_parse(w.argv[i], HANDOVER_INBOX, 1, &p, &err) == 0) {
			/* What passes names nothing outside the box. */
			if (!handover_name_ok(p.name) ||
			    (p.sub[0] != '\0' && !handover_name_ok(p.sub)))
				abort();
		} else {
			free(err);
			err = NULL;
		}
	}
	words_free(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct svcconf c;
	struct staffkey k;
	char *err = NULL;

	memcpy(s, data, size);
	s[size] = '\0';
	fuzz_words(s);
	if (svcconf_parse(s, "/usr/bin/mynadesk", &c, &err) == 0) {
		if (!svcconf_path_ok(c.vault) || !svcconf_path_ok(c.command))
			abort();
	}
	free(err);
	err = NULL;
	if (staffkey_parse(s, &k, &err) == 0) {
		char *line = staffkey_line("/usr/bin/mynadesk", "alice", &k), name[64];
		struct staffkey back;

		line[strlen(line) - 1] = '\0';
		if (!staffkey_ours(line, name, sizeof name, &back) ||
		    strcmp(back.fingerprint, k.fingerprint) != 0)
			abort();
		free(line);
	}
	free(err);
	free(s);
	return 0;
}
