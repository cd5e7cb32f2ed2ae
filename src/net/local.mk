# net: HTTPS upload to the intermediate server (libcurl, opened on first
# use: net/curlso.c).
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-net.a
libmyna_net_a_SOURCES = \
	src/net/curlso.c src/net/curlso.h src/net/reply.c src/net/upload.c \
	src/net/upload.h
