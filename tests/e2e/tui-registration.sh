#!/bin/bash
# End-to-end: the registration area of the console (home area 5) at 80x24.
# A persons file is written on the command line and answered by the
# offline simulator with one refused row; the console then imports the
# result, lists the refused row with the server's message, shows a
# person's history, writes a differential into a typed folder, and shows
# the rows an export refused. F1 helps, Esc goes back, and no full number
# appears on any screen.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 21

SIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
V=$SCRATCH/vault
D=$SCRATCH/files
mkdir -p "$D" "$SCRATCH/dest"
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
number() {
	as_yamada idproof record --person "$1" --channel member --mode in-person --doc mynumber-card
	"$MYNADESK" number enter --person "$1" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$2" >/dev/null
	"$MYNADESK" number confirm --person "$1" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$2" >/dev/null
}
# Every screen looked at is kept, to look for numbers at the end.
snap() { tm_screen >>"$SCRATCH/screens"; }
# Twelve digits in a row, not inside a hex digest.
NUMRE='(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
printf '%s\n' "$H" \
	"P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401," \
	"P2,133033,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401," \
	"P3,133033,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,札幌市中央区北1条西2丁目,011002,1,,20000401," \
	"P4,133033,14,2,1,,鈴木　次郎,スズキ　ジロウ,19820303,1,東京都千代田区,131016,1,,20150401," >"$SCRATCH/x1.csv"
as_yamada person import "$SCRATCH/x1.csv"
number P1 621498320257
number P2 314159265352
number P3 271828182840
as_yamada bulk export --kind persons --out "$D"
F1=$(ls "$D"/*_persons_*.csv)
"$SIM" answer "$F1" --fail 1 --seed 3 >"$SCRATCH/r.csv" 2>/dev/null
FAILED=$(iconv -f CP932 -t UTF-8 "$SCRATCH/r.csv" | awk -F, '$6 != "0" { print $4 }')
check "setup: a persons file of 3 and a result refusing one row" \
	eval '[ "$RC" -eq 0 ] && [ -s "$SCRATCH/r.csv" ] && [ -n "$FAILED" ]'
printf 'person_id,decision,period_from,period_to,amount,decided\nP4,K-2,20250801,20260731,1000,20261001\n' >"$SCRATCH/kogaku.csv"

tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "8 Admin" >/dev/null
check "home offers registration as a built area" \
	eval 'tm_screen | grep -q "5 Registration " && ! tm_screen | grep -q "5 Registration\*"'

# The counts per kind are counted off the key path: "..." until they are in
# (never the counts of an older state of the vault).
tm_keys 5
check "5 opens registration: per kind, the file awaiting its result" \
	eval 'tm_wait "Home > Registration" && tm_gone "..." && tm_screen | grep -qE "^  persons +1 +0 " && tm_screen | grep -qE "^  kogaku +0 +0 +- "'
check "the newest files with their result state" \
	eval 'tm_screen | grep -qE "${F1##*/} +3  awaiting result"'
snap
tm_keys F1
check "F1 explains the screen" tm_wait "Registration with the intermediate server."
snap
tm_keys Space
tm_gone "Registration with the intermediate server." >/dev/null

tm_keys i
tm_wait "Result file" >/dev/null
tm_text "$SCRATCH/nosuch.csv"
tm_keys Enter
check "a result file that does not exist: an error, the form stays" \
	eval 'tm_wait "nosuch.csv" && tm_screen | grep -q "Result file" && ! tm_screen | grep -q "records,"'
snap
tm_keys C-u
tm_text "$SCRATCH/r.csv"
tm_keys Enter
check "i imports the result: accepted and refused, the refused row listed" \
	eval 'tm_wait "3 records, 2 accepted, 1 refused" && tm_screen | grep -q "$FAILED: 1: E0101"'
snap
tm_keys Escape
check "the list shows the result and the refused row for the kind" \
	eval 'tm_wait "2 ok, 1 refused" && tm_gone "..." && tm_screen | grep -qE "^  persons +0 +1 "'
snap

tm_keys Tab
tm_keys Enter
check "Enter on the file lists its refused rows with the server's message" \
	eval 'tm_wait "Home > Registration > Refused rows" && tm_screen | grep -qE "^  $FAILED +#[0-9]+ +E0101"'
snap
tm_keys F1
check "F1 helps on the refused rows, in the console's words" eval 'tm_wait "a resend" && ! tm_screen | grep -q -- "--retry"'
tm_keys Space
tm_gone "Press any key" >/dev/null
tm_keys Escape
tm_wait "Tab switch" >/dev/null

tm_keys h
tm_wait "Person key" >/dev/null
tm_text P9
tm_keys Enter
check "h with an unknown key: the error, the form stays" \
	eval 'tm_wait "no person with key '"'"'P9'"'"'" && tm_screen | grep -q "Person key"'
tm_keys C-u
tm_text "$FAILED"
tm_keys Enter
check "h shows the person's registration history" \
	eval 'tm_wait "Registration history of $FAILED: 1 record" && tm_screen | grep -qE "persons +full +new +refused" && tm_screen | grep -q "${F1##*/} #"'
check "the chosen entry is shown whole below, with the server's message" \
	eval 'tm_screen | tail -n 6 | grep -q "(simulated)"'
snap
tm_keys Escape
tm_wait "Tab switch" >/dev/null

# x on persons (the kinds have the focus again after Tab).
tm_keys Tab
tm_keys x
tm_wait "Folder" >/dev/null
check "x asks for the folder of the chosen kind's differential" \
	tm_wait "Write the changes of persons not yet sent"
tm_text "$SCRATCH/dest"
tm_keys Enter
check "x writes the differential and shows its counts" \
	eval 'tm_wait "the file is written" && tm_screen | grep -qE "wrote 133033_persons_[0-9]{8}_0002.csv" && tm_screen | grep -q "without a confirmed number"'
snap
tm_keys Escape
check "the new file is listed, awaiting its result" \
	eval 'tm_wait "Registration files, newest first" && tm_screen | grep -qE "_0002.csv +[0-9]+  awaiting result"'

tm_keys Down Down
tm_keys x
tm_wait "Input CSV" >/dev/null
tm_text "$SCRATCH/dest"
tm_keys Enter
tm_text "$SCRATCH/kogaku.csv"
tm_keys Enter
check "a kind from an input CSV: the rows it refused are named" \
	eval 'tm_wait "nothing to send" && tm_screen | grep -q "P4: no 被保険者枝番"'
snap
tm_keys Escape
tm_wait "Tab switch" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
snap
tm_keys q
tm_wait "Quit mynadesk?" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "Esc goes back to home and the console exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
tm_stop

as_yamada bulk pending
check "the command line sees what the console did: the new file awaiting its result" \
	eval 'echo "$OUT" | grep -qE "^persons +awaiting 1  refused 1" && [ "$(ls "$SCRATCH"/dest/*_persons_*.csv | wc -l)" -eq 1 ]'
check "no full number on any screen" \
	eval '[ -s "$SCRATCH/screens" ] && ! grep -qE "$NUMRE" "$SCRATCH/screens"'
if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
