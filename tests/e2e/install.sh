#!/bin/bash
# 'make install-strip' gives a stripped binary that names no build-tree
# path and still finds its migrations, layouts, helpers and Japanese
# catalogue after its whole prefix is moved elsewhere (issue 14).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 6

B=${TOP_BUILDDIR:-.}
D=$SCRATCH/destdir
PREFIX=/opt/mynadesk-test
if ! ${MAKE:-make} -s -C "$B" install-strip DESTDIR="$D" prefix="$PREFIX" \
	>"$SCRATCH/install.log" 2>&1; then
	not_ok "make install-strip into a DESTDIR" "$(tail -5 "$SCRATCH/install.log")"
	finish
fi
ok "make install-strip into a DESTDIR"

BIN=$D$PREFIX/bin/mynadesk
check "the installed binary is stripped" \
	eval 'file "$BIN" | grep -q ", stripped"'
SRC=$(cd "${TOP_SRCDIR:-.}" && pwd -P)
BLD=$(cd "$B" && pwd -P)
# The configured prefix is compiled in (the last place looked at); under
# make distcheck it lies inside the source tree, so its paths are let by.
CONF=$(sed -n 's/^prefix = //p' "$B/Makefile" | head -n 1)
# A sanitizer build keeps each source file's path for its reports (GCC's
# ASan global descriptors ignore -ffile-prefix-map), so there only the
# plain build can be held to this.
if grep -q '^SAN_CFLAGS = .*-fsanitize' "$B/Makefile"; then
	skip "the installed binary names neither the source nor the build tree" \
		"a sanitizer build names its sources for its reports"
else
	check "the installed binary names neither the source nor the build tree" \
		eval '! strings "$BIN" | grep -vF "${CONF:-/nonexistent}/" | grep -qF -e "$SRC" -e "$BLD"'
fi

# Moved: no longer at the prefix it was configured or installed for.
mv "$D$PREFIX" "$SCRATCH/moved"
MOVED=$SCRATCH/moved/bin/mynadesk
PW='Kokuho-2026-pass'
MYNADESK=$MOVED run_pw "$PW" init --vault "$SCRATCH/v" --insurer 133033 \
	--name 'テスト国保組合' --admin yamada --password-fd 3
check "the moved binary finds its migrations and makes a vault" eval '[ "$RC" -eq 0 ]'

gen=$("$MOVED" --paths 2>/dev/null)
"$SCRATCH/moved/libexec/mynadesk/gen-persons" --count 20 --seed 3 >"$SCRATCH/p.csv"
MYNADESK=$MOVED run_pw "$PW" person import "$SCRATCH/p.csv" --vault "$SCRATCH/v" \
	--user yamada --password-fd 3
check "the moved binary finds its layouts and imports a person" \
	eval '[ "$RC" -eq 0 ] || { echo "# $ERR"; false; }'

out=$(LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 LANGUAGE= "$MOVED" nosuch 2>&1)
check "the moved binary speaks Japanese from its own catalogue" \
	contains "$out" "コマンドはありません"
finish
