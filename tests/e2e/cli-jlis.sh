#!/bin/bash
# End-to-end: J-LIS inquiry files written and checked, an answer from the
# simulator linked back, mismatches held for a supervisor, persons not found
# asked once more, and every bad answer refused with nothing imported.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 32

SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
O=$SCRATCH/files
A='Kokuho-2026-pass'
S='Second-pass-2026!'
mkdir -p "$O"
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
as_sato() { run "$@" --vault "$V" --user sato --password-fd 3 3<<<"$S"; }
# The answer came back from the dedicated terminal on medium M0001; yamada
# imports it with sato beside him.
recv() { run jlis receive "$@" --medium M0001 --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; }
# Twelve digits in a row, not inside a hex digest.
nonum() { ! echo "$OUT$ERR" | grep -qE '(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'; }

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
{
	echo "$H"
	echo "X1,133033,1,1,1,,𠮷田　ﾀﾛｳ,ヨシダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,"
	# Values CP932 can write that J-LIS does not take.
	echo "X2,133033,1,2,1,,吉田　ﾊﾅｺ,ヨシダ　ハナコ,19750402,2,東京都千代田区千代田1-1,131016,1,,20100401,"
	echo "X3,133033,1,3,1,,Yoshida　次郎,ヨシダ　ジロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,"
	echo "X4,133033,1,4,1,,髙田　三郎,タカダ　サブロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,"
} >"$SCRATCH/gaiji.csv"
as_yamada person import "$SCRATCH/gaiji.csv"
as_yamada jlis request --out "$O"
check "a 外字 and half-width kana keep the person out, listing person and character" \
	eval '[ "$RC" -eq 1 ] && contains "$OUT" "X1: 氏名: '"'"'𠮷'"'"'" && contains "$OUT" "X1: 氏名: half-width kana '"'"'ﾀ'"'"'" && contains "$ERR" "nobody who can be sent" && [ -z "$(ls -A "$O")" ]'
check "half-width kana, ASCII in a name and an NEC/IBM kanji keep their persons out too" \
	eval 'contains "$OUT" "X2: 氏名: half-width kana '"'"'ﾊ'"'"'" && contains "$OUT" "X3: 氏名: half-width '"'"'Y'"'"'" && contains "$OUT" "X4: 氏名: '"'"'髙'"'"' is an NEC/IBM extension"'


# The clerk fixes the record; the rest of the association comes in.
"$GEN" --count 40 --seed 5 --numbers "$SCRATCH/nums.csv" >"$SCRATCH/p.csv"
sed -i 's/^\(P0000003,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\),[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,1,/\1,ワン　リー,ワン　リー,19800101,1,東京都千代田区千代田1-1,131016,2,/' "$SCRATCH/p.csv"
{
	echo "$H"
	echo "X1,133033,1,1,1,,吉田　太郎,ヨシダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,20200101"
	sed -n 's/^\(X[234],.*\),$/\1,20200101/p' "$SCRATCH/gaiji.csv"
} >"$SCRATCH/fixed.csv"
as_yamada person import "$SCRATCH/fixed.csv"
as_yamada person import "$SCRATCH/p.csv"
check "extract imported" eval '[ "$RC" -eq 0 ]'

as_sato jlis request --out "$O"
check "request writes one file for Japanese and one for foreign residents" \
	eval '[ "$RC" -eq 0 ] && [ -f "$O/00133033N1Y.csv" ] && [ -f "$O/00133033G1Y.csv" ] && contains "$OUT" "00133033G1Y.csv 3 "'
N1=$(echo "$OUT" | awk '/N1Y/ {print $2}')
G1=$(echo "$OUT" | awk '/G1Y/ {print $2}')
check "files are CP932 with CRLF" eval 'iconv -f CP932 -t UTF-8 "$O/00133033N1Y.csv" >/dev/null && head -c 400 "$O/00133033N1Y.csv" | grep -q $'"'"'\r$'"'"''
check "the target identifier is <insurer>_<serial>" \
	eval 'iconv -f CP932 -t UTF-8 "$O/00133033N1Y.csv" | cut -d, -f7 | grep -qE "^00133033_[1-9][0-9]*"'
run check --layout jlis-request "$O/00133033N1Y.csv"
check "the checker passes the written file" eval '[ "$RC" -eq 0 ] && contains "$OUT" "ok, $N1 lines"'
as_yamada audit show --action jlis.request
check "the request is audited with the file's SHA-256" \
	eval 'contains "$OUT" "sha256=$(sha256sum "$O/00133033N1Y.csv" | cut -c1-64)"'

as_yamada jlis request --out "$O"
check "nobody is asked twice while an inquiry is open" eval '[ "$RC" -eq 1 ] && contains "$ERR" "nobody to ask"'

# The checker's own errors.
cp "$O/00133033N1Y.csv" "$SCRATCH/00133033N01Y.csv"
run check --layout jlis-request "$SCRATCH/00133033N01Y.csv"
check "file name rule" eval '[ "$RC" -eq 1 ] && contains "$OUT" "00133033N01Y.csv:0:-: the file name"'
mkdir -p "$SCRATCH/bad"
B=$SCRATCH/bad/00133033N9Y.csv
printf '%s\r\n' "山田　太郎,ヤマダ　タロウ,19750231,4,東京都,131017,00133033_5" "山田　太郎,ﾔﾏﾀﾞ,19750401,1,東京都,131016,00133033_5" "a,b" | iconv -f UTF-8 -t CP932 >"$B"
run check --layout jlis-request "$B"
check "dates, sex, check digits, kana, duplicates, field count" \
	eval '[ "$RC" -eq 1 ] && contains "$OUT" "N9Y.csv:1:birth:" && contains "$OUT" "N9Y.csv:1:sex:" && contains "$OUT" "N9Y.csv:1:municipality:" && contains "$OUT" "N9Y.csv:2:kana:" && contains "$OUT" "N9Y.csv:2:target: the same value as on line 1" && contains "$OUT" "N9Y.csv:3:-: has 2 fields"'
printf '%s\n' "山田　太郎,ヤマダ　タロウ,19750401,1,東京都,131016,00133033_5" >"$B"
run check --layout jlis-request "$B"
check "UTF-8 is not CP932, LF is not CRLF" eval '[ "$RC" -eq 1 ] && contains "$OUT" "N9Y.csv:1:-:"'
N25=$(printf '一%.0s' $(seq 25)); N26=$(printf '一%.0s' $(seq 26))
printf '%s\r\n' "$N25,ヤマダ,19750401,1,東京都,131016,00133033_5" "$N26,ヤマダ,19750401,1,東京都,131016,00133033_6" | iconv -f UTF-8 -t CP932 >"$B"
run check --layout jlis-request "$B"
check "25 full-width characters pass, 26 do not" eval '[ "$RC" -eq 1 ] && ! contains "$OUT" "N9Y.csv:1:" && contains "$OUT" "N9Y.csv:2:name:"'
run check --layout persons "$SCRATCH/p.csv"
check "the persons layout is in the registry" eval '[ "$RC" -eq 0 ]'
run check --layout nosuch "$B"
check "an unknown layout names the known ones" eval '[ "$RC" -eq 2 ] && contains "$ERR" "jlis-answer"'

# Answers.
AN=$SCRATCH/ans/00133033N1R.csv
mkdir -p "$SCRATCH/ans" "$SCRATCH/other"
"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 4 --not-found 2 --mismatch 2 "$O/00133033N1Y.csv" >"$AN"
run check --layout jlis-answer "$AN"
check "the simulator's answer passes the checker" eval '[ "$RC" -eq 0 ]'
run media carry "$O" --medium USB-01 --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"
run media receive M0001 --file "$AN" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"

head -c 300 "$AN" >"$SCRATCH/other/00133033N1R.csv"
recv "$SCRATCH/other/00133033N1R.csv"
check "a truncated answer imports nothing" eval '[ "$RC" -eq 1 ] && contains "$ERR" "nothing was imported" && as_yamada jlis pending && [ "$(echo "$OUT" | grep -c " sent ")" -eq "$((N1 + G1))" ]'
cp "$AN" "$SCRATCH/other/87654321N1R.csv"
recv "$SCRATCH/other/87654321N1R.csv"
check "an answer for another insurer is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "for insurer 87654321"'
cp "$AN" "$SCRATCH/other/00133033N7R.csv"
recv "$SCRATCH/other/00133033N7R.csv"
check "an answer to no inquiry is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "no inquiry file N7"'
{ cat "$AN"; tail -n 1 "$AN"; } >"$SCRATCH/other/00133033N1R.csv"
recv "$SCRATCH/other/00133033N1R.csv"
check "a duplicated line imports nothing" eval '[ "$RC" -eq 1 ] && contains "$OUT" "the same value as on line"'
sed '1s/00133033_[0-9]*/00133033_99999/' "$AN" >"$SCRATCH/other/00133033N1R.csv"
recv "$SCRATCH/other/00133033N1R.csv"
check "an unknown identifier imports nothing" eval '[ "$RC" -eq 1 ] && contains "$OUT" ":1:target: unknown identifier"'
cp "$O/00133033N1Y.csv" "$SCRATCH/other/00133033N1R.csv"
recv "$SCRATCH/other/00133033N1R.csv"
check "the wrong file (an inquiry) is refused" eval '[ "$RC" -eq 1 ] && contains "$OUT" "has 7 fields"'
printf 'PK\003\004xx' >"$SCRATCH/other/a.zip"
run jlis receive "$SCRATCH/other/a.zip" --container-password-fd 5 --medium M0001 --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5<<<"x"
check "a damaged container imports nothing" eval '[ "$RC" -eq 1 ] && contains "$ERR" "nothing was imported"'

recv "$AN"
check "the answer is imported: confirmed, held and not found counted" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 held for a supervisor, 2 not found (2 to ask again)" && nonum'
recv "$AN"
check "the same answer twice is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already received"'

as_sato jlis held
HELD=$(echo "$OUT" | awk '/ differs:/ {print $1}')
check "held answers show the five items side by side, the difference marked" \
	eval '[ "$(echo "$HELD" | wc -l)" -eq 2 ] && echo "$OUT" | grep -q "^  [*] .*(character [0-9]* differs)$" && nonum'
P1=$(echo "$HELD" | sed -n 1p); P2=$(echo "$HELD" | sed -n 2p)
as_sato jlis accept --person "$P1" --reason "checked the resident record"
check "a clerk cannot accept" eval '[ "$RC" -eq 1 ] && contains "$ERR" "role"'
as_yamada jlis accept --person "$P1" --reason "checked the resident record"
check "the supervisor accepts one: its number is confirmed" \
	eval '[ "$RC" -eq 0 ] && as_yamada number status --person "$P1" && [ "$OUT" = confirmed ]'
as_yamada jlis reject --person "$P2" --reason "another person: wrong link"
check "and rejects the other: no number is kept" \
	eval '[ "$RC" -eq 0 ] && as_yamada number status --person "$P2" && [ "$OUT" = missing ]'
as_yamada audit show --action jlis.reject
check "decisions are audited with the reason" eval 'contains "$OUT" "wrong link" && contains "$OUT" "$P2"'

as_yamada jlis request --out "$O"
check "the next request asks again only for those not found" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "00133033N2Y.csv 2 " && contains "$OUT" "re-inquiries: 2"'
as_yamada audit show
check "no full number anywhere in the audit log" eval '[ "$RC" -eq 0 ] && nonum'
