/* main: the console, or one subcommand. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/service.h"
#include "ops/session.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/privdir.h"
#include "util/xmalloc.h"

/* No core files and no ptrace by other users' tools: SQLite's page cache
 * and our key buffers hold plaintext. Every file we make (vault, exports,
 * temporary copies) is the user's alone unless made otherwise on purpose. */
static void
mynadesk_harden(void)
{
	struct rlimit none = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &none);
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(077);
}

static void
mynadesk_i18n(void)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, paths_locale());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* The console's options, by the command line's parser: --vault DIR,
 * --idle-lock N (minutes, or Ns seconds), --ascii (for terminals that draw
 * ambiguous-width glyphs two cells wide). 0, or the exit status. */
static int
mynadesk_console_args(int argc, char **argv, char **vault,
    struct tui_options *opt)
{
	struct cli_args a;
	int rc = cli_parse(cli_console_command(), argc - 1, argv + 1, &a);

	if (rc > 0)
		cli_usage(stdout);
	if (rc != 0)
		return rc > 0 ? -1 : 2;
	if (a.opt[O_VAULT] != NULL)
		*vault = xstrdup(a.opt[O_VAULT]);
	opt->ascii = a.opt[O_ASCII] != NULL;
	if (a.opt[O_IDLE_LOCK] != NULL)
		opt->idle_seconds = cli_idle_seconds(a.opt[O_IDLE_LOCK]);
	return 0;
}

int
main(int argc, char **argv)
{
	struct tui_options opt = { 0 };
	char *vault = NULL;
	int rc;

	mynadesk_harden();
	/* What a killed answer import left in memory-backed folders. */
	privdir_sweep();
	mynadesk_i18n();
	/* The service account's forced command: nothing else is looked at. */
	if (argc >= 2 && strcmp(argv[1], "--as") == 0)
		return service_main(argc, argv);
	/* Where this build looks for the service configuration. */
	if (argc == 2 && strcmp(argv[1], "--service-config") == 0) {
		printf("%s\n", service_config_path());
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("mynadesk %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cli_usage(stdout);
		return 0;
	}
	if (argc >= 2 && argv[1][0] != '-')
		return cli_main(argc - 1, argv + 1);
	if ((rc = mynadesk_console_args(argc, argv, &vault, &opt)) != 0) {
		free(vault);
		return rc < 0 ? 0 : rc;
	}
	if (vault == NULL)
		vault = ops_default_vault();
	rc = tui_run(vault, NULL, &opt);
	free(vault);
	return rc;
}
