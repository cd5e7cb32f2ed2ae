#!/bin/bash
# End-to-end: damaged vaults. Flipped bytes, a truncated vault.db, a lost
# WAL, a broken or foreign vault.keys: each gives a clear message and exit
# status 1 (never a signal), and nothing answers with partial data.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 33

A='Kokuho-2026-pass'
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" init --vault "$SCRATCH/other" --insurer 133033 --name y --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$GEN" --count 3000 --seed 8 >"$SCRATCH/p.csv"
"$MYNADESK" person import "$SCRATCH/p.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
as_in() { local d=$1; shift; run "$@" --vault "$d" --user yamada --password-fd 3 3<<<"$A"; }
as_in "$V" person search ア --limit 100000
GOOD=$OUT
SIZE=$(stat -c %s "$V/vault.db")

# damaged NAME MESSAGE: a copy of the vault is in $D; audit verify and a
# search must both fail with MESSAGE (exit 1), or the search answer exactly.
damaged() {
	local name=$1 msg=$2
	as_in "$D" audit verify
	# The chain may be intact when the damage is elsewhere: then it says so.
	check "$name: audit verify exits 1 with a clear message, or finds the chain intact" \
		eval '{ [ "$RC" -eq 1 ] && contains "$ERR" "$msg"; } || { [ "$RC" -eq 0 ] && contains "$OUT" "intact"; }'
	as_in "$D" person search ア --limit 100000
	check "$name: a search fails plainly or answers in full" \
		eval '{ [ "$RC" -eq 1 ] && contains "$ERR" "$msg"; } || { [ "$RC" -eq 0 ] && [ "$OUT" = "$GOOD" ]; }'
}
fresh() { rm -rf "$SCRATCH/d"; cp -a "$V" "$SCRATCH/d"; D=$SCRATCH/d; }
flip() { flip_byte "$D/vault.db" "$1"; flip_byte "$D/vault.db" $(($1 + 1)); }

fresh; flip 100
damaged "a flipped byte on page 1" "damaged"
fresh; flip $((SIZE / 2))
damaged "a flipped byte in the middle" "damaged"
fresh; flip $((SIZE - 200))
damaged "a flipped byte on the last page" "damaged"
fresh; truncate -s $((SIZE / 2 / 4096 * 4096)) "$D/vault.db"
damaged "vault.db cut to half its pages" "damaged"
fresh; truncate -s $((SIZE - 100)) "$D/vault.db"
damaged "vault.db cut in its last page" "truncated"
fresh; : >"$D/vault.db"
damaged "an empty vault.db" "truncated"
fresh; rm "$D/vault.db"
damaged "a missing vault.db" "vault.db"

# A lost WAL: a console keeps the vault open, so its last commits are still
# in vault.db-wal when the folder is copied; the copy loses that file.
tm_start 100 30 "exec env LANG=C.UTF-8 $MYNADESK --vault $V 2>/dev/null"
tm_wait "Log in" >/dev/null
tm_text yamada; tm_keys Tab; tm_text "$A"; tm_keys Enter
tm_wait "Home" >/dev/null
tm_keys 7; tm_wait "Audit" >/dev/null
fresh
tm_stop
check "the copy has a WAL with commits in it" test -s "$D/vault.db-wal"
rm -f "$D/vault.db-wal"
damaged "a deleted vault.db-wal" "rolled back"

fresh; head -c 100 /dev/urandom >"$D/vault.keys"
damaged "random bytes for vault.keys" "vault.keys"
fresh; head -c 300 "$V/vault.keys" >"$D/vault.keys"
damaged "a truncated vault.keys" "vault.keys"
fresh; sed -i 's/^insurer 133033$/insurer 87654321/' "$D/vault.keys"
damaged "vault.keys edited" "vault.keys has been altered"
fresh; cp "$SCRATCH/other/vault.keys" "$D/vault.keys"
damaged "vault.keys of another vault" "different vaults"
fresh; cp "$SCRATCH/other/vault.db" "$D/vault.db"
damaged "vault.db of another vault" "different vaults"
fresh; rm "$D/vault.keys"
damaged "a missing vault.keys" "vault.keys"

# Eight bytes changed in a page the chain never reads (an index, another
# table) of a fresh vault: audit verify reads every page and names where.
for pg in 17 35 53; do
	rm -rf "$SCRATCH/f"; cp -a "$SCRATCH/other" "$SCRATCH/f"
	printf '\x01\x02\x03\x04\x05\x06\x07\x08' |
		dd of="$SCRATCH/f/vault.db" bs=1 seek=$(((pg - 1) * 4096 + 2000)) conv=notrunc 2>/dev/null
	as_in "$SCRATCH/f" audit verify
	check "8 bytes changed on page $pg: audit verify says which table or index is damaged" \
		eval '[ "$RC" -eq 1 ] && contains "$ERR" "pages are damaged" && { contains "$ERR" "table " || contains "$ERR" "index "; }'
done

as_in "$V" audit verify
check "the original vault was never touched" eval '[ "$RC" -eq 0 ] && contains "$OUT" "intact"'
finish
