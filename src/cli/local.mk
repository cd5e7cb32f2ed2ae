# cli: the command line and the service mode over SSH.
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-cli.a
libmyna_cli_a_SOURCES = \
	src/cli/cli-commands.c src/cli/cli-completion.c src/cli/cli-help.c \
	src/cli/cli-login.c src/cli/cli-options.c src/cli/cli-parse.c \
	src/cli/cli.c src/cli/cli.h src/cli/cmd-audit.c src/cli/cmd-backup.c \
	src/cli/cmd-bulk.c src/cli/cmd-check.c src/cli/cmd-collation.c \
	src/cli/cmd-dashboard.c src/cli/cmd-demo.c src/cli/cmd-evidence.c \
	src/cli/cmd-export.c src/cli/cmd-idproof.c src/cli/cmd-init.c \
	src/cli/cmd-jlis.c src/cli/cmd-media.c src/cli/cmd-number.c \
	src/cli/cmd-person.c src/cli/cmd-pia.c src/cli/cmd-settings.c \
	src/cli/cmd-staffkey.c src/cli/cmd-upload.c src/cli/cmd-user.c \
	src/cli/secret-input.c src/cli/service-args.c src/cli/service.c \
	src/cli/service.h
