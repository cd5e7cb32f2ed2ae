/* The format checker's engine: bytes in, "file:line:field: message" out.
 * The registry of layouts and their own rules is in checkers.c. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/encoding.h"
#include "domain/fieldcheck.h"
#include "domain/filecheck.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Line-ending problems past this many are counted, not listed: a file saved
 * with the wrong line end would otherwise list every line. */
#define FC_EOL_LISTED 5

struct fc_slot {
	uint64_t hash;		/* 0: empty */
	long line;
};

struct filecheck {
	const struct layout *l;
	const struct filecheck_rules *rules;
	char *path;
	filecheck_err_fn on_err;
	void *err_arg;
	filecheck_row_fn on_row;
	void *row_arg;

	struct decoder *dec;
	struct csvr *csv;
	/* For a CP932 file the decoded text is checked as UTF-8 and its bytes
	 * counted here: everything that decoded has a code, so no converter is
	 * needed per value. */
	struct layout_field *fields;
	int cp932;
	int crlf;		/* the layout's line end is CRLF */
	int unique_col;

	long line;		/* physical lines ended so far */
	char last;		/* last byte fed */
	long long fed;
	int header_seen;
	struct layout_colmap map;	/* the header's columns, when it fits */
	int fatal;
	int row_bad;
	long eol_bad;
	long long rows, errors;
	struct jlis_name name;
	int have_name;

	struct fc_slot *set;
	size_t set_cap, set_n;
	/* The column of each of rules->roles: the row rules ask for values
	 * by role on every row, where a search of the layout compared names. */
	int *role_col;
	/* Whether each value of the row being checked holds half-width kana,
	 * counted by the value checks; valid while cur is that row. */
	unsigned char *half;
	size_t half_n;
	const struct csv_row *cur;
};

void
filecheck_error(struct filecheck *fc, long line, const char *field,
    const char *fmt, ...)
{
	va_list ap;
	char *why, *msg;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	msg = xasprintf("%s:%ld:%s: %s", fc->path, line, field, why);
	fc->errors++;
	fc->row_bad = 1;
	if (fc->on_err != NULL)
		fc->on_err(msg, fc->err_arg);
	free(why);
	free(msg);
}

/* Turns a reader's "line N: text" into a problem on line N. */
static void
fc_fatal(struct filecheck *fc, const char *e)
{
	long line = fc->line + 1;
	const char *text = e != NULL ? e : "?";
	char *end;

	if (e != NULL && strncmp(e, "line ", 5) == 0) {
		line = strtol(e + 5, &end, 10);
		if (end[0] == ':' && end[1] == ' ')
			text = end + 2;
	}
	filecheck_error(fc, line, "-", "%s", text);
	fc->fatal = 1;
}

static void
fc_name_check(struct filecheck *fc)
{
	const char *base = strrchr(fc->path, '/');

	base = base != NULL ? base + 1 : fc->path;
	if (fc->l->file_name == NULL)
		return;
	if (jlis_name_match(fc->l->file_name, base, &fc->name))
		fc->have_name = 1;
	else
		filecheck_error(fc, 0, "-", _("the file name does not follow the "
		    "rule %s of layout %s"), fc->l->file_name, fc->l->name);
}

static void
fc_role_cols(struct filecheck *fc)
{
	size_t i, n = 0;

	if (fc->rules == NULL || fc->rules->roles == NULL)
		return;
	while (fc->rules->roles[n] != NULL)
		n++;
	fc->role_col = xcalloc(n + 1, sizeof *fc->role_col);
	for (i = 0; i < n; i++)
		fc->role_col[i] = layout_index_of_role(fc->l,
		    fc->rules->roles[i]);
}

struct filecheck *
filecheck_new(const struct layout *l, const struct filecheck_rules *rules,
    const char *path, filecheck_err_fn on_err, void *arg, char **err)
{
	struct filecheck *fc;
	size_t i;

	if (rules != NULL && layout_require_roles(l, rules->roles, err) < 0)
		return NULL;
	fc = xcalloc(1, sizeof *fc);
	if ((fc->dec = decoder_new(l->encoding, err)) == NULL) {
		free(fc);
		return NULL;
	}
	fc->l = l;
	fc->rules = rules;
	fc->path = xstrdup(path != NULL ? path : "-");
	fc->on_err = on_err;
	fc->err_arg = arg;
	fc->csv = csvr_new(1);
	fc->cp932 = strcmp(l->encoding, "CP932") == 0;
	fc->crlf = strcmp(l->line_ending, "CRLF") == 0;
	fc->fields = xcalloc(l->nfields, sizeof *fc->fields);
	for (i = 0; i < l->nfields; i++) {
		fc->fields[i] = l->fields[i];
		if (fc->cp932) {
			fc->fields[i].encoding = NULL;
			fc->fields[i].max_bytes = 0;
		}
	}
	fc->unique_col = rules != NULL && rules->unique_role != NULL ?
	    layout_index_of_role(l, rules->unique_role) : -1;
	fc_role_cols(fc);
	fc->last = '\n';
	fc_name_check(fc);
	return fc;
}

void
filecheck_on_row(struct filecheck *fc, filecheck_row_fn fn, void *arg)
{
	fc->on_row = fn;
	fc->row_arg = arg;
}

static uint64_t
fc_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h | 1;
}

/* A zeroed table of n slots, in huge pages from 2 MiB on: the hashes
 * touch every page of the table in random order. */
static struct fc_slot *
fc_table(size_t n)
{
	size_t bytes = n * sizeof(struct fc_slot);
	void *p = xmalloc_huge(bytes);

	memset(p, 0, bytes);
	return p;
}

/* Remembers a value; returns the line it was first seen on, or 0. The
 * set keeps a 64-bit hash, so two different values could in theory be
 * taken as equal (about once in 10^9 files of 100,000 rows).
 *
 * It grows when three quarters full, not half: each page of a new table is
 * a page fault on first touch, and those faults (on every table the set
 * passes through) were a tenth of the check of a 95,000-row file. Linear
 * probing at 3/4 costs a few more compares within the cache line the
 * prefetch brought. */
static long
fc_seen(struct filecheck *fc, uint64_t h, long line)
{
	size_t i, mask;

	if (fc->set_n * 4 >= fc->set_cap * 3) {
		struct fc_slot *old = fc->set;
		size_t cap = fc->set_cap;

		fc->set_cap = cap ? cap * 2 : 1024;
		fc->set = fc_table(fc->set_cap);
		fc->set_n = 0;
		for (i = 0; i < cap; i++) {
			if (old[i].hash != 0) {
				size_t j = old[i].hash & (fc->set_cap - 1);

				while (fc->set[j].hash != 0)
					j = (j + 1) & (fc->set_cap - 1);
				fc->set[j] = old[i];
				fc->set_n++;
			}
		}
		free(old);
	}
	mask = fc->set_cap - 1;
	for (i = h & mask; fc->set[i].hash != 0; i = (i + 1) & mask)
		if (fc->set[i].hash == h)
			return fc->set[i].line;
	fc->set[i].hash = h;
	fc->set[i].line = line;
	fc->set_n++;
	return 0;
}

static void
fc_header(struct filecheck *fc, const struct csv_row *row)
{
	fc->header_seen = 1;
	/* A header that does not fit checks the rows as the layout has them. */
	if (layout_colmap_header(fc->l, row, &fc->map) < 0) {
		layout_colmap_free(&fc->map);
		filecheck_error(fc, row->line, "-", _("the header does not "
		    "match layout %s (expected %s, ...): is this the right file "
		    "or layout?"), fc->l->name, fc->l->fields[0].name);
	}
}

static void
fc_value(struct filecheck *fc, const struct csv_row *row, size_t i)
{
	const struct layout_field *f = &fc->fields[i];
	struct fieldcheck_seen seen;
	char *why = NULL;
	size_t bytes;

	/* The bytes in CP932 and the half-width kana are counted in the same
	 * pass as the checks. */
	fc->half[i] = 0;	/* not the last row's, if the value is refused */
	if (fieldcheck_value_seen(f, row->fields[i], row->lens[i], &seen,
	    &why) < 0) {
		filecheck_error(fc, row->line, f->name, "%s", why);
		free(why);
		return;
	}
	fc->half[i] = seen.half_kana != 0;
	bytes = seen.cp932_bytes;
	if (!fc->cp932 || fc->l->fields[i].max_bytes == 0)
		return;
	if (bytes > (size_t)fc->l->fields[i].max_bytes)
		filecheck_error(fc, row->line, f->name, _("%s is longer than %d "
		    "bytes"), f->label, fc->l->fields[i].max_bytes);
}

static int
fc_row(const struct csv_row *row, void *arg)
{
	struct filecheck *fc = arg;
	const struct layout *l = fc->l;
	struct csv_row mapped;
	uint64_t h = 0;
	long first;
	size_t i;

	if (l->header && !fc->header_seen) {
		fc_header(fc, row);
		return 0;
	}
	fc->rows++;
	fc->row_bad = 0;
	if (row->nfields != (fc->map.col != NULL ? fc->map.ncols : l->nfields)) {
		filecheck_error(fc, row->line, "-", ngettext("has %zu field; "
		    "layout %s has %zu: is this the right file, or is it cut "
		    "short?", "has %zu fields; layout %s has %zu: is this the "
		    "right file, or is it cut short?", (unsigned long)row->nfields),
		    row->nfields, l->name, fc->map.col != NULL ? fc->map.ncols :
		    l->nfields);
		return 0;
	}
	if (fc->map.col != NULL)
		row = layout_colmap_row(&fc->map, row, &mapped);
	/* The set is larger than the caches: its slot is fetched while the
	 * values are checked, not waited for after. */
	if (fc->unique_col >= 0) {
		h = fc_hash(row->fields[fc->unique_col],
		    row->lens[fc->unique_col]);
		if (fc->set != NULL)
			__builtin_prefetch(&fc->set[h & (fc->set_cap - 1)]);
	}
	if (fc->half_n < row->nfields) {
		fc->half_n = row->nfields;
		fc->half = xrealloc(fc->half, fc->half_n);
	}
	for (i = 0; i < row->nfields; i++)
		fc_value(fc, row, i);
	if (fc->unique_col >= 0 && (first = fc_seen(fc, h, row->line)) != 0)
		filecheck_error(fc, row->line, l->fields[fc->unique_col].name,
		    _("the same value as on line %ld: it must be unique"), first);
	fc->cur = row;
	if (!fc->row_bad && fc->rules != NULL && fc->rules->row != NULL)
		fc->rules->row(fc, row);
	if (!fc->row_bad && fc->on_row != NULL && fc->on_row(fc, row,
	    fc->row_arg) != 0) {
		fc->cur = NULL;
		return 1;
	}
	/* The row may be on the stack: another could take its address. */
	fc->cur = NULL;
	return 0;
}

static void
fc_eol(struct filecheck *fc, char before)
{
	int crlf = fc->crlf;

	if (crlf == (before == '\r'))
		return;
	if (++fc->eol_bad <= FC_EOL_LISTED)
		filecheck_error(fc, fc->line + 1, "-", crlf ? _("the line ends "
		    "with LF only: the layout says CRLF") : _("the line ends with "
		    "CRLF: the layout says LF"));
	else
		fc->errors++;
}

/* Decodes and parses one piece that holds at most one line end, at its
 * end, so that a decoding problem is reported on its own line. */
static int
fc_piece(struct filecheck *fc, const char *p, size_t n)
{
	const char *out;
	size_t outlen;
	char *err = NULL;
	int rc;

	if (decoder_feed(fc->dec, p, n, &out, &outlen, &err) < 0) {
		filecheck_error(fc, fc->line + 1, "-", "%s", err);
		fc->fatal = 1;
		free(err);
		return -1;
	}
	rc = csvr_feed(fc->csv, out, outlen, fc_row, fc, &err);
	if (rc < 0)
		fc_fatal(fc, err);
	else if (rc > 0)
		fc->fatal = 1;
	free(err);
	if (n > 0 && p[n - 1] == '\n') {
		fc_eol(fc, n >= 2 ? p[n - 2] : fc->last);
		fc->line++;
	}
	fc->last = p[n - 1];
	return fc->fatal ? -1 : 0;
}

int
filecheck_feed(struct filecheck *fc, const char *buf, size_t len)
{
	const char *nl;
	size_t n;

	while (!fc->fatal && len > 0) {
		nl = memchr(buf, '\n', len);
		n = nl != NULL ? (size_t)(nl - buf) + 1 : len;
		if (fc_piece(fc, buf, n) < 0)
			break;
		fc->fed += (long long)n;
		buf += n;
		len -= n;
	}
	return fc->fatal ? -1 : 0;
}

long long
filecheck_finish(struct filecheck *fc)
{
	char *err = NULL;

	if (fc->fatal)
		return fc->errors;
	if (decoder_finish(fc->dec, &err) < 0) {
		filecheck_error(fc, fc->line + 1, "-", "%s", err);
		free(err);
		return fc->errors;
	}
	if (csvr_finish(fc->csv, fc_row, fc, &err) < 0)
		fc_fatal(fc, err);
	free(err);
	if (fc->fed > 0 && fc->last != '\n')
		filecheck_error(fc, fc->line + 1, "-", _("the last line has no "
		    "line end: the file may be cut short"));
	if (fc->rows == 0 && !fc->fatal)
		filecheck_error(fc, fc->line > 0 ? fc->line : 1, "-",
		    _("the file has no data lines"));
	if (fc->eol_bad > FC_EOL_LISTED)
		filecheck_error(fc, fc->line, "-", ngettext("%ld more line has the "
		    "wrong line end", "%ld more lines have the wrong line end",
		    (unsigned long)(fc->eol_bad - FC_EOL_LISTED)),
		    fc->eol_bad - FC_EOL_LISTED);
	return fc->errors;
}

void
filecheck_free(struct filecheck *fc)
{
	if (fc == NULL)
		return;
	decoder_free(fc->dec);
	csvr_free(fc->csv);
	free(fc->fields);
	layout_colmap_free(&fc->map);
	free(fc->set);
	free(fc->role_col);
	free(fc->half);
	free(fc->path);
	free(fc);
}

/* A role named by the same string as in rules->roles (the checkers' own
 * literals) is found by its address; any other by name, as before. */
static int
fc_role_col(const struct filecheck *fc, const char *role)
{
	size_t i;

	if (fc->role_col != NULL)
		for (i = 0; fc->rules->roles[i] != NULL; i++)
			if (fc->rules->roles[i] == role)
				return fc->role_col[i];
	return layout_index_of_role(fc->l, role);
}

const char *
filecheck_value_n(const struct filecheck *fc, const struct csv_row *row,
    const char *role, size_t *len)
{
	int i = fc_role_col(fc, role);

	if (i < 0 || (size_t)i >= row->nfields) {
		*len = 0;
		return "";
	}
	*len = row->lens[i];
	return row->fields[i];
}

int
filecheck_half_kana(const struct filecheck *fc, const struct csv_row *row,
    const char *role)
{
	int i = fc_role_col(fc, role);
	size_t n;
	const char *v;

	if (i < 0 || (size_t)i >= row->nfields)
		return 0;
	if (row == fc->cur)
		return fc->half[i];
	v = filecheck_value_n(fc, row, role, &n);
	return jlis_half_kana(v, n);
}

const char *
filecheck_value(const struct filecheck *fc, const struct csv_row *row,
    const char *role)
{
	size_t len;

	return filecheck_value_n(fc, row, role, &len);
}

const struct layout *
filecheck_layout(const struct filecheck *fc)
{
	return fc->l;
}

const struct jlis_name *
filecheck_name(const struct filecheck *fc)
{
	return fc->have_name ? &fc->name : NULL;
}

long long
filecheck_rows(const struct filecheck *fc)
{
	return fc->rows;
}

long long
filecheck_errors(const struct filecheck *fc)
{
	return fc->errors;
}
