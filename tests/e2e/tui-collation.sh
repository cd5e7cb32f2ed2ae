#!/bin/bash
# End-to-end: the console's J-LIS mismatches at 80x24. A persons file is
# answered by the simulator with two persons whose address differs from
# the resident registry; home shows the count of blocked persons, m opens
# the list with the items side by side, Enter shows a person's history,
# and the figure follows the resolution. No full number on any screen.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 13

SIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
V=$SCRATCH/vault
D=$SCRATCH/files
mkdir -p "$D"
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 33120015 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
number() {
	as_yamada idproof record --person "$1" --channel member --mode in-person --doc mynumber-card
	"$MYNADESK" number enter --person "$1" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$2" >/dev/null
	"$MYNADESK" number confirm --person "$1" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$2" >/dev/null
}
snap() { tm_screen >>"$SCRATCH/screens"; }
NUMRE='(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
printf '%s\n' "$H" \
	"P1,33120015,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401," \
	"P2,33120015,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401," \
	"P3,33120015,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,札幌市中央区北1条西2丁目,011002,1,,20000401," >"$SCRATCH/x1.csv"
as_yamada person import "$SCRATCH/x1.csv"
number P1 621498320257
number P2 314159265352
number P3 271828182840
as_yamada bulk export --kind persons --out "$D"
F1=$(ls "$D"/*_persons_*.csv)
"$SIM" answer "$F1" --jlis-mismatch 2 --seed 5 >"$SCRATCH/r.csv" 2>/dev/null
as_yamada bulk results "$SCRATCH/r.csv"
BAD=$(iconv -f CP932 -t UTF-8 "$SCRATCH/r.csv" | awk -F, '$8 == "1" { print $4 }' | sort | tr '\n' ' ')
read -r M1 M2 <<<"$BAD"
check "setup: a result with two J-LIS mismatches" eval '[ "$RC" -eq 0 ] && contains "$OUT" "J-LIS mismatch 2" && [ -n "$M2" ]'

tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "8 Admin" >/dev/null
check "home shows the blocked persons beside registration, with the key" \
	tm_wait_re "^ +J-LIS mismatch 2  \(m: list\)"
snap
tm_keys m
check "m opens the list: both persons, what to do" \
	eval 'tm_wait "Home > J-LIS mismatches" && tm_screen | grep -q "Blocked by the J-LIS collation: 2" && tm_screen | grep -qE "^  $M1 +[0-9-]{10} +correct the record" && tm_screen | grep -qE "^  $M2 +[0-9-]{10} +correct the record"'
check "the selected person's items side by side, the address marked" \
	eval 'tm_screen | grep -q "$M1: record | resident registry" && tm_screen | grep -qE "^  \* address .*\| .*１番地"'
snap
tm_keys Down
check "Down shows the other person's items" eval 'tm_wait "$M2: record | resident registry"'
snap
tm_keys F1
check "F1 explains both resolutions" tm_wait "with a reason"
tm_keys Space
tm_gone "with a reason\" (理由付き疑いなし)" >/dev/null
tm_keys Enter
check "Enter shows the person's registration history: a J-LIS mismatch" \
	eval 'tm_wait "$M2" && tm_wait "jlis-mismatch"'
snap
tm_keys Escape
tm_wait "Blocked by the J-LIS collation" >/dev/null
tm_keys n
check "n asks for the reason and a second person" \
	eval 'tm_wait "No error, with a reason, for $M2" && tm_screen | grep -q "Second person" && tm_screen | grep -q "Their password"'
tm_text "住民票の番地表記の違い"
tm_keys Enter
tm_text sato
tm_keys Enter
tm_text "wrong-password"
tm_keys Enter
check "a wrong second password: an error, the form stays" \
	eval 'tm_wait "wrong user name or password for the second person" && tm_screen | grep -q "No error, with a reason, for $M2"'
snap
tm_text "$S"
tm_keys Enter
check "recorded: the person is listed as no error, to be sent" \
	eval 'tm_wait "$M2: no error, with a reason: the next differential registers it" && tm_screen | grep -qE "^  $M2 +[0-9-]{10} +no error: sent in the next differential"'
snap
tm_keys Escape
tm_wait "8 Admin" >/dev/null
snap
tm_keys F10
tm_wait "Quit mynadesk? (y/n)" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "quitting exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
check "no full number on any screen" eval '! grep -qE "$NUMRE" "$SCRATCH/screens"'
as_yamada audit show --action registration.no-error
check "the console's decision is audited with both persons and the reason" \
	eval 'echo "$OUT" | grep "registration.no-error" | grep "yamada" | grep "sato" | grep "$M2" | grep -q "reason=住民票の番地表記の違い"'
finish
