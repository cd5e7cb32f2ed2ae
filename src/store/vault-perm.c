/* The vault's files are encrypted, but vault.keys carries the wrapped keys
 * that a password guesser needs, and the lockout file shows who failed to
 * log in: other users of the machine should see none of it. Only a warning,
 * because an administrator may have a reason (a backup agent's group) and
 * refusing to open would stop the association's work. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/vault-perm.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

const char *const vault_files[] = { "vault.db", "vault.db-wal",
	"vault.db-shm", "vault.keys", "vault.keys.tmp", "vault.keys.next",
	"vault.keys.next.tmp", "vault.lock",
	"vault.lockout", "vault.lockout.tmp", NULL };

char *
vault_perm_check(const char *dir)
{
	const char *const *names = vault_files;
	struct stat st;
	int i;

	if (stat(dir, &st) == 0 && (st.st_mode & 077) != 0)
		return xasprintf(_("the vault folder %s can be read by other users "
		    "(mode %03o): run chmod 700 %s"), dir,
		    (unsigned)(st.st_mode & 0777), dir);
	for (i = 0; names[i] != NULL; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]), *w = NULL;

		if (stat(path, &st) == 0 && (st.st_mode & 077) != 0)
			w = xasprintf(_("%s can be read by other users (mode %03o): run "
			    "chmod 600 %s"), path, (unsigned)(st.st_mode & 0777), path);
		free(path);
		if (w != NULL)
			return w;
	}
	return NULL;
}

void
vault_files_remove(const char *dir)
{
	int i;

	for (i = 0; vault_files[i] != NULL; i++) {
		char *p = xasprintf("%s/%s", dir, vault_files[i]);

		(void)unlink(p);
		free(p);
	}
	(void)rmdir(dir);
}
