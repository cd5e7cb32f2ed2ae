/* An answer that comes in its password-protected ZIP container: taken out
 * into a private folder, imported with every CSV in it in one transaction,
 * and the folder wiped whatever happens. Several answer CSVs (the N and G
 * answers of one medium) are imported together: all or nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/zipbox.h"
#include "ops/jlis.h"
#include "util/i18n.h"
#include "util/privdir.h"
#include "util/xmalloc.h"

struct jcont {
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

/* Signals held: the folder is made and filled, then guarded. */
static int
jcont_open(struct jcont *c, const char *zip, const char *password, char **err)
{
	sigset_t old;
	int rc;

	privdir_hold(&old);
	rc = privdir_new(&c->dir, err);
	if (rc == 0 && (rc = zipbox_extract(zip, password, c->dir, &c->names,
	    &c->n, err)) < 0) {
		char *t = xasprintf(_("%s: nothing was imported"), *err ? *err : "");

		free(*err);
		*err = t;
	}
	if (rc == 0)
		rc = jcont_pick(c, zip, err);
	if (c->dir != NULL)
		privdir_guard(c->dir, c->paths, c->paths != NULL ? c->n : 0);
	privdir_release(&old);
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
    const char *password, const char *medium,
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
		rc = ops_jlis_receive_files(s, c.in, c.nin, medium, *reps, err);
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
