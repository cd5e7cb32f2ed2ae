/* Search input normalisation: the forms an input method, a half-width
 * kana keyboard habit or the Japanese calendar give the same query. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/searchnorm.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

/* Decodes one UTF-8 character at s (n bytes left); returns its length, or
 * 0 for a byte that does not start a well-formed character. */
static size_t
sn_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, *cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, *cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, *cp = s[0] & 0x07u;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3fu);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && *cp < 0x10000) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff) || *cp > 0x10ffff)
		return 0;
	return len;
}

static void
sn_put(struct xbuf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	xbuf_add(b, u, n);
}

/* Half-width katakana U+FF66..U+FF9D in order, as full-width katakana
 * (U+FF61..U+FF65 are punctuation, U+FF9E/F the voiced marks). */
static const unsigned short sn_halfkana[] = {
	0x30f2, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30e3, 0x30e5,
	0x30e7, 0x30c3, 0x30fc, 0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa,
	0x30ab, 0x30ad, 0x30af, 0x30b1, 0x30b3, 0x30b5, 0x30b7, 0x30b9,
	0x30bb, 0x30bd, 0x30bf, 0x30c1, 0x30c4, 0x30c6, 0x30c8, 0x30ca,
	0x30cb, 0x30cc, 0x30cd, 0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8,
	0x30db, 0x30de, 0x30df, 0x30e0, 0x30e1, 0x30e2, 0x30e4, 0x30e6,
	0x30e8, 0x30e9, 0x30ea, 0x30eb, 0x30ec, 0x30ed, 0x30ef, 0x30f3
};

/* The voiced (dakuten) or semi-voiced form of a full-width katakana, or 0. */
static unsigned
sn_voiced(unsigned cp, int semi)
{
	if (semi)
		return cp >= 0x30cf && cp <= 0x30db && (cp - 0x30cf) % 3 == 0 ?
		    cp + 2 : 0;
	if ((cp >= 0x30ab && cp <= 0x30c1 && (cp - 0x30ab) % 2 == 0) ||
	    (cp >= 0x30c4 && cp <= 0x30c8 && (cp - 0x30c4) % 2 == 0) ||
	    (cp >= 0x30cf && cp <= 0x30db && (cp - 0x30cf) % 3 == 0))
		return cp + 1;
	if (cp == 0x30a6)
		return 0x30f4;	/* ウ゛ → ヴ */
	return 0;
}

/* 1 for a voiced mark (half-width, spacing or combining), 2 for a
 * semi-voiced one, else 0. */
static int
sn_mark(unsigned cp)
{
	if (cp == 0xff9e || cp == 0x309b || cp == 0x3099)
		return 1;
	if (cp == 0xff9f || cp == 0x309c || cp == 0x309a)
		return 2;
	return 0;
}

/* One character of the query in its stored form. */
static unsigned
sn_fold(unsigned cp)
{
	if (cp >= 0xff01 && cp <= 0xff5e)
		return cp - 0xfee0;
	if (cp >= 0x3041 && cp <= 0x3096)
		return cp + 0x60;	/* hiragana → katakana */
	if (cp >= 0xff66 && cp <= 0xff9d)
		return sn_halfkana[cp - 0xff66];
	if (cp == 0xff70)
		return 0x30fc;
	return cp;
}

char *
searchnorm_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	struct xbuf b;
	unsigned prev = 0;	/* a kana held back: a voiced mark may follow */
	int space = 0;

	memset(&b, 0, sizeof b);
	while (n > 0) {
		unsigned cp;
		size_t len = sn_decode(p, n, &cp);

		if (len == 0) {
			if (prev) sn_put(&b, prev), prev = 0;
			xbuf_add(&b, (const char *)p, 1);
			p++, n--;
			continue;
		}
		p += len, n -= len;
		if (sn_mark(cp) && prev && sn_voiced(prev, sn_mark(cp) == 2)) {
			prev = sn_voiced(prev, sn_mark(cp) == 2);
			continue;
		}
		if (prev) sn_put(&b, prev), prev = 0;
		if (cp == ' ' || cp == 0x3000 || cp == '\t') {
			space = b.len > 0;
			continue;
		}
		if (space) sn_put(&b, 0x3000), space = 0;
		cp = sn_fold(cp);
		if (cp >= 0x30a1 && cp <= 0x30fa)
			prev = cp;
		else
			sn_put(&b, cp);
	}
	if (prev)
		sn_put(&b, prev);
	return b.data != NULL ? b.data : xstrdup("");
}

/* The Japanese eras a birth date may be written in: first day of each. */
struct sn_era {
	const char *letter, *kanji;
	int y, m, d;
};

static const struct sn_era sn_eras[] = {
	{ "M", "明治", 1868, 1, 25 },
	{ "T", "大正", 1912, 7, 30 },
	{ "S", "昭和", 1926, 12, 25 },
	{ "H", "平成", 1989, 1, 8 },
	{ "R", "令和", 2019, 5, 1 },
};
#define SN_NERAS ((int)(sizeof sn_eras / sizeof sn_eras[0]))

static int
sn_days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Reads 1 to max ASCII digits; returns the count read (0: none). */
static int
sn_number(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* A separator between year, month and day: - / . or 年/月 (the last
 * after the day, 日, is optional and read by the caller). */
static int
sn_sep(const char **p, const char *kanji)
{
	if (**p == '-' || **p == '/' || **p == '.') {
		(*p)++;
		return 1;
	}
	if (strncmp(*p, kanji, strlen(kanji)) == 0) {
		*p += strlen(kanji);
		return 1;
	}
	return 0;
}

/* An era prefix: its index, or -1 when there is none. */
static int
sn_era(const char **p)
{
	int i;

	for (i = 0; i < SN_NERAS; i++) {
		size_t kl = strlen(sn_eras[i].kanji);

		if (**p == sn_eras[i].letter[0] || **p == sn_eras[i].letter[0] + 32) {
			(*p)++;
			return i;
		}
		if (strncmp(*p, sn_eras[i].kanji, kl) == 0) {
			*p += kl;
			return i;
		}
	}
	return -1;
}

static long
sn_ordinal(int y, int m, int d)
{
	return (long)y * 10000 + m * 100 + d;
}

/* Y, M, D after the era (or the Western year): separators, then the
 * optional 日 and nothing after. */
static int
sn_ymd(const char *p, int era, int *y, int *m, int *d)
{
	int n;

	if (era >= 0 && strncmp(p, "元", strlen("元")) == 0) {
		p += strlen("元");
		*y = 1;
	} else if ((n = sn_number(&p, era >= 0 ? 2 : 4, y)) == 0 ||
	    (era < 0 && n != 4)) {
		return -1;
	}
	if (!sn_sep(&p, "年") || sn_number(&p, 2, m) == 0 || !sn_sep(&p, "月") ||
	    sn_number(&p, 2, d) == 0)
		return -1;
	if (strncmp(p, "日", strlen("日")) == 0)
		p += strlen("日");
	return *p == '\0' ? 0 : -1;
}

int
searchnorm_date(const char *s, char out[9])
{
	char *t = searchnorm_text(s);
	const char *p = t;
	char ymd[40];
	int era, y, m, d, rc = -1;

	era = sn_era(&p);
	if (era < 0 && strlen(p) == 8 && strspn(p, "0123456789") == 8) {
		rc = sscanf(p, "%4d%2d%2d", &y, &m, &d) == 3 ? 0 : -1;
	} else if (*p >= '0' && *p <= '9') {
		rc = sn_ymd(p, era, &y, &m, &d);
	} else if (era >= 0 && strncmp(p, "元", strlen("元")) == 0) {
		rc = sn_ymd(p, era, &y, &m, &d);
	}
	free(t);
	if (rc < 0 || y < 1 || m < 1 || m > 12 || d < 1)
		return -1;
	if (era >= 0)
		y += sn_eras[era].y - 1;
	/* No one searched for was born after 2099: "4000/1/02" is a symbol,
	 * number and 枝番, not a date. */
	if (y < 1868 || y > 2099 || d > sn_days_in(y, m))
		return -1;
	/* A date outside its era (S65, H31.5.1) is a typing mistake. */
	if (era >= 0 && (sn_ordinal(y, m, d) < sn_ordinal(sn_eras[era].y,
	    sn_eras[era].m, sn_eras[era].d) || (era + 1 < SN_NERAS &&
	    sn_ordinal(y, m, d) >= sn_ordinal(sn_eras[era + 1].y,
	    sn_eras[era + 1].m, sn_eras[era + 1].d))))
		return -1;
	snprintf(ymd, sizeof ymd, "%04d%02d%02d", y, m, d);
	memcpy(out, ymd, 9);
	return 0;
}
