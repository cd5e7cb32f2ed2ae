/* Password policy: length, character classes, and no reuse of the user name. */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "domain/pwpolicy.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
pwpolicy_classes(const char *pw)
{
	int lower = 0, upper = 0, digit = 0, other = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)pw; *p != '\0'; p++) {
		if (islower(*p))
			lower = 1;
		else if (isupper(*p))
			upper = 1;
		else if (isdigit(*p))
			digit = 1;
		else
			other = 1;
	}
	return lower + upper + digit + other;
}

/* Case-insensitive substring search; the user name must not hide inside. */
static int
pwpolicy_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), h = strlen(hay), i;

	if (n == 0 || n > h)
		return 0;
	for (i = 0; i + n <= h; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

int
pwpolicy_check(const char *user, const char *pw, char **err)
{
	const unsigned char *p;

	if (pw == NULL || strlen(pw) < PWPOLICY_MIN_LEN)
		return err_set(err, _("password too short: use at least %d characters"),
		    PWPOLICY_MIN_LEN);
	for (p = (const unsigned char *)pw; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return err_set(err, _("password contains a control character"));
	if (pwpolicy_classes(pw) < PWPOLICY_MIN_CLASSES)
		return err_set(err, _("password too simple: mix at least %d of lower case, "
		    "upper case, digits and symbols"), PWPOLICY_MIN_CLASSES);
	if (user != NULL && strlen(user) >= 3 && pwpolicy_contains(pw, user))
		return err_set(err, _("password must not contain the user name"));
	return 0;
}
