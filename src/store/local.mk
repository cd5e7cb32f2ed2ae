# store: the vault: SQLCipher, key slots, migrations; the only layer that sees SQL.
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-store.a
libmyna_store_a_SOURCES = \
	src/store/audit.c src/store/audit.h src/store/backup.c \
	src/store/backup.h src/store/checkpoint.c src/store/checkpoint.h \
	src/store/collation.c src/store/collation.h src/store/dashboard.c \
	src/store/dashboard.h src/store/db.c src/store/db.h \
	src/store/evidence.c src/store/evidence.h src/store/exportq.c \
	src/store/exportq.h src/store/handover-log.c src/store/handover-log.h \
	src/store/idproof.c src/store/idproof.h src/store/jlis.c \
	src/store/jlis.h src/store/keyfile.c src/store/keyfile.h \
	src/store/keyseal.c src/store/keyseal.h src/store/keyslot.c \
	src/store/keyslot.h src/store/lockout.c src/store/lockout.h \
	src/store/media.c src/store/media.h src/store/migrate.c \
	src/store/migrate.h src/store/numbers-overdue.c \
	src/store/numbers-overdue.h src/store/numbers.c src/store/numbers.h \
	src/store/pagecheck.c src/store/pagecheck.h src/store/persons.c \
	src/store/persons.h src/store/pia.c src/store/pia.h \
	src/store/reg-answers.c src/store/reg-answers.h \
	src/store/reg-legacy.c src/store/reg-legacy.h src/store/reg-recent.c \
	src/store/reg-recent.h src/store/reg-results.c src/store/reg-scan.c \
	src/store/reg-scan.h src/store/reg-sent.c src/store/reg-sent.h \
	src/store/registration.c src/store/registration.h src/store/settings.c \
	src/store/settings.h src/store/users.c src/store/users.h \
	src/store/vault-conn.c src/store/vault-impl.h src/store/vault-perm.c \
	src/store/vault-perm.h src/store/vault-rekey.c src/store/vault-slots.c \
	src/store/vault.c src/store/vault.h
