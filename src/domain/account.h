/* Account names and roles: what is allowed, and how roles are called. */
#ifndef MYNA_ACCOUNT_H
#define MYNA_ACCOUNT_H

/* Account names: 1-32 of [A-Za-z0-9._-], starting with a letter, so they are
 * safe in file names, audit records and the key-slot file. */
int account_name_check(const char *name, char **err);

/* Roles: "admin", "supervisor" (実務責任者), "clerk" (事務担当者). */
int account_role_check(const char *role, char **err);
/* Translated label of a role for screens and lists. */
const char *account_role_label(const char *role);

/* The insurer number: 6 or 8 digits with its 検証番号 (domain/insurer.h). */
int account_insurer_check(const char *code, char **err);

#endif
