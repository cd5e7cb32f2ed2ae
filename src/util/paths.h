/* Where the installed data (schema migrations, layouts) is found. */
#ifndef MYNA_PATHS_H
#define MYNA_PATHS_H

/* Each lookup tries, in order: the build tree the program runs from (found
 * by the marker file .mynadesk-srcdir that 'make' writes), the installed
 * tree beside the program (BINDIR/../share, ../libexec: a moved prefix
 * still works), then the prefix configure was given. */

/* Returns an allocated path to the data folder sub ("vault", "forms");
 * NULL when none exists. */
char *paths_data(const char *sub);

/* The message catalogue folder that holds our catalogue (LOCALEDIR when
 * none does). */
const char *paths_locale(void);

/* The folder of path, allocated: "." for a bare name, "/" for a file at
 * the root. Unlike dirname(3) it leaves path alone. */
char *paths_dirname(const char *path);
/* A helper program of contrib/ (gen-persons, jlis-answer, midserver-sim),
 * built or installed; NULL when none is there. */
char *paths_contrib(const char *name);
/* The demo data generator (contrib/gen-persons), installed or built. */
char *paths_gen_persons(void);

#endif
