#!/bin/bash
# End-to-end: registration with the intermediate server, from the first
# load to a corrected state after a re-switch of the existing system. The
# offline simulator answers each file; no full number ever reaches stdout,
# stderr or the audit log, only the registration files themselves.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 38

SIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
V=$SCRATCH/vault
D=$SCRATCH/files
mkdir -p "$D"
A='Kokuho-2026-pass'
S='Second-pass-2026!'
NUMS='621498320257|314159265352|271828182840|161803398872'
ALL_OUT=
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"

as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; ALL_OUT="$ALL_OUT$OUT$ERR"; }
# number KEY NUMBER: entered by yamada after a card check, confirmed by sato.
number() {
	as_yamada idproof record --person "$1" --channel member --mode in-person --doc mynumber-card
	"$MYNADESK" number enter --person "$1" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$2" >/dev/null
	"$MYNADESK" number confirm --person "$1" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$2" >/dev/null
}
# newest FILE-GLOB: the newest file written for a kind.
newest() { ls -t "$D"/*_"$1"_*.csv | head -n1; }
# answer FILE [ARGS]: the simulator's result, in $SCRATCH/r.csv.
answer() { local f=$1; shift; "$SIM" answer "$f" "$@" >"$SCRATCH/r.csv" 2>/dev/null; }
utf8() { iconv -f CP932 -t UTF-8 "$1"; }

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
row1="P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,山田建設,20100401,"
row2="P2,133033,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401,"
row3="P3,133033,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,札幌市中央区北1条西2丁目,011002,1,,20000401,"
row4="P4,133033,14,2,1,,鈴木　次郎,スズキ　ジロウ,19820303,1,東京都千代田区,131016,1,,20150401,"
printf '%s\n' "$H" "$row1" "$row2" "$row3" "$row4" >"$SCRATCH/x1.csv"
as_yamada person import "$SCRATCH/x1.csv"
number P1 621498320257
number P2 314159265352
number P3 271828182840

as_yamada bulk export --kind qualification --out "$D"
check "副本 before registration: every person refused and named, exit 1 as nothing was written" \
	eval '[ "$RC" -eq 1 ] && contains "$OUT" "nothing to send" && contains "$ERR" "P1: no 被保険者枝番"'

as_yamada bulk export --kind persons --out "$D"
F1=$(newest persons)
check "the first load: persons with confirmed numbers only" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 records, 0 refused, 0 unchanged, 1 without a confirmed number"'
check "the manifest names the file, its SHA-256, count and layout" \
	eval 'grep -q "^sha256=$(sha256sum "$F1" | cut -d" " -f1)$" "$F1.manifest" && grep -q "^records=3$" "$F1.manifest" && grep -q "^layout=reg-persons$" "$F1.manifest" && grep -q "^layout_version=2$" "$F1.manifest"'
check "the registration file carries the numbers, in CP932" \
	eval 'utf8 "$F1" | grep -q "621498320257" && utf8 "$F1" | grep -q "ヤマダ　タロウ" && [ "$(stat -c %a "$F1")" = 600 ]'
run bulk check --kind persons "$F1"
check "the written file passes its layout check" eval '[ "$RC" -eq 0 ] && contains "$OUT" "PASS" && ! echo "$OUT" | grep -qE "$NUMS"'

as_yamada bulk export --kind persons --out "$D" --diff
check "no second file while the first waits for its result" eval '[ "$RC" -eq 1 ] && contains "$ERR" "1 persons file still waits for its result"'

answer "$F1" --fail 1 --seed 3
run bulk check --kind result "$SCRATCH/r.csv"
check "the simulator's result passes the result layout" eval '[ "$RC" -eq 0 ]'
FAILED=$(utf8 "$SCRATCH/r.csv" | awk -F, '$6 != "0" { print $4 }')
# On a terminal (script(1) gives the command one) the import shows how far
# it has read, then that it stores the result.
printf '%s\n' "$A" >"$SCRATCH/pw"
OUT=$(script -qec "\"$MYNADESK\" bulk results \"$SCRATCH/r.csv\" --vault \"$V\" --user yamada --password-fd 3 3<\"$SCRATCH/pw\"" /dev/null 2>&1) && RC=0 || RC=$?
rm -f "$SCRATCH/pw"
ALL_OUT="$ALL_OUT$OUT"
check "results: branch numbers stored, the refused row listed for correction" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 records, 2 accepted, 1 refused" && contains "$OUT" "refused $FAILED: "'
check "results on a terminal: progress, then storing" \
	eval 'contains "$OUT" "3 records read; storing the result..."'
as_yamada bulk results "$SCRATCH/r.csv"
check "the same result twice is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "imported on"'

as_yamada bulk pending
check "pending shows the refused row" eval 'echo "$OUT" | grep -qE "^persons +awaiting 0  refused 1  changes 1"'

as_yamada bulk export --kind persons --out "$D" --retry
F2=$(newest persons)
check "retry exports the refused row only" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 record," && [ "$(utf8 "$F2" | wc -l)" -eq 1 ] && utf8 "$F2" | grep -q ",$FAILED,"'

answer "$F2"
sed '1s/_persons_/_xpersons_/' "$SCRATCH/r.csv" >"$SCRATCH/unknown.csv"
as_yamada bulk results "$SCRATCH/unknown.csv"
check "a result for an unknown file is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "did not write"'
{ cat "$SCRATCH/r.csv"; cat "$SCRATCH/r.csv"; } >"$SCRATCH/twice.csv"
as_yamada bulk results "$SCRATCH/twice.csv"
check "a result with rows answered twice is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "answered twice"'
: >"$SCRATCH/empty.csv"
as_yamada bulk results "$SCRATCH/empty.csv"
check "an empty result is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "no rows"'
sed 's/,[0-9a-f]\{64\},/,0000000000000000000000000000000000000000000000000000000000000000,/' "$SCRATCH/r.csv" >"$SCRATCH/hash.csv"
as_yamada bulk results "$SCRATCH/hash.csv"
check "a result whose file hash differs is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "another SHA-256"'
as_yamada bulk results "$SCRATCH/r.csv"
check "the corrected row is accepted" eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 accepted, 0 refused"'

# A result of the wrong size: the qualification file of 3 answered by 2.
as_yamada bulk export --kind qualification --out "$D"
Q1=$(newest qualification)
check "qualification once every person has a branch number" eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 records"'
run bulk check --kind qualification "$Q1"
check "the qualification file passes its layout check" eval '[ "$RC" -eq 0 ]'
answer "$Q1"
head -n2 "$SCRATCH/r.csv" >"$SCRATCH/short.csv"
as_yamada bulk results "$SCRATCH/short.csv"
check "a result with another record count is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "answers 2 records, but"'
as_yamada bulk results "$SCRATCH/r.csv"
check "qualification accepted" eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 accepted"'

# A benefit dataset from the existing system's CSV.
printf 'person_id,decision,period_from,period_to,amount,decided\nP1,K-1,20250801,20260731,52000,20261001\nP4,K-2,20250801,20260731,1000,20261001\n' >"$SCRATCH/kogaku.csv"
as_yamada bulk export --kind kogaku --out "$D" --file "$SCRATCH/kogaku.csv"
K1=$(newest kogaku)
check "kogaku from its input: the person without a branch number is named" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 record, 1 refused" && contains "$ERR" "P4: no 被保険者枝番"'
run bulk check --kind kogaku "$K1"
check "the kogaku file passes its layout check" eval '[ "$RC" -eq 0 ]'
answer "$K1"
# A 副本 record's key is key/record: the row's key is matched by person.
sed 's/,P1,/,P2,/' "$SCRATCH/r.csv" >"$SCRATCH/other.csv"
as_yamada bulk results "$SCRATCH/other.csv"
check "a kogaku result naming another person is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "was not sent for P2"'
as_yamada bulk results "$SCRATCH/r.csv"
as_yamada bulk export --kind kogaku --out "$D" --file "$SCRATCH/kogaku.csv" --diff
check "kogaku diff with nothing changed sends nothing, and exits 1 while P4 is still refused" eval '[ "$RC" -eq 1 ] && contains "$OUT" "nothing to send: 1 unchanged, 1 refused"'

# The daily differential: a change (2), a loss (3) and a newcomer (1).
row2b=${row2/東京都千代田区千代田1-1/東京都千代田区丸の内2-2}
row3b=${row3}20261031
row5="P5,133033,12,345,2,P1,山田　一子,ヤマダ　イチコ,20261101,2,東京都千代田区千代田1-1,131016,1,,20261101,"
printf '%s\n' "$H" "$row1" "$row2b" "$row3b" "$row4" "$row5" >"$SCRATCH/x2.csv"
as_yamada person import "$SCRATCH/x2.csv"
number P5 161803398872
as_yamada bulk export --kind persons --out "$D" --diff
F3=$(newest persons)
check "diff: the newcomer, the change and the loss, nothing else" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 records" && utf8 "$F3" | grep -q "^1,2,133033,P2," && utf8 "$F3" | grep -q "^2,3,133033,P3,.*,20261031.$" && utf8 "$F3" | grep -q "^3,1,133033,P5,"'
answer "$F3"
as_yamada bulk results "$SCRATCH/r.csv"
as_yamada bulk export --kind qualification --out "$D" --diff
Q2=$(newest qualification)
check "qualification diff: the loss only (the address is not in it)" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 records" && utf8 "$Q2" | grep -q ",P3," && utf8 "$Q2" | grep -q ",P5," && ! utf8 "$Q2" | grep -q ",P2,"'
answer "$Q2"
as_yamada bulk results "$SCRATCH/r.csv"
as_yamada bulk pending
check "nothing pending after the daily round" \
	eval 'echo "$OUT" | grep -qE "^persons +awaiting 0  refused 0  changes 0" && echo "$OUT" | grep -qE "^qualification +awaiting 0  refused 0  changes 0"'

# Re-switch: the new system's extract spelled P2's name wrongly; the
# vendor fixes it, the system is switched again, and the corrections go out.
as_yamada cutover diff --out "$D"
check "no correction before a cut-over is recorded" eval '[ "$RC" -eq 1 ] && contains "$ERR" "no cut-over"'
row2c=${row2b/山田　花子/山田　華子}
printf '%s\n' "$H" "$row1" "$row2c" "$row3b" "$row4" "$row5" >"$SCRATCH/x3.csv"
as_yamada person import "$SCRATCH/x3.csv"
as_yamada cutover record --reason "再切替: 氏名の抽出誤りを修正"
check "the re-switch is recorded with its base extract" eval '[ "$RC" -eq 0 ] && contains "$OUT" "base extract 3"'
as_yamada cutover diff --out "$D"
F4=$(newest persons)
check "the correction files: P2 in persons; qualification unchanged" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 record," && contains "$OUT" "nothing to send" && utf8 "$F4" | grep -q "山田　華子" && grep -q "^mode=correction$" "$F4.manifest"'
answer "$F4"
as_yamada bulk results "$SCRATCH/r.csv"
as_yamada registration history --person P2
check "history: every file, extract, mode and result for the person" \
	eval '[ "$RC" -eq 0 ] && [ "$(echo "$OUT" | wc -l)" -eq 4 ] && echo "$OUT" | grep -q "persons .*full .*new .*accepted branch=[0-9]\{10\} extract=.*x1.csv" && echo "$OUT" | grep -q "correction .*change .*accepted.*extract=.*x3.csv cutover=1"'
as_yamada bulk pending
check "corrected state: nothing pending" eval 'echo "$OUT" | grep -qE "^persons +awaiting 0  refused 0  changes 0"'

as_yamada audit show
check "every export and result is audited with file, SHA-256 and counts" \
	eval 'echo "$OUT" | grep "bulk.export" | grep -q "sha256=[0-9a-f]\{64\} records=3" && echo "$OUT" | grep "bulk.results" | grep -q "accepted=2 failed=1" && contains "$OUT" "cutover.record"'
# The format checker knows every registration layout.
F=$(newest persons)
run check --layout reg-persons "$F"
check "check --layout reg-persons passes a persons file" eval '[ "$RC" -eq 0 ] && contains "$OUT" "ok, "'
run check --layout reg-qualification "$F"
check "check --layout reg-qualification refuses it, naming file:line:field" \
	eval '[ "$RC" -eq 1 ] && contains "$OUT" "$F:1:"'
run check --layout reg-result "$SCRATCH/r.csv"
check "check --layout reg-result passes a result file" eval '[ "$RC" -eq 0 ]'
check "no full number on any output or in the audit log" \
	eval '! echo "$ALL_OUT" | grep -qE "$NUMS"'

finish
