/* Terminals that draw East Asian "ambiguous width" characters (●, ─, █,
 * ←, …) in two cells, as Tera Term's Japanese/UTF-8 preset does: the
 * console can draw ASCII in their place so every line keeps its width. */
#ifndef MYNA_AMBI_H
#define MYNA_AMBI_H

#include <wchar.h>

/* What to draw instead of c in ASCII mode: NULL when c is safe in any
 * terminal (ASCII, wide, half-width kana), else an ASCII string ("" for a
 * combining mark). Characters without a better ASCII form give "?". */
const char *ambi_ascii(wchar_t c);

/* The console's choice, made once at start. */
void ambi_set_ascii(int on);
int ambi_ascii_on(void);

/* Whether the environment asks for ASCII: MYNADESK_AMBIWIDTH=2 (the
 * terminal draws ambiguous characters two cells wide) or =ascii. */
int ambi_from_env(void);

#endif
