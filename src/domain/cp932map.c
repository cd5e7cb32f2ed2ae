/* The CP932 answer cache: see cp932map.h. Each character is converted on
 * its own by the same converter a whole value would go through; what
 * iconv refuses is remembered as refused. */
#include "config.h"

#include <stdlib.h>

#include "domain/cp932map.h"
#include "util/xmalloc.h"

struct cp932map *
cp932map_new(iconv_t cd)
{
	struct cp932map *m = xmalloc(sizeof *m);

	m->cd = cd;
	/* calloc: the pages of ranges never asked about stay untouched. */
	m->tab = xcalloc(CP932MAP_BMP, sizeof *m->tab);
	return m;
}

void
cp932map_free(struct cp932map *m)
{
	if (m == NULL)
		return;
	free(m->tab);
	free(m);
}

size_t
cp932map_ask(struct cp932map *m, unsigned int cp, const char *utf8,
    size_t len, unsigned char out[2])
{
	char buf[8], *in = (char *)utf8, *o = buf;
	size_t left = len, room = sizeof buf, n;
	uint32_t e;

	iconv(m->cd, NULL, NULL, NULL, NULL);
	if (iconv(m->cd, &in, &left, &o, &room) == (size_t)-1 || left != 0)
		n = 0;
	else
		n = sizeof buf - room;
	/* CP932 has one or two bytes per character (tests/unit/test-regfile
	 * compares every BMP code point with iconv): a longer answer cannot
	 * occur, and would be refused rather than held. */
	if (n > 2)
		n = 0;
	if (n == 2) {
		out[0] = (unsigned char)buf[0];
		out[1] = (unsigned char)buf[1];
		e = (2u << CP932MAP_LEN_SHIFT) | ((uint32_t)out[0] << 8) | out[1];
	} else if (n == 1) {
		out[0] = (unsigned char)buf[0];
		e = (1u << CP932MAP_LEN_SHIFT) | out[0];
	} else
		e = CP932MAP_NONE << CP932MAP_LEN_SHIFT;
	if (cp < CP932MAP_BMP)
		m->tab[cp] = e;
	return n;
}
