/* mynadesk demo: a throw-away vault with two demo users, then the console. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/accounts.h"
#include "ops/demo.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

#define DEMO_PERSONS "1000"

/* Runs gen-persons into two files beside the vault. */
static int
demo_generate(const char *dir, char **extract, char **numbers)
{
	char *gen = paths_gen_persons(), *argv[9];
	pid_t pid;
	int status, fd;

	if (gen == NULL)
		return cli_error(_("gen-persons not found: the demo will have no "
		    "persons"));
	*extract = xasprintf("%s.extract.csv", dir);
	*numbers = xasprintf("%s.numbers.csv", dir);
	argv[0] = gen;
	argv[1] = (char *)"--count";
	argv[2] = (char *)DEMO_PERSONS;
	argv[3] = (char *)"--seed";
	argv[4] = (char *)"2026";
	argv[5] = (char *)"--numbers";
	argv[6] = *numbers;
	argv[7] = NULL;
	fd = open(*extract, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (pid = fork()) < 0) {
		free(gen);
		return cli_error(_("cannot run gen-persons"));
	}
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		execv(gen, argv);
		_exit(127);
	}
	close(fd);
	free(gen);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return cli_error(_("gen-persons failed"));
	return 0;
}

/* Counting lines only for a person watching: a log gets none of them. */
static void
demo_progress(const char *what, long done, long total, void *arg)
{
	(void)arg;
	if (!isatty(STDERR_FILENO))
		return;
	fputc('\r', stderr);
	fprintf(stderr, _("  %s %ld / %ld"), _(what), done, total);
}

/* The persons and numbers: generated, imported, entered and confirmed. */
static void
demo_fill(const char *dir, const struct demo_info *d)
{
	char *extract = NULL, *numbers = NULL, *err = NULL;

	if (demo_generate(dir, &extract, &numbers) == 0) {
		if (ops_demo_fill(dir, d, extract, numbers, demo_progress, NULL,
		    &err) < 0)
			cli_error(err);
		if (isatty(STDERR_FILENO))
			fputc('\n', stderr);
	}
	if (numbers != NULL) {
		unlink(numbers);	/* generated numbers stay only in the vault */
		unlink(extract);
	}
	free(err);
	free(extract);
	free(numbers);
}

/* A throw-away demo vault goes when the console closes; one the user named
 * with --vault stays. */
static void
demo_remove(const char *dir)
{
	char *parent = xstrdup(dir), *slash = strrchr(parent, '/');

	ops_demo_remove(dir);
	if (slash != NULL) {
		*slash = '\0';
		(void)rmdir(parent);
	}
	free(parent);
}

int
cli_cmd_demo(struct cli_args *a)
{
	struct demo_info d;
	char *err = NULL, *dir;
	int rc;

	if (a->vault != NULL) {
		dir = xstrdup(a->vault);
	} else {
		char tmpl[] = "/tmp/mynadesk-demo-XXXXXX";

		if (mkdtemp(tmpl) == NULL)
			return cli_error(_("cannot make a temporary folder"));
		dir = xasprintf("%s/vault", tmpl);
	}
	printf(_("building a demo vault in %s ...\n"), dir);
	fflush(stdout);
	if (ops_demo_create(dir, &d, &err) < 0) {
		rc = cli_error(err);
		free(err);
		free(dir);
		return rc;
	}
	demo_fill(dir, &d);
	printf(_("demo users (passwords are for this demo only):\n"
	    "  %-8s %s  (%s)\n  %-8s %s  (%s)\n"), d.user[0], d.password[0],
	    d.role[0], d.user[1], d.password[1], d.role[1]);
	fflush(stdout);
	rc = tui_run(dir, &d, NULL);
	demo_info_clear(&d);
	if (a->vault == NULL)
		demo_remove(dir);
	free(dir);
	return rc;
}
