/* jlis-answer: plays J-LIS for tests and training. It answers an inquiry
 * file (forms/jlis-request.layout, default field order) in the default
 * answer layout (forms/jlis-answer.layout).
 *
 * The inquiry carries only a meaningless target identifier, so, like J-LIS
 * with its resident registry, the simulator finds each person by their
 * identity items: it reads the extract the persons came from (--persons,
 * the gen-persons CSV) and matches name, kana, birth and sex; a match that
 * is not unique answers "several candidates" (3). The number comes from
 * the --numbers file (person_id,number from gen-persons --numbers).
 * --not-found N leaves N persons unfound; --mismatch N alters one identity
 * item in the answer for N others; both are picked by --seed. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JA_FIELDS 16
#define JA_LINE 8192

struct ja_entry {
	char *key;	/* name|kana|birth|sex, or person id */
	char *value;	/* person id, or number */
	int count;
};

struct ja_map {
	struct ja_entry *e;
	size_t cap, n;
};

static void
ja_die(const char *what, const char *detail)
{
	fprintf(stderr, "jlis-answer: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	exit(1);
}

static void *
ja_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (p == NULL)
		ja_die("out of memory", NULL);
	return p;
}

static char *
ja_strdup(const char *s)
{
	char *d = ja_alloc(strlen(s) + 1);

	return strcpy(d, s);
}

static uint64_t
ja_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static struct ja_entry *
ja_slot(struct ja_map *m, const char *key)
{
	size_t i;

	if (m->n * 2 >= m->cap) {
		struct ja_entry *old = m->e;
		size_t oc = m->cap, j;

		m->cap = oc ? oc * 2 : 4096;
		m->e = ja_alloc(m->cap * sizeof *m->e);
		for (j = 0; j < oc; j++) {
			if (old[j].key == NULL)
				continue;
			for (i = ja_hash(old[j].key) & (m->cap - 1); m->e[i].key;
			    i = (i + 1) & (m->cap - 1))
				continue;
			m->e[i] = old[j];
		}
		free(old);
	}
	for (i = ja_hash(key) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	return &m->e[i];
}

static void
ja_map_free(struct ja_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->e[i].key);
		free(m->e[i].value);
	}
	free(m->e);
}

static void
ja_put(struct ja_map *m, const char *key, const char *value)
{
	struct ja_entry *e = ja_slot(m, key);

	if (e->key == NULL) {
		e->key = ja_strdup(key);
		e->value = ja_strdup(value);
		m->n++;
	}
	e->count++;
}

static const struct ja_entry *
ja_get(struct ja_map *m, const char *key)
{
	struct ja_entry *e = m->cap ? ja_slot(m, key) : NULL;

	return e != NULL && e->key != NULL ? e : NULL;
}

/* Splits a CSV line (quotes allowed, no line ends inside) in place. */
static int
ja_split(char *line, char **f, int max)
{
	char *r = line, *w;
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = w = r;
		if (*r == '"') {
			for (r++; *r; r++) {
				if (*r == '"' && r[1] == '"')
					*w++ = *r++;
				else if (*r == '"')
					break;
				else
					*w++ = *r;
			}
			if (*r == '"')
				r++;
		} else {
			while (*r && *r != ',')
				*w++ = *r++;
		}
		if (*r != ',') {
			*w = '\0';
			return n;
		}
		r++;
		*w = '\0';
	}
	return n;
}

/* J-LIS finds a person asked about in the usual form (通用字体) of a
 * registered 外字: the registry's 𠮷 answers to 吉. In place: the usual
 * forms here are never longer. */
static void
ja_usual_form(char *s)
{
	static const char *const fold[][2] = {
		{ "\xf0\xa0\xae\xb7", "吉" }, { "髙", "高" }, { "﨑", "崎" },
	};
	size_t i, a, b;
	char *p;

	for (i = 0; i < sizeof fold / sizeof fold[0]; i++)
		while ((p = strstr(s, fold[i][0])) != NULL) {
			a = strlen(fold[i][0]);
			b = strlen(fold[i][1]);
			memcpy(p, fold[i][1], b);
			memmove(p + b, p + a, strlen(p + a) + 1);
		}
}

static char *
ja_idkey(char **f)
{
	size_t n = strlen(f[0]) + strlen(f[1]) + strlen(f[2]) + strlen(f[3]) + 8;
	char *k = ja_alloc(n);

	snprintf(k, n, "%s|%s|%s|%s", f[0], f[1], f[2], f[3]);
	ja_usual_form(k);
	return k;
}

/* The extract: name, kana, birth, sex are columns 7-10 of gen-persons. */
static void
ja_read_persons(const char *file, struct ja_map *who)
{
	FILE *f = fopen(file, "r");
	char line[JA_LINE], *fld[JA_FIELDS], *k;

	if (f == NULL)
		ja_die(file, strerror(errno));
	if (fgets(line, sizeof line, f) == NULL)
		ja_die(file, "empty");
	while (fgets(line, sizeof line, f) != NULL) {
		if (ja_split(line, fld, JA_FIELDS) < 10)
			continue;
		k = ja_idkey(fld + 6);
		ja_put(who, k, fld[0]);
		free(k);
	}
	fclose(f);
}

static void
ja_read_numbers(const char *file, struct ja_map *num)
{
	FILE *f = fopen(file, "r");
	char line[256], *fld[2];

	if (f == NULL)
		ja_die(file, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL)
		if (ja_split(line, fld, 2) == 2)
			ja_put(num, fld[0], fld[1]);
	fclose(f);
}

/* Converts with cd; the result is allocated. */
static char *
ja_conv(iconv_t cd, const char *s)
{
	size_t left = strlen(s), room = left * 3 + 4;
	char *out = ja_alloc(room), *in = (char *)s, *o = out;

	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1)
		ja_die("cannot convert a line", strerror(errno));
	*o = '\0';
	return out;
}

static uint64_t
ja_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Replaces the last UTF-8 character of s with rep (or alt if equal). */
static char *
ja_alter_last(const char *s, const char *rep, const char *alt)
{
	size_t n = strlen(s), cut = n;
	char *out = ja_alloc(n + 8);

	while (cut > 0 && ((unsigned char)s[cut - 1] & 0xc0) == 0x80)
		cut--;
	if (cut > 0)
		cut--;
	memcpy(out, s, cut);
	strcpy(out + cut, strcmp(s + cut, rep) == 0 ? alt : rep);
	return out;
}

/* One identity item altered: what a wrong link looks like. */
static void
ja_alter(char **f, uint64_t r, char **keep)
{
	int item = (int)(r % 5);
	char *v;

	switch (item) {
	case 0: v = ja_alter_last(f[0], "江", "川"); break;
	case 1: v = ja_alter_last(f[1], "エ", "カ"); break;
	case 2:
		v = ja_strdup(f[2]);
		v[3] = v[3] == '9' ? '8' : (char)(v[3] + 1);
		if (strcmp(v + 4, "0229") == 0)
			v[7] = '8';
		break;
	case 3: v = ja_strdup(strcmp(f[3], "1") == 0 ? "2" : "1"); break;
	default: v = ja_alter_last(f[4], "一", "二"); break;
	}
	*keep = v;
	f[item] = v;
}

struct ja_row {
	char *line;
};

static void
ja_usage(void)
{
	fputs("usage: jlis-answer --persons EXTRACT --numbers FILE [--seed S] "
	    "[--not-found N] [--mismatch N] REQUEST.csv > ANSWER.csv\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *persons = NULL, *numbers = NULL, *request = NULL;
	struct ja_map who = { 0 }, num = { 0 };
	uint64_t seed = 1;
	long notfound = 0, mismatch = 0, n = 0, i, *order, fate;
	char **rows = NULL, line[JA_LINE];
	iconv_t in, out;
	FILE *f;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--persons") == 0 && v) persons = argv[++i];
		else if (strcmp(a, "--numbers") == 0 && v) numbers = argv[++i];
		else if (strcmp(a, "--seed") == 0 && v) seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(a, "--not-found") == 0 && v) notfound = atol(argv[++i]);
		else if (strcmp(a, "--mismatch") == 0 && v) mismatch = atol(argv[++i]);
		else if (a[0] != '-' && request == NULL) request = a;
		else ja_usage();
	}
	if (persons == NULL || numbers == NULL || request == NULL)
		ja_usage();
	ja_read_persons(persons, &who);
	ja_read_numbers(numbers, &num);
	if ((in = iconv_open("UTF-8", "CP932")) == (iconv_t)-1 ||
	    (out = iconv_open("CP932", "UTF-8")) == (iconv_t)-1)
		ja_die("iconv has no CP932", NULL);
	if ((f = fopen(request, "rb")) == NULL)
		ja_die(request, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL) {
		rows = realloc(rows, (size_t)(n + 1) * sizeof *rows);
		if (rows == NULL)
			ja_die("out of memory", NULL);
		rows[n++] = ja_conv(in, line);
	}
	fclose(f);
	/* A shuffled order decides who is not found and who is altered. */
	order = ja_alloc((size_t)(n ? n : 1) * sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; i > 0; i--) {
		long j = (long)(ja_next(&seed) % (uint64_t)(i + 1)), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < n; i++) {
		char *fld[JA_FIELDS], *keep = NULL, *k, *text, *o;
		const struct ja_entry *p, *nb;
		int status = 1;

		fate = order[i];
		if (ja_split(rows[i], fld, JA_FIELDS) != 7)
			ja_die("not an inquiry file in the default layout", request);
		k = ja_idkey(fld);
		p = ja_get(&who, k);
		free(k);
		nb = p != NULL ? ja_get(&num, p->value) : NULL;
		if (fate < notfound || p == NULL || nb == NULL)
			status = 2;
		else if (p->count > 1)
			status = 3;
		else if (fate < notfound + mismatch)
			ja_alter(fld, ja_next(&seed), &keep);
		text = malloc(strlen(fld[0]) + strlen(fld[1]) + strlen(fld[4]) + 128);
		if (text == NULL)
			ja_die("out of memory", NULL);
		sprintf(text, "%s,%s,%s,%s,\"%s\",%s,%s,%d,%s\r\n", fld[0], fld[1],
		    fld[2], fld[3], fld[4], fld[5], fld[6], status,
		    status == 1 ? nb->value : "");
		o = ja_conv(out, text);
		fputs(o, stdout);
		free(o);
		free(text);
		free(keep);
	}
	/* Everything freed, so a sanitizer build's leak check stays quiet. */
	for (i = 0; i < n; i++)
		free(rows[i]);
	free(rows);
	free(order);
	ja_map_free(&who);
	ja_map_free(&num);
	iconv_close(in);
	iconv_close(out);
	return fflush(stdout) == 0 ? 0 : 1;
}
