/* A medium's life: step order, file names, password, answer deadline. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "domain/media.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *const media_steps[MSTEP_COUNT] = { "created", "packed",
	"shipped", "received", "imported", "disposed" };

/* L10N: the steps of a medium's life, as shown on its timeline. */
static const char *const media_labels[MSTEP_COUNT] = { N_("created"),
	N_("packed"), N_("shipped"), N_("answer received"), N_("answer imported"),
	N_("disposed of") };

const char *
media_step_name(enum media_step s)
{
	return s < MSTEP_COUNT ? media_steps[s] : "?";
}

const char *
media_step_label(enum media_step s)
{
	return s < MSTEP_COUNT ? _(media_labels[s]) : "?";
}

/* L10N: the steps of a USB medium carried to the dedicated terminal
 * (統合専用端末) and back. */
static const char *const media_terminal_labels[MSTEP_COUNT] = {
	N_("created"), N_("copied to USB"), N_("carried to terminal"),
	N_("brought back"), N_("answer imported"), N_("disposed of") };

const char *
media_step_label_on(enum media_step s, const char *channel)
{
	if (s < MSTEP_COUNT && channel != NULL && strcmp(channel, "terminal") == 0)
		return _(media_terminal_labels[s]);
	return media_step_label(s);
}

int
media_step_parse(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < MSTEP_COUNT; i++)
		if (strcmp(name, media_steps[i]) == 0)
			return i;
	return -1;
}

int
media_step_allowed(enum media_step last, enum media_step step, char **err)
{
	if (last == MSTEP_DISPOSED)
		return err_set(err, _("the medium was already disposed of: nothing "
		    "more can be recorded"));
	if (step == MSTEP_DISPOSED) {
		if (last == MSTEP_SHIPPED)
			return err_set(err, _("the medium is with the courier or "
			    "J-LIS: record the answer's receipt first"));
		if (last == MSTEP_RECEIVED)
			return err_set(err, _("the answer has not been imported: "
			    "import it before disposing of the medium"));
		return 0;
	}
	if (step <= last)
		return err_set(err, _("the medium is already %s"),
		    media_step_label(last));
	if (step != last + 1)
		return err_set(err, _("the medium is %s: it must be %s before it "
		    "can be %s"), media_step_label(last),
		    media_step_label((enum media_step)(step - 1)),
		    media_step_label(step));
	return 0;
}

int
media_name_check(const char *name, const char *insurer, char *kind, char **err)
{
	size_t len, i;

	if (name == NULL || (len = strlen(name)) < 15)
		return err_set(err, _("%s: an inquiry file is named <insurer>N<seq>Y.csv "
		    "or <insurer>G<seq>Y.csv"), name ? name : "");
	for (i = 0; i < 8; i++)
		if (name[i] < '0' || name[i] > '9')
			return err_set(err, _("%s: the name must start with the 8-digit "
			    "insurer code"), name);
	if (insurer == NULL || strncmp(name, insurer, 8) != 0 || strlen(insurer) != 8)
		return err_set(err, _("%s: the insurer code is not this vault's (%s)"),
		    name, insurer ? insurer : "");
	if (name[8] != 'N' && name[8] != 'G')
		return err_set(err, _("%s: N (Japanese residents) or G (foreign "
		    "residents) must follow the insurer code"), name);
	if (strcmp(name + len - 5, "Y.csv") != 0)
		return err_set(err, _("%s: the name must end in Y.csv"), name);
	/* The sequence number: 1 to 6 digits, no leading zero. */
	if (len - 14 > 6 || name[9] == '0')
		return err_set(err, _("%s: the sequence number must be 1 to 999999 "
		    "without leading zeros"), name);
	for (i = 9; i < len - 5; i++)
		if (name[i] < '0' || name[i] > '9')
			return err_set(err, _("%s: the sequence number must be 1 to "
			    "999999 without leading zeros"), name);
	if (kind != NULL)
		*kind = name[8];
	return 0;
}

int
media_password_new(char out[MEDIA_PW_LEN + 1])
{
	/* 32 symbols: 256 is a multiple, so every byte maps without bias. */
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char raw[MEDIA_PW_CHARS];
	size_t i, o = 0;

	if (RAND_bytes(raw, sizeof raw) != 1)
		return -1;
	for (i = 0; i < MEDIA_PW_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[raw[i] % 32];
	}
	out[o] = '\0';
	OPENSSL_cleanse(raw, sizeof raw);
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long
media_day_number(const char *d)
{
	long y, m, day, era, yoe, doy, doe;

	if (sscanf(d, "%4ld-%2ld-%2ld", &y, &m, &day) != 3)
		return 0;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long
media_days_between(const char *a, const char *b)
{
	return media_day_number(b) - media_day_number(a);
}

long
media_overdue_days(const char *state, const char *shipped, const char *today,
    long limit)
{
	long days;

	if (state == NULL || strcmp(state, "shipped") != 0 || shipped == NULL ||
	    shipped[0] == '\0')
		return 0;
	days = media_days_between(shipped, today) - limit;
	return days > 0 ? days : 0;
}

void
media_label(long long id, char out[16])
{
	snprintf(out, 16, "M%04lld", id);
}
