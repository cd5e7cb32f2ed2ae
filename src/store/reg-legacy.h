/* Migration 0009 in C: packs the records 0008 kept one row each. */
#ifndef MYNA_STORE_REG_LEGACY_H
#define MYNA_STORE_REG_LEGACY_H

struct vault;

/* Packs every reg_records row into reg_sent chunks, file by file in seq
 * order, then drops reg_records. Runs inside the migration's transaction. */
int reg_legacy_pack(struct vault *v, char **err);

#endif
