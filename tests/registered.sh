#!/bin/bash
# Every test in the tree runs: each tests/unit/test-*.c is in UNIT_TESTS and
# each tests/e2e/*.sh is in E2E_TESTS, unless other scripts source it (a
# library such as lib.sh). automake lists tests by name, not by glob, so a
# test written and not listed would pass CI by never running; this check is
# the glob. Run with a folder as 'registered.sh TOP' it checks that tree; run
# by 'make check' it checks the source tree and proves on a copy that an
# unlisted test fails.

# The words assigned to UNIT_TESTS and E2E_TESTS in a Makefile.am (with
# "=" or "+=", over continuation lines).
listed() {
	awk '
	/^(UNIT_TESTS|E2E_TESTS)[[:space:]]*\+?=/ { on = 1; sub(/^[^=]*=/, "") }
	on { line = $0; cont = sub(/\\$/, "", line)
		n = split(line, w, /[[:space:]]+/)
		for (i = 1; i <= n; i++) if (w[i] != "") print w[i]
		on = cont }' "$1"
}

# Prints each test file under top that Makefile.am does not list.
unlisted() {
	local top=$1 f name
	listed "$top/Makefile.am" >"$T/listed"
	for f in "$top"/tests/unit/test-*.c "$top"/tests/e2e/*.sh; do
		[ -e "$f" ] || continue
		name=${f#"$top"/}
		name=${name%.c}
		grep -qxF "$name" "$T/listed" && continue
		# A library: sourced by another script.
		case $name in
		*.sh) grep -qE "^[[:space:]]*\. .*tests/e2e/${f##*/}\"?\$" \
			"$top"/tests/e2e/*.sh && continue ;;
		esac
		echo "$name"
	done
}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if [ $# -gt 0 ]; then
	out=$(unlisted "$1")
	[ -z "$out" ] && exit 0
	echo "$out" | sed 's/$/: a test not listed in Makefile.am (see tests\/registered.sh)/' >&2
	exit 1
fi

TOP=${TOP_SRCDIR:-.}
echo "1..3"
out=$(unlisted "$TOP")
if [ -z "$out" ]; then echo "ok 1 - every test file is listed"; else
	echo "$out" | sed 's/^/# not listed: /'
	echo "not ok 1 - every test file is listed"
fi
# A copy of the tree's test folders and Makefile.am, with one test more.
C=$T/copy
mkdir -p "$C/tests"
cp -R "$TOP/tests/unit" "$TOP/tests/e2e" "$C/tests/" && cp "$TOP/Makefile.am" "$C/"
touch "$C/tests/unit/test-forgotten.c"
if [ "$(unlisted "$C")" = tests/unit/test-forgotten ]; then echo "ok 2 - an unlisted unit test is found"; else
	echo "not ok 2 - an unlisted unit test is found"; fi
rm "$C/tests/unit/test-forgotten.c"
touch "$C/tests/e2e/cli-forgotten.sh"
if [ "$(unlisted "$C")" = tests/e2e/cli-forgotten.sh ]; then
	echo "ok 3 - an unlisted end-to-end test is found, and nothing else"
else
	echo "not ok 3 - an unlisted end-to-end test is found, and nothing else"
fi
