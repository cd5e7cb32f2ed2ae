/* Files for the intermediate server (中間サーバー): the kinds of dataset,
 * file names, and the writer that turns one record's values into the bytes
 * a layout asks for, checking each value on the way. */
#ifndef MYNA_REGFILE_H
#define MYNA_REGFILE_H

#include <stddef.h>

#include "domain/layout.h"

/* The bulk registration of insured persons, then the 副本 datasets. */
enum reg_kind {
	REG_PERSONS, REG_QUALIFICATION, REG_KOGAKU, REG_SHOBYO, REG_SHUSSAN,
	REG_SOSAI, REG_TAINOU, REG_NKINDS
};

/* Actions (処理区分) a record carries. */
#define REG_ACTION_NEW 1
#define REG_ACTION_CHANGE 2
#define REG_ACTION_LOSS 3

const char *reg_kind_name(enum reg_kind k);
/* The kind in the clerk's words (translated), for screens and the log. */
const char *reg_kind_label(enum reg_kind k);
/* 0 and *k for a kind's name, else -1 with *err listing the kinds. */
int reg_kind_parse(const char *name, enum reg_kind *k, char **err);
/* Whether the vault holds the kind's data (persons, qualification); the
 * others come from an input CSV per export. */
int reg_kind_from_vault(enum reg_kind k);

/* "<insurer>_<kind>_<YYYYMMDD>_<id, 4+ digits>.csv": unique per vault, and
 * the kind can be read back from it (reg_kind_of_file). */
char *reg_file_name(const char *insurer, enum reg_kind k, const char *yyyymmdd,
    long long id);
int reg_kind_of_file(const char *path, enum reg_kind *k);

/* Bytes a UTF-8 value takes in CP932, assuming it is encodable there:
 * ASCII and half-width katakana one, everything else two. */
size_t reg_cp932_len(const char *s, size_t n);

/*
 * Checks one value against its field as a file in the layout's encoding
 * holds it: type, required, max_chars, and max_bytes counted with
 * reg_cp932_len for CP932 (the caller knows the value is encodable: it came
 * from such a file, or the writer converted it). A field with role
 * "mynumber" must also be 12 digits with a valid check digit; the message
 * never holds the value. Returns 0 or -1 with *err "label: why".
 */
int reg_check_value(const struct layout_field *f, const char *v, size_t n,
    char **err);

/* A writer may be used by one thread at a time; writers share nothing. */
struct reg_writer;

struct reg_writer *reg_writer_new(const struct layout *l, char **err);
void reg_writer_free(struct reg_writer *w);
/*
 * Builds one record from values (UTF-8, one per layout field, NULL as
 * empty). Each value is checked (reg_check_value) and converted to the
 * layout's encoding; a value CP932 cannot encode is refused. On success
 * *line and *len give the record's bytes with its line ending (valid until
 * the next call), sent gets the SHA-256 of those bytes without the line
 * ending, content the SHA-256 of the values of every field whose role is
 * not "seq" or "action" (what tells a change from a re-send). Returns 0, or
 * -1 with *err naming the field (never its value).
 */
int reg_writer_record(struct reg_writer *w, const char *const *values,
    const char **line, size_t *len, unsigned char sent[32],
    unsigned char content[32], char **err);
/* The header line (field names) for a layout with header = yes. */
int reg_writer_header(struct reg_writer *w, const char **line, size_t *len,
    char **err);
/* Wipes the writer's buffers (they held a number). */
void reg_writer_wipe(struct reg_writer *w);

#endif
