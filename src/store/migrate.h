/* Schema migrations: numbered SQL files applied in order, each recorded. */
#ifndef MYNA_MIGRATE_H
#define MYNA_MIGRATE_H

struct vault;

/* Applies every migration in dir newer than the vault's, each in its own
 * transaction with a schema_migrations row and an audit record by actor.
 * *applied receives how many were applied. */
int migrate_apply(struct vault *v, const char *dir, const char *actor,
    int *applied, char **err);
/* The highest version recorded in the vault (0 for an empty database). */
int migrate_version(struct vault *v, int *version, char **err);

#endif
