/* Finding the package's data files: in the build tree a binary was run
 * from, beside an installed binary wherever its prefix was moved, or at
 * the prefix configure was given. No build-tree path is compiled in: an
 * uninstalled build is recognised by the marker file 'make' writes at the
 * top of the build tree (.mynadesk-srcdir, naming the source tree). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/xmalloc.h"

/* Test programs sit up to two folders below the build tree's top. */
#define BUILD_TREE_DEPTH 3

static int
paths_is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running program, allocated; NULL if unknown. */
static char *
paths_exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return paths_dirname(buf);
}

/* The source tree named by the marker in dir, allocated; NULL if none. */
static char *
paths_marker_srcdir(const char *dir)
{
	char *m = xasprintf("%s/.mynadesk-srcdir", dir), line[PATH_MAX];
	FILE *f = fopen(m, "r");
	char *src = NULL;

	free(m);
	if (f == NULL)
		return NULL;
	if (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '/')
			src = xstrdup(line);
	}
	fclose(f);
	return src;
}

/* The build tree the program runs from, if any: its top folder in *build
 * and its source tree in *src (both allocated). */
static int
paths_build_tree(char **build, char **src)
{
	char *dir = paths_exe_dir(), *up;
	int i;

	for (i = 0; dir != NULL && i < BUILD_TREE_DEPTH; i++) {
		if ((*src = paths_marker_srcdir(dir)) != NULL) {
			*build = dir;
			return 1;
		}
		up = paths_dirname(dir);
		free(dir);
		dir = up;
	}
	free(dir);
	return 0;
}

/* installed beside the program: EXE_DIR/../REL, allocated or NULL. */
static char *
paths_beside(const char *rel)
{
	char *dir = paths_exe_dir(), *p;

	if (dir == NULL)
		return NULL;
	p = xasprintf("%s/../%s", dir, rel);
	free(dir);
	return p;
}

/* The first of three candidates that ok() accepts, allocated; the others
 * are freed. */
static char *
paths_first(char *cand[3], int (*ok)(const char *))
{
	char *found = NULL;
	int i;

	for (i = 0; i < 3; i++) {
		if (found == NULL && cand[i] != NULL && ok(cand[i]))
			found = cand[i];
		else
			free(cand[i]);
	}
	return found;
}

static int
paths_is_exec(const char *p)
{
	return access(p, X_OK) == 0;
}

static int
paths_has_catalogue(const char *dir)
{
	char *mo = xasprintf("%s/ja/LC_MESSAGES/" PACKAGE ".mo", dir);
	struct stat st;
	int ok = stat(mo, &st) == 0;

	free(mo);
	return ok;
}

/* The first that ok() accepts of: in_tree under the build tree's sources
 * (from_src) or its top, beside (relative to the program's folder's
 * parent), configured (may be NULL). Allocated, or NULL. */
static char *
paths_find(int from_src, const char *in_tree, const char *beside,
    const char *configured, int (*ok)(const char *))
{
	char *build = NULL, *src = NULL, *cand[3] = { NULL, NULL, NULL };

	if (paths_build_tree(&build, &src))
		cand[0] = xasprintf("%s/%s", from_src ? src : build, in_tree);
	cand[1] = paths_beside(beside);
	cand[2] = configured != NULL ? xstrdup(configured) : NULL;
	free(build);
	free(src);
	return paths_first(cand, ok);
}

char *
paths_data(const char *sub)
{
	char *rel = xasprintf("share/" PACKAGE "/%s", sub);
	char *conf = xasprintf("%s/%s", MYNA_PKGDATADIR, sub);
	char *p = paths_find(1, sub, rel, conf, paths_is_dir);

	free(rel);
	free(conf);
	return p;
}

const char *
paths_locale(void)
{
	static char *found;

	if (found == NULL)
		found = paths_find(0, "locale", "share/locale", NULL,
		    paths_has_catalogue);
	return found != NULL ? found : LOCALEDIR;
}

char *
paths_contrib(const char *name)
{
	char *tree = xasprintf("contrib/%s", name);
	char *rel = xasprintf("libexec/" PACKAGE "/%s", name);
	char *conf = xasprintf("%s/%s", MYNA_PKGLIBEXECDIR, name);
	char *p = paths_find(0, tree, rel, conf, paths_is_exec);

	free(tree);
	free(rel);
	free(conf);
	return p;
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
