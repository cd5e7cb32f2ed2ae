/* Giving a finished file its name. A file written under a temporary name is
 * named only after its audit record commits (ops_tx's publish); a check of
 * the name followed by rename() would replace a file made in between, so the
 * name is taken in one step that fails when it exists. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/publish.h"

/* rename without replace; link()+unlink() where the file system does not
 * know RENAME_NOREPLACE (EINVAL). Sets errno. */
static int
rename_noreplace(const char *tmp, const char *name)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, name, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(tmp, name) < 0)
		return -1;
	(void)unlink(tmp);
	return 0;
}

void
file_sync_dir(const char *file)
{
	char *dir = paths_dirname(file);
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
file_publish(const char *tmp, const char *name, char **err)
{
	if (rename_noreplace(tmp, name) < 0) {
		if (errno == EEXIST)
			return err_set(err, _("%s already exists: mynadesk never "
			    "overwrites a file; the finished copy is kept as %s"),
			    name, tmp);
		return err_set(err, _("cannot name %s: %s; the finished copy is "
		    "kept as %s"), name, strerror(errno), tmp);
	}
	file_sync_dir(name);
	return 0;
}
