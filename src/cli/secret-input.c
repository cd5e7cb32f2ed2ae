/* Reading passwords and keys: never from argv or the environment, only from
 * the terminal (echo off) or a descriptor a script opened for us. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

#define SECRET_MAX 1024

/* Reads one line (without its newline) byte by byte, so nothing past it is
 * consumed from a shared descriptor. A descriptor that cannot be read, or
 * gives nothing, is the caller's mistake (a script's closed or empty
 * descriptor), never a wrong secret: the secret is not returned. */
static char *
secret_read_line(int fd, int tty, const char *what, char **err)
{
	char *buf = secret_alloc(SECRET_MAX + 1), *out;
	size_t n = 0;
	int got = 0;

	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_set(err, _("cannot read the %s from descriptor %d: %s"), what,
			    fd, strerror(errno));
			secret_free(buf, SECRET_MAX + 1);
			return NULL;
		}
		if (r == 0 || c == '\n')
			break;
		got = 1;
		if (n == SECRET_MAX) {
			secret_free(buf, SECRET_MAX + 1);
			err_set(err, _("secret too long"));
			return NULL;
		}
		buf[n++] = c;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	if (n == 0) {
		secret_free(buf, SECRET_MAX + 1);
		if (tty)
			err_set(err, _("no %s given"), what);
		else if (got)
			err_set(err, _("the %s read from descriptor %d is empty"), what, fd);
		else
			err_set(err, _("descriptor %d gave no %s: it is closed or empty"),
			    fd, what);
		return NULL;
	}
	buf[n] = '\0';
	out = secret_strdup(buf);
	secret_free(buf, SECRET_MAX + 1);
	return out;
}

char *
cli_read_secret(const char *prompt, int fd, char **err)
{
	struct termios old, quiet;
	char *s;
	int tty;

	if (fd >= 0)
		return secret_read_line(fd, 0, prompt, err);
	tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (tty < 0) {
		err_set(err, _("no terminal to ask for the %s: use the --*-fd options"),
		    prompt);
		return NULL;
	}
	if (tcgetattr(tty, &old) < 0) {
		close(tty);
		err_set(err, _("cannot turn off echo on the terminal"));
		return NULL;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	(void)tcsetattr(tty, TCSAFLUSH, &quiet);
	(void)!write(tty, prompt, strlen(prompt));
	(void)!write(tty, ": ", 2);
	s = secret_read_line(tty, 1, prompt, err);
	(void)tcsetattr(tty, TCSAFLUSH, &old);
	(void)!write(tty, "\n", 1);
	close(tty);
	return s;
}

char *
cli_read_new_secret(const char *prompt, int fd, char **err)
{
	char *a, *b, *again;

	a = cli_read_secret(prompt, fd, err);
	if (a == NULL || fd >= 0)
		return a;
	again = xasprintf(_("%s (again)"), prompt);
	b = cli_read_secret(again, -1, err);
	free(again);
	if (b == NULL || strcmp(a, b) != 0) {
		if (b != NULL)
			err_set(err, _("the two entries differ"));
		secret_free_str(a);
		secret_free_str(b);
		return NULL;
	}
	secret_free_str(b);
	return a;
}

int
cli_read_recovery(int fd, unsigned char key[OPS_RECOVERY_KEY_LEN], char **err)
{
	char *text = cli_read_secret(_("recovery key"), fd, err);
	int rc;

	if (text == NULL)
		return -2;
	rc = ops_recovery_parse(text, key, err);
	secret_free_str(text);
	return rc;
}
