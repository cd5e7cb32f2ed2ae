/* A per-writer cache of iconv's UTF-8 -> CP932 answers, one code point at a
 * time: iconv is asked about each character once, then the answer (its 1
 * or 2 bytes, or that CP932 has no code for it) is read from a table. The
 * CP932 converter is stateless and maps characters one by one, so the bytes
 * of a value are those of its characters in turn, exactly as one iconv call
 * over the value gives them. No global state: one map per user (thread). */
#ifndef MYNA_CP932MAP_H
#define MYNA_CP932MAP_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>

#define CP932MAP_BMP 0x10000
/* A table entry: 0 not asked yet, else the length (1, 2, or NONE) in the
 * top byte and the bytes in the low 16 bits (one byte: the lowest). */
#define CP932MAP_LEN_SHIFT 24
#define CP932MAP_NONE 3u

struct cp932map {
	iconv_t		 cd;	/* UTF-8 to CP932, the owner's */
	uint32_t	*tab;	/* CP932MAP_BMP entries, filled as asked */
};

/* A map asking cd (iconv_open("CP932", "UTF-8"), kept open by the caller
 * for the map's life). */
struct cp932map *cp932map_new(iconv_t cd);
void cp932map_free(struct cp932map *m);

/* Asks iconv about the character at utf8 (len bytes, one valid character,
 * code point cp) and remembers the answer when cp is in the BMP. */
size_t cp932map_ask(struct cp932map *m, unsigned int cp, const char *utf8,
    size_t len, unsigned char out[2]);

/* CP932 bytes of one character: writes them to out and returns 1 or 2, or
 * returns 0 when CP932 has no code for it. */
static inline size_t
cp932map_get(struct cp932map *m, unsigned int cp, const char *utf8,
    size_t len, unsigned char out[2])
{
	uint32_t e, n;

	if (cp >= CP932MAP_BMP || (e = m->tab[cp]) == 0)
		return cp932map_ask(m, cp, utf8, len, out);
	n = e >> CP932MAP_LEN_SHIFT;
	if (n == 2) {
		out[0] = (unsigned char)(e >> 8);
		out[1] = (unsigned char)e;
	} else
		out[0] = (unsigned char)e;
	return n == CP932MAP_NONE ? 0 : n;
}

#endif
