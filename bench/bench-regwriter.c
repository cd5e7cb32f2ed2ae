/* Benchmark: the registration file writer alone (reg_writer_record), over
 * the persons of a gen-persons extract, in forms/reg-persons.layout and
 * forms/reg-qualification.layout. Values are filled as the export fills
 * them from the vault (src/ops/reg-source.c: by role), with a generated
 * individual number (valid check digit) and a 10-digit branch.
 *
 * Baselines measured in the same run, on the same values:
 *   join   the values memcpy'd into a line buffer with commas and CRLF
 *   iconv  the joined line converted to CP932 by one iconv call
 * The time of the writer is printed against both, as a ratio; no timing is
 * asserted. A digest over every line and both hashes of every record is
 * printed too, so that two builds can be shown to write the same bytes.
 * Usage: bench-regwriter EXTRACT.csv */
#include "config.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "domain/csv.h"
#include "domain/layout.h"
#include "domain/mynumber.h"
#include "domain/regfile.h"
#include "util/hex.h"
#include "util/xmalloc.h"

#define BENCH_NAME "bench-regwriter"
#include "bench-util.h"

#define FORMS MYNA_SRCDIR "/forms/"
#define ROUNDS 3	/* best of: the machine is shared */

/* Every cell of the extract in one arena: row r's field c starts at
 * arena + off[r * ncols + c]. */
struct rows {
	char *arena;
	size_t len, cap;
	size_t *off;
	size_t n, ncap, ncols;
	char **header;
};

static void
arena_put(struct rows *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		r->cap = (r->len + n + 1) * 2;
		r->arena = xrealloc(r->arena, r->cap);
	}
	memcpy(r->arena + r->len, s, n + 1);
	r->len += n + 1;
}

static int
on_row(const struct csv_row *row, void *arg)
{
	struct rows *r = arg;
	size_t i;

	if (r->header == NULL) {
		r->ncols = row->nfields;
		r->header = xcalloc(row->nfields, sizeof *r->header);
		for (i = 0; i < row->nfields; i++)
			r->header[i] = xstrdup(row->fields[i]);
		return 0;
	}
	if (row->nfields != r->ncols)
		die("extract", "a row with another number of fields");
	if ((r->n + 1) * r->ncols > r->ncap) {
		r->ncap = (r->n + 1) * r->ncols * 2;
		r->off = xrealloc(r->off, r->ncap * sizeof *r->off);
	}
	for (i = 0; i < row->nfields; i++) {
		r->off[r->n * r->ncols + i] = r->len;
		arena_put(r, row->fields[i], row->lens[i]);
	}
	r->n++;
	return 0;
}

static void
read_rows(const char *path, struct rows *r)
{
	struct csvr *c = csvr_new(1);
	FILE *f = fopen(path, "rb");
	char buf[65536], *err = NULL;
	size_t n;

	if (f == NULL)
		die("extract", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csvr_feed(c, buf, n, on_row, r, &err) < 0)
			die("extract", err);
	if (csvr_finish(c, on_row, r, &err) < 0)
		die("extract", err);
	csvr_free(c);
	fclose(f);
}

/* All values of every row in layout l, NULL-free, rows after rows. */
static const char **
fill(const struct layout *l, const struct layout *src, const struct rows *r,
    char **owned)
{
	const char **v = xcalloc(r->n * l->nfields, sizeof *v);
	char *extra = xmalloc(r->n * 32), *p = extra;
	uint64_t state = 7;
	size_t i, j, c;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < l->nfields; j++) {
			const char *role = l->fields[j].role, **out =
			    &v[i * l->nfields + j];
			const struct layout_field *sf;

			*out = "";
			if (role == NULL)
				continue;
			if (strcmp(role, "seq") == 0) {
				*out = p;
				p += sprintf(p, "%zu", i + 1) + 1;
			} else if (strcmp(role, "action") == 0)
				*out = "1";
			else if (strcmp(role, "mynumber") == 0) {
				mynumber_generate(&state, p);
				*out = p;
				p += 13;
			} else if (strcmp(role, "branch") == 0) {
				*out = p;
				p += sprintf(p, "%010zu", i + 1) + 1;
			} else if ((sf = layout_find_role(src, role)) != NULL) {
				for (c = 0; c < r->ncols; c++)
					if (strcmp(r->header[c], sf->name) == 0)
						*out = r->arena +
						    r->off[i * r->ncols + c];
			}
		}
	}
	*owned = extra;
	return v;
}

static size_t
join(const char *const *v, size_t nf, char *line)
{
	size_t j, k, len = 0;

	for (j = 0; j < nf; j++) {
		if (j > 0)
			line[len++] = ',';
		k = strlen(v[j]);
		memcpy(line + len, v[j], k);
		len += k;
	}
	line[len++] = '\r';
	line[len++] = '\n';
	return len;
}

/* Seconds for the baseline over every row: the join, and with iconv. */
static double
baseline(const struct layout *l, const char **v, size_t n, iconv_t cd,
    unsigned long *sink)
{
	char line[4096], out[8192];
	double t0 = now();
	size_t i;

	for (i = 0; i < n; i++) {
		size_t len = join(v + i * l->nfields, l->nfields, line);

		if (cd != (iconv_t)-1) {
			char *in = line, *o = out;
			size_t left = len, room = sizeof out;

			iconv(cd, NULL, NULL, NULL, NULL);
			/* 𠮷 and the like: the writer refuses the row. */
			if (iconv(cd, &in, &left, &o, &room) == (size_t)-1)
				(*sink)++;
			len = sizeof out - room;
		}
		*sink += len;
	}
	return now() - t0;
}

/* Seconds for the writer over every row; all (when not NULL) gets what it
 * gave: the lines, both hashes, and the message of each refused row. */
static double
writer(const struct layout *l, const char **v, size_t n, EVP_MD_CTX *all,
    size_t *refused)
{
	unsigned char sent[32], content[32];
	struct reg_writer *w;
	const char *line;
	char *err = NULL;
	double t0, t;
	size_t i, len;

	if ((w = reg_writer_new(l, &err)) == NULL)
		die("writer", err);
	t0 = now();
	for (i = 0; i < n; i++) {
		if (reg_writer_record(w, v + i * l->nfields, &line, &len, sent,
		    content, &err) < 0) {
			if (all != NULL) {
				EVP_DigestUpdate(all, err, strlen(err) + 1);
				(*refused)++;
			}
			free(err);
			err = NULL;
			continue;
		}
		if (all != NULL) {
			EVP_DigestUpdate(all, line, len);
			EVP_DigestUpdate(all, sent, 32);
			EVP_DigestUpdate(all, content, 32);
		}
	}
	t = now() - t0;
	reg_writer_free(w);
	return t;
}

static void
run(const char *name, const struct layout *src, const struct rows *r)
{
	char *path = xasprintf(FORMS "%s.layout", name), *err = NULL, *owned;
	double tj = 1e9, ti = 1e9, tw = 1e9, t;
	unsigned char md[32];
	char hex[65];
	unsigned long sink = 0;
	size_t refused = 0;
	struct layout l;
	const char **v;
	EVP_MD_CTX *all = EVP_MD_CTX_new();
	iconv_t cd = iconv_open("CP932", "UTF-8");
	int k;

	if (layout_load(path, &l, &err) < 0)
		die(path, err);
	v = fill(&l, src, r, &owned);
	EVP_DigestInit_ex(all, EVP_sha256(), NULL);
	for (k = 0; k < ROUNDS; k++) {
		if ((t = baseline(&l, v, r->n, (iconv_t)-1, &sink)) < tj)
			tj = t;
		if ((t = baseline(&l, v, r->n, cd, &sink)) < ti)
			ti = t;
		if ((t = writer(&l, v, r->n, k == 0 ? all : NULL,
		    &refused)) < tw)
			tw = t;
	}
	EVP_DigestFinal_ex(all, md, NULL);
	hex_encode(md, 32, hex);
	printf("%-18s %zu records  writer %.3f s  %.2f us/record  %.0f "
	    "records/s\n", name, r->n, tw, tw * 1e6 / (double)r->n,
	    (double)r->n / tw);
	printf("%-18s join %.3f s  iconv %.3f s  writer/join %.1fx  "
	    "writer/iconv %.1fx\n", "", tj, ti, tw / tj, tw / ti);
	printf("%-18s %zu refused; output sha256 %s (sink %lu)\n", "",
	    refused, hex, sink % 10);
	iconv_close(cd);
	EVP_MD_CTX_free(all);
	free(v);
	free(owned);
	free(path);
	layout_free(&l);
}

int
main(int argc, char **argv)
{
	struct rows r = { 0 };
	struct layout src;
	char *err = NULL;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-regwriter EXTRACT.csv\n");
		return 2;
	}
	if (layout_load(FORMS "persons.layout", &src, &err) < 0)
		die("persons.layout", err);
	read_rows(argv[1], &r);
	run("reg-persons", &src, &r);
	run("reg-qualification", &src, &r);
	layout_free(&src);
	for (i = 0; i < r.ncols; i++)
		free(r.header[i]);
	free(r.header);
	free(r.off);
	free(r.arena);
	return 0;
}
