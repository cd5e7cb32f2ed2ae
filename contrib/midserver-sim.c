/* midserver-sim: an offline stand-in for the intermediate server
 * (中間サーバー), for tests, demos and training. It answers a registration
 * file as the server's result file would: every record checked against the
 * layout, branch numbers issued (the same for a person in every run), and
 * N records refused on purpose. Since May 2024 the server also compares
 * each registered person with the resident registry: --jlis-mismatch N
 * reports N accepted persons (never one sent with the no-error flag) whose
 * address differs, chosen by the seed like the refused rows. The HTTPS "serve" mode (midserver-serve.c)
 * answers each upload by running this program's "answer" on it.
 *
 * usage: midserver-sim answer FILE [--fail N] [--jlis-mismatch N] [--seed S]
 *            [--layout FILE] [--result-layout FILE] > RESULT
 *        midserver-sim serve --port P --cert F --key F --client-ca F ...
 */
#include "config.h"

#include "midserver-serve.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "domain/regfile.h"
#include "domain/regread.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xmalloc.h"

struct sim_row {
	long seq;
	char *key;
	char *message;		/* NULL: accepted */
	char *address;		/* the record's, for a J-LIS mismatch */
	int no_error;		/* sent with the no-error flag */
	int mismatch;		/* J-LIS: the address differs */
};

struct sim {
	const struct layout *l;
	int seq_col, key_col, address_col, flag_col;
	struct sim_row *rows;
	size_t n, cap;
	char *problem;		/* the current record's first problem */
};

static void
sim_problem(long line, const char *field, const char *why, void *arg)
{
	struct sim *s = arg;

	(void)line;
	if (s->problem == NULL)
		s->problem = xasprintf("E0001 %s: %s", field, why);
}

static int
sim_row(const struct reg_row *r, void *arg)
{
	struct sim *s = arg;
	struct sim_row *row;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->rows = xrealloc(s->rows, s->cap * sizeof *s->rows);
	}
	row = &s->rows[s->n++];
	row->seq = r->record;
	row->key = xstrdup("");
	row->address = NULL;
	row->no_error = row->mismatch = 0;
	if (r->nfields == s->l->nfields) {
		if (s->address_col >= 0)
			row->address = xstrdup(r->v[s->address_col]);
		if (s->flag_col >= 0)
			row->no_error = strcmp(r->v[s->flag_col], "1") == 0;
		if (s->seq_col >= 0)
			row->seq = strtol(r->v[s->seq_col], NULL, 10);
		free(row->key);
		row->key = xstrdup(s->key_col >= 0 ? r->v[s->key_col] : "");
	}
	row->message = s->problem;
	s->problem = NULL;
	return 0;
}

/* splitmix64: the refused rows are the same for the same seed. */
static uint64_t
sim_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
sim_fail(struct sim *s, long n, uint64_t seed)
{
	size_t i, ok = 0, pick;

	for (i = 0; i < s->n; i++)
		ok += s->rows[i].message == NULL;
	for (; n > 0 && ok > 0; n--, ok--) {
		pick = (size_t)(sim_next(&seed) % ok);
		for (i = 0; i < s->n; i++) {
			if (s->rows[i].message != NULL)
				continue;
			if (pick-- == 0) {
				s->rows[i].message = xstrdup("E0101 住民基本台帳の"
				    "情報と一致しません (simulated)");
				break;
			}
		}
	}
}

/* J-LIS collation: n accepted persons, not sent with the no-error flag,
 * are found to differ from the registry. Its own stream of the seed, so
 * that --fail picks the same rows with or without it. */
static void
sim_mismatch(struct sim *s, long n, uint64_t seed)
{
	size_t i, open = 0, pick;

	seed ^= 0x4a4c4953ULL;	/* "JLIS" */
	for (i = 0; i < s->n; i++)
		open += s->rows[i].message == NULL && !s->rows[i].no_error;
	for (; n > 0 && open > 0; n--, open--) {
		pick = (size_t)(sim_next(&seed) % open);
		for (i = 0; i < s->n; i++) {
			struct sim_row *r = &s->rows[i];

			if (r->message != NULL || r->no_error || r->mismatch)
				continue;
			if (pick-- == 0) {
				r->mismatch = 1;
				break;
			}
		}
	}
}

/* The registry's address of a mismatched person: the record's with a
 * block number the record lacks, as a move within a town reads. */
static char *
sim_registry_address(const struct sim_row *r)
{
	const char *a = r->address ? r->address : "";

	/* Within the 50 characters of forms/reg-result.layout. */
	return text_chars(a) <= 47 ? xasprintf("%s１番地", a) :
	    xstrdup("住所不一致 (simulated)");
}

/* The branch number of a person: 10 digits from a hash of their key, the
 * same in every run, as the server keeps one per person. */
static void
sim_branch(const char *key, char out[11])
{
	unsigned char d[32];
	uint64_t v = 0;
	int i;

	EVP_Digest(key, strlen(key), d, NULL, EVP_sha256(), NULL);
	for (i = 0; i < 8; i++)
		v = (v << 8) | d[i];
	snprintf(out, 11, "%010llu", (unsigned long long)(v % 10000000000ULL));
}

static int
sim_write(struct sim *s, const struct layout *rl, const char *file,
    const char *sha, enum reg_kind kind)
{
	struct reg_writer *w;
	const char **v = xcalloc(rl->nfields, sizeof *v);
	unsigned char h1[32], h2[32];
	const char *line;
	char seq[24], branch[11], *err = NULL, *jaddr;
	size_t i, j, len;
	int persons = kind == REG_PERSONS;

	if ((w = reg_writer_new(rl, &err)) == NULL ||
	    (rl->header && (reg_writer_header(w, &line, &len, &err) < 0 ||
	    fwrite(line, 1, len, stdout) != len))) {
		fprintf(stderr, "midserver-sim: %s\n", err ? err : "write");
		return 2;
	}
	for (i = 0; i < s->n; i++) {
		struct sim_row *r = &s->rows[i];

		snprintf(seq, sizeof seq, "%ld", r->seq);
		sim_branch(r->key, branch);
		jaddr = r->mismatch ? sim_registry_address(r) : xstrdup("");
		for (j = 0; j < rl->nfields; j++) {
			const char *role = rl->fields[j].role ? rl->fields[j].role : "";

			v[j] = strcmp(role, "file") == 0 ? file :
			    strcmp(role, "file_sha256") == 0 ? sha :
			    strcmp(role, "seq") == 0 ? seq :
			    strcmp(role, "key") == 0 ? r->key :
			    strcmp(role, "branch") == 0 ? (r->message == NULL &&
			    kind == REG_PERSONS ? branch : "") :
			    strcmp(role, "code") == 0 ? (r->message ? "1" : "0") :
			    strcmp(role, "message") == 0 ? (r->message ?
			    r->message : "処理完了") :
			    /* Only registered persons are collated. */
			    strcmp(role, "jlis_result") == 0 ? (!persons ||
			    r->message ? "" : r->mismatch ? "1" : "0") :
			    strcmp(role, "jlis_items") == 0 ? (r->mismatch ?
			    "00001" : "") :
			    strcmp(role, "jlis_address") == 0 ? jaddr : "";
		}
		if (reg_writer_record(w, v, &line, &len, h1, h2, &err) < 0) {
			fprintf(stderr, "midserver-sim: record %ld: %s\n", r->seq,
			    err);
			free(jaddr);
			return 2;
		}
		free(jaddr);
		fwrite(line, 1, len, stdout);
	}
	reg_writer_free(w);
	free(v);
	return fflush(stdout) == 0 ? 0 : 2;
}

static char *
sim_default_layout(const char *name)
{
	char *forms = paths_data("forms"), *p;

	if (forms == NULL)
		return NULL;
	p = xasprintf("%s/%s", forms, name);
	free(forms);
	return p;
}

static int
sim_usage(void)
{
	fputs("usage: midserver-sim answer FILE [--fail N] [--jlis-mismatch N] "
	    "[--seed S] [--layout FILE] [--result-layout FILE] > RESULT\n"
	    "       midserver-sim serve --port P --cert F --key F --client-ca F "
	    "[--port-file F] [--fail N] [--jlis-mismatch N] [--slow MS] "
	    "[--drop N]\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	struct sim s = { 0 };
	struct layout l, rl;
	struct reg_read_summary sum;
	enum reg_kind kind = REG_PERSONS;
	const char *file, *base, *lpath = NULL, *rpath = NULL;
	char *lp, *rp, *err = NULL;
	long fail = 0, mismatch = 0;
	char *end;
	uint64_t seed = 1;
	FILE *f;
	int i, rc;

	if (argc >= 2 && strcmp(argv[1], "serve") == 0)
		return sim_serve_main(argc - 1, argv + 1);
	if (argc < 3 || strcmp(argv[1], "answer") != 0)
		return sim_usage();
	file = argv[2];
	for (i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--fail") == 0)
			fail = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--jlis-mismatch") == 0) {
			/* Checked whole: a typo must not quietly mean 0. */
			errno = 0;
			mismatch = strtol(argv[i + 1], &end, 10);
			if (end == argv[i + 1] || *end != '\0' || errno != 0 ||
			    mismatch < 0) {
				fprintf(stderr, "midserver-sim: --jlis-mismatch: "
				    "not a count: %s\n", argv[i + 1]);
				return 2;
			}
		} else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoull(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--layout") == 0)
			lpath = argv[i + 1];
		else if (strcmp(argv[i], "--result-layout") == 0)
			rpath = argv[i + 1];
		else
			return sim_usage();
	}
	if (i != argc)
		return sim_usage();
	if (reg_kind_of_file(file, &kind) < 0 && lpath == NULL) {
		fprintf(stderr, "midserver-sim: %s: not a mynadesk file name; "
		    "give --layout\n", file);
		return 2;
	}
	if (lpath == NULL) {
		char *name = xasprintf("reg-%s.layout", reg_kind_name(kind));

		lp = sim_default_layout(name);
		free(name);
	} else {
		lp = xstrdup(lpath);
	}
	rp = rpath ? xstrdup(rpath) : sim_default_layout("reg-result.layout");
	if (lp == NULL || rp == NULL || layout_load(lp, &l, &err) < 0 ||
	    layout_load(rp, &rl, &err) < 0) {
		fprintf(stderr, "midserver-sim: %s\n", err ? err :
		    "layouts not found");
		return 2;
	}
	s.l = &l;
	s.seq_col = layout_index_of_role(&l, "seq");
	s.key_col = layout_index_of_role(&l, "key");
	s.address_col = layout_index_of_role(&l, "address");
	s.flag_col = layout_index_of_role(&l, "jlis_flag");
	if ((f = fopen(file, "rb")) == NULL) {
		fprintf(stderr, "midserver-sim: %s: %s\n", file, strerror(errno));
		return 2;
	}
	rc = reg_read(&l, f, sim_row, sim_problem, &s, &sum, &err);
	fclose(f);
	if (rc < 0) {
		fprintf(stderr, "midserver-sim: %s: %s\n", file, err);
		return 2;
	}
	sim_fail(&s, fail, seed);
	if (kind == REG_PERSONS)
		sim_mismatch(&s, mismatch, seed);
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	rc = sim_write(&s, &rl, base, sum.sha256, kind);
	fprintf(stderr, "midserver-sim: %s: %zu records, %lld malformed, %ld "
	    "refused on purpose, %ld J-LIS mismatches asked\n", base, s.n,
	    sum.bad, fail, mismatch);
	for (i = 0; (size_t)i < s.n; i++) {
		free(s.rows[i].key);
		free(s.rows[i].address);
		free(s.rows[i].message);
	}
	free(s.rows);
	free(lp);
	free(rp);
	free(err);
	layout_free(&l);
	layout_free(&rl);
	return rc;
}
