/* Where the installed data (schema migrations, layouts) is found. */
#ifndef MYNA_PATHS_H
#define MYNA_PATHS_H

/* Returns an allocated path to the data folder sub ("vault", "forms"):
 * the installed package data dir, else the source tree this binary was
 * built from, so an uninstalled build runs too. NULL when neither exists. */
char *paths_data(const char *sub);

/* The message catalogue folder: the installed one when it holds our
 * catalogue, else the build tree's. */
const char *paths_locale(void);

/* The folder of path, allocated: "." for a bare name, "/" for a file at
 * the root. Unlike dirname(3) it leaves path alone. */
char *paths_dirname(const char *path);
/* A helper program of contrib/ (gen-persons, jlis-answer, midserver-sim),
 * installed in pkglibexecdir or built; NULL when neither is there. */
char *paths_contrib(const char *name);
/* The demo data generator (contrib/gen-persons), installed or built. */
char *paths_gen_persons(void);

#endif
