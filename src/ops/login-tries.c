/* The failed-login count as the number of tries a user still has. */
#include "config.h"

#include <stddef.h>

#include "ops/login-tries.h"
#include "store/lockout.h"

int
ops_login_tries_left(const char *dir, const char *user)
{
	int n;

	if (dir == NULL || user == NULL || user[0] == '\0')
		return -1;
	n = lockout_count(dir, user);
	if (n < 0)
		return -1;
	return n >= LOCKOUT_LIMIT ? 0 : LOCKOUT_LIMIT - n;
}
