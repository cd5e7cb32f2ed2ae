/* The insurer number: length and 検証番号 rules from the MHLW's
 * 保険者番号設定要領; nothing here reads a file or the vault. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "domain/insurer.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
insurer_check_digit(const char *digits, size_t n)
{
	int sum = 0, w = 2;
	size_t i;

	for (i = n; i-- > 0; w = 3 - w) {
		int p;

		if (digits[i] < '0' || digits[i] > '9')
			return -1;
		p = (digits[i] - '0') * w;
		sum += p / 10 + p % 10;
	}
	return (10 - sum % 10) % 10;
}

int
insurer_check_n(const char *s, size_t n, char **err)
{
	int want;

	if (n != 6 && n != 8)
		return err_set(err, _("an insurer number has 6 digits (国民健康保険 "
		    "and 国保組合) or 8 (健保, 共済: 法別番号 and 6 digits)"));
	if ((want = insurer_check_digit(s, n - 1)) < 0 ||
	    s[n - 1] < '0' || s[n - 1] > '9')
		return err_set(err, _("an insurer number has only digits"));
	if (s[n - 1] - '0' != want)
		return err_set(err, _("the insurer number's check digit (検証番号) "
		    "does not match: re-read it from the insurance card or the "
		    "notice of the number"));
	return 0;
}

int
insurer_check(const char *code, char **err)
{
	return insurer_check_n(code ? code : "", code ? strlen(code) : 0, err);
}

void
insurer_format(const char *code, int width, char pad, char out[INSURER_MAX + 1])
{
	size_t n = strlen(code), w = width > 0 ? (size_t)width : 0;

	if (w > INSURER_MAX)
		w = INSURER_MAX;
	if (n >= w || n > INSURER_MAX) {
		/* Longer than any insurer number only if unchecked: cut, never
		 * overrun. */
		snprintf(out, INSURER_MAX + 1, "%s", code);
		return;
	}
	memset(out, pad, w - n);
	memcpy(out + (w - n), code, n + 1);
}
