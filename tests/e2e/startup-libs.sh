#!/bin/bash
# End-to-end: the program does not link libcurl. net/curlso.c opens it on
# the first upload, so a command, the console or the format checker that
# never talks to a server starts without its 28 libraries (about 23 ms of
# CPU each start) and without their code in the process that holds the
# data key. cli-upload.sh drives uploads through the opened library.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 3

check "libcurl is not among the program's needed libraries" \
	eval '! readelf -d "$MYNADESK" | grep NEEDED | grep -q libcurl'
run --version
check "the program starts" eval '[ "$RC" -eq 0 ]'
check "a command that does not upload loads no libcurl" \
	eval '! LD_DEBUG=files "$MYNADESK" --version 2>&1 >/dev/null | grep -q "libcurl"'
