# ops: one user action per function, each a committed, audited transaction.
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-ops.a
libmyna_ops_a_SOURCES = \
	src/ops/accounts.c src/ops/accounts.h src/ops/audit-report.c \
	src/ops/audit-report.h src/ops/backup-restore.c src/ops/backup.c \
	src/ops/backup.h src/ops/check.c src/ops/check.h \
	src/ops/checkpoint-daily.c src/ops/checkpoint-daily.h \
	src/ops/collation.c src/ops/collation.h src/ops/dashboard.c \
	src/ops/dashboard.h src/ops/figures.c src/ops/figures.h \
	src/ops/demo-office.c src/ops/demo.c \
	src/ops/demo.h src/ops/evidence.c src/ops/evidence.h \
	src/ops/export-audit.c src/ops/export-media.c src/ops/export-readme.c \
	src/ops/export-sections.c src/ops/export-sections.h \
	src/ops/export-sheets.c src/ops/export-state.c src/ops/export-verify.c \
	src/ops/export.c src/ops/export.h src/ops/handover.c \
	src/ops/handover.h src/ops/idproof.c src/ops/idproof.h \
	src/ops/jlis-container.c src/ops/jlis-receive.c src/ops/jlis-request.c \
	src/ops/jlis.c src/ops/jlis.h src/ops/login-tries.c \
	src/ops/login-tries.h src/ops/media-carry.c src/ops/media-check.c \
	src/ops/media-int.h src/ops/media-pack.c src/ops/media-print.c \
	src/ops/media-view.c src/ops/media.c src/ops/media.h \
	src/ops/numbers-overdue.c src/ops/numbers-overdue.h src/ops/numbers.c \
	src/ops/numbers.h src/ops/person-import.c src/ops/person-import.h \
	src/ops/persons.c src/ops/persons.h src/ops/pia.c src/ops/pia.h \
	src/ops/precheck.c src/ops/precheck.h src/ops/reg-export.c \
	src/ops/reg-internal.h src/ops/reg-pipe.c src/ops/reg-pipe.h \
	src/ops/reg-results.c src/ops/reg-source.c src/ops/reg-view.c \
	src/ops/reg-view.h src/ops/registration.c src/ops/registration.h \
	src/ops/rekey.c src/ops/rekey.h src/ops/session.c src/ops/session.h \
	src/ops/settings.c src/ops/settings.h src/ops/staffkeys.c \
	src/ops/staffkeys.h src/ops/tx.c src/ops/tx.h src/ops/upload.c \
	src/ops/upload.h src/ops/vault-admin.c src/ops/vault-admin.h \
	src/ops/witness.c src/ops/witness.h src/ops/xlsx-out.c src/ops/xlsx-out.h
