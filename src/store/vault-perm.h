/* The files of a vault folder: their names (one list), their modes (only
 * the owner may read anything in it), their removal. */
#ifndef MYNA_VAULT_PERM_H
#define MYNA_VAULT_PERM_H

/* Every file a vault folder may hold, NULL-terminated: vault.db and
 * SQLite's companions, vault.keys, the lock and lockout files, and the
 * temporary names the key and lockout files are written under. */
extern const char *const vault_files[];

/* A warning naming the first loosened item and the command that fixes it
 * (allocated), or NULL when the folder is 0700 and its files 0600. */
char *vault_perm_check(const char *dir);
/* Removes the vault's files and then the folder, if that left it empty. */
void vault_files_remove(const char *dir);

#endif
