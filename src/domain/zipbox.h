/* Password-protected ZIP containers (WinZip AES-256, via libzip) for the
 * electronic media exchanged with J-LIS: packing checked files, and
 * extracting an answer without ever writing outside the chosen folder. */
#ifndef MYNA_ZIPBOX_H
#define MYNA_ZIPBOX_H

#include <stddef.h>

/* Limits that keep a hostile container from filling the disk. */
#define ZIPBOX_MAX_MEMBERS 1000
#define ZIPBOX_MAX_BYTES (2ULL * 1024 * 1024 * 1024)	/* all members */
#define ZIPBOX_NAME_MAX 255

struct zipbox_member {
	const char *name;	/* name inside the container, checked as below */
	const void *data;
	size_t len;
};

/*
 * Writes a new container at zip (an existing file is never replaced) with
 * the n members, each deflated and encrypted with AES-256 under password.
 * The members are taken from memory so that the bytes packed are exactly
 * the bytes the caller checked and hashed. Returns 0, or -1 with *err; on
 * error no file is left at zip.
 */
int zipbox_pack(const char *zip, const struct zipbox_member *m, size_t n,
    const char *password, char **err);

/*
 * Extracts every member of the container at zip into the existing folder
 * outdir, decrypting with password (NULL: the container must not need one).
 * Before anything is written every member name is checked: no absolute
 * path, no ".." or "." part, no backslash, drive letter or control
 * character; sub-folders are created inside outdir, symbolic links are
 * never followed, and no existing file is overwritten. On success *names
 * gets the relative names of the files written (free with
 * zipbox_names_free) and *nnames their count. On error (wrong password,
 * truncated or damaged container, unsafe name, limits above) the files
 * already written are removed and -1 is returned with *err saying which.
 */
int zipbox_extract(const char *zip, const char *password, const char *outdir,
    char ***names, size_t *nnames, char **err);
/* The same for a container held in memory (buf is not copied). */
int zipbox_extract_mem(const void *buf, size_t len, const char *password,
    const char *outdir, char ***names, size_t *nnames, char **err);
void zipbox_names_free(char **names, size_t n);

/* 0 when name is a safe relative member name (see above), else -1. A name
 * ending in '/' is a folder entry. */
int zipbox_name_check(const char *name, char **err);

#endif
