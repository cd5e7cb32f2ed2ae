/* An answer that comes in its password-protected ZIP container: taken out
 * into a private folder, imported with every CSV in it in one transaction,
 * and the folder wiped whatever happens. Several answer CSVs (the N and G
 * answers of one medium) are imported together: all or nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/sha.h>

#include "domain/zipbox.h"
#include "ops/jlis.h"
#include "ops/media.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/privdir.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

struct jcont {
	char sha256[65];	/* of the container bytes read */
	char *dir;
	char **names, **paths;	/* members as written, and their full paths */
	size_t n;
	struct jlis_answer_in *in;
	char **shown;
	size_t nin;
};

static int
jcont_is_csv(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* The CSV members, each named "<container>/<member>" for people. */
static int
jcont_pick(struct jcont *c, const char *zip, char **err)
{
	const char *zbase = strrchr(zip, '/');
	size_t i;

	zbase = zbase != NULL ? zbase + 1 : zip;
	c->paths = xcalloc(c->n + 1, sizeof *c->paths);
	c->in = xcalloc(c->n + 1, sizeof *c->in);
	c->shown = xcalloc(c->n + 1, sizeof *c->shown);
	for (i = 0; i < c->n; i++) {
		c->paths[i] = xasprintf("%s/%s", c->dir, c->names[i]);
		if (!jcont_is_csv(c->names[i]))
			continue;
		c->shown[c->nin] = xasprintf("%s/%s", zbase, c->names[i]);
		c->in[c->nin].path = c->paths[i];
		c->in[c->nin].shown = c->shown[c->nin];
		c->nin++;
	}
	if (c->nin == 0)
		return err_set(err, _("%s holds no answer CSV: nothing was "
		    "imported"), zbase);
	return 0;
}

/* The container is read once: what is hashed (and compared with the
 * medium's receipt) is what is opened. */
static int
jcont_read(struct jcont *c, const char *zip, char **buf, size_t *len,
    char **err)
{
	unsigned char digest[SHA256_DIGEST_LENGTH];

	if (readfile_all(zip, MEDIA_FILE_MAX, buf, len, err) < 0)
		return -1;
	SHA256((const unsigned char *)*buf, *len, digest);
	hex_encode(digest, sizeof digest, c->sha256);
	return 0;
}

/* Signals held: the folder is made and filled, then guarded. */
static int
jcont_open(struct jcont *c, const char *zip, const char *password, char **err)
{
	sigset_t old;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (jcont_read(c, zip, &buf, &len, err) < 0)
		return -1;
	privdir_hold(&old);
	rc = privdir_new(&c->dir, err);
	if (rc == 0 && (rc = zipbox_extract_mem(buf, len, password, c->dir,
	    &c->names, &c->n, err)) < 0) {
		char *t = xasprintf(_("%s: nothing was imported"), *err ? *err : "");

		free(*err);
		*err = t;
	}
	if (rc == 0)
		rc = jcont_pick(c, zip, err);
	if (c->dir != NULL)
		privdir_guard(c->dir, c->paths, c->paths != NULL ? c->n : 0);
	privdir_release(&old);
	free(buf);
	return rc;
}

static void
jcont_close(struct jcont *c)
{
	sigset_t old;
	size_t i;

	privdir_hold(&old);
	if (c->dir != NULL) {
		privdir_remove(c->dir);
		privdir_unguard();
	}
	privdir_release(&old);
	for (i = 0; c->paths != NULL && i < c->n; i++)
		free(c->paths[i]);
	for (i = 0; i < c->nin; i++)
		free(c->shown[i]);
	free(c->paths);
	free(c->shown);
	free(c->in);
	zipbox_names_free(c->names, c->n);
	free(c->dir);
}

int
ops_jlis_receive_container(struct session *s, const char *zip,
    const char *password, const struct jlis_via *via,
    struct jlis_receive_report **reps, size_t *nreps, char **err)
{
	struct jcont c;
	int rc;

	memset(&c, 0, sizeof c);
	*reps = NULL;
	*nreps = 0;
	rc = jcont_open(&c, zip, password, err);
	if (rc == 0) {
		*reps = xcalloc(c.nin, sizeof **reps);
		*nreps = c.nin;
		rc = ops_jlis_receive_files(s, c.in, c.nin, via, c.sha256, *reps,
		    err);
	}
	jcont_close(&c);
	return rc;
}

void
jlis_receive_reports_free(struct jlis_receive_report *reps, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		jlis_receive_report_clear(&reps[i]);
	free(reps);
}
