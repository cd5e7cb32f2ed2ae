/* ASCII stand-ins for the characters whose width East Asian terminals do
 * not agree on (Unicode's East Asian Width "A"), for the console's ASCII
 * mode. Only this table knows them; drawing asks it for each glyph. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/ambi.h"

static int ambi_on;

struct ambi_map {
	wchar_t from, to;	/* a range, both ends included */
	const char *ascii;
};

/* The console's own symbols first (masks, rules, bars, arrows, marks),
 * then the punctuation that comes in text. */
static const struct ambi_map ambi_table[] = {
	{ 0x25cf, 0x25cf, "*" },	/* ● mask */
	{ 0x25cb, 0x25cb, "o" },	/* ○ */
	{ 0x25ce, 0x25ce, "o" },	/* ◎ */
	{ 0x2500, 0x2501, "-" },	/* ─ ━ */
	{ 0x2502, 0x2503, "|" },	/* │ ┃ */
	{ 0x2550, 0x2550, "-" },	/* ═ */
	{ 0x2551, 0x2551, "|" },	/* ║ */
	{ 0x2504, 0x254b, "+" },	/* corners and joins */
	{ 0x2552, 0x257f, "+" },
	{ 0x2591, 0x2591, "." },	/* ░ bar, empty part */
	{ 0x2580, 0x259f, "#" },	/* █ ▓ ▒ and other blocks */
	{ 0x2190, 0x2190, "<" },	/* ← */
	{ 0x2191, 0x2191, "^" },	/* ↑ */
	{ 0x2192, 0x2192, ">" },	/* → */
	{ 0x2193, 0x2193, "v" },	/* ↓ */
	{ 0x2194, 0x2194, "<>" },	/* ↔ */
	{ 0x21d2, 0x21d2, "=>" },	/* ⇒ */
	{ 0x21d4, 0x21d4, "<=>" },	/* ⇔ */
	{ 0x203b, 0x203b, "*" },	/* ※ */
	{ 0x25bc, 0x25bd, "v" },	/* ▼ ▽ */
	{ 0x25b2, 0x25b3, "^" },	/* ▲ △ */
	{ 0x25b6, 0x25b7, ">" },	/* ▶ ▷ */
	{ 0x25c0, 0x25c1, "<" },	/* ◀ ◁ */
	{ 0x25a0, 0x25a1, "#" },	/* ■ □ */
	{ 0x25c6, 0x25c7, "*" },	/* ◆ ◇ */
	{ 0x2605, 0x2606, "*" },	/* ★ ☆ */
	{ 0x2026, 0x2026, "..." },	/* … */
	{ 0x2025, 0x2025, ".." },	/* ‥ */
	{ 0x2010, 0x2015, "-" },	/* hyphens and dashes */
	{ 0x2212, 0x2212, "-" },	/* − minus */
	{ 0x2018, 0x2019, "'" },
	{ 0x201c, 0x201d, "\"" },
	{ 0x2022, 0x2022, "*" },	/* • */
	{ 0x00b7, 0x00b7, "." },	/* · */
	{ 0x00d7, 0x00d7, "x" },	/* × */
	{ 0x00f7, 0x00f7, "/" },	/* ÷ */
	{ 0x00b0, 0x00b0, "o" },	/* ° */
	{ 0x00b1, 0x00b1, "+-" },	/* ± */
	{ 0x2264, 0x2264, "<=" },
	{ 0x2265, 0x2265, ">=" },
	{ 0x2260, 0x2260, "!=" },
	{ 0x2713, 0x2714, "v" },	/* ✓ */
};

/* Narrow forms every terminal draws in one cell: half-width katakana and
 * the half-width symbols after them. */
static int
ambi_is_halfwidth(wchar_t c)
{
	return (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe8 && c <= 0xffee);
}

const char *
ambi_ascii(wchar_t c)
{
	size_t i;
	int w;

	if (c >= 0 && c < 0x80)
		return NULL;
	for (i = 0; i < sizeof ambi_table / sizeof ambi_table[0]; i++)
		if (c >= ambi_table[i].from && c <= ambi_table[i].to)
			return ambi_table[i].ascii;
	if (ambi_is_halfwidth(c))
		return NULL;
	w = wcwidth(c);
	if (w == 2)
		return NULL;
	/* A combining mark takes no cell of its own; anything else narrow and
	 * not ASCII may be drawn wide by such a terminal. */
	return w == 0 ? "" : "?";
}

void
ambi_set_ascii(int on)
{
	ambi_on = on != 0;
}

int
ambi_ascii_on(void)
{
	return ambi_on;
}

int
ambi_from_env(void)
{
	const char *e = getenv("MYNADESK_AMBIWIDTH");

	return e != NULL && (strcmp(e, "2") == 0 || strcmp(e, "double") == 0 ||
	    strcmp(e, "ascii") == 0);
}
