/* How many more wrong passwords an account takes before it locks, for the
 * login and unlock screens to say so. */
#ifndef MYNA_LOGIN_TRIES_H
#define MYNA_LOGIN_TRIES_H

/* Tries left for user on the vault in dir (0: the next wrong one is
 * refused as locked), or -1 when the store cannot tell. */
int ops_login_tries_left(const char *dir, const char *user);

#endif
