/* 住基ネット inquiry rules that need no vault: file names, target
 * identifiers, answer status codes, and the characters J-LIS cannot take. */
#ifndef MYNA_JLIS_H
#define MYNA_JLIS_H

#include <stddef.h>

/* Longest target identifier: 8 digits, '_', up to 11 digits. */
#define JLIS_TARGET_MAX 20
#define JLIS_SEQ_MAX 999999999L

/* Answer status codes (forms/jlis-answer.layout). */
enum jlis_status {
	JLIS_FOUND = 1,
	JLIS_NOT_FOUND = 2,
	JLIS_SEVERAL = 3,	/* several candidates: treated as not found */
};

/* What a file name rule ({insurer}{kind}{seq}Y.csv) gives for a name. */
struct jlis_name {
	char insurer[9];
	char kind;		/* 'N' Japanese, 'G' foreign residents */
	long seq;
};

/* The file name for insurer, kind and seq under rule; NULL when the rule
 * has an unknown {placeholder}. */
char *jlis_name_format(const char *rule, const char *insurer, char kind,
    long seq);
/* 1 when name (a base name, no folder) follows rule, filling *out; else 0.
 * {seq} is 1 to JLIS_SEQ_MAX without leading zeros. */
int jlis_name_match(const char *rule, const char *name, struct jlis_name *out);

/* "<insurer>_<serial>" into out (JLIS_TARGET_MAX + 1 bytes). */
void jlis_target_format(const char *insurer, long long serial, char *out);
/* Parses n bytes; 0 with insurer and serial, or -1 with *err. */
int jlis_target_parse(const char *s, size_t n, char insurer[9],
    long long *serial, char **err);

/* One character the inquiry file cannot carry: none in CP932, half-width
 * kana, an NEC/IBM extension of CP932 (outside JIS X 0208), half-width
 * ASCII where a name or kana is written. */
enum jlis_bad { JLIS_BAD_GAIJI, JLIS_BAD_HALF_KANA, JLIS_BAD_EXT,
	JLIS_BAD_ASCII };
typedef void (*jlis_bad_fn)(enum jlis_bad why, const char *ch, size_t len,
    void *arg);
/*
 * Calls fn for every character of a UTF-8 value that CP932 cannot encode
 * (外字) and every half-width katakana (U+FF61..U+FF9F: J-LIS wants
 * full-width). Returns how many were found, or -1 when iconv has no CP932
 * or the value is not UTF-8.
 */
int jlis_scan(const char *s, size_t n, jlis_bad_fn fn, void *arg);
/* The same with the repertoire J-LIS takes: jis0208 also reports CP932's
 * NEC and IBM extensions (髙 﨑 ① ㈱) as JLIS_BAD_EXT; no_ascii reports
 * every half-width ASCII character (name and kana fields). */
int jlis_scan_for(const char *s, size_t n, int jis0208, int no_ascii,
    jlis_bad_fn fn, void *arg);
/* Whether n CP932 bytes (1 or 2) are an NEC or IBM extension or in the
 * user-defined area: not JIS X 0208. */
int jlis_cp932_ext(const unsigned char *b, size_t n);

/* A UTF-8 to CP932 converter kept for a whole file. */
struct jlis_enc;
struct jlis_enc *jlis_enc_new(char **err);
/* Converts n bytes; *out (owned, valid until the next call) gets *outlen
 * bytes. -1 when a character has no CP932 code or s is not UTF-8. */
int jlis_enc_convert(struct jlis_enc *e, const char *s, size_t n,
    const char **out, size_t *outlen);
void jlis_enc_free(struct jlis_enc *e);

/* Whether a UTF-8 value holds half-width katakana (U+FF61..U+FF9F). */
int jlis_half_kana(const char *s, size_t n);

/*
 * The one normalisation before the five items are compared: the tilde
 * family 〜 ～ ∼ and ~ become ~; the dash family − － ‐ ‑ – ― and - become
 * -; the full-width space becomes a space; full-width digits become ASCII
 * digits; trailing spaces go. CP932 maps 〜 to 0x8160 and back to ～ (and
 * − to ～'s neighbour －), so a value sent and returned compares equal.
 * Allocated.
 */
char *jlis_normalise(const char *s);
/* 0 when a and b agree after the normalisation, else the 1-based position
 * (in characters, of the normalised values) of the first difference. */
int jlis_first_difference(const char *a, const char *b);
/* Whether one identity item of the answer agrees with the person's record
 * after the normalisation. */
int jlis_same_item(const char *a, const char *b);

#endif
