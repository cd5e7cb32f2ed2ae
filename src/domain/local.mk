# domain: rules and file formats: pure functions, no I/O on the vault.
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-domain.a
libmyna_domain_a_SOURCES = \
	src/domain/account.c src/domain/account.h src/domain/actionname.c \
	src/domain/actionname.h src/domain/auditdetail.c \
	src/domain/auditdetail.h src/domain/auditrec.c src/domain/auditrec.h \
	src/domain/backupfmt.c src/domain/backupfmt.h src/domain/checkers.c \
	src/domain/collation.c src/domain/collation.h src/domain/cp932map.c \
	src/domain/cp932map.h src/domain/csv.c src/domain/csv.h \
	src/domain/csvout.c src/domain/csvout.h src/domain/dates.c \
	src/domain/dates.h src/domain/encoding.c src/domain/encoding.h \
	src/domain/evidence.c src/domain/evidence.h src/domain/exportcheck.c \
	src/domain/exportpkg.c src/domain/exportpkg.h src/domain/exportsig.c \
	src/domain/exportsig.h src/domain/fieldcheck.c src/domain/fieldcheck.h \
	src/domain/filecheck.c src/domain/filecheck.h src/domain/handover.c \
	src/domain/handover.h src/domain/idproof.c src/domain/idproof.h \
	src/domain/ini.c src/domain/ini.h src/domain/insurer.c \
	src/domain/insurer.h src/domain/jlis.c src/domain/jlis.h \
	src/domain/jstday.c src/domain/jstday.h src/domain/layout.c \
	src/domain/layout.h src/domain/media.c src/domain/media.h \
	src/domain/merkle-range.c src/domain/merkle-range.h \
	src/domain/merkle.c src/domain/merkle.h src/domain/mynumber.c \
	src/domain/mynumber.h src/domain/person.c src/domain/person.h \
	src/domain/pia.c src/domain/pia.h src/domain/pwpolicy.c \
	src/domain/pwpolicy.h src/domain/redact.c src/domain/redact.h \
	src/domain/regfile.c src/domain/regfile.h src/domain/regpack.c \
	src/domain/regpack.h src/domain/regread.c src/domain/regread.h \
	src/domain/searchnorm.c src/domain/searchnorm.h src/domain/staffkey.c \
	src/domain/staffkey.h src/domain/svcconf.c src/domain/svcconf.h \
	src/domain/words.c src/domain/words.h src/domain/zipbox.c \
	src/domain/zipbox.h
