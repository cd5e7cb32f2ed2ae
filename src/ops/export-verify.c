/* `export verify`: checks a package with nothing but its files (and, when
 * given, the public key it must carry). Goes on after a failure so that the
 * person checking sees everything that is wrong, each naming its file. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "domain/exportsig.h"
#include "ops/export.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define VERIFY_MAX ((size_t)1 << 31)	/* 2 GiB per file */

static const char *const verify_required[] = { "audit-records.csv",
    "audit-proof.txt", "checkpoint.txt", "checkpoint.sig", "pubkey.pem",
    "README.txt" };

struct verify {
	const char *dir;
	export_problem_fn problem;
	void *arg;
	int count;
	struct manifest m;
};

static void
verify_fail(struct verify *v, const char *file, const char *msg)
{
	v->problem(file, msg, v->arg);
	v->count++;
}

static int
verify_read(struct verify *v, const char *name, char **data, size_t *len,
    int report)
{
	char *path = xasprintf("%s/%s", v->dir, name), *err = NULL;
	int rc = readfile_all(path, VERIFY_MAX, data, len, &err);

	if (rc < 0 && report)
		verify_fail(v, name, _("missing or unreadable"));
	free(err);
	free(path);
	return rc;
}

static void
verify_sums(struct verify *v)
{
	unsigned char sum[32];
	char *data;
	size_t i, len;

	for (i = 0; i < v->m.n; i++) {
		if (verify_read(v, v->m.e[i].name, &data, &len, 1) < 0)
			continue;
		SHA256((const unsigned char *)data, len, sum);
		free(data);
		if (memcmp(sum, v->m.e[i].sum, 32) != 0)
			verify_fail(v, v->m.e[i].name, _("its SHA-256 differs from the "
			    "one in SHA256SUMS: the file was changed"));
	}
}

/* Files the manifest must list, and files it does not list. */
static void
verify_listing(struct verify *v)
{
	struct dirent *de;
	size_t i, j;
	DIR *d;

	for (i = 0; i < sizeof verify_required / sizeof *verify_required; i++) {
		for (j = 0; j < v->m.n; j++)
			if (strcmp(v->m.e[j].name, verify_required[i]) == 0)
				break;
		if (j == v->m.n)
			verify_fail(v, verify_required[i], _("not listed in SHA256SUMS"));
	}
	if ((d = opendir(v->dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "SHA256SUMS") == 0 ||
		    strcmp(de->d_name, "SHA256SUMS.sig") == 0)
			continue;
		for (j = 0; j < v->m.n; j++)
			if (strcmp(v->m.e[j].name, de->d_name) == 0)
				break;
		if (j == v->m.n)
			verify_fail(v, de->d_name, _("a file that SHA256SUMS does not "
			    "list"));
	}
	closedir(d);
}

static void
verify_manifest(struct verify *v, char **mdata, size_t *mlen)
{
	char *err = NULL, *msg;

	if (verify_read(v, "SHA256SUMS", mdata, mlen, 1) < 0)
		return;
	if (manifest_parse(*mdata, *mlen, &v->m, &err) < 0) {
		msg = xasprintf("%s", err);
		verify_fail(v, "SHA256SUMS", msg);
		free(msg);
		free(err);
		manifest_free(&v->m);
		return;
	}
	verify_sums(v);
	verify_listing(v);
}

/* The package's key, checked against the pinned one; NULL when unusable. */
static char *
verify_key(struct verify *v, const char *pinned, size_t *len,
    struct export_verified *res)
{
	char *pem = NULL, pin[65], *msg;

	if (verify_read(v, "pubkey.pem", &pem, len, 1) < 0)
		return NULL;
	if (exportsig_fingerprint(pem, *len, res->key_print) < 0) {
		verify_fail(v, "pubkey.pem", _("not an Ed25519 public key in PEM form"));
		free(pem);
		return NULL;
	}
	if (pinned != NULL && (exportsig_fingerprint(pinned, strlen(pinned),
	    pin) < 0 || strcmp(pin, res->key_print) != 0)) {
		msg = xasprintf(_("not the expected key: its fingerprint is %s, the "
		    "expected key's %s"), res->key_print, pin);
		verify_fail(v, "pubkey.pem", msg);
		free(msg);
	}
	return pem;
}

static void
verify_sig(struct verify *v, const char *pem, size_t pemlen, const char *file,
    const char *sigfile)
{
	char *data = NULL, *sig = NULL;
	size_t len, siglen;

	if (verify_read(v, file, &data, &len, 0) == 0 &&
	    verify_read(v, sigfile, &sig, &siglen, 1) == 0 &&
	    exportsig_verify(pem, pemlen, data, len, (unsigned char *)sig,
	    siglen) < 0) {
		char *msg = xasprintf(_("the signature of %s does not verify with "
		    "pubkey.pem"), file);

		verify_fail(v, sigfile, msg);
		free(msg);
	}
	free(data);
	free(sig);
}

static void
verify_parse_fail(struct verify *v, const char *file, char *err)
{
	verify_fail(v, file, err ? err : _("cannot be read"));
	free(err);
}

static void
verify_problem_relay(const char *file, const char *msg, void *arg)
{
	verify_fail(arg, file, msg);
}

/* Records, proof and checkpoint note read back and checked together. */
static void
verify_records(struct verify *v, struct export_verified *res)
{
	char *note = NULL, *proof = NULL, *recs = NULL, *err = NULL;
	size_t nlen, plen, rlen;
	struct rangeproof p;
	struct exportrecs rs;
	unsigned char root[32];
	int64_t size;
	int ok = 1;

	memset(&p, 0, sizeof p);
	memset(&rs, 0, sizeof rs);
	if (verify_read(v, "checkpoint.txt", &note, &nlen, 0) < 0 ||
	    cpnote_parse(note, nlen, &size, root, &err) < 0)
		ok = 0, verify_parse_fail(v, "checkpoint.txt", err), err = NULL;
	if (verify_read(v, "audit-proof.txt", &proof, &plen, 0) < 0 ||
	    rangeproof_parse(proof, plen, &p, &err) < 0)
		ok = 0, verify_parse_fail(v, "audit-proof.txt", err), err = NULL;
	if (verify_read(v, "audit-records.csv", &recs, &rlen, 0) < 0 ||
	    exportrecs_parse(recs, rlen, &rs, &err) < 0)
		ok = 0, verify_parse_fail(v, "audit-records.csv", err), err = NULL;
	if (ok) {
		exportrecs_check(&rs, &p, size, root, verify_problem_relay, v);
		res->first = p.first;
		res->last = p.last;
		res->tree_size = size;
	}
	exportrecs_free(&rs);
	rangeproof_free(&p);
	free(note);
	free(proof);
	free(recs);
}

int
ops_export_verify(const char *dir, const char *pinned_pem,
    export_problem_fn problem, void *arg, struct export_verified *res)
{
	struct verify v;
	char *mdata = NULL, *pem;
	size_t mlen = 0, pemlen = 0;

	memset(&v, 0, sizeof v);
	memset(res, 0, sizeof *res);
	v.dir = dir;
	v.problem = problem;
	v.arg = arg;
	verify_manifest(&v, &mdata, &mlen);
	if ((pem = verify_key(&v, pinned_pem, &pemlen, res)) != NULL) {
		verify_sig(&v, pem, pemlen, "SHA256SUMS", "SHA256SUMS.sig");
		verify_sig(&v, pem, pemlen, "checkpoint.txt", "checkpoint.sig");
	}
	verify_records(&v, res);
	res->files = (int)v.m.n;
	manifest_free(&v.m);
	free(mdata);
	free(pem);
	return v.count;
}
