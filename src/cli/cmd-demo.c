/* mynadesk demo: a demo vault with two demo users, then the console; the
 * vault stays afterwards, and the exit says how to open it again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "ops/accounts.h"
#include "ops/demo.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

#define DEMO_PERSONS "1000"

/* An error naming one thing; returns -1. */
static int
demo_fail(const char *fmt, const char *what)
{
	char *m = xasprintf(fmt, what);

	cli_error(m);
	free(m);
	return -1;
}

/* Runs argv (argv[0] a program of contrib/) with its output into out. */
static int
demo_run(char *const argv[], const char *out)
{
	pid_t pid;
	int status, fd;

	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (pid = fork()) < 0) {
		if (fd >= 0)
			close(fd);
		return demo_fail(_("cannot run %s"), argv[0]);
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		/* Their summaries would land on the console's screen. */
		dup2(fd, STDOUT_FILENO);
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return demo_fail(_("%s failed"), argv[0]);
	return 0;
}

/* Runs gen-persons into two files beside the vault. */
static int
demo_generate(const char *dir, char **extract, char **numbers)
{
	char *gen = paths_gen_persons(), *argv[8];
	int rc;

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
	rc = demo_run(argv, *extract);
	free(gen);
	return rc;
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

/* J-LIS answers the terminal's inquiry files (work/inq-1) into
 * work/answers: some persons not found, some answers that differ. */
static int
demo_jlis_answers(const char *work, const char *extract, const char *numbers,
    char **answers)
{
	char *sim = paths_contrib("jlis-answer"), *in = xasprintf("%s/inq-1", work);
	struct dirent **ents;
	int i, k, rc = 0;

	*answers = xasprintf("%s/answers", work);
	if (sim == NULL || mkdir(*answers, 0700) < 0 ||
	    (k = scandir(in, &ents, NULL, alphasort)) < 0) {
		free(sim);
		free(in);
		return cli_error(_("jlis-answer not found: the demo has no J-LIS "
		    "answers"));
	}
	for (i = 0; i < k; i++) {
		const char *name = ents[i]->d_name;
		size_t l = strlen(name);

		if (rc == 0 && l > 5 && strcmp(name + l - 5, "Y.csv") == 0) {
			char *file = xasprintf("%s/%s", in, name);
			char *out = xasprintf("%s/%.*sR.csv", *answers, (int)(l - 5), name);
			char *argv[] = { sim, (char *)"--persons", (char *)extract,
				(char *)"--numbers", (char *)numbers, (char *)"--seed",
				(char *)"2026", (char *)"--not-found", (char *)"4",
				(char *)"--mismatch", (char *)"3", file, NULL };

			rc = demo_run(argv, out);
			free(out);
			free(file);
		}
		free(ents[i]);
	}
	free(ents);
	free(sim);
	free(in);
	return rc;
}

/* The intermediate server's result for file, into *result; a few J-LIS
 * mismatches and refused rows, so both lists have something. */
static int
demo_reg_result(const char *work, const char *file, char **result)
{
	char *sim = paths_contrib("midserver-sim");
	int rc;

	*result = xasprintf("%s/result.csv", work);
	if (sim == NULL)
		return cli_error(_("midserver-sim not found: the demo's registration "
		    "file has no result"));
	{
		char *argv[] = { sim, (char *)"answer", (char *)file,
			(char *)"--fail", (char *)"2", (char *)"--jlis-mismatch",
			(char *)"3", NULL };

		rc = demo_run(argv, *result);
	}
	free(sim);
	return rc;
}

/* A short note, kept as evidence: what a clerk scans or types up. */
static char *
demo_note(const char *work)
{
	char *path = xasprintf("%s/note.txt", work);
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(_("Identity check at the counter: the My Number card was "
		    "seen and its photo compared; the card went back to the "
		    "member.\n"), f);
		fclose(f);
	}
	return path;
}

/* Media, J-LIS, registration and evidence, each step reported when it
 * fails; the console opens either way. */
static void
demo_office(const char *dir, const struct demo_info *d, const char *work,
    const char *extract, const char *numbers)
{
	char *err = NULL, *answers = NULL, *reg = xasprintf("%s/reg", work);
	char *file = NULL, *result = NULL, *note = NULL;
	struct demo_office o;
	int rc;

	rc = ops_demo_office_open(dir, d, &o, &err);
	if (rc == 0)
		rc = ops_demo_media_out(&o, work, numbers, &err);
	if (rc == 0)
		rc = demo_jlis_answers(work, extract, numbers, &answers);
	if (rc == 0)
		rc = ops_demo_answers(&o, answers, &err);
	if (rc == 0 && mkdir(reg, 0700) < 0)
		rc = demo_fail(_("cannot make %s"), reg);
	if (rc == 0)
		rc = ops_demo_registration_out(&o, reg, &file, &err);
	if (rc == 0)
		rc = demo_reg_result(work, file, &result);
	if (rc == 0) {
		note = demo_note(work);
		rc = ops_demo_registration_in(&o, result, note, &err);
	}
	ops_demo_office_close(&o);
	if (rc < 0 && err != NULL)
		cli_error(err);
	free(err);
	free(answers);
	free(reg);
	free(file);
	free(result);
	free(note);
}

static int
demo_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	(void)remove(path);
	return 0;
}

/* The persons and numbers: generated, imported, entered and confirmed;
 * then the rest of the office. The generated files and the work folder go
 * afterwards: the numbers stay only in the vault. */
static void
demo_fill(const char *dir, const struct demo_info *d)
{
	char *extract = NULL, *numbers = NULL, *err = NULL;
	char *work = xasprintf("%s.work", dir);

	if (demo_generate(dir, &extract, &numbers) == 0) {
		if (ops_demo_fill(dir, d, extract, numbers, demo_progress, NULL,
		    &err) < 0)
			cli_error(err);
		if (isatty(STDERR_FILENO))
			fputc('\n', stderr);
		if (err == NULL && mkdir(work, 0700) == 0)
			demo_office(dir, d, work, extract, numbers);
	}
	(void)nftw(work, demo_rm, 8, FTW_DEPTH | FTW_PHYS);
	if (numbers != NULL) {
		unlink(numbers);
		unlink(extract);
	}
	free(err);
	free(work);
	free(extract);
	free(numbers);
}

static void
demo_users(const struct demo_info *d)
{
	printf(_("demo users (passwords are for this demo only):\n"
	    "  %-8s %s  (%s)\n  %-8s %s  (%s)\n"), d->user[0], d->password[0],
	    account_role_label(d->role[0]), d->user[1], d->password[1],
	    account_role_label(d->role[1]));
}

/* The demo vault stays when the console closes, so what was tried can be
 * looked at again: where it is, the command that opens it, and for a
 * temporary one the folder to remove. The accounts are said again, as the
 * console's screen has covered them. */
static void
demo_farewell(const char *dir, const struct demo_info *d, int temporary)
{
	char *parent = xstrdup(dir), *slash = strrchr(parent, '/');

	if (slash != NULL)
		*slash = '\0';
	/* L10N: %s is the demo vault's folder. */
	printf(_("the demo vault stays in %s\n"), dir);
	/* L10N: the command line is shown as it is typed, on its own line so
	 * that the terminal does not wrap it mid-word and it copies whole. */
	printf(_("open it again with:\n  %s --vault %s\n"), PACKAGE, dir);
	demo_users(d);
	if (temporary)
		/* L10N: the command line is shown as it is typed. */
		printf(_("when done with it:\n  rm -r %s\n"), parent);
	free(parent);
}

int
cli_cmd_demo(struct cli_args *a)
{
	struct demo_info d;
	char *err = NULL, *dir;
	int rc;

	if (a->opt[O_VAULT] != NULL) {
		dir = xstrdup(a->opt[O_VAULT]);
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
	demo_users(&d);
	fflush(stdout);
	rc = tui_run(dir, &d, NULL);
	demo_farewell(dir, &d, a->opt[O_VAULT] == NULL);
	demo_info_clear(&d);
	free(dir);
	return rc;
}
