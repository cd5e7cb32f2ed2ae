/* Splitting a command line into words without a shell: what a staff member
 * typed after "ssh mynadesk@server" arrives as one string
 * (SSH_ORIGINAL_COMMAND) and must become argv with no shell in between. */
#ifndef MYNA_WORDS_H
#define MYNA_WORDS_H

#define WORDS_MAX 64		/* words in one line */
#define WORDS_LINE_MAX 4096	/* bytes in one line */

struct words {
	int argc;
	char **argv;		/* argc words, then NULL */
};

/* Spaces and tabs separate words. '...' keeps everything literally;
 * "..." keeps everything but \" and \\, which stand for " and \; outside
 * quotes a backslash keeps the next character. Nothing else has a meaning:
 * ; | & $ ` * ? < > ( ) ~ and # are ordinary characters, so there are no
 * variables, globbing, redirections or second commands. Control characters
 * (newlines included) are refused, as are an unclosed quote, a trailing
 * backslash, and more than WORDS_MAX words or WORDS_LINE_MAX bytes.
 * Returns 0, or -1 with a message in *err (w is then empty). */
int words_split(const char *line, struct words *w, char **err);
void words_free(struct words *w);

#endif
