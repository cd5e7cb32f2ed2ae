/* A shell-free word splitter for SSH_ORIGINAL_COMMAND. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain/words.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

enum words_state { W_SPACE, W_PLAIN, W_SINGLE, W_DOUBLE };

struct words_build {
	struct words *w;
	char *cur;		/* the word being built */
	size_t len;
};

static int
words_is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static void
words_add(struct words_build *b, char c)
{
	b->cur[b->len++] = c;
}

static int
words_end(struct words_build *b, char **err)
{
	if (b->w->argc == WORDS_MAX)
		return err_set(err, _("more than %d words"), WORDS_MAX);
	b->cur[b->len] = '\0';
	b->w->argv[b->w->argc++] = xstrndup(b->cur, b->len);
	b->len = 0;
	return 0;
}

/* One character in the double-quoted state; *i may move past an escape. */
static void
words_double(struct words_build *b, const char *line, size_t *i,
    enum words_state *st)
{
	char c = line[*i];

	if (c == '"') {
		*st = W_PLAIN;
	} else if (c == '\\' && (line[*i + 1] == '"' || line[*i + 1] == '\\')) {
		words_add(b, line[++*i]);
	} else {
		words_add(b, c);
	}
}

static int
words_scan(struct words_build *b, const char *line, char **err)
{
	enum words_state st = W_SPACE;
	size_t i;

	/* All of the line first: an escape must not carry one past. */
	for (i = 0; line[i] != '\0'; i++)
		if (words_is_control((unsigned char)line[i]))
			return err_set(err, _("a control character at byte %zu"), i + 1);
	for (i = 0; line[i] != '\0'; i++) {
		char c = line[i];

		if (st == W_SINGLE) {
			if (c == '\'')
				st = W_PLAIN;
			else
				words_add(b, c);
			continue;
		}
		if (st == W_DOUBLE) {
			words_double(b, line, &i, &st);
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (st == W_PLAIN && words_end(b, err) < 0)
				return -1;
			st = W_SPACE;
			continue;
		}
		st = W_PLAIN;
		if (c == '\'') {
			st = W_SINGLE;
		} else if (c == '"') {
			st = W_DOUBLE;
		} else if (c == '\\') {
			if (line[i + 1] == '\0')
				return err_set(err, _("a backslash at the end"));
			words_add(b, line[++i]);
		} else {
			words_add(b, c);
		}
	}
	if (st == W_SINGLE || st == W_DOUBLE)
		return err_set(err, _("a quote (%c) is not closed"),
		    st == W_SINGLE ? '\'' : '"');
	return st == W_PLAIN ? words_end(b, err) : 0;
}

int
words_split(const char *line, struct words *w, char **err)
{
	struct words_build b;
	size_t n;
	int rc;

	memset(w, 0, sizeof *w);
	if (line == NULL)
		line = "";
	n = strlen(line);
	if (n > WORDS_LINE_MAX)
		return err_set(err, _("the command is longer than %d bytes"),
		    WORDS_LINE_MAX);
	w->argv = xcalloc(WORDS_MAX + 1, sizeof *w->argv);
	b.w = w;
	b.cur = xmalloc(n + 1);
	b.len = 0;
	rc = words_scan(&b, line, err);
	free(b.cur);
	if (rc < 0)
		words_free(w);
	return rc;
}

void
words_free(struct words *w)
{
	int i;

	if (w->argv != NULL)
		for (i = 0; i < w->argc; i++)
			free(w->argv[i]);
	free(w->argv);
	memset(w, 0, sizeof *w);
}
