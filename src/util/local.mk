# util: memory, secrets, paths, text: no knowledge of the domain.
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-util.a
libmyna_util_a_SOURCES = \
	src/util/err.c src/util/err.h src/util/hex.c src/util/hex.h \
	src/util/i18n.h src/util/paths.c src/util/paths.h src/util/privdir.c \
	src/util/privdir.h src/util/publish.c src/util/publish.h \
	src/util/readfile.c src/util/readfile.h \
	src/util/secret.c src/util/secret.h src/util/text.c src/util/text.h \
	src/util/xbuf.c src/util/xbuf.h src/util/xmalloc.c src/util/xmalloc.h
