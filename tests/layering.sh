#!/bin/bash
# The layers point one way (DESIGN.md): a file may include only headers of
# its own layer and of the layers below it, and only the store sees SQLite.
# The store is opaque: no file outside it includes its internal headers
# (store/db.h, store/vault-impl.h), and no ops, CLI or console file names
# sqlite3 at all. Run with a folder (sh tests/layering.sh src) it checks
# that folder and exits 1 naming each file against the layers; run by
# 'make check' without one, it checks src/ and proves on a copy that each
# kind of violation fails.

# Layer: the layers its files may include ("sqlite" stands for <sqlite3.h>).
allowed() {
	case $1 in
	util) echo "util" ;;
	domain) echo "domain util" ;;
	store) echo "store domain util sqlite" ;;
	net) echo "net domain util" ;;
	ops) echo "ops store net domain util" ;;
	cli) echo "cli tui ops domain util" ;;	# the CLI starts the console
	tui) echo "tui ops domain util" ;;
	esac
}

# file:header pairs let through for now, each with the reason and its owner.
EXCEPTIONS=""

# The store's own headers: struct vault's fields and the SQLite connection.
STORE_INTERNAL="store/db.h store/vault-impl.h"

# Prints "FILE: HEADER" for each include of dir's files against the layers.
violations() {
	local dir=$1 layer f inc target ok
	for layer in util domain store net ops cli tui; do
		[ -d "$dir/$layer" ] || continue
		for f in "$dir/$layer"/*.[ch]; do
			[ -e "$f" ] || continue
			sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p' \
			    "$f" | while read -r inc; do
				case $inc in
				'<sqlite3.h>'|'<sqlcipher/sqlite3.h>') target=sqlite ;;
				\"*/*\") target=${inc#\"}; target=${target%%/*} ;;
				*) continue ;;
				esac
				ok=no
				for a in $(allowed "$layer"); do
					[ "$a" = "$target" ] && ok=yes
				done
				inc=${inc#[<\"]}; inc=${inc%[>\"]}
				case " $STORE_INTERNAL " in
				*" $inc "*) [ "$layer" = store ] || ok=no ;;
				esac
				case " $EXCEPTIONS " in
				*" $layer/${f##*/}:$inc "*) ok=yes ;;
				esac
				[ $ok = yes ] || echo "$layer/${f##*/}: $inc"
			done
		done
	done
}

# Prints "FILE: names sqlite3" for each ops, CLI or console file that
# names SQLite's handle or API (the token sqlite3, or one starting sqlite3_).
sqlite_names() {
	local dir=$1
	grep -lE '(^|[^A-Za-z0-9_])sqlite3([^A-Za-z0-9]|_|$)' \
	    "$dir"/ops/*.[ch] "$dir"/cli/*.[ch] "$dir"/tui/*.[ch] 2>/dev/null |
	    sed "s|^$dir/||; s|\$|: names sqlite3|"
}

check_tree() {
	local out
	out=$(violations "$1"; sqlite_names "$1")
	[ -z "$out" ] && return 0
	echo "$out" | sed 's/$/ (against the layers: see tests\/layering.sh)/' >&2
	return 1
}

if [ $# -gt 0 ]; then
	check_tree "$1"
	exit
fi

SRC=${TOP_SRCDIR:-.}/src
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 bad=0
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; bad=1; fi
}
# A copy of src/ with one line added to FILE: must then fail.
tampered_line() {
	rm -rf "$T/src" && cp -R "$SRC" "$T/src" &&
	    printf '%s\n' "$2" >>"$T/src/$1" && ! check_tree "$T/src" 2>/dev/null
}
# The same with one include added.
tampered() {
	tampered_line "$1" "#include $2"
}
# What the built layer libraries call: each library's undefined symbols
# that another layer's library defines must come from a layer it may use,
# and only the store calls SQLite. Includes can be dodged with a written-out
# prototype; the linker's view cannot. Prints "LAYER: SYMBOL (from LAYER2)".
link_violations() {
	local lib=$1 layer L a
	for layer in util domain store net ops cli tui; do
		[ -f "$lib/libmyna-$layer.a" ] || continue
		nm -u "$lib/libmyna-$layer.a" 2>/dev/null | awk '{print $NF}' |
		    sort -u >"$T/undef"
		nm --defined-only "$lib/libmyna-$layer.a" 2>/dev/null |
		    awk 'NF == 3 {print $3}' | sort -u >"$T/own"
		comm -23 "$T/undef" "$T/own" >"$T/need"
		if [ "$layer" != store ]; then
			grep '^sqlite3_' "$T/need" | sed "s/^/$layer: /; s/\$/ (SQLite)/"
		fi
		for L in util domain store net ops cli tui; do
			[ "$L" = "$layer" ] && continue
			a=" $(allowed "$layer") "
			case $a in *" $L "*) continue ;; esac
			[ -f "$lib/libmyna-$L.a" ] || continue
			nm --defined-only -g "$lib/libmyna-$L.a" 2>/dev/null |
			    awk 'NF == 3 {print $3}' | sort -u |
			    comm -12 "$T/need" - | sed "s/^/$layer: /; s/\$/ (from $L)/"
		done
	done
}

echo "1..13"
check_tree "$SRC"
result $? "src/ includes and names only along the layers"
tampered domain/dates.c '"store/db.h"'
result $? "a domain file including a store header fails the check"
tampered store/audit.c '"ops/session.h"'
result $? "a store file including an ops header fails the check"
tampered ops/dashboard.c '"tui/tui.h"'
result $? "an ops file including a console header fails the check"
tampered cli/cmd-settings.c '<sqlite3.h>'
result $? "a CLI file including <sqlite3.h> fails the check"
tampered tui/screen-home.c '"store/users.h"'
result $? "a console file including a store header fails the check"
tampered ops/dashboard.c '"store/db.h"'
result $? "an ops file including store/db.h fails the check"
tampered ops/tx.c '"store/vault-impl.h"'
result $? "an ops file including store/vault-impl.h fails the check"
tampered_line ops/figures.c 'typedef struct sqlite3 layering_probe;'
result $? "an ops file naming sqlite3 fails the check"
tampered_line cli/cmd-settings.c 'int layering_probe(void *p) { return sqlite3_close(p); }'
result $? "a CLI file calling sqlite3_close fails the check"
tampered_line tui/screen-home.c '/* a sqlite3 * here */'
result $? "a console file naming sqlite3 fails the check"
LIB=${TOP_BUILDDIR:-.}
out=$(link_violations "$LIB")
[ -z "$out" ] && [ -f "$LIB/libmyna-store.a" ]
result $? "the built layer libraries call only along the layers${out:+: $out}"
# A store object that calls an ops function (the first the ops library
# defines), put into a copy of the store library: must then fail.
sym=$(nm --defined-only -g "$LIB/libmyna-ops.a" 2>/dev/null | awk '$2 == "T" {print $3; exit}')
printf 'int %s(void);\nint layering_probe(void);\nint layering_probe(void) { return %s(); }\n' \
    "${sym:-ops_missing}" "${sym:-ops_missing}" >"$T/probe.c"
mkdir -p "$T/lib" && cp "$LIB"/libmyna-*.a "$T/lib/" 2>/dev/null &&
    ${CC:-cc} -c -o "$T/probe.o" "$T/probe.c" && ar rc "$T/lib/libmyna-store.a" "$T/probe.o" &&
    [ -n "$sym" ] && [ -n "$(link_violations "$T/lib")" ]
result $? "a store object calling an ops function fails the link check"
exit $bad
