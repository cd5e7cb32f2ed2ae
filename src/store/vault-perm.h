/* File modes of a vault folder: only its owner may read anything in it. */
#ifndef MYNA_VAULT_PERM_H
#define MYNA_VAULT_PERM_H

/* A warning naming the first loosened item and the command that fixes it
 * (allocated), or NULL when the folder is 0700 and its files 0600. */
char *vault_perm_check(const char *dir);

#endif
