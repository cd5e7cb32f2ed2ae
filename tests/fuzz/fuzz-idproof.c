/* libFuzzer harness for identity verification rules and decisions.
 * fuzz-sources: src/util/readfile.c src/domain/idproof.c src/domain/ini.c src/domain/fieldcheck.c src/domain/dates.c src/util/xmalloc.c src/util/err.c src/domain/insurer.c */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/idproof.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A valid table the decoded cases run against, whatever the input's text
 * makes of the parser. One document does not count by post. */
static const char fuzz_table[] =
    "[rules]\nname = f\nversion = 1\n"
    "[doc card]\nlabel = c\nproves = number, identity-photo\n"
    "copy_by_post = yes\n"
    "[doc note]\nlabel = n\nproves = number\ncopy_by_post = no\n"
    "[doc photo]\nlabel = p\nproves = identity-photo\ncopy_by_post = yes\n"
    "[doc plain]\nlabel = a\nproves = identity-nophoto\ncopy_by_post = yes\n"
    "[doc plain2]\nlabel = b\nproves = identity-nophoto\n"
    "copy_by_post = no\n"
    "[doc power]\nlabel = w\nproves = proxy-authority\ncopy_by_post = yes\n"
    "[exemption file]\nlabel = f\nwaives = number\nin_person_only = no\n"
    "[exemption face]\nlabel = e\nwaives = identity\nin_person_only = yes\n"
    "[exemption both]\nlabel = b\nwaives = number, identity\n"
    "in_person_only = no\n"
    "[channel member]\nlabel = m\nchecker = association\n"
    "needs = number, identity\n"
    "[channel family]\nlabel = f\nchecker = member\nneeds = number\n"
    "[channel employer-agent]\nlabel = e\nchecker = employer\n"
    "needs = identity\n"
    "[channel employer-proxy]\nlabel = p\nchecker = association\n"
    "needs = number, identity, proxy\n"
    "[channel jlis]\nlabel = j\nchecker = none\nneeds = none\n";

/* Whatever idrules_parse accepts must be whole and consistent. */
static void
fuzz_check_rules(const struct idrules *r)
{
	static const char *const need[] = { "member", "family",
	    "employer-agent", "employer-proxy", "jlis" };
	size_t i, j;

	if (r->name == NULL || r->version < 1 || r->ndocs == 0 ||
	    r->nchannels < 5)
		abort();
	for (i = 0; i < 5; i++) {
		if (idrules_channel(r, need[i]) == NULL)
			abort();
	}
	for (i = 0; i < r->ndocs; i++) {
		const struct iddoc *d = &r->docs[i];

		if (d->label == NULL || d->proves == 0 || (d->proves & ~0x0f) ||
		    ((d->proves & IDP_IDENTITY_PHOTO) &&
		    (d->proves & IDP_IDENTITY_NOPHOTO)) ||
		    (d->copy_by_post != 0 && d->copy_by_post != 1) ||
		    strlen(d->id) == 0 || strlen(d->id) > 32 ||
		    strspn(d->id, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(d->id) || idrules_doc(r, d->id) != d)
			abort();
		for (j = 0; j < i; j++) {
			if (strcmp(r->docs[j].id, d->id) == 0)
				abort();
		}
	}
	for (i = 0; i < r->nexemptions; i++) {
		const struct idexemption *e = &r->exemptions[i];

		if (e->label == NULL || e->waives == 0 || (e->waives & ~0x03) ||
		    idrules_exemption(r, e->id) != e)
			abort();
	}
	for (i = 0; i < r->nchannels; i++) {
		const struct idchannel *c = &r->channels[i];

		if (c->label == NULL || c->checker == NULL ||
		    idrules_channel(r, c->id) != c)
			abort();
	}
}

/* Runs one case and checks what any answer must look like. */
static void
fuzz_decide(const struct idrules *r, const struct idcase *c)
{
	struct idresult res;
	char *err = NULL;

	if (idproof_decide(r, c, &res, &err) != 0) {
		if (err == NULL || res.missing != NULL || res.pattern != NULL)
			abort();
		free(err);
		return;
	}
	if (err != NULL || res.missing == NULL || res.pattern == NULL ||
	    res.complete != (res.missing[0] == '\0') ||
	    res.complete != (strcmp(res.pattern, "incomplete") != 0))
		abort();
	idresult_clear(&res);
}

/* Each byte after the first picks a document (its own or the proxy's) or
 * an exemption of the rules. */
static void
fuzz_cases(const struct idrules *r, const uint8_t *data, size_t size)
{
	const char *docs[16], *ex[4];
	char names[16][48];
	struct idcase c;
	size_t i, nd = 0, ne = 0;

	if (size == 0)
		return;
	c.channel = r->channels[data[0] % r->nchannels].id;
	c.mode = (data[0] & 0x80) ? IDMODE_POST : IDMODE_IN_PERSON;
	for (i = 1; i < size && nd < 16; i++) {
		uint8_t b = data[i];

		if ((b & 0xc0) == 0xc0 && r->nexemptions > 0) {
			if (ne < 4)
				ex[ne++] = r->exemptions[b % r->nexemptions].id;
			continue;
		}
		snprintf(names[nd], sizeof names[nd], "%s%s",
		    (b & 0x40) ? "proxy:" : "", r->docs[b % r->ndocs].id);
		docs[nd] = names[nd];
		nd++;
	}
	c.docs = docs;
	c.ndocs = nd;
	c.exemptions = ex;
	c.nexemptions = ne;
	fuzz_decide(r, &c);
	/* A document of no table is refused whole. */
	if (nd > 0) {
		snprintf(names[0], sizeof names[0], "proxy:%.*s", (int)size,
		    (const char *)data);
		fuzz_decide(r, &c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct idrules fixed;
	static int loaded;
	struct idrules r;
	char *err = NULL;

	if (!loaded) {
		if (idrules_parse(fuzz_table, strlen(fuzz_table), "f", &fixed,
		    &err) != 0)
			abort();
		loaded = 1;
	}
	fuzz_cases(&fixed, data, size);

	if (idrules_parse((const char *)data, size, "f", &r, &err) == 0) {
		fuzz_check_rules(&r);
		fuzz_cases(&r, data, size);
		idrules_free(&r);
	} else {
		if (err == NULL || strncmp(err, "f:", 2) != 0 || r.docs != NULL ||
		    r.name != NULL)
			abort();
		free(err);
	}
	return 0;
}
