/* Uploading a registration file to the intermediate server and bringing
 * its result back, each step audited. The network is used outside any
 * vault transaction, so a slow server never holds the vault locked. */
#ifndef MYNA_OPS_UPLOAD_H
#define MYNA_OPS_UPLOAD_H

#include "net/upload.h"
#include "ops/session.h"

struct upload_outcome {
	char sha256[65];	/* of the file sent */
	char server_id[65];
	int attempts;
	char *result_path;	/* where the result file was written */
	char result_sha256[65];
	size_t result_len;
	long long accepted, failed;	/* rows, from the imported result */
	long long jlis_mismatch;	/* of the accepted: persons blocked */
	char **messages;		/* refused rows, for correction */
	int nmessages;
};

/* Sends path (a registration file this vault exported, unchanged since),
 * waits for processing, writes the result next to it (or into outdir) as
 * NAME.result and imports it as 'bulk results' would. Free with
 * upload_outcome_clear. */
int ops_upload(struct session *s, const struct upload_conf *c,
    const char *path, const char *outdir, struct upload_outcome *o,
    char **err);
void upload_outcome_clear(struct upload_outcome *o);
/* The connection's defaults (waits, tries), for a face to fill in the
 * server's address: the faces do not call the network layer themselves. */
void ops_upload_defaults(struct upload_conf *c);

#endif
