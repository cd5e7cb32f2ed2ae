/* mynadesk upload: the server-to-server way. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "ops/registration.h"
#include "ops/tx.h"
#include "ops/upload.h"
#include "store/registration.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

/* The largest registration file the vault could write is ~100 MB (400k
 * persons); this leaves room without letting a stray path eat memory. */
#define UPLOAD_FILE_MAX ((size_t)512 << 20)

static void
upload_sha256(const unsigned char *p, size_t n, char hex[65])
{
	unsigned char d[32];

	EVP_Digest(p, n, d, NULL, EVP_sha256(), NULL);
	hex_encode(d, 32, hex);
}

/* Writes the result beside the upload, replacing an older copy only whole. */
static int
upload_save(const char *path, const unsigned char *p, size_t n, char **err)
{
	char *tmp = xasprintf("%s.part", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t w = fd >= 0 ? write(fd, p, n) : -1;
	int rc = 0;

	if (fd < 0 || w != (ssize_t)n || fsync(fd) != 0)
		rc = err_set(err, _("%s: cannot write the result: %s"), tmp,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(err, _("%s: cannot write the result: %s"), path,
		    strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

static char *
upload_result_path(const char *path, const char *outdir)
{
	char *dir = outdir ? xstrdup(outdir) : paths_dirname(path), *out;
	const char *base = strrchr(path, '/');

	out = xasprintf("%s/%s.result", dir, base ? base + 1 : path);
	free(dir);
	return out;
}

static int
upload_fetch(struct session *s, const struct upload_conf *c,
    const char *name, const char *outdir, const char *path,
    struct upload_outcome *o, char **err)
{
	unsigned char *res = NULL;
	char *detail;
	int rc;

	if (upload_wait(c, o->server_id, err) < 0 ||
	    upload_result(c, o->server_id, &res, &o->result_len, err) < 0)
		return -1;
	upload_sha256(res, o->result_len, o->result_sha256);
	o->result_path = upload_result_path(path, outdir);
	rc = upload_save(o->result_path, res, o->result_len, err);
	free(res);
	if (rc < 0)
		return -1;
	detail = xasprintf("id=%s result=%s sha256=%s bytes=%zu", o->server_id,
	    o->result_path, o->result_sha256, o->result_len);
	rc = ops_tx_audit(s, "", "upload.result", name, detail, err);
	free(detail);
	return rc;
}

/* Only what the vault exported, as it was exported, goes to the server: the
 * result can then be matched to what each record contained. */
static int
upload_known(struct session *s, const char *name, const char *sha256,
    char **err)
{
	struct regfile_row row;
	int rc = regstore_file_get(s->v, name, &row, err);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(err, _("%s: not a registration file of this vault; "
		    "write it with 'bulk export'"), name);
	if (row.resulted[0] != '\0')
		return err_set(err, _("%s: its result was imported on %s; nothing "
		    "to send"), name, row.resulted);
	if (strcmp(row.sha256, sha256) != 0)
		return err_set(err, _("%s: changed since it was exported; export "
		    "it again"), name);
	return 0;
}

static int
upload_import(struct session *s, struct upload_outcome *o, char **err)
{
	struct reg_results_report rep;
	int rc;

	memset(&rep, 0, sizeof rep);
	rc = ops_reg_results(s, o->result_path, NULL, &rep, err);
	if (rc == 0) {
		o->accepted = rep.accepted;
		o->failed = rep.failed;
		o->jlis_mismatch = rep.jlis_mismatch;
		o->messages = rep.messages;
		o->nmessages = rep.nmessages;
		rep.messages = NULL;
		rep.nmessages = 0;
	}
	reg_results_report_clear(&rep);
	return rc;
}

void
upload_outcome_clear(struct upload_outcome *o)
{
	int i;

	for (i = 0; i < o->nmessages; i++)
		free(o->messages[i]);
	free(o->messages);
	free(o->result_path);
	memset(o, 0, sizeof *o);
}

int
ops_upload(struct session *s, const struct upload_conf *c,
    const char *path, const char *outdir, struct upload_outcome *o,
    char **err)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *buf = NULL, *detail;
	size_t len;
	int rc;

	memset(o, 0, sizeof *o);
	if (readfile_all(path, UPLOAD_FILE_MAX, &buf, &len, err) < 0)
		return -1;
	upload_sha256((unsigned char *)buf, len, o->sha256);
	if (upload_known(s, name, o->sha256, err) < 0) {
		free(buf);
		return -1;
	}
	rc = upload_put(c, name, (unsigned char *)buf, len, o->sha256,
	    o->server_id, &o->attempts, err);
	free(buf);
	if (rc == 0) {
		/* Recorded once the server has the file: a crash before this
		 * line is healed by sending again, which the server's
		 * idempotency key turns into the same file id. */
		detail = xasprintf("file=%s sha256=%s id=%s attempts=%d url=%s",
		    name, o->sha256, o->server_id, o->attempts, c->url);
		rc = ops_tx_audit(s, "", "upload.sent", name, detail, err);
		free(detail);
	}
	if (rc == 0)
		rc = upload_fetch(s, c, name, outdir, path, o, err);
	if (rc == 0)
		rc = upload_import(s, o, err);
	return rc;
}

void
ops_upload_defaults(struct upload_conf *c)
{
	upload_conf_defaults(c);
}
