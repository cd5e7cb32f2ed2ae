/* AES-256 ZIP containers: packing from memory, extracting safely. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "domain/zipbox.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* zipbox_copy's answer for a CRC error, which may not be one (see
 * zipbox_ae2_authentic). */
#define ZIPBOX_CRC (-2)

/* ---- names ---- */

static int
zipbox_part_check(const char *name, const char *p, size_t len, int last,
    char **err)
{
	if (len == 0 && !last)
		return err_set(err, _("unsafe member name '%s': empty folder name"),
		    name);
	if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
		return err_set(err, _("unsafe member name '%s': '.' and '..' are "
		    "not allowed"), name);
	if (len > ZIPBOX_NAME_MAX)
		return err_set(err, _("unsafe member name '%s': a part is longer than "
		    "%d bytes"), name, ZIPBOX_NAME_MAX);
	return 0;
}

int
zipbox_name_check(const char *name, char **err)
{
	const char *p, *slash;
	size_t i;

	if (name == NULL || name[0] == '\0')
		return err_set(err, _("a member has no name"));
	if (name[0] == '/')
		return err_set(err, _("unsafe member name '%s': absolute path"), name);
	for (i = 0; name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < 0x20 || c == 0x7f || c == '\\')
			return err_set(err, _("unsafe member name '%s': control "
			    "character or backslash"), name);
	}
	if (i > 4 * ZIPBOX_NAME_MAX)
		return err_set(err, _("unsafe member name '%s': too long"), name);
	if (((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' &&
	    name[0] <= 'z')) && name[1] == ':')
		return err_set(err, _("unsafe member name '%s': drive letter"), name);
	for (p = name;; p = slash + 1) {
		slash = strchr(p, '/');
		if (zipbox_part_check(name, p, slash ? (size_t)(slash - p) :
		    strlen(p), slash == NULL || slash[1] == '\0', err) < 0)
			return -1;
		if (slash == NULL || slash[1] == '\0')
			return 0;
	}
}

/* ---- packing ---- */

int
zipbox_pack(const char *zip, const struct zipbox_member *m, size_t n,
    const char *password, char **err)
{
	zip_t *za;
	zip_source_t *src;
	zip_int64_t idx;
	size_t i;
	int ze;

	if (n == 0)
		return err_set(err, _("nothing to pack"));
	if (password == NULL || password[0] == '\0')
		return err_set(err, _("a container needs a password"));
	for (i = 0; i < n; i++)
		if (zipbox_name_check(m[i].name, err) < 0)
			return -1;
	if ((za = zip_open(zip, ZIP_CREATE | ZIP_EXCL, &ze)) == NULL) {
		zip_error_t e;

		zip_error_init_with_code(&e, ze);
		err_set(err, ze == ZIP_ER_EXISTS ? _("%s already exists: choose "
		    "another name, nothing is overwritten") : _("cannot create %s: %s"),
		    zip, zip_error_strerror(&e));
		zip_error_fini(&e);
		return -1;
	}
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(za, m[i].data, m[i].len, 0);
		idx = src ? zip_file_add(za, m[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			zip_source_free(src);
			break;
		}
		if (zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256,
		    password) < 0)
			break;
		/* A regular file readable by its owner only, as unzip and 7-Zip
		 * restore it on Unix (libzip would say 0666). */
		if (zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0,
		    ZIP_OPSYS_UNIX, (zip_uint32_t)0100600 << 16) < 0)
			break;
	}
	if (i < n) {
		err_set(err, _("cannot pack %s: %s"), m[i].name, zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	/* zip_close writes a temporary file and renames it into place, so a
	 * failure leaves nothing at zip. */
	if (zip_close(za) < 0) {
		err_set(err, _("cannot write %s: %s"), zip, zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
}

/* ---- extracting ---- */

struct zipbox_out {
	int dirfd;		/* outdir */
	char **names;		/* files written so far */
	size_t n;
};

static const char *
zipbox_code_text(int code)
{
	switch (code) {
	case ZIP_ER_WRONGPASSWD:
		return _("wrong password for the container");
	case ZIP_ER_NOPASSWD:
		return _("the container needs a password");
	case ZIP_ER_ENCRNOTSUPP:
		return _("the container uses an encryption method that is not "
		    "supported");
	case ZIP_ER_COMPNOTSUPP:
		return _("the container uses a compression method that is not "
		    "supported");
	default:
		return NULL;
	}
}

/* The message for a libzip error while opening or reading. */
static int
zipbox_fail(const char *what, zip_error_t *e, char **err)
{
	int code = zip_error_code_zip(e);
	const char *t = zipbox_code_text(code);

	if (t != NULL)
		return err_set(err, "%s: %s", what, t);
	/* A failed AES authentication code reads as a CRC error. */
	if (code == ZIP_ER_CRC)
		return err_set(err, _("%s: the contents do not check out: the "
		    "container is damaged or the password is wrong"), what);
	return err_set(err, _("%s: the container is truncated or damaged (%s)"),
	    what, zip_error_strerror(e));
}

/* Opens (creating) each folder of the relative path name inside dirfd,
 * never following a link; returns the descriptor of the last folder. */
static int
zipbox_parent(int dirfd, const char *name, const char **base, char **err)
{
	char *copy = xstrdup(name), *p = copy, *slash;
	int fd = dup(dirfd), next;

	/* "a/b/" is a folder entry: both parts are made, the base is "". */
	while (fd >= 0 && (slash = strchr(p, '/')) != NULL) {
		*slash = '\0';
		if (mkdirat(fd, p, 0700) != 0 && errno != EEXIST)
			next = -1;
		else
			next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
		close(fd);
		fd = next;
		p = slash + 1;
	}
	if (fd < 0)
		err_set(err, _("cannot make the folders of %s: %s"), name,
		    strerror(errno));
	*base = name + (p - copy);
	free(copy);
	return fd;
}

/* Reads member i as stored (still encrypted) into *raw. */
static int
zipbox_raw(zip_t *za, zip_uint64_t i, zip_uint64_t size, unsigned char **raw)
{
	zip_file_t *zf;
	zip_int64_t r;
	zip_uint64_t got = 0;

	if (size > ZIPBOX_MAX_BYTES ||
	    (zf = zip_fopen_index(za, i, ZIP_FL_ENCRYPTED)) == NULL)
		return -1;
	*raw = xmalloc(size + 1);
	while (got < size && (r = zip_fread(zf, *raw + got, size - got)) > 0)
		got += (zip_uint64_t)r;
	zip_fclose(zf);
	return got == size ? 0 : -1;
}

/* WinZip AE-2 members store no CRC (0) and rely on their HMAC-SHA1 alone,
 * and 7-Zip writes its AES members that way. libzip 1.7 still checks the
 * CRC, so such a member arrives whole and then reads as a CRC error, the
 * same error a wrong authentication code gives. For those members the
 * code is checked here on the stored bytes: salt, password verifier,
 * ciphertext, 10-byte code (PBKDF2-HMAC-SHA1, 1000 rounds). */
static int
zipbox_ae2_authentic(zip_t *za, zip_uint64_t i, const char *password)
{
	unsigned char dk[2 * 32 + 2], mac[EVP_MAX_MD_SIZE], *raw = NULL;
	unsigned int maclen = 0;
	size_t klen, slen, clen;
	zip_stat_t st;
	int ok = 0;

	if (zip_stat_index(za, i, 0, &st) < 0 || !(st.valid & ZIP_STAT_CRC) ||
	    st.crc != 0 || !(st.valid & ZIP_STAT_COMP_SIZE) ||
	    !(st.valid & ZIP_STAT_ENCRYPTION_METHOD))
		return 0;
	switch (st.encryption_method) {
	case ZIP_EM_AES_128: klen = 16; break;
	case ZIP_EM_AES_192: klen = 24; break;
	case ZIP_EM_AES_256: klen = 32; break;
	default: return 0;
	}
	slen = klen / 2;
	if (st.comp_size < slen + 2 + 10 ||
	    zipbox_raw(za, i, st.comp_size, &raw) < 0)
		goto out;
	clen = st.comp_size - slen - 2 - 10;
	if (PKCS5_PBKDF2_HMAC_SHA1(password, (int)strlen(password), raw,
	    (int)slen, 1000, (int)(2 * klen + 2), dk) == 1 &&
	    CRYPTO_memcmp(dk + 2 * klen, raw + slen, 2) == 0 &&
	    HMAC(EVP_sha1(), dk + klen, (int)klen, raw + slen + 2, clen, mac,
	    &maclen) != NULL && maclen >= 10)
		ok = CRYPTO_memcmp(mac, raw + slen + 2 + clen, 10) == 0;
out:
	OPENSSL_cleanse(dk, sizeof dk);
	free(raw);
	return ok;
}

static int
zipbox_copy(zip_file_t *zf, int fd, const char *name, unsigned long long *total,
    char **err)
{
	char buf[65536];
	zip_int64_t r;
	ssize_t w;
	size_t off;

	while ((r = zip_fread(zf, buf, sizeof buf)) > 0) {
		*total += (unsigned long long)r;
		if (*total > ZIPBOX_MAX_BYTES)
			return err_set(err, _("%s: the container holds more than "
			    "%llu bytes"), name, ZIPBOX_MAX_BYTES);
		for (off = 0; off < (size_t)r; off += (size_t)w) {
			w = write(fd, buf + off, (size_t)r - off);
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				return err_set(err, _("cannot write %s: %s"), name,
				    strerror(errno));
		}
	}
	if (r < 0 && zip_error_code_zip(zip_file_get_error(zf)) == ZIP_ER_CRC)
		return ZIPBOX_CRC;
	return r < 0 ? zipbox_fail(name, zip_file_get_error(zf), err) : 0;
}

/* A CRC error after the whole member arrived: fine for an authentic AE-2
 * member, damage or a wrong password otherwise. */
static int
zipbox_crc(zip_t *za, zip_uint64_t i, const char *name, const char *password,
    unsigned long long got, char **err)
{
	zip_stat_t st;

	if (zip_stat_index(za, i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    got == st.size && zipbox_ae2_authentic(za, i, password))
		return 0;
	return err_set(err, _("%s: the contents do not check out: the "
	    "container is damaged or the password is wrong"), name);
}

static int
zipbox_one(zip_t *za, zip_uint64_t i, const char *name, const char *password,
    struct zipbox_out *o, unsigned long long *total, char **err)
{
	unsigned long long before;
	zip_file_t *zf;
	const char *base;
	int pfd, fd, rc;

	if ((pfd = zipbox_parent(o->dirfd, name, &base, err)) < 0)
		return -1;
	if (base[0] == '\0') {		/* a folder entry: made above */
		close(pfd);
		return 0;
	}
	zf = zip_fopen_index_encrypted(za, i, 0, password);
	if (zf == NULL) {
		close(pfd);
		return zipbox_fail(name, zip_get_error(za), err);
	}
	fd = openat(pfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	close(pfd);
	if (fd < 0) {
		zip_fclose(zf);
		return err_set(err, _("cannot create %s: %s"), name, strerror(errno));
	}
	o->names = xrealloc(o->names, (o->n + 1) * sizeof *o->names);
	o->names[o->n++] = xstrdup(name);
	before = *total;
	rc = zipbox_copy(zf, fd, name, total, err);
	if (rc == ZIPBOX_CRC)
		rc = zipbox_crc(za, i, name, password, *total - before, err);
	zip_fclose(zf);
	if (close(fd) != 0 && rc == 0)
		rc = err_set(err, _("cannot write %s: %s"), name, strerror(errno));
	return rc;
}

/* Every name is checked, and every member stat'ed, before a byte is
 * written. */
static int
zipbox_survey(zip_t *za, zip_int64_t n, const char *password, char **err)
{
	unsigned long long total = 0;
	zip_stat_t st;
	zip_int64_t i, j;

	if (n <= 0)
		return err_set(err, _("the container is empty"));
	if (n > ZIPBOX_MAX_MEMBERS)
		return err_set(err, _("the container has more than %d members"),
		    ZIPBOX_MAX_MEMBERS);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);

		if (name == NULL || zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0)
			return zipbox_fail(_("reading the container"),
			    zip_get_error(za), err);
		if (zipbox_name_check(name, err) < 0)
			return -1;
		/* A medium whose password was agreed carries encrypted members
		 * only: a plain one is not what was sent. */
		if (password != NULL && name[strlen(name) - 1] != '/' &&
		    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method == ZIP_EM_NONE)
			return err_set(err, _("%s is not encrypted, although the "
			    "container has a password: refusing it, it is not the "
			    "container that was sent"), name);
		for (j = 0; j < i; j++)
			if (strcmp(name, zip_get_name(za, (zip_uint64_t)j, 0)) == 0)
				return err_set(err, _("the member %s appears twice"),
				    name);
		if ((st.valid & ZIP_STAT_SIZE) && (total += st.size) >
		    ZIPBOX_MAX_BYTES)
			return err_set(err, _("the container holds more than %llu "
			    "bytes"), ZIPBOX_MAX_BYTES);
	}
	return 0;
}

/* Removes what an extraction that failed had written (folders stay: they
 * may have existed before). */
static void
zipbox_undo(struct zipbox_out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		(void)unlinkat(o->dirfd, o->names[i], 0);
	zipbox_names_free(o->names, o->n);
	o->names = NULL;
	o->n = 0;
}

static int
zipbox_extract_za(zip_t *za, const char *password, const char *outdir,
    char ***names, size_t *nnames, char **err)
{
	struct zipbox_out o = { -1, NULL, 0 };
	unsigned long long total = 0;
	zip_int64_t n = zip_get_num_entries(za, 0), i;
	int rc;

	if (zipbox_survey(za, n, password, err) < 0)
		return -1;
	o.dirfd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o.dirfd < 0)
		return err_set(err, _("cannot open the folder %s: %s"), outdir,
		    strerror(errno));
	for (i = 0, rc = 0; rc == 0 && i < n; i++)
		rc = zipbox_one(za, (zip_uint64_t)i, zip_get_name(za,
		    (zip_uint64_t)i, 0), password, &o, &total, err);
	if (rc < 0)
		zipbox_undo(&o);
	close(o.dirfd);
	*names = o.names;
	*nnames = o.n;
	return rc;
}

/* Not ZIP_CHECKCONS: libzip's check compares each local header with the
 * central directory, and a streamed member (flag bit 3, as bsdtar and
 * Windows write them) keeps its sizes and CRC in a descriptor after the
 * data, so a valid container was refused as damaged. Every member is
 * checked anyway as it is read: CRC and size, or AE-2's HMAC. */
#define ZIPBOX_OPEN ZIP_RDONLY

int
zipbox_extract(const char *zip, const char *password, const char *outdir,
    char ***names, size_t *nnames, char **err)
{
	zip_t *za;
	int ze, rc;

	*names = NULL;
	*nnames = 0;
	if ((za = zip_open(zip, ZIPBOX_OPEN, &ze)) == NULL) {
		zip_error_t e;

		zip_error_init_with_code(&e, ze);
		rc = ze == ZIP_ER_NOENT || ze == ZIP_ER_OPEN ?
		    err_set(err, _("cannot open %s: %s"), zip, zip_error_strerror(&e)) :
		    zipbox_fail(zip, &e, err);
		zip_error_fini(&e);
		return rc;
	}
	rc = zipbox_extract_za(za, password, outdir, names, nnames, err);
	zip_discard(za);
	return rc;
}

int
zipbox_extract_mem(const void *buf, size_t len, const char *password,
    const char *outdir, char ***names, size_t *nnames, char **err)
{
	zip_source_t *src;
	zip_error_t e;
	zip_t *za;
	int rc;

	*names = NULL;
	*nnames = 0;
	zip_error_init(&e);
	src = zip_source_buffer_create(buf, len, 0, &e);
	za = src ? zip_open_from_source(src, ZIPBOX_OPEN, &e) : NULL;
	if (za == NULL) {
		zip_source_free(src);
		rc = zipbox_fail(_("the container"), &e, err);
		zip_error_fini(&e);
		return rc;
	}
	zip_error_fini(&e);
	rc = zipbox_extract_za(za, password, outdir, names, nnames, err);
	zip_discard(za);
	return rc;
}

void
zipbox_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
