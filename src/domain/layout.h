/* File layouts: which columns a vendor's extract has, read from forms/. */
#ifndef MYNA_LAYOUT_H
#define MYNA_LAYOUT_H

#include <stddef.h>

#include "domain/csv.h"
#include "domain/insurer.h"

/* Longest layout file layout_load reads. */
#define LAYOUT_MAX_FILE (1024 * 1024)
/* Largest max_chars or max_bytes a layout may give. */
#define LAYOUT_MAX_LIMIT 100000
/* Most fields (columns) a layout may have. */
#define LAYOUT_MAX_FIELDS 1000
/* Longest field name in bytes (ASCII letters, digits, '_' and '-'). */
#define LAYOUT_MAX_NAME 32

/* What a column holds; the names are those of the "type" key. */
enum field_type {
	FIELD_TEXT,
	FIELD_KANA,
	FIELD_DIGITS,
	FIELD_DATE,
	FIELD_SEX,
	FIELD_RELATION,
	FIELD_RESIDENT,
	FIELD_INSURER,
	FIELD_MUNICIPALITY,
};

struct layout_field {
	char		*name;
	enum field_type	 type;
	int		 required;
	int		 max_chars;	/* 0: no limit */
	int		 max_bytes;	/* 0: no limit, else bytes in encoding */
	char		*label;		/* the name when the file gives none */
	char		*role;		/* NULL when the column has none */
	/* A file with a header may leave the column out (key
	 * optional_column); its value is then empty. */
	int		 optional_column;
	/* The layout's encoding (not owned), so that max_bytes can be checked
	 * from the field alone; NULL reads as UTF-8. */
	const char	*encoding;
};

/*
 * Roles are free-form: the code that imports a file names the roles it
 * needs (layout_require_roles). Those of the persons extract are key,
 * insurer, symbol, number, relation, member, name, kana, birth, sex, address,
 * municipality, resident, employer, acquired and lost.
 */
struct layout {
	char			*name;
	int			 version;
	char			*description;	/* "" when the file gives none */
	char			*encoding;	/* "UTF-8" (default) or "CP932" */
	int			 header;	/* first line names the columns;
						 * default yes */
	char			*line_ending;	/* "CRLF" (default) or "LF" */
	/* The file name rule, NULL when the layout gives none: literal text
	 * with {insurer} (8 characters: see insurer_pad), {kind} (N or G) and {seq} (1, 2, ...);
	 * see domain/filename.h. */
	char			*file_name;
	/* The characters the receiver takes (jlis-request): "JIS X 0208"
	 * or "CP932"; NULL when the layout does not say. */
	char			*repertoire;
	/* How a 6-digit insurer number is written where the file wants 8
	 * characters (key insurer_pad): '\0' as it is, '0' or ' ' to pad
	 * it on the left. */
	char			 insurer_pad;
	struct layout_field	*fields;	/* in file order */
	size_t			 nfields;
};

/* The insurer number as this layout writes it (see insurer_pad). */
void layout_insurer(const struct layout *l, const char *code,
    char out[INSURER_MAX + 1]);

/* Name of a field type as the layout file spells it. */
const char *layout_type_name(enum field_type type);

/*
 * Parses len bytes of layout text. On success fills *out (free it with
 * layout_free) and returns 0. Otherwise returns -1, leaves *out empty and
 * sets *err to "FILE:LINE: message" naming the first problem; filename may
 * be NULL.
 *
 * The text is UTF-8 INI as libinih reads it: ';' or '#' starts a comment
 * line, and " ;" ends a value early. Lines hold at most 197 bytes (libinih's
 * buffer), control characters are refused, and an indented line after a key
 * is refused rather than joined to that key's value.
 */
int layout_parse(const char *text, size_t len, const char *filename,
    struct layout *out, char **err);
/* Reads and parses the layout file at path (at most LAYOUT_MAX_FILE bytes). */
int layout_load(const char *path, struct layout *out, char **err);
void layout_free(struct layout *layout);

/* The field with the given role, or NULL (also for NULL arguments). */
const struct layout_field *layout_find_role(const struct layout *layout,
    const char *role);
/* Its index in layout->fields, or -1. */
int layout_index_of_role(const struct layout *layout, const char *role);
/* Returns 0 when every role of the NULL-terminated list has a field;
 * otherwise -1 with *err naming the missing roles. */
int layout_require_roles(const struct layout *layout,
    const char *const *roles, char **err);

/*
 * Which column of a file with a header holds each field: the header names
 * the layout's fields in layout order, and may leave out those with
 * optional_column. Rows then read as if every field were there.
 */
struct layout_colmap {
	int	*col;		/* per field: its column, or -1 */
	size_t	 ncols;		/* columns of the file */
	size_t	 nfields;
	int	 identity;	/* every field in its own place */
	char	**fields;	/* the mapped row (not when identity) */
	size_t	*lens;
};
/* 0 when hdr fits l; -1 otherwise. Free m either way. */
int layout_colmap_header(const struct layout *l, const struct csv_row *hdr,
    struct layout_colmap *m);
/* in (of m->ncols columns) as a row of the layout's fields: in itself, or
 * out pointing into m's arrays until the next call. */
const struct csv_row *layout_colmap_row(struct layout_colmap *m,
    const struct csv_row *in, struct csv_row *out);
void layout_colmap_free(struct layout_colmap *m);

#endif
