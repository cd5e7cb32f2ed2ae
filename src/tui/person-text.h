/* Words and formats shared by the person and number screens: dates, number
 * states, acquisition channels, and the one-line person summary. */
#ifndef MYNA_PERSON_TEXT_H
#define MYNA_PERSON_TEXT_H

#include <stddef.h>
#include <wchar.h>

struct tui;
struct person;

/* 記号, 番号 and, when there is one, the 2-digit 枝番 ("4000・1・01"). */
void ptext_insured_number(const struct person *p, char *out, size_t len);

/* The acquisition channels in the order the entry screen offers them. */
struct ptext_channel {
	const char *code;	/* what ops_number_enter takes */
	const char *label;	/* N_() words for the clerk */
};
extern const struct ptext_channel ptext_channels[];
extern const int ptext_nchannels;

/* "1975-04-02" from YYYYMMDD (or YYYY-MM-DD); with_era adds " (昭和50年)"
 * when the locale has an era calendar. Anything else is copied as it is. */
void ptext_date(const char *ymd, int with_era, char *out, size_t len);
/* Today as YYYY-MM-DD, local time. */
void ptext_today(char out[11]);

/* Translated words for codes from the vault; unknown codes come back as
 * they are. */
const char *ptext_state(const char *state);
/* What the clerk can do next in this state (translated), or "". */
const char *ptext_state_hint(const char *state);
const char *ptext_sex(const char *sex);
const char *ptext_relation(const char *relation);
/* The label of a tracked field in the person's history. */
const char *ptext_field(const char *role);
/* A history value: dates formatted, sex in words. */
void ptext_value(const char *role, const char *value, char *out, size_t len);

/* Copies src into dst (len bytes), cutting at a UTF-8 character boundary. */
void ptext_copy(char *dst, size_t len, const char *src);
/* Maps a full-width letter or digit (typed with the input method on) to
 * ASCII, so single-key commands work either way. */
wint_t ptext_key(wint_t ch);
int ptext_is_enter(wint_t ch, int is_fkey);
/* Counts the digits (ASCII or full-width) typed in a wide buffer. */
int ptext_digits(const wchar_t *s);

/* Draws who the number screens work on (the key they were opened on,
 * tui_arg_key) from row y:
 * "Insured  ヤマダ　タロウ / 山田 太郎  (P0001)", below it the birth date,
 * sex, symbol and number, and the number state (masked once confirmed)
 * when state_row is set, as ptext_person_reload last read it. Returns the
 * rows used; an error takes one. */
int ptext_person_line(struct tui *t, int y, int state_row);
/* The reload of the screens that draw that line: reads the person again
 * when the screen's person or the vault changed. */
void ptext_person_reload(struct tui *t);

#endif
