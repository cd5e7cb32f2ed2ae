#!/bin/bash
# End-to-end: the insurer number (保険者番号) of 6 digits (国保, 国保組合) and
# of 8 (法別番号 + 6), its 検証番号, and how a layout writes 6 digits where a
# file wants 8 characters.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 13

GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
A='Kokuho-2026-pass'
init() { run init --vault "$SCRATCH/$1" --insurer "$2" --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A"; }
as_yamada() { run "$@" --vault "$SCRATCH/v6" --user yamada --password-fd 3 3<<<"$A"; }

init v6 133033
check "init takes a 国保組合's 6-digit number" eval '[ "$RC" -eq 0 ] && [ -f "$SCRATCH/v6/vault.keys" ]'
init v8 33120015
check "init takes an 8-digit number (法別番号 + 6)" eval '[ "$RC" -eq 0 ]'
init bad 12345670
check "a wrong 検証番号 is refused (exit 2) before anything is made" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "--insurer 12345670" && contains "$ERR" "check digit" && [ ! -e "$SCRATCH/bad" ]'
init bad 12345678
check "the old example 12345678 is refused" eval '[ "$RC" -eq 2 ] && [ ! -e "$SCRATCH/bad" ]'
init bad 1330331
check "7 digits are refused, naming both lengths" eval '[ "$RC" -eq 2 ] && contains "$ERR" "6 digits" && contains "$ERR" "8"'

"$GEN" --count 3 >"$SCRATCH/def.csv"
check "gen-persons writes a check-valid 6-digit number by default" \
	eval '[ "$(sed -n 2p "$SCRATCH/def.csv" | cut -d, -f2)" = 133033 ]'
"$GEN" --count 3 --insurer 33120015 >"$SCRATCH/p8.csv"
check "gen-persons --insurer takes 8 digits" \
	eval '[ "$(sed -n 2p "$SCRATCH/p8.csv" | cut -d, -f2)" = 33120015 ]'
"$GEN" --count 3 --insurer 12345670 >/dev/null 2>"$SCRATCH/gerr"
GRC=$?
check "gen-persons refuses a wrong check digit" eval '[ "$GRC" -ne 0 ] && grep -q "check digit" "$SCRATCH/gerr"'

"$GEN" --count 20 --seed 3 >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
check "an extract with the 6-digit number imports" eval '[ "$RC" -eq 0 ] && contains "$OUT" "20 added"'

# A vendor whose extract writes the number in 8 characters says so in the
# layout; nothing is recompiled.
sed 's/^header = yes$/header = yes\ninsurer_pad = zero/' "${TOP_SRCDIR:-.}/forms/persons.layout" >"$SCRATCH/pad.layout"
sed '2,$s/^\(P[0-9]*\),133033,/\1,00133033,/' "$SCRATCH/p.csv" >"$SCRATCH/p00.csv"
as_yamada person import "$SCRATCH/p00.csv" --layout "$SCRATCH/pad.layout"
check "a layout with insurer_pad = zero reads 00133033 as this vault's" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "20 unchanged"'
as_yamada person import "$SCRATCH/p00.csv"
check "without the setting, 00133033 is another insurer's" \
	eval '[ "$RC" -eq 1 ] && contains "$OUT$ERR" "is 00133033, but this vault is for insurer 133033"'

mkdir -p "$SCRATCH/jl"
as_yamada jlis request --out "$SCRATCH/jl"
check "J-LIS files carry the number zero-padded to 8 (layout insurer_pad)" \
	eval '[ "$RC" -eq 0 ] && [ -f "$SCRATCH/jl/00133033N1Y.csv" ] && iconv -f CP932 -t UTF-8 "$SCRATCH/jl/00133033N1Y.csv" | cut -d, -f7 | grep -qE "^00133033_[1-9]"'
run check --layout jlis-request "$SCRATCH/jl/00133033N1Y.csv"
check "the checker passes that file" eval '[ "$RC" -eq 0 ]'
finish
