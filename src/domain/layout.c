/* Layout files: a vendor describes their extract in INI, and a layout that
 * does not add up is refused with the line to fix before any file is read. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "domain/fieldcheck.h"
#include "domain/ini.h"
#include "domain/layout.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

/*
 * libinih tells the handler neither the line number nor that a section
 * began, so the reader below hands it one line at a time and keeps both:
 * an empty section is then still seen, and errors name their line. The
 * reader also refuses what libinih would silently change: a line too long
 * for its buffer (Debian's libinih 55 parses the rest as a line of its own),
 * and an indented line after a key (libinih appends it to that key's value).
 */

enum layout_kind {
	LAYOUT_KIND_NONE,
	LAYOUT_KIND_LAYOUT,
	LAYOUT_KIND_FIELD,
};

struct layout_parser {
	const char		*filename;
	struct layout		*out;

	/* Reader state. */
	const char		*p;
	size_t			 left;
	int			 line;		/* last line handed to libinih */
	int			 after_key;	/* libinih's "previous name" */

	/* The section keys now go to. */
	int			 header_line;	/* its [header], 0 before any */
	const char		*header;	/* its header text, for messages */
	size_t			 header_len;
	int			 header_lines;	/* key lines the reader saw */
	int			 header_keys;	/* keys the handler had */
	enum layout_kind	 kind;
	unsigned int		 seen;		/* one bit per key of its table */

	int			 layout_line;	/* line of [layout], 0 if none */
	int			*field_lines;	/* line of each [field] header */
	int			*role_lines;	/* line of each field's role */

	int			 err_line;
	char			*msg;
	int			 refused_line;	/* where the handler said stop */
};

struct layout_key {
	const char	*name;
	int		 may_be_empty;
	int		(*set)(struct layout_parser *, const char *);
};

static const char *const layout_types[] = {
	[FIELD_TEXT] = "text",
	[FIELD_KANA] = "kana",
	[FIELD_DIGITS] = "digits",
	[FIELD_DATE] = "date",
	[FIELD_SEX] = "sex",
	[FIELD_RELATION] = "relation",
	[FIELD_RESIDENT] = "resident",
	[FIELD_INSURER] = "insurer",
	[FIELD_MUNICIPALITY] = "municipality",
};
#define LAYOUT_NTYPES (sizeof layout_types / sizeof layout_types[0])

const char *
layout_type_name(enum field_type type)
{
	if ((size_t)type >= LAYOUT_NTYPES)
		return "?";
	return layout_types[type];
}

/* Records the first problem only; the others may be consequences of it. */
static int layout_fail(struct layout_parser *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static int
layout_fail(struct layout_parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	if (p->msg != NULL)
		return -1;
	va_start(ap, fmt);
	p->msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->err_line = line;
	return -1;
}

/* Reads a whole number from 0 to max written with ASCII digits only. */
static int
layout_number(const char *s, long max, long *out)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

static int
layout_yesno(struct layout_parser *p, const char *key, const char *value,
    int *out)
{
	if (strcasecmp(value, "yes") == 0)
		*out = 1;
	else if (strcasecmp(value, "no") == 0)
		*out = 0;
	else
		return layout_fail(p, p->line, _("%s must be yes or no"), key);
	return 0;
}

static struct layout_field *
layout_current(struct layout_parser *p)
{
	return &p->out->fields[p->out->nfields - 1];
}

static int
layout_set_name(struct layout_parser *p, const char *value)
{
	p->out->name = xstrdup(value);
	return 0;
}

static int
layout_set_version(struct layout_parser *p, const char *value)
{
	long v;

	if (layout_number(value, 1000000, &v) != 0 || v == 0)
		return layout_fail(p, p->line,
		    _("version must be a whole number from 1 to 1000000"));
	p->out->version = (int)v;
	return 0;
}

static int
layout_set_description(struct layout_parser *p, const char *value)
{
	free(p->out->description);
	p->out->description = xstrdup(value);
	return 0;
}

static int
layout_set_encoding(struct layout_parser *p, const char *value)
{
	const char *canon;

	if (strcasecmp(value, "UTF-8") == 0)
		canon = "UTF-8";
	else if (strcasecmp(value, "CP932") == 0)
		canon = "CP932";
	else
		return layout_fail(p, p->line,
		    _("unknown encoding '%s': use UTF-8 or CP932"), value);
	free(p->out->encoding);
	p->out->encoding = xstrdup(canon);
	return 0;
}

static int
layout_set_header(struct layout_parser *p, const char *value)
{
	return layout_yesno(p, "header", value, &p->out->header);
}

static int
layout_set_line_ending(struct layout_parser *p, const char *value)
{
	const char *canon;

	if (strcasecmp(value, "CRLF") == 0)
		canon = "CRLF";
	else if (strcasecmp(value, "LF") == 0)
		canon = "LF";
	else
		return layout_fail(p, p->line,
		    _("unknown line_ending '%s': use CRLF or LF"), value);
	free(p->out->line_ending);
	p->out->line_ending = xstrdup(canon);
	return 0;
}

static int
layout_set_type(struct layout_parser *p, const char *value)
{
	size_t i;

	for (i = 0; i < LAYOUT_NTYPES; i++) {
		if (strcmp(value, layout_types[i]) == 0) {
			layout_current(p)->type = (enum field_type)i;
			return 0;
		}
	}
	return layout_fail(p, p->line, _("unknown type '%s': use text, kana, "
	    "digits, date, sex, relation, resident, insurer or municipality"),
	    value);
}

static int
layout_set_required(struct layout_parser *p, const char *value)
{
	return layout_yesno(p, "required", value, &layout_current(p)->required);
}

static int
layout_set_optional_column(struct layout_parser *p, const char *value)
{
	return layout_yesno(p, "optional_column", value,
	    &layout_current(p)->optional_column);
}

static int
layout_set_max(struct layout_parser *p, const char *key, const char *value,
    int *out)
{
	long v;

	if (layout_number(value, LAYOUT_MAX_LIMIT, &v) != 0)
		return layout_fail(p, p->line,
		    _("%s must be a whole number from 0 to %d"), key,
		    LAYOUT_MAX_LIMIT);
	*out = (int)v;
	return 0;
}

static int
layout_set_max_chars(struct layout_parser *p, const char *value)
{
	return layout_set_max(p, "max_chars", value,
	    &layout_current(p)->max_chars);
}

static int
layout_set_max_bytes(struct layout_parser *p, const char *value)
{
	return layout_set_max(p, "max_bytes", value,
	    &layout_current(p)->max_bytes);
}

static int
layout_set_label(struct layout_parser *p, const char *value)
{
	layout_current(p)->label = xstrdup(value);
	return 0;
}

static int
layout_set_role(struct layout_parser *p, const char *value)
{
	struct layout *l = p->out;
	size_t i;

	for (i = 0; i + 1 < l->nfields; i++) {
		if (l->fields[i].role != NULL &&
		    strcmp(l->fields[i].role, value) == 0)
			return layout_fail(p, p->line,
			    _("role '%s' is already given to field '%s' "
			    "(line %d)"), value, l->fields[i].name,
			    p->role_lines[i]);
	}
	layout_current(p)->role = xstrdup(value);
	p->role_lines[l->nfields - 1] = p->line;
	return 0;
}

static int
layout_set_file_name(struct layout_parser *p, const char *value)
{
	p->out->file_name = xstrdup(value);
	return 0;
}

static int
layout_set_repertoire(struct layout_parser *p, const char *value)
{
	if (strcmp(value, "JIS X 0208") != 0 && strcmp(value, "CP932") != 0)
		return layout_fail(p, p->line, _("unknown repertoire '%s': use "
		    "JIS X 0208 or CP932"), value);
	free(p->out->repertoire);
	p->out->repertoire = xstrdup(value);
	return 0;
}

static int
layout_set_insurer_pad(struct layout_parser *p, const char *value)
{
	if (strcasecmp(value, "none") == 0)
		p->out->insurer_pad = '\0';
	else if (strcasecmp(value, "zero") == 0)
		p->out->insurer_pad = '0';
	else if (strcasecmp(value, "space") == 0)
		p->out->insurer_pad = ' ';
	else
		return layout_fail(p, p->line,
		    _("unknown insurer_pad '%s': use none, zero or space"), value);
	return 0;
}

void
layout_insurer(const struct layout *l, const char *code,
    char out[INSURER_MAX + 1])
{
	insurer_format(code, l->insurer_pad ? INSURER_MAX : 0,
	    l->insurer_pad, out);
}

/* Keys of each section; the parser keeps one "seen" bit per entry. */
static const struct layout_key layout_layout_keys[] = {
	{ "name", 0, layout_set_name },
	{ "version", 0, layout_set_version },
	{ "description", 1, layout_set_description },
	{ "encoding", 0, layout_set_encoding },
	{ "header", 0, layout_set_header },
	{ "line_ending", 0, layout_set_line_ending },
	{ "file_name", 0, layout_set_file_name },
	{ "repertoire", 0, layout_set_repertoire },
	{ "insurer_pad", 0, layout_set_insurer_pad },
	{ NULL, 0, NULL },
};
static const struct layout_key layout_field_keys[] = {
	{ "type", 0, layout_set_type },
	{ "required", 0, layout_set_required },
	{ "max_chars", 0, layout_set_max_chars },
	{ "max_bytes", 0, layout_set_max_bytes },
	{ "label", 0, layout_set_label },
	{ "role", 0, layout_set_role },
	{ "optional_column", 0, layout_set_optional_column },
	{ NULL, 0, NULL },
};
/* Index of "type" in layout_field_keys. */
#define LAYOUT_KEY_TYPE 0

static int
layout_field_name_ok(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	}
	return n > 0 && n <= LAYOUT_MAX_NAME;
}

/* The first key of a section says which section it is. */
static int
layout_begin_section(struct layout_parser *p, const char *section)
{
	struct layout *l = p->out;
	struct layout_field *f;
	const char *name;
	size_t i;

	p->seen = 0;
	if (strcmp(section, "layout") == 0) {
		if (p->layout_line != 0)
			return layout_fail(p, p->header_line,
			    _("second [layout] section (the first is at "
			    "line %d)"), p->layout_line);
		p->layout_line = p->header_line;
		p->kind = LAYOUT_KIND_LAYOUT;
		return 0;
	}
	if (strncmp(section, "field ", 6) != 0)
		return layout_fail(p, p->header_line,
		    _("unknown section [%s]: use [layout] or [field NAME]"),
		    section);
	name = section + 6;
	if (!layout_field_name_ok(name))
		return layout_fail(p, p->header_line, _("field name '%s' is not "
		    "1 to %d letters, digits, '_' or '-'"), name,
		    LAYOUT_MAX_NAME);
	for (i = 0; i < l->nfields; i++) {
		if (strcmp(l->fields[i].name, name) == 0)
			return layout_fail(p, p->header_line,
			    _("duplicate field name '%s' (first at line %d)"),
			    name, p->field_lines[i]);
	}
	if (l->nfields == LAYOUT_MAX_FIELDS)
		return layout_fail(p, p->header_line,
		    _("more than %d fields"), LAYOUT_MAX_FIELDS);

	l->fields = xrealloc(l->fields, (l->nfields + 1) * sizeof *l->fields);
	p->field_lines = xrealloc(p->field_lines,
	    (l->nfields + 1) * sizeof *p->field_lines);
	p->role_lines = xrealloc(p->role_lines,
	    (l->nfields + 1) * sizeof *p->role_lines);
	f = &l->fields[l->nfields];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	p->field_lines[l->nfields] = p->header_line;
	p->role_lines[l->nfields] = 0;
	l->nfields++;
	p->kind = LAYOUT_KIND_FIELD;
	return 0;
}

/* Takes one key; returns 0 or -1. */
static int
layout_handle(struct layout_parser *p, const char *section,
    const char *name, const char *value)
{
	const struct layout_key *keys, *k;
	unsigned int bit;

	if (p->msg != NULL)
		return -1;
	if (p->header_line == 0)
		return layout_fail(p, p->line,
		    _("key '%s' comes before any [section]"), name);
	if (p->header_keys++ == 0 && layout_begin_section(p, section) != 0)
		return -1;

	keys = p->kind == LAYOUT_KIND_LAYOUT ? layout_layout_keys :
	    layout_field_keys;
	for (k = keys, bit = 1; k->name != NULL; k++, bit <<= 1) {
		if (strcmp(k->name, name) == 0)
			break;
	}
	if (k->name == NULL)
		return layout_fail(p, p->line, _("unknown key '%s' in [%s]"),
		    name, section);
	if (p->seen & bit)
		return layout_fail(p, p->line, _("key '%s' is given twice"),
		    name);
	p->seen |= bit;
	if (*value == '\0' && !k->may_be_empty)
		return layout_fail(p, p->line, _("key '%s' has no value"),
		    name);
	return k->set(p, value);
}

/* libinih handler: returns nonzero to go on. */
static int
layout_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct layout_parser *p = user;

	if (layout_handle(p, section, name, value) == 0)
		return 1;
	if (p->refused_line == 0)
		p->refused_line = p->line;
	return 0;
}

/* Refuses what the clerks' screens must not show: labels and descriptions
 * are displayed as they are. */
static int
layout_check_line(struct layout_parser *p, const char *s, size_t n)
{
	unsigned int cp = 0;
	int rc = ini_line_chars(s, n, p->line, &cp);

	if (rc == 0)
		return 0;
	if (rc == -1)
		return layout_fail(p, p->line,
		    _("not valid UTF-8: save the layout file as UTF-8"));
	return layout_fail(p, p->line, _("control character U+%04X: remove it"),
	    cp);
}

/* Ends the section keys went to: one with no key never reached the handler,
 * and a field needs its type. */
static int
layout_end_section(struct layout_parser *p)
{
	struct layout *l = p->out;

	if (p->header_line == 0)
		return 0;
	if (p->header_lines == 0)
		return layout_fail(p, p->header_line,
		    _("section [%.*s] has no keys"), (int)p->header_len,
		    p->header);
	if (p->kind == LAYOUT_KIND_FIELD &&
	    (p->seen & (1U << LAYOUT_KEY_TYPE)) == 0)
		return layout_fail(p, p->header_line,
		    _("field '%s' has no type"), l->fields[l->nfields - 1].name);
	return 0;
}

/* Notes what libinih will make of a line it is about to read. */
static int
layout_classify(struct layout_parser *p, const char *s, size_t n)
{
	const char *start = ini_line_start(s, n, p->line), *end = s + n, *close;

	if (start == NULL)
		return 0;
	if (start > s && p->after_key)
		return layout_fail(p, p->line, _("indented line: start it at "
		    "the beginning of the line (a value cannot go on over "
		    "several lines)"));
	if (*start != '[') {
		p->after_key = 1;
		p->header_lines++;
		return 0;
	}
	if (layout_end_section(p) != 0)
		return -1;
	close = memchr(start, ']', (size_t)(end - start));
	p->header = start + 1;
	p->header_len = (size_t)((close != NULL ? close : end) - p->header);
	p->header_line = p->line;
	p->header_lines = 0;
	p->header_keys = 0;
	p->kind = LAYOUT_KIND_NONE;
	p->after_key = 0;
	return 0;
}

/* libinih reader, in the manner of fgets: one line (with its '\n') a call. */
static char *
layout_reader(char *str, int num, void *stream)
{
	struct layout_parser *p = stream;
	size_t n, text;

	if (p->msg != NULL)
		return NULL;
	switch (ini_line_next(p->p, p->left, num, &p->line, &n, &text)) {
	case INI_LINE_END:
		return NULL;
	case INI_LINE_TOO_LONG:
		layout_fail(p, p->line, _("line is longer than %d bytes"),
		    num - 3);
		return NULL;
	case INI_LINE_OK:
		break;
	}
	if (layout_check_line(p, p->p, text) != 0 ||
	    layout_classify(p, p->p, text) != 0)
		return NULL;
	return ini_line_take(&p->p, &p->left, str, n);
}

/* What the handler cannot see: sections and fields that are incomplete. */
static int
layout_check_whole(struct layout_parser *p)
{
	struct layout *l = p->out;
	int line = p->layout_line != 0 ? p->layout_line : 1;

	if (layout_end_section(p) != 0)
		return -1;
	if (p->layout_line == 0)
		return layout_fail(p, 1, _("no [layout] section"));
	if (l->name == NULL)
		return layout_fail(p, line, _("[layout] has no name"));
	if (l->version == 0)
		return layout_fail(p, line, _("[layout] has no version"));
	if (l->nfields == 0)
		return layout_fail(p, line, _("no [field NAME] sections"));
	return 0;
}

void
layout_free(struct layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nfields; i++) {
		free(l->fields[i].name);
		free(l->fields[i].label);
		free(l->fields[i].role);
	}
	free(l->fields);
	free(l->name);
	free(l->description);
	free(l->encoding);
	free(l->line_ending);
	free(l->file_name);
	free(l->repertoire);
	memset(l, 0, sizeof *l);
}

int
layout_parse(const char *text, size_t len, const char *filename,
    struct layout *out, char **err)
{
	struct layout_parser p;
	size_t i;
	int ret;

	if (out == NULL)
		return err_set(err, _("no layout to fill"));
	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	p.filename = filename != NULL ? filename : "layout";
	p.out = out;
	p.p = text != NULL ? text : "";
	p.left = text != NULL ? len : 0;
	out->header = 1;

	ret = ini_parse_stream(layout_reader, &p, layout_handler, &p);
	/* libinih returns the first line it refused, for bad syntax or for
	 * the handler; keep the earliest problem, and on one line the syntax
	 * (an unclosed "[field a" leaves the keys below it in the section
	 * before). */
	if (ret > 0 && ret != p.refused_line &&
	    (p.msg == NULL || ret <= p.err_line)) {
		free(p.msg);
		p.msg = NULL;
		layout_fail(&p, ret,
		    _("not a [section] or a key = value line"));
	} else if (ret < 0)
		layout_fail(&p, p.line, _("cannot read the layout"));
	if (p.msg == NULL)
		layout_check_whole(&p);
	free(p.field_lines);
	free(p.role_lines);
	if (p.msg != NULL) {
		if (err != NULL) {
			free(*err);
			*err = xasprintf("%s:%d: %s", p.filename,
			    p.err_line > 0 ? p.err_line : 1, p.msg);
		}
		free(p.msg);
		layout_free(out);
		return -1;
	}
	if (out->description == NULL)
		out->description = xstrdup("");
	if (out->encoding == NULL)
		out->encoding = xstrdup("UTF-8");
	if (out->line_ending == NULL)
		out->line_ending = xstrdup("CRLF");
	for (i = 0; i < out->nfields; i++) {
		if (out->fields[i].label == NULL)
			out->fields[i].label = xstrdup(out->fields[i].name);
		out->fields[i].encoding = out->encoding;
	}
	return 0;
}

int
layout_load(const char *path, struct layout *out, char **err)
{
	char *buf;
	size_t len;
	int ret;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (path == NULL || out == NULL)
		return err_set(err, _("no layout file given"));
	if (readfile_all(path, LAYOUT_MAX_FILE, &buf, &len, err) < 0)
		return -1;
	ret = layout_parse(buf, len, path, out, err);
	free(buf);
	return ret;
}

int
layout_index_of_role(const struct layout *l, const char *role)
{
	size_t i;

	if (l == NULL || role == NULL)
		return -1;
	for (i = 0; i < l->nfields; i++) {
		if (l->fields[i].role != NULL &&
		    strcmp(l->fields[i].role, role) == 0)
			return (int)i;
	}
	return -1;
}

const struct layout_field *
layout_find_role(const struct layout *l, const char *role)
{
	int i = layout_index_of_role(l, role);

	return i < 0 ? NULL : &l->fields[i];
}

int
layout_require_roles(const struct layout *l, const char *const *roles,
    char **err)
{
	char *missing = NULL, *next;
	int ret;

	if (l == NULL)
		return err_set(err, _("no layout"));
	for (; roles != NULL && *roles != NULL; roles++) {
		if (layout_index_of_role(l, *roles) >= 0)
			continue;
		if (missing == NULL)
			next = xstrdup(*roles);
		else
			next = xasprintf("%s, %s", missing, *roles);
		free(missing);
		missing = next;
	}
	if (missing == NULL)
		return 0;
	/* L10N: the second %s is a list of role names such as "kana, sex". */
	ret = err_set(err, _("layout '%s' has no field for the role(s) %s: "
	    "add a role line to the right [field] section"),
	    l->name != NULL ? l->name : "", missing);
	free(missing);
	return ret;
}

int
layout_colmap_header(const struct layout *l, const struct csv_row *hdr,
    struct layout_colmap *m)
{
	size_t i, j = 0;

	memset(m, 0, sizeof *m);
	m->col = xcalloc(l->nfields ? l->nfields : 1, sizeof *m->col);
	m->identity = hdr->nfields == l->nfields;
	for (i = 0; i < l->nfields; i++) {
		if (j < hdr->nfields && strcmp(hdr->fields[j], l->fields[i].name)
		    == 0) {
			m->col[i] = (int)j++;
		} else if (l->fields[i].optional_column) {
			m->col[i] = -1;
			m->identity = 0;
		} else {
			break;
		}
	}
	m->ncols = hdr->nfields;
	if (i != l->nfields || j != hdr->nfields)
		return -1;
	if (!m->identity) {
		m->fields = xcalloc(l->nfields, sizeof *m->fields);
		m->lens = xcalloc(l->nfields, sizeof *m->lens);
	}
	m->nfields = l->nfields;
	return 0;
}

const struct csv_row *
layout_colmap_row(struct layout_colmap *m, const struct csv_row *in,
    struct csv_row *out)
{
	static char empty[] = "";
	size_t i;

	if (m->identity)
		return in;
	for (i = 0; i < m->nfields; i++) {
		m->fields[i] = m->col[i] >= 0 ? in->fields[m->col[i]] : empty;
		m->lens[i] = m->col[i] >= 0 ? in->lens[m->col[i]] : 0;
	}
	out->nfields = m->nfields;
	out->fields = m->fields;
	out->lens = m->lens;
	out->line = in->line;
	return out;
}

void
layout_colmap_free(struct layout_colmap *m)
{
	free(m->col);
	free(m->fields);
	free(m->lens);
	memset(m, 0, sizeof *m);
}
