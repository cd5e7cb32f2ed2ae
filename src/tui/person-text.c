/* Words and formats shared by the person and number screens. The vault keeps
 * codes (YYYYMMDD, "entered", "employer-agent"); the clerk reads words. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "ops/persons.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

const struct ptext_channel ptext_channels[] = {
	/* L10N: how the number was obtained (取得経路): the member themselves. */
	{ "member", N_("member in person") },
	/* L10N: channel: the member brought a family member's number. */
	{ "family", N_("member for family") },
	/* L10N: channel: the employer, acting as the association's agent. */
	{ "employer-agent", N_("employer (association's agent)") },
	/* L10N: channel: the employer, acting as the person's proxy. */
	{ "employer-proxy", N_("employer (person's proxy)") },
	/* L10N: channel: the resident registry network (住基ネット). */
	{ "jlis", N_("J-LIS (resident registry)") },
};
const int ptext_nchannels = (int)(sizeof ptext_channels /
    sizeof ptext_channels[0]);

struct ptext_word {
	const char *code, *word, *hint;
};

static const struct ptext_word ptext_states[] = {
	/* L10N: number states (未取得/入力済/確認済/不一致/保留/削除済). */
	{ "missing", N_("not obtained"), N_("e enters it from the document") },
	{ "entered", N_("entered"), N_("a second person must confirm it: c") },
	{ "confirmed", N_("confirmed"), "" },
	{ "mismatch", N_("mismatch"), N_("the entries differed: the supervisor "
	    "was told; enter it again (e)") },
	{ "held", N_("held"), N_("refused: another person holds this number; "
	    "the supervisor decides") },
	{ "deleted", N_("deleted"), N_("erased after the retention period") },
};

static const struct ptext_word ptext_fields[] = {
	{ "name", N_("Name"), NULL },
	{ "kana", N_("Kana"), NULL },
	{ "birth", N_("Birth date"), NULL },
	{ "sex", N_("Sex"), NULL },
	{ "address", N_("Address"), NULL },
	{ "acquired", N_("Acquired"), NULL },
	{ "lost", N_("Lost"), NULL },
};

static const struct ptext_word *
ptext_find(const struct ptext_word *w, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(w[i].code, code) == 0)
			return &w[i];
	return NULL;
}

void
ptext_copy(char *dst, size_t len, const char *src)
{
	size_t n;

	if (len == 0)
		return;
	n = src ? strlen(src) : 0;
	if (n >= len) {
		n = len - 1;
		/* Back off over continuation bytes to a character start. */
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static int
ptext_digits_at(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The era year without the zero glibc pads it with ("令和08年" -> "令和8年"). */
static void
ptext_era(int y, int m, int d, char *out, size_t len)
{
	struct tm tm;
	char buf[64];
	size_t i;

	out[0] = '\0';
	if (nl_langinfo(ERA)[0] == '\0')
		return;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	if (strftime(buf, sizeof buf, "%EY", &tm) == 0)
		return;
	for (i = 0; buf[i] != '\0' && (buf[i] < '0' || buf[i] > '9'); i++)
		;
	if (buf[i] == '0' && buf[i + 1] >= '0' && buf[i + 1] <= '9')
		memmove(buf + i, buf + i + 1, strlen(buf + i));
	snprintf(out, len, " (%s)", buf);
}

void
ptext_date(const char *ymd, int with_era, char *out, size_t len)
{
	char era[80] = "";
	int y, m, d;

	if (ymd == NULL)
		ymd = "";
	if (strlen(ymd) == 8 && ptext_digits_at(ymd, 8)) {
		snprintf(out, len, "%.4s-%.2s-%.2s", ymd, ymd + 4, ymd + 6);
	} else if (strlen(ymd) == 10 && ptext_digits_at(ymd, 4) &&
	    ymd[4] == '-' && ymd[7] == '-') {
		snprintf(out, len, "%s", ymd);
	} else {
		snprintf(out, len, "%s", ymd);
		return;
	}
	y = (int)strtol(out, NULL, 10);
	m = (int)strtol(out + 5, NULL, 10);
	d = (int)strtol(out + 8, NULL, 10);
	if (with_era && y >= 1873) {
		size_t l = strlen(out);

		ptext_era(y, m, d, era, sizeof era);
		snprintf(out + l, len - l, "%s", era);
	}
}

void
ptext_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

const char *
ptext_state(const char *state)
{
	const struct ptext_word *w = ptext_find(ptext_states,
	    sizeof ptext_states / sizeof ptext_states[0], state);

	return w ? _(w->word) : state;
}

const char *
ptext_state_hint(const char *state)
{
	const struct ptext_word *w = ptext_find(ptext_states,
	    sizeof ptext_states / sizeof ptext_states[0], state);

	return w && w->hint[0] ? _(w->hint) : "";
}

const char *
ptext_sex(const char *sex)
{
	if (sex == NULL)
		return "";
	switch (sex[0]) {
	case '1': return _("male");
	case '2': return _("female");
	case '3': return _("not set");
	default: return sex;
	}
}

const char *
ptext_relation(const char *relation)
{
	if (relation != NULL && relation[0] == '1')
		return _("member");
	if (relation != NULL && relation[0] == '2')
		return _("family");
	return relation ? relation : "";
}

const char *
ptext_field(const char *role)
{
	const struct ptext_word *w = ptext_find(ptext_fields,
	    sizeof ptext_fields / sizeof ptext_fields[0], role);

	return w ? _(w->word) : role;
}

void
ptext_value(const char *role, const char *value, char *out, size_t len)
{
	if (value == NULL || value[0] == '\0')
		snprintf(out, len, "-");
	else if (strcmp(role, "birth") == 0 || strcmp(role, "acquired") == 0 ||
	    strcmp(role, "lost") == 0)
		ptext_date(value, 0, out, len);
	else if (strcmp(role, "sex") == 0)
		snprintf(out, len, "%s", ptext_sex(value));
	else
		snprintf(out, len, "%s", value);
}

wint_t
ptext_key(wint_t ch)
{
	if (ch >= 0xff01 && ch <= 0xff5e)
		return ch - 0xfee0;
	return ch;
}

int
ptext_is_enter(wint_t ch, int is_fkey)
{
	return is_fkey ? ch == KEY_ENTER : ch == '\n' || ch == '\r';
}

int
ptext_digits(const wchar_t *s)
{
	int n = 0;

	for (; *s != L'\0'; s++)
		if ((*s >= L'0' && *s <= L'9') || (*s >= 0xff10 && *s <= 0xff19))
			n++;
	return n;
}

/* The person line as last read: the number screens draw every second
 * (the lock countdown), the person is read only when the person or the
 * vault changed (ptext_person_reload). */
struct ptext_head {
	char key[128];		/* as struct screen_arg holds it */
	unsigned long long stamp;
	char err[256];		/* the last reading failed: this instead */
	char who[768], card[768], state[16], masked[32];
};

static struct ptext_head *
ptext_head(struct tui *t)
{
	if (t->person_head == NULL)
		t->person_head = xcalloc(1, sizeof(struct ptext_head));
	return t->person_head;
}

static void
ptext_head_load(struct tui *t, struct ptext_head *h)
{
	struct person_view v;
	char birth[64], *err = NULL;

	h->err[0] = '\0';
	if (ops_person_view(t->s, tui_arg_key(t), &v, &err) < 0) {
		snprintf(h->err, sizeof h->err, "%s", err ? err : "?");
		free(err);
		return;
	}
	snprintf(h->who, sizeof h->who, "%s / %s   (%s)", v.p.f[PF_KANA],
	    v.p.f[PF_NAME], v.p.f[PF_KEY]);
	ptext_date(v.p.f[PF_BIRTH], 0, birth, sizeof birth);
	/* L10N: under the name on number screens: birth date, sex, and the
	 * symbol and number of the insurance card. */
	snprintf(h->card, sizeof h->card, _("%s  %s   symbol %s number %s"),
	    birth, ptext_sex(v.p.f[PF_SEX]), v.p.f[PF_SYMBOL], v.p.f[PF_NUMBER]);
	if (v.p.f[PF_EDABAN][0] != '\0') {
		size_t n = strlen(h->card);

		/* L10N: after "number N" on number screens: the 2-digit 枝番. */
		snprintf(h->card + n, sizeof h->card - n, _(" branch %s"),
		    v.p.f[PF_EDABAN]);
	}
	ptext_copy(h->state, sizeof h->state, v.number_state);
	ptext_copy(h->masked, sizeof h->masked, v.masked);
	person_view_clear(&v);
}

void
ptext_person_reload(struct tui *t)
{
	struct ptext_head *h = ptext_head(t);

	if (strcmp(h->key, tui_arg_key(t)) != 0) {
		ptext_copy(h->key, sizeof h->key, tui_arg_key(t));
		h->stamp = 0;
	}
	if (tui_vault_changed(t, &h->stamp))
		ptext_head_load(t, h);
}

int
ptext_person_line(struct tui *t, int y, int state_row)
{
	struct ptext_head *h = ptext_head(t);
	int x, lw;

	if (h->err[0] != '\0' || strcmp(h->key, tui_arg_key(t)) != 0) {
		draw_text(y, 2, COLS - 4, h->err, ROLE_ERROR);
		return 1;
	}
	lw = text_width(_("Insured")) > text_width(_("Number")) ?
	    text_width(_("Insured")) : text_width(_("Number"));
	lw += 2;
	x = 2 + lw;
	draw_text(y, 2, lw, _("Insured"), ROLE_NORMAL);
	draw_text(y, x, COLS - 2 - x, h->who, ROLE_NORMAL);
	draw_text(y + 1, x, COLS - 2 - x, h->card, ROLE_NORMAL);
	if (state_row) {
		draw_text(y + 2, 2, lw, _("Number"), ROLE_NORMAL);
		x += draw_text(y + 2, x, COLS - 2 - x, ptext_state(h->state),
		    strcmp(h->state, "confirmed") == 0 ? ROLE_OK : ROLE_WARN);
		if (h->masked[0] != '\0') {
			x += draw_text(y + 2, x, COLS - 2 - x, "  ", ROLE_NORMAL);
			draw_text(y + 2, x, COLS - 2 - x, h->masked, ROLE_MASKED);
		}
	}
	return state_row ? 3 : 2;
}

void
ptext_insured_number(const struct person *p, char *out, size_t len)
{
	if (p->f[PF_EDABAN][0] != '\0')
		/* L10N: 記号, 番号 and 枝番 of the insured number, as on cards. */
		snprintf(out, len, _("%s / %s / %s"), p->f[PF_SYMBOL],
		    p->f[PF_NUMBER], p->f[PF_EDABAN]);
	else
		/* L10N: 記号 and 番号 of the insured number. */
		snprintf(out, len, _("%s / %s"), p->f[PF_SYMBOL], p->f[PF_NUMBER]);
}
