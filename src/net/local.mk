# net: HTTPS upload to the intermediate server (libcurl).
# Included by Makefile.am; one library per layer (DESIGN.md).
noinst_LIBRARIES += libmyna-net.a
libmyna_net_a_SOURCES = \
	src/net/reply.c src/net/upload.c src/net/upload.h
