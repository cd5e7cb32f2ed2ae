/* libFuzzer harness for layout files and value checks: any bytes must parse
 * or be refused cleanly, and whatever passes must obey the rules it passed.
 * fuzz-sources: src/util/readfile.c src/domain/layout.c src/domain/ini.c src/domain/fieldcheck.c src/domain/dates.c src/util/xmalloc.c src/util/err.c src/domain/insurer.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fieldcheck.h"
#include "domain/layout.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whatever layout_parse accepts must be whole and consistent. */
static void
fuzz_check_layout(const struct layout *l)
{
	size_t i, j;

	if (l->name == NULL || l->version < 1 || l->nfields < 1 ||
	    l->nfields > LAYOUT_MAX_FIELDS || l->description == NULL ||
	    (strcmp(l->encoding, "UTF-8") != 0 &&
	    strcmp(l->encoding, "CP932") != 0) ||
	    (strcmp(l->line_ending, "CRLF") != 0 &&
	    strcmp(l->line_ending, "LF") != 0))
		abort();
	for (i = 0; i < l->nfields; i++) {
		const struct layout_field *f = &l->fields[i];

		if (f->name == NULL || f->label == NULL ||
		    f->encoding != l->encoding || f->max_chars < 0 ||
		    f->max_chars > LAYOUT_MAX_LIMIT || f->max_bytes < 0 ||
		    f->max_bytes > LAYOUT_MAX_LIMIT ||
		    f->type > FIELD_MUNICIPALITY ||
		    strcmp(layout_type_name(f->type), "?") == 0)
			abort();
		for (j = 0; j < i; j++) {
			if (strcmp(l->fields[j].name, f->name) == 0 ||
			    (f->role != NULL && l->fields[j].role != NULL &&
			    strcmp(l->fields[j].role, f->role) == 0))
				abort();
		}
		if (f->role != NULL && layout_find_role(l, f->role) != f)
			abort();
	}
}

/* Number of code points in a valid UTF-8 value. */
static size_t
fuzz_chars(const char *s, size_t n)
{
	size_t i, len, count = 0;
	unsigned int cp;

	for (i = 0; i < n; i += len, count++) {
		if ((len = fieldcheck_utf8_next(s + i, n - i, &cp)) == 0)
			abort();
	}
	return count;
}

/* A value fieldcheck_value accepted must really be of its type. */
static void
fuzz_check_value(const struct layout_field *f, const char *v, size_t n)
{
	static const char max_code[] = {
		[FIELD_SEX] = '3', [FIELD_RELATION] = '2', [FIELD_RESIDENT] = '2',
	};
	unsigned int cp;
	size_t i, len;
	int blank = 1;
	char *copy;

	for (i = 0; i < n; i += len) {
		if ((len = fieldcheck_utf8_next(v + i, n - i, &cp)) == 0 ||
		    fieldcheck_is_control(cp))
			abort();
		if (cp != ' ' && cp != 0x3000)
			blank = 0;
	}
	if (blank)
		return;
	if (f->max_chars > 0 && fuzz_chars(v, n) > (size_t)f->max_chars)
		abort();
	if (f->max_bytes > 0 && strcmp(f->encoding, "UTF-8") == 0 &&
	    n > (size_t)f->max_bytes)
		abort();
	copy = xstrndup(v, n);
	switch (f->type) {
	case FIELD_KANA:
		if (fieldcheck_kana(copy) != FIELDCHECK_KANA_OK)
			abort();
		break;
	case FIELD_MUNICIPALITY:
		if (municipality_check(copy) != 1)
			abort();
		break;
	case FIELD_DATE:
	case FIELD_INSURER:
	case FIELD_DIGITS:
		for (i = 0; i < n; i++) {
			if (v[i] < '0' || v[i] > '9')
				abort();
		}
		if ((f->type == FIELD_DATE && n != 8) ||
		    (f->type == FIELD_INSURER && n != 8))
			abort();
		break;
	case FIELD_SEX:
	case FIELD_RELATION:
	case FIELD_RESIDENT:
		if (n != 1 || v[0] < '1' || v[0] > max_code[f->type])
			abort();
		break;
	case FIELD_TEXT:
		break;
	}
	free(copy);
}

/* The first line picks the field: type (first byte), encoding, whether it
 * is required, and its limits (the next bytes); the rest is the value. */
static void
fuzz_value(const uint8_t *data, size_t size)
{
	static const char *const types[] = { "text", "kana", "digits", "date",
	    "sex", "relation", "resident", "insurer", "municipality" };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t sel = nl != NULL ? (size_t)(nl - data) : size, vlen;
	uint8_t b[4] = { 0, 0, 0, 0 };
	struct layout l;
	char *text, *err = NULL;
	const char *value;
	int ret;

	memcpy(b, data, sel < 4 ? sel : 4);
	text = xasprintf("[layout]\nname = fuzz\nversion = 1\nencoding = %s\n"
	    "[field f]\ntype = %s\nrequired = %s\nmax_chars = %d\n"
	    "max_bytes = %d\n", (b[1] & 1) ? "CP932" : "UTF-8",
	    types[b[0] % 9], (b[1] & 2) ? "yes" : "no", b[2] % 32,
	    b[3] % 64);
	if (layout_parse(text, strlen(text), "fuzz", &l, &err) != 0)
		abort();
	free(text);
	value = nl != NULL ? (const char *)nl + 1 : "";
	vlen = nl != NULL ? size - sel - 1 : 0;

	ret = fieldcheck_value(&l.fields[0], value, vlen, &err);
	if ((ret == 0) != (err == NULL) || (ret != 0 && ret != -1))
		abort();
	if (ret == 0)
		fuzz_check_value(&l.fields[0], value, vlen);
	free(err);
	layout_free(&l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout l;
	char *err = NULL, *nul;
	size_t i;

	if (layout_parse((const char *)data, size, "fuzz", &l, &err) == 0) {
		if (err != NULL)
			abort();
		fuzz_check_layout(&l);
		/* Each field also checks the whole input as a value. */
		for (i = 0; i < l.nfields; i++) {
			if (fieldcheck_value(&l.fields[i], (const char *)data,
			    size, &err) != 0) {
				free(err);
				err = NULL;
			}
		}
		layout_free(&l);
	} else if (err == NULL || strncmp(err, "fuzz:", 5) != 0)
		abort();
	free(err);

	/* Plain strings for the NUL-terminated entry points. */
	nul = xstrndup((const char *)data, size);
	(void)municipality_check(nul);
	(void)fieldcheck_kana(nul);
	free(nul);

	if (size > 0)
		fuzz_value(data, size);
	return 0;
}
