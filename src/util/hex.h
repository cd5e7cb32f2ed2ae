/* Lower-case hexadecimal encoding of byte strings. */
#ifndef MYNA_HEX_H
#define MYNA_HEX_H

#include <stddef.h>

/* Writes 2*n characters and a NUL into out. */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* Decodes exactly 2*n hex characters from in; returns 0 or -1 on bad input. */
int hex_decode(const char *in, unsigned char *out, size_t n);

#endif
