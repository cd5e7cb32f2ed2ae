/* Error messages and, beside them, their codes.
 *
 * The code cannot travel inside the string without changing every
 * signature that takes char **err, so err_typed notes {address, text hash,
 * code, field} in a small table that err_code_of reads back. The text hash
 * keeps a freed and reused address from being taken for the old message;
 * the table is shared by threads, since a worker's message reaches the
 * caller through err_keep. Only the last few typed messages are kept: a
 * face asks about the message it has just been given. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/err.h"
#include "util/xmalloc.h"

#define ERR_NOTES 16

struct err_note {
	const char *msg;
	uint32_t hash;
	enum err_code code;
	enum err_field field;
};

static struct err_note notes[ERR_NOTES];
static unsigned next_note;
static pthread_mutex_t notes_lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a: only to tell one text from another. */
static uint32_t
err_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
err_note(const char *msg, enum err_code code, enum err_field field)
{
	pthread_mutex_lock(&notes_lock);
	notes[next_note % ERR_NOTES] = (struct err_note){ msg, err_hash(msg),
	    code, field };
	next_note++;
	pthread_mutex_unlock(&notes_lock);
}

static const struct err_note *
err_find(const char *msg, struct err_note *copy)
{
	uint32_t h = err_hash(msg);
	unsigned i;
	int found = 0;

	pthread_mutex_lock(&notes_lock);
	for (i = 0; i < ERR_NOTES && !found; i++)
		if (notes[i].msg == msg && notes[i].hash == h) {
			*copy = notes[i];
			found = 1;
		}
	pthread_mutex_unlock(&notes_lock);
	return found ? copy : NULL;
}

enum err_code
err_code_of(const char *msg)
{
	struct err_note n;

	if (msg == NULL)
		return ERR_NONE;
	return err_find(msg, &n) ? n.code : ERR_FAILED;
}

enum err_field
err_field_of(const char *msg)
{
	struct err_note n;

	return msg != NULL && err_find(msg, &n) ? n.field : ERR_FIELD_NONE;
}

static int
err_vset(char **err, enum err_code code, enum err_field field,
    const char *fmt, va_list ap)
{
	if (err == NULL || *err != NULL)
		return -1;
	*err = xvasprintf(fmt, ap);
	if (code != ERR_FAILED || field != ERR_FIELD_NONE)
		err_note(*err, code, field);
	return -1;
}

int
err_set(char **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, ERR_FAILED, ERR_FIELD_NONE, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_typed(char **err, enum err_code code, enum err_field field,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, code, field, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_mark(char **err, enum err_code code, enum err_field field)
{
	struct err_note n;

	if (err != NULL && *err != NULL && err_find(*err, &n) == NULL)
		err_note(*err, code, field);
	return -1;
}

int
err_replace(char **err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	free(*err);
	*err = NULL;
	va_start(ap, fmt);
	err_vset(err, ERR_FAILED, ERR_FIELD_NONE, fmt, ap);
	va_end(ap);
	return -1;
}

void
err_keep(char **err, char *msg)
{
	if (err != NULL && *err == NULL)
		*err = msg;
	else
		free(msg);
}
