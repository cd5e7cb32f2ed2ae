#!/bin/bash
# End-to-end: the J-LIS collation of every registration (May 2024). The
# simulator reports persons whose address differs from the resident
# registry; they are registered but blocked, listed side by side, counted
# on the dashboard, and resolved both ways: a corrected record goes out in
# the next differential, or a supervisor with a second person registers
# "no error, with a reason" (理由付き疑いなし), sent with the flag.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 24

SIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
V=$SCRATCH/vault
D=$SCRATCH/files
mkdir -p "$D"
A='Kokuho-2026-pass'
S='Second-pass-2026!'
U='Third-pass-2026!!'
NUMS='621498320257|314159265352|271828182840|161803398872'
ALL_OUT=
"$MYNADESK" init --vault "$V" --insurer 33120015 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
"$MYNADESK" user add suzuki --role supervisor --new-password-fd 4 --checker sato --checker-password-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$U" 5<<<"$S" >/dev/null
first_login "$V" suzuki "$U"

as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; ALL_OUT="$ALL_OUT$OUT$ERR"; }
number() {
	as_yamada idproof record --person "$1" --channel member --mode in-person --doc mynumber-card
	"$MYNADESK" number enter --person "$1" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$2" >/dev/null
	"$MYNADESK" number confirm --person "$1" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$2" >/dev/null
}
# newest KIND: the newest file of a kind (names end in the file's id).
newest() { ls "$D"/*_"$1"_*.csv | sort | tail -n1; }
answer() { local f=$1; shift; "$SIM" answer "$f" "$@" >"$SCRATCH/r.csv" 2>/dev/null; }
utf8() { iconv -f CP932 -t UTF-8 "$1"; }
# The keys the result reports as J-LIS mismatches (column jlis_result).
mismatched() { utf8 "$SCRATCH/r.csv" | awk -F, '$8 == "1" { print $4 }'; }

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
rows=(
"P1,33120015,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,山田建設,20100401,"
"P2,33120015,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401,"
"P3,33120015,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,札幌市中央区北1条西2丁目,011002,1,,20000401,"
"P4,33120015,14,2,1,,鈴木　次郎,スズキ　ジロウ,19820303,1,東京都千代田区,131016,1,,20150401,"
)
printf '%s\n' "$H" "${rows[@]}" >"$SCRATCH/x1.csv"
as_yamada person import "$SCRATCH/x1.csv"
number P1 621498320257
number P2 314159265352
number P3 271828182840
number P4 161803398872

as_yamada bulk export --kind persons --out "$D"
F1=$(newest persons)
check "the registration file carries the 本人確認判定フラグ (0) after the number" \
	eval '[ "$RC" -eq 0 ] && [ "$(utf8 "$F1" | grep -c ",621498320257,0,\|,314159265352,0,\|,271828182840,0,\|,161803398872,0,")" -eq 4 ]'

answer "$F1" --jlis-mismatch 2 --seed 5
cp "$SCRATCH/r.csv" "$SCRATCH/r1.csv"
answer "$F1" --jlis-mismatch 2 --seed 5
BAD=$(mismatched | tr '\n' ' ')
GOOD=$(utf8 "$SCRATCH/r.csv" | awk -F, '$8 == "0" { print $4 }' | tr '\n' ' ')
read -r M1 M2 <<<"$BAD"
check "the simulator marks 2 persons, the same for the same seed, with the item and the registry's value" \
	eval 'cmp -s "$SCRATCH/r.csv" "$SCRATCH/r1.csv" && [ -n "$M2" ] && [ "$(utf8 "$SCRATCH/r.csv" | awk -F, '"'"'$8 == "1" && $6 == "0" && $9 == "00001" && index($14, "１番地")'"'"' | wc -l)" -eq 2 ]'
run bulk check --kind result "$SCRATCH/r.csv"
check "the result with collation columns passes the result layout" eval '[ "$RC" -eq 0 ]'

as_yamada bulk results "$SCRATCH/r.csv"
check "results: registered (4 accepted, 0 refused), 2 J-LIS mismatches blocked" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "4 records, 4 accepted, 0 refused" && contains "$OUT" "J-LIS mismatch 2" && ! contains "$OUT" "refused P"'
as_yamada registration mismatches
MM=$OUT
check "mismatches: both persons, the address side by side and marked" \
	eval '[ "$RC" -eq 0 ] && contains "$MM" "$M1  J-LIS mismatch" && contains "$MM" "$M2  J-LIS mismatch" && [ "$(echo "$MM" | grep -c "^  \* address .* | .*１番地$")" -eq 2 ] && [ "$(echo "$MM" | grep -c "^    name ")" -eq 2 ]'
as_yamada dashboard
check "dashboard: 2 persons blocked by the J-LIS collation" eval 'echo "$OUT" | grep -qx "jlis-blocked 2"'
as_yamada registration history --person "$M1"
check "history: the record's state is jlis-mismatch, not accepted or refused" \
	eval 'contains "$OUT" " jlis-mismatch branch=" && ! contains "$OUT" "failed"'
as_yamada bulk pending
check "a mismatch is not a refused row to retry" eval 'echo "$OUT" | grep -qE "^persons +awaiting 0  refused 0  changes 0"'

# Resolution 1: the existing system corrects M1's address to the
# registry's; the next differential sends M1, and its result settles it.
JADDR=$(utf8 "$SCRATCH/r.csv" | tr -d '\r' | awk -F, -v k="$M1" '$4 == k { print $14 }')
i=${M1#P}; i=$((i - 1))
OLD=$(echo "${rows[$i]}" | cut -d, -f11)
rows[$i]=${rows[$i]/$OLD/$JADDR}
printf '%s\n' "$H" "${rows[@]}" >"$SCRATCH/x2.csv"
as_yamada person import "$SCRATCH/x2.csv"
check "the corrected extract is imported" eval '[ "$RC" -eq 0 ]'
as_yamada registration mismatches
check "the corrected person is listed as to be sent in the next differential" \
	eval 'echo "$OUT" | grep "^$M1 " | grep -q "record changed: sent in the next differential"'
as_yamada bulk export --kind persons --out "$D" --diff
F2=$(newest persons)
check "diff: the corrected record alone, as a change, with the ordinary flag" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 record," && [ "$(utf8 "$F2" | wc -l)" -eq 1 ] && utf8 "$F2" | grep -q "^1,2,33120015,$M1,.*,0,.*$JADDR"'
answer "$F2"
as_yamada bulk results "$SCRATCH/r.csv"
check "its result settles the mismatch" eval '[ "$RC" -eq 0 ] && contains "$OUT" "J-LIS mismatches settled: 1"'
as_yamada registration mismatches
check "only the other person is left" eval '! contains "$OUT" "$M1 " && contains "$OUT" "$M2  J-LIS mismatch"'

# Resolution 2: no error, with a reason.
run registration no-error --person "$M2" --reason "住民票の番地表記の違い" --checker suzuki --checker-password-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$U"
check "a clerk cannot register no error" eval '[ "$RC" -eq 1 ] && contains "$ERR" "supervisor"'
run registration no-error --person "$M2" --reason "住民票の番地表記の違い" --vault "$V" --user suzuki --password-fd 3 3<<<"$U"
check "no error needs a second person" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--checker NAME is required"'
run registration no-error --person "$M2" --reason "住民票の番地表記の違い" --checker sato --checker-password-fd 4 --vault "$V" --user suzuki --password-fd 3 3<<<"$U" 4<<<"$S"
check "a supervisor with a second person registers no error, with a reason" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "$M2: no error, with a reason"'
as_yamada audit show --action registration.no-error
check "the decision is audited: supervisor, second person, person, reason" \
	eval 'echo "$OUT" | grep "registration.no-error" | grep "suzuki" | grep "sato" | grep "$M2" | grep -q "reason=住民票の番地表記の違い"'
as_yamada registration mismatches
check "listed as no error (pending) with the reason until registered" \
	eval 'contains "$OUT" "$M2  no error (pending)" && contains "$OUT" "reason: 住民票の番地表記の違い (suzuki / sato)"'
as_yamada bulk export --kind persons --out "$D" --diff
F3=$(newest persons)
check "diff: the person alone, with the no-error flag (1)" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 record," && utf8 "$F3" | grep -q "^1,2,33120015,$M2,[0-9]\{12\},1,"'
answer "$F3" --jlis-mismatch 5
check "the simulator never reports a mismatch for a record with the flag" eval '[ -z "$(mismatched)" ]'
as_yamada bulk results "$SCRATCH/r.csv"
as_yamada dashboard
check "registered: nobody is blocked any more" \
	eval 'echo "$OUT" | grep -qx "jlis-blocked 0"'
as_yamada bulk export --kind persons --out "$D" --diff
check "the flag stays on the record: nothing more to send" eval '[ "$RC" -eq 0 ] && contains "$OUT" "nothing to send"'

"$SIM" answer "$F3" --jlis-mismatch x >/dev/null 2>"$SCRATCH/e"; RC=$?
check "the simulator refuses a count that is not one" eval '[ "$RC" -eq 2 ] && grep -q "not a count: x" "$SCRATCH/e"'
check "no full number on any output or in the audit log" \
	eval '! echo "$ALL_OUT" | grep -qE "$NUMS"'

finish
