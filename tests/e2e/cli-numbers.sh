#!/bin/bash
# End-to-end: an extract imported, numbers entered by one clerk and
# confirmed by another, mismatches and duplicates sent to the supervisor,
# matching on receipt; never a full number on any output.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 26

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"

as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
# as_yamada_n NUMBER ARGS...: with the number on fd 4.
as_yamada_n() { local n=$1; shift; run "$@" --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$n"; }
as_sato_n() { local n=$1; shift; run "$@" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$n"; }

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
{
	echo "$H"
	echo "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,山田建設,20100401,"
	echo "P2,133033,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401,"
	echo "P3,133033,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,札幌市中央区北1条西2丁目,011002,1,,20000401,"
} >"$SCRATCH/extract.csv"
{
	echo "$H"
	echo "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750230,1,東京都,131016,1,,20100401,"
	echo "P4,133033,12,346,1,,x,ヤマ,19750402,1,東京都,131017,1,,20100401,"
} >"$SCRATCH/bad.csv"

as_yamada person import "$SCRATCH/bad.csv"
check "a file with errors imports nothing and lists each line" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "bad.csv:2:birth:" && contains "$ERR" "bad.csv:3:municipality:" && contains "$ERR" "nothing was imported"'

as_yamada person import "$SCRATCH/extract.csv"
check "the extract imports with its counts" eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 added, 0 changed, 0 unchanged, 0 rejected"'

as_yamada person search ヤマダ
check "search by kana prefix" eval '[ "$RC" -eq 0 ] && [ "$(echo "$OUT" | wc -l)" -eq 2 ]'

as_yamada person search 12/345
check "search by symbol/number" eval 'contains "$OUT" "P2"'

as_yamada_n "１２３４５６７８９０１０" number enter --person P1 --channel member --received 2026-11-20 --doc F-1
check "a bad check digit asks to re-read the document" eval '[ "$RC" -eq 1 ] && contains "$ERR" "re-read"'

as_yamada_n "6214 9832 0257" number enter --person P1 --channel member --received 2026-11-20 --doc F-1
check "a clerk enters a number" eval '[ "$RC" -eq 0 ] && contains "$OUT" "second person must confirm"'

as_yamada_n "621498320257" number confirm --person P1
check "nobody confirms their own entry" eval '[ "$RC" -eq 1 ] && contains "$ERR" "different person"'

as_sato_n "621498320257" number confirm --person P1
check "no confirmation while the identity check is missing" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "identity check is incomplete" && as_yamada number status --person P1 && [ "$OUT" = entered ]'

as_yamada idproof record --person P1 --channel member --mode in-person --doc notification-card
check "a notification card alone is not enough: the identity document is missing" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "incomplete"'
as_yamada idproof record --person P1 --channel member --mode in-person --doc drivers-licence
check "notification card plus driving licence completes pattern 2" eval '[ "$OUT" = complete ]'
as_yamada idproof record --person P2 --channel family --mode post --doc mynumber-card

as_sato_n "621498320257" number confirm --person P1
check "a second user confirms it" eval '[ "$RC" -eq 0 ] && contains "$OUT" "confirmed"'

as_yamada number status --person P1
check "status says confirmed, without the number" eval '[ "$OUT" = "confirmed" ]'

as_yamada_n "123456789018" number enter --person P2 --channel family --received 2026-11-20 --doc F-2
as_sato_n "023456789013" number confirm --person P2
check "a mismatch shows no digits and goes to the supervisor" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "supervisor" && ! echo "$OUT$ERR" | grep -qE "[0-9]{4}"'

as_yamada_n "621498320257" number enter --person P3 --channel member --received 2026-11-20 --doc F-3
check "a number already held by another person is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already held"'

as_yamada number queue
check "the supervisor queue lists the mismatch and the duplicate" \
	eval 'echo "$OUT" | grep -qE "^P2 +mismatch" && echo "$OUT" | grep -qE "^P3 +duplicate +P1"'

as_yamada_n "621498320257" number match --person P1
check "matching on receipt: match exits 0" eval '[ "$RC" -eq 0 ] && [ "$OUT" = "match" ]'

as_yamada_n "123456789018" number match --person P1
check "matching on receipt: no match exits 1" eval '[ "$RC" -eq 1 ] && [ "$OUT" = "no match" ]'

run number enter --person P1 --channel member --received 2026-11-20 --doc F --number 621498320257 --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "numbers are never taken from arguments" eval '[ "$RC" -eq 2 ]'

as_yamada audit show
check "the audit log holds no full number" \
	eval 'contains "$OUT" "number.confirm" && ! echo "$OUT" | grep -qE "621498320257|123456789018|023456789013"'

run idproof rules-check
check "the shipped identity rule table is consistent" eval '[ "$RC" -eq 0 ] && contains "$OUT" "consistent"'

# An edited table naming a document kind nobody knows: refused with its line.
sed '0,/^proves = .*/s//proves = number, teleport/' "$TOP_SRCDIR/forms/idproof.rules" >"$SCRATCH/edited.rules"
LINE=$(grep -n "teleport" "$SCRATCH/edited.rules" | cut -d: -f1)
run idproof rules-check "$SCRATCH/edited.rules"
check "an edited rule table with an unknown word is refused with its line" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "edited.rules:$LINE:"'

# The collection limit: a former insured's number is not collected. P5 lost
# the qualification in 2020; P6 loses it after today, so still counts.
{
	echo "$H"
	echo "P5,133033,14,7,1,,田中　一,タナカ　ハジメ,19700101,1,東京都,131016,1,,20100401,20200131"
	echo "P6,133033,14,8,1,,田中　二,タナカ　フタバ,19700101,1,東京都,131016,1,,20100401,29991231"
} >"$SCRATCH/former.csv"
as_yamada person import "$SCRATCH/former.csv"
as_yamada_n "123456789018" number enter --person P5 --channel member --received 2026-11-20 --doc F-9
check "a number for a former insured is refused with the reason" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "lost the qualification on 2020-01-31" && contains "$ERR" "collection limit"'
# Refused before the number is asked: descriptor 9 is closed, so reading
# it would be a usage error (exit 2), not the limit's refusal.
as_yamada number enter --person P5 --channel member --received 2026-11-20 \
	--doc F-9 --number-fd 9
check "the collection limit is said before the number is read" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "collection limit"'
as_yamada number status --person P5
check "nothing was kept for the former insured" eval '[ "$OUT" != entered ]'
as_yamada_n "123456789018" number enter --person P6 --channel member --received 2026-11-20 --doc F-10
check "a loss dated after today does not block the entry" eval '[ "$RC" -eq 0 ]'
as_yamada_n "314159265352" number enter --person P5 --channel member --received 2019-12-01 --doc F-11
check "a number received before the loss is still recorded" eval '[ "$RC" -eq 0 ] || { echo "# $ERR"; false; }'

finish
