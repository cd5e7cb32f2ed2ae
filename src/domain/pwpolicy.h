/* The password policy every account password must meet. */
#ifndef MYNA_PWPOLICY_H
#define MYNA_PWPOLICY_H

#define PWPOLICY_MIN_LEN 10
#define PWPOLICY_MIN_CLASSES 3

/* Returns 0 when pw is acceptable for user, else -1 with *err saying what
 * to change. */
int pwpolicy_check(const char *user, const char *pw, char **err);

#endif
