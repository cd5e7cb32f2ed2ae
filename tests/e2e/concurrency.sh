#!/bin/bash
# Concurrency: two consoles and a CLI import on one vault at the same time.
# Each console enters and confirms a number (with the other clerk as second
# person) while imports of a large extract run back to back. No user sees
# "busy" or "locked", no update is lost, and the audit chain stays whole.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 10

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
N1=621498320257
N2=123456789018
GEN=$TOP_BUILDDIR/contrib/gen-persons
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role supervisor --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"

# Two extracts of 30,000 persons (the second with 5% changed) and two
# persons of our own with kana no generated name has.
own() {
	echo "K0001,133033,9,1,1,,並行　一,ヘイコウ　イチ,19700101,1,東京都千代田区千代田1-1,131016,1,,20200401,,00"
	echo "K0002,133033,9,2,1,,並行　二,ヘイコウ　ニ,19710101,2,東京都千代田区千代田1-1,131016,1,,20200401,,00"
}
{ "$GEN" --count 30000 --seed 5; own; } >"$SCRATCH/a.csv"
{ "$GEN" --count 30000 --seed 5 --edit 5; own; } >"$SCRATCH/b.csv"
as_yamada() { "$MYNADESK" "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
as_yamada person import "$SCRATCH/a.csv" >/dev/null
for k in K0001 K0002; do
	as_yamada idproof record --person $k --channel member --mode in-person --doc mynumber-card >/dev/null
done

# console USER PASSWORD: a console logged in; prints its tmux socket.
console() {
	tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console-$1.err; sleep 30"
	tm_wait Password >/dev/null
	tm_text "$1"; tm_keys Tab; tm_text "$2"; tm_keys Enter
	tm_wait Home >/dev/null
}
# enter_number KANA REF NUMBER: on the current console, from home.
enter_number() {
	tm_keys 1; tm_wait "Home > Insured" >/dev/null
	tm_text "$1"; tm_keys Enter; tm_wait "found: 1" >/dev/null
	tm_keys Enter; tm_wait "Home > Insured > Person" >/dev/null
	tm_keys e; tm_wait "Enter number" >/dev/null
	tm_keys Enter Enter; tm_text "$2"; tm_keys Enter
	tm_text "$3"; tm_keys Enter
}
# confirm_number USER PASSWORD NUMBER: the second person on this console.
confirm_number() {
	tm_keys c; tm_wait "Second person" >/dev/null
	tm_text "$1"; tm_keys Enter; tm_text "$2"; tm_keys Enter
	tm_wait "key the number from the document" >/dev/null
	tm_text "$3"; tm_keys Enter
}

console yamada "$A"; C1=$TMUX_SOCK
console sato "$S"; C2=$TMUX_SOCK

# Imports back to back, alternating the extracts, while the consoles work.
(
	for i in 1 2 3 4 5 6; do
		f=$SCRATCH/b.csv; [ $((i % 2)) -eq 0 ] && f=$SCRATCH/a.csv
		as_yamada person import "$f" >>"$SCRATCH/import.out" 2>>"$SCRATCH/import.err"
		echo "rc=$?" >>"$SCRATCH/import.rc"
	done
) &
IMPORTS=$!

TMUX_SOCK=$C1; enter_number "ヘイコウ　イチ" F-1 "$N1"
TMUX_SOCK=$C2; enter_number "ヘイコウ　ニ" F-2 "$N2"
TMUX_SOCK=$C1
check "console 1 enters a number during the imports" tm_wait "entered for K0001" 30
TMUX_SOCK=$C2
check "console 2 enters a number during the imports" tm_wait "entered for K0002" 30
TMUX_SOCK=$C1; confirm_number sato "$S" "$N1"
TMUX_SOCK=$C2; confirm_number yamada "$A" "$N2"
TMUX_SOCK=$C1
check "console 1 confirms with the second clerk" tm_wait "number confirmed (entered by yamada, confirmed by sato)" 30
TMUX_SOCK=$C2
check "console 2 confirms with the second clerk" tm_wait "number confirmed (entered by sato, confirmed by yamada)" 30
wait $IMPORTS

check "every import finished without error" \
	eval '[ "$(grep -c "^rc=0$" "$SCRATCH/import.rc")" -eq 6 ] && [ ! -s "$SCRATCH/import.err" ]'
busy_seen() {
	local s
	for s in "$C1" "$C2"; do tmux -L "$s" capture-pane -p -t t; done |
		cat - "$SCRATCH"/console-*.err "$SCRATCH/import.err" | grep -qiE "busy|locked"
}
check "no user saw busy or locked" eval '! busy_seen'

st1=$(as_yamada number status --person K0001 2>&1)
st2=$(as_yamada number status --person K0002 2>&1)
check "no update was lost: both numbers are confirmed" \
	eval 'contains "$st1" "confirmed" && contains "$st2" "confirmed"'
out=$(as_yamada audit verify 2>&1)
check "the audit chain is whole" contains "$out" "audit chain intact"
shown=$(as_yamada audit show --action person.import 2>&1 | grep -c "person.import")
check "every import is in the audit log (1 + 6)" [ "$shown" -eq 7 ]
# The proof that the work overlapped: a console's confirmation is recorded
# before the last import.
log=$(as_yamada audit show 2>&1)
first_confirm=$(echo "$log" | grep -n "number.confirm" | head -n 1 | cut -d: -f1)
last_import=$(echo "$log" | grep -n "person.import" | tail -n 1 | cut -d: -f1)
check "the consoles' confirmations were recorded between the imports" \
	[ "${first_confirm:-999999}" -lt "${last_import:-0}" ]
finish
