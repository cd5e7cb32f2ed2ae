#!/bin/bash
# End-to-end: J-LIS answers held for a supervisor, in the console at 80x24
# (Numbers, then j). An answer from the simulator holds two persons whose
# items differ; a clerk sees them side by side but is refused a decision;
# a supervisor-level user accepts one and rejects the other with a reason,
# and the command line sees the result. The open inquiries are on a tab.
# F1 helps, Esc goes back, and no full number appears on any screen.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 20

SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
O=$SCRATCH/files
mkdir -p "$O"
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
snap() { tm_screen >>"$SCRATCH/screens"; }
NUMRE='(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'

"$GEN" --count 12 --seed 5 --numbers "$SCRATCH/nums.csv" >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
as_yamada jlis request --out "$O"
"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 4 --not-found 2 --mismatch 2 "$O/00133033N1Y.csv" >"$SCRATCH/00133033N1R.csv"
with_sato() { run "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; }
with_sato media carry "$O" --medium USB-01
with_sato media receive M0001 --file "$SCRATCH/00133033N1R.csv"
with_sato jlis receive "$SCRATCH/00133033N1R.csv" --medium M0001
as_yamada jlis held
HELD=$(echo "$OUT" | awk '/ differs:/ {print $1}')
P1=$(echo "$HELD" | sed -n 1p)
P2=$(echo "$HELD" | sed -n 2p)
# Two more come in after the inquiry: Z1 with sex code 3 (not sendable),
# Z2 with 𠮷, for whom the usual spelling is recorded.
{
	echo "person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
	echo "Z1,133033,1,91,1,,山田　三郎,ヤマダ　サブロウ,19800101,3,東京都千代田区千代田1-1,131016,1,,20100401,"
	echo "Z2,133033,1,92,1,,𠮷田　次郎,ヨシダ　ジロウ,19810202,1,東京都千代田区千代田1-2,131016,1,,20100401,"
} >"$SCRATCH/more.csv"
as_yamada person import "$SCRATCH/more.csv"
as_yamada person inquiry-name Z2 --name '吉田　次郎' --reason '通用字体で照会'
check "setup: two answers held for a supervisor" eval '[ -n "$P1" ] && [ -n "$P2" ] && [ "$P1" != "$P2" ]'

# console USER PASSWORD: logs in and waits for home.
console() {
	rm -f "$SCRATCH/exit"
	tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
	tm_wait Password >/dev/null
	tm_text "$1"
	tm_keys Tab
	tm_text "$2"
	tm_keys Enter
	tm_wait "8 Admin" >/dev/null
}
quit_console() {
	tm_keys q
	tm_wait "Quit mynadesk?" >/dev/null
	tm_keys y
	for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
	tm_stop
}

console sato "$S"
tm_keys 2
tm_wait "d due for deletion" >/dev/null
check "the number search offers j for J-LIS" tm_wait "j J-LIS"
tm_keys j
check "j opens the held answers, with the count" \
	eval 'tm_wait "Home > Numbers > J-LIS" && tm_wait "Held answers 2" && tm_screen | grep -qE "^  $P1 +20[0-9-]+ +differs: (name|kana|birth date|sex|address)" && tm_screen | grep -qE "^  $P2 "'
check "the five items side by side, those that differ marked" \
	eval 'tm_screen | grep -q "$P1: record | J-LIS answer" && tm_screen | grep -qE "^  \* (name|kana|birth|address) .*\| " && [ "$(tm_screen | grep -cE "^  [* ] (name|kana|birth|sex|address) ")" -eq 5 ]'
snap
tm_keys a
check "a clerk is refused a decision, in plain words" \
	eval 'tm_wait "accepting is for a supervisor or an administrator; you are logged in as clerk" && ! tm_screen | grep -q "Reason"'
snap
tm_keys r
check "and so is rejecting" \
	eval 'tm_wait "rejecting is for a supervisor or an administrator" && ! tm_screen | grep -q "Reason"'
tm_keys Tab
check "Tab shows the open inquiries with their deadlines" \
	eval 'tm_wait "Open inquiries 2" && tm_screen | grep -qE "ask again +1 +00133033N1Y.csv +20[0-9-]{8} +20[0-9-]{8}"'
snap
tm_keys Tab
check "Tab again: who needs a spelling, with the reason, and the spellings recorded" \
	eval 'tm_wait "Needs a spelling 1" && tm_screen | grep -q "Z1: sex code 3" && tm_screen | grep -q "Z2 sent as 吉田　次郎 (通用字体で照会)"'
snap
tm_keys Tab
tm_keys F1
check "F1 explains held answers" tm_wait "A clerk sees the list but cannot decide."
snap
tm_keys Space
tm_gone "cannot decide." >/dev/null
tm_keys Escape
tm_wait "d due for deletion" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
quit_console
as_yamada jlis held
check "the clerk changed nothing: both still held" eval 'contains "$OUT" "$P1" && contains "$OUT" "$P2"'

console yamada "$A"
tm_keys 2
tm_wait "d due for deletion" >/dev/null
tm_keys j
tm_wait "Held answers 2" >/dev/null
tm_keys a
check "a asks the supervisor for the reason" \
	eval 'tm_wait "Accept the answer for $P1: the number becomes confirmed." && tm_screen | grep -q "Reason"'
tm_text abc
tm_keys Enter
check "a reason too short is refused, the form stays" \
	eval 'tm_wait "at least 4 characters" && tm_screen | grep -q "Accept the answer for"'
tm_text "d: 住民票で本人と確認"
tm_keys Enter
check "the answer is accepted, one left" \
	eval 'tm_wait "accepted for $P1: the number is confirmed" && tm_wait "Held answers 1" && tm_screen | grep -qE "^  $P2 "'
snap
tm_keys r
tm_wait "Reject the answer for $P2" >/dev/null
tm_keys Escape
check "Esc cancels a decision" eval 'tm_wait "nothing was decided" && tm_screen | grep -q "Held answers 1"'
tm_keys r
tm_wait "Reject the answer for $P2" >/dev/null
tm_text "another person: wrong link"
tm_keys Enter
check "the other is rejected; nothing is left to decide" \
	eval 'tm_wait "rejected for $P2: no number was kept" && tm_wait "No J-LIS answer is held"'
snap
tm_keys Escape
tm_wait "d due for deletion" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
quit_console
check "the console exits 0" grep -q "EXIT=0" "$SCRATCH/exit"

as_yamada number status --person "$P1"
S1=$OUT
as_yamada number status --person "$P2"
S2=$OUT
check "the command line sees the decisions: confirmed and missing" \
	eval '[ "$S1" = confirmed ] && [ "$S2" = missing ] && as_yamada jlis held && contains "$OUT" "no J-LIS answers are held"'
as_yamada audit show --action jlis.reject
check "the rejection is audited with the reason typed in the console" \
	eval 'contains "$OUT" "wrong link" && contains "$OUT" "$P2"'
check "no full number on any screen" \
	eval '[ -s "$SCRATCH/screens" ] && ! grep -qE "$NUMRE" "$SCRATCH/screens"'
if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
