/* The files of an export package that `export verify` reads back: the
 * manifest (sha256sum format), the range proof, the checkpoint note and the
 * audit records CSV. Writers and parsers sit together so the two cannot
 * drift apart; all parsers take untrusted bytes (they are fuzzed). */
#ifndef MYNA_EXPORTPKG_H
#define MYNA_EXPORTPKG_H

#include <stddef.h>
#include <stdint.h>

#include "domain/auditrec.h"
#include "util/xbuf.h"

#define EXPORT_NAME_MAX 64

/* SHA256SUMS: "<64 hex>  <name>" lines, as sha256sum writes them. */
struct manifest_entry {
	char name[EXPORT_NAME_MAX + 1];
	unsigned char sum[32];
	long line;
};
struct manifest {
	struct manifest_entry *e;
	size_t n;
};
/* A plain file name: letters, digits, '.', '-', '_', not starting with '.'. */
int export_name_ok(const char *name);
int manifest_parse(const char *buf, size_t len, struct manifest *m, char **err);
void manifest_line(struct xbuf *b, const char *name, const unsigned char sum[32]);
void manifest_free(struct manifest *m);

/* audit-proof.txt: which records the package holds and the range proof
 * (see merkle-range.h) tying them to the checkpoint's tree. first and last
 * are audit sequence numbers (leaf index + 1); both 0 for an empty period. */
struct rangeproof {
	int64_t tree_size, first, last;
	unsigned char (*hash)[32];
	size_t n;
};
#define RANGEPROOF_MAGIC "mynadesk audit range proof v1"
int rangeproof_parse(const char *buf, size_t len, struct rangeproof *p,
    char **err);
void rangeproof_format(const struct rangeproof *p, struct xbuf *b);
void rangeproof_free(struct rangeproof *p);

/* checkpoint.txt: origin, tree size, base64 root, one a line. */
int cpnote_parse(const char *buf, size_t len, int64_t *size,
    unsigned char root[32], char **err);

/* audit-records.csv: one record a row with its chain hashes. */
struct exportrecs {
	struct auditrec *r;
	long *line;
	size_t n;
};
void exportrecs_header(struct xbuf *b);
void exportrecs_row(struct xbuf *b, const struct auditrec *r);
int exportrecs_parse(const char *buf, size_t len, struct exportrecs *out,
    char **err);
void exportrecs_free(struct exportrecs *rs);

/* Checks the records against themselves (sequence, links, hashes) and, with
 * the proof, against the checkpoint's root. Calls problem once for each
 * thing wrong and returns how many there were. */
typedef void (*export_problem_fn)(const char *file, const char *msg, void *arg);
int exportrecs_check(const struct exportrecs *rs, const struct rangeproof *p,
    int64_t cp_size, const unsigned char cp_root[32], export_problem_fn problem,
    void *arg);

#endif
