/* Streaming conversion of an input file's encoding to UTF-8. */
#ifndef MYNA_ENCODING_H
#define MYNA_ENCODING_H

#include <stddef.h>

struct decoder;

/* encoding: "UTF-8" (passed through; fields are validated later) or "CP932". */
struct decoder *decoder_new(const char *encoding, char **err);
/* Converts len bytes; *out (owned by the decoder, valid until the next call)
 * receives *outlen bytes of UTF-8. A character split across chunks is kept
 * for the next call. -1 with *err on bytes the encoding does not allow. */
int decoder_feed(struct decoder *d, const char *in, size_t len,
    const char **out, size_t *outlen, char **err);
/* -1 when the input ended inside a character. */
int decoder_finish(struct decoder *d, char **err);
void decoder_free(struct decoder *d);

#endif
