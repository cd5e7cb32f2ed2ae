/* libFuzzer harness for the evidence parsers: the type sniffer, the --about
 * reference, the title check and the PIA yes/no and review date.
 * fuzz-sources: src/domain/evidence.c src/domain/pia.c src/domain/dates.c src/domain/redact.c src/util/xmalloc.c src/util/err.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/evidence.h"
#include "domain/pia.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum evidence_about_kind kind;
	char value[EVIDENCE_ABOUT_MAX], due[11], *s, *err = NULL;
	const char *type = evidence_sniff(data, size);

	if (type == NULL || strchr(type, '/') == NULL)
		abort();
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (evidence_about_parse(s, &kind, value, &err) == 0) {
		/* What is accepted is text of bounded length, and a kind. */
		if (strlen(value) >= EVIDENCE_ABOUT_MAX ||
		    (kind != ABOUT_NONE && (value[0] == '\0' ||
		    !evidence_text_ok(value))))
			abort();
	} else if (err == NULL || kind != ABOUT_NONE) {
		abort();
	}
	free(err);
	err = NULL;
	if (evidence_title_check(s, &err) == 0 && (!evidence_text_ok(s) ||
	    strlen(s) > 200))
		abort();
	free(err);
	err = NULL;
	(void)pia_parse_yesno(s);
	if (pia_review_due(s, due, &err) == 0 && strlen(due) != 10)
		abort();
	free(err);
	free(s);
	return 0;
}
