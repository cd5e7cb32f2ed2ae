/* Finding the package's data files, installed or in the source tree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/xmalloc.h"

static int
paths_is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
paths_data(const char *sub)
{
	const char *roots[] = { MYNA_PKGDATADIR, MYNA_SRCDIR };
	size_t i;

	for (i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		char *p = xasprintf("%s/%s", roots[i], sub);

		if (paths_is_dir(p))
			return p;
		free(p);
	}
	return NULL;
}

const char *
paths_locale(void)
{
	struct stat st;

	if (stat(LOCALEDIR "/ja/LC_MESSAGES/" PACKAGE ".mo", &st) == 0)
		return LOCALEDIR;
	if (stat(MYNA_BUILDDIR "/locale/ja/LC_MESSAGES/" PACKAGE ".mo", &st) == 0)
		return MYNA_BUILDDIR "/locale";
	return LOCALEDIR;
}

char *
paths_contrib(const char *name)
{
	char *p = xasprintf("%s/%s", MYNA_PKGLIBEXECDIR, name);

	if (access(p, X_OK) == 0)
		return p;
	free(p);
	p = xasprintf("%s/contrib/%s", MYNA_BUILDDIR, name);
	if (access(p, X_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *
paths_gen_persons(void)
{
	return paths_contrib("gen-persons");
}

char *
paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}
