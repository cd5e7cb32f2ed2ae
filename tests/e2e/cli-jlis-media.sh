#!/bin/bash
# End-to-end: the whole J-LIS round trip on a medium, as an office does it.
# Persons in, inquiry file written, packed into an AES ZIP with a witness,
# shipped; the simulator answers; the answer comes back in its own AES ZIP,
# is received with a witness and imported from the container together with
# the medium's "answer imported" step; the medium is disposed of. Bad
# containers import nothing, and no full number is ever shown or logged.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 24

SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
# Answer containers are made with the project's own zipbox code: libzip
# 1.7 cannot read 7-Zip's AE-2 deflated members (nih-at/libzip#261).
ZIPAES=${TOP_BUILDDIR:-.}/tests/helpers/zip-aes
V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
# The answer container is taken out into a private folder under TMPDIR:
# this one, so the test can see that nothing is left behind.
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"
ALL=
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; ALL="$ALL$OUT$ERR"; }
with_sato() { run "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; ALL="$ALL$OUT$ERR"; }
# receive ZIP PASSWORD [ARGS...]: the container's password on fd 5; sato
# is the second person at the import.
receive() {
	local zip=$1 pw=$2
	shift 2
	run jlis receive "$zip" --container-password-fd 5 "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5<<<"$pw"
	ALL="$ALL$OUT$ERR"
}
# Twelve digits in a row, not inside a hex digest.
nonum() { ! echo "$1" | grep -qE '(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'; }
tmp_empty() { [ -z "$(ls -A "$TMPDIR")" ]; }
TODAY=$(date +%Y-%m-%d)

"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"

"$GEN" --count 2 --seed 11 --numbers "$SCRATCH/nums.csv" >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
K1=$(sed -n 2p "$SCRATCH/p.csv" | cut -d, -f1)
K2=$(sed -n 3p "$SCRATCH/p.csv" | cut -d, -f1)
O=$SCRATCH/inquiry
mkdir -p "$O"
as_yamada jlis request --out "$O" --channel courier
check "two persons asked in one inquiry file; the courier's next step is media pack" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "00133033N1Y.csv 2 " && [ "$(ls "$O")" = 00133033N1Y.csv ] && contains "$OUT" "media pack $O"'

run media pack "$O" --out "$SCRATCH/m1.zip" --checker sato --checker-password-fd 4 \
	--password-out-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5>"$SCRATCH/pw"
PW=$(cat "$SCRATCH/pw")
ALL="$ALL$OUT$ERR"
check "the inquiry file passes the checker and is packed as M0001" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "M0001 " && [ -n "$PW" ]'
as_yamada jlis pending
check "pending: due jlis-answer-days (35) after the inquiry while not shipped" \
	eval '[ "$(echo "$OUT" | grep -c "$(date -d "+35 days" +%Y-%m-%d)")" -eq 2 ]'
as_yamada media ship M0001 --courier 'セキュリティ便' --tracking 4471-2290-113 --seal A-7 --notice-date "$TODAY"
check "the medium is shipped" eval '[ "$RC" -eq 0 ]'
as_yamada jlis pending
check "pending: due answer-overdue-days (28) after shipping once on a medium" \
	eval '[ "$(echo "$OUT" | grep -c "$(date -d "+28 days" +%Y-%m-%d)")" -eq 2 ]'

# J-LIS opens the medium and answers: one person found, one whose record
# differs (held for a supervisor).
mkdir -p "$SCRATCH/jlis" "$SCRATCH/ans"
7z x -p"$PW" -o"$SCRATCH/jlis" "$SCRATCH/m1.zip" >/dev/null 2>&1
"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 3 --not-found 0 --mismatch 1 \
	"$SCRATCH/jlis/00133033N1Y.csv" >"$SCRATCH/ans/00133033N1R.csv"
APW='Answer-Container-2026'
ZIP=$SCRATCH/00133033N1R.zip
"$ZIPAES" "$ZIP" "$SCRATCH/ans/00133033N1R.csv" <<<"$APW"
CSHA=$(sha256sum "$SCRATCH/ans/00133033N1R.csv" | cut -c1-64)
check "the answer container is an AES-256 ZIP" eval '7z l -slt "$ZIP" | grep -q "Method = AES-256"'

receive "$ZIP" "$APW" --medium M0001
check "no import on a medium whose answer was not received: nothing imported" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "medium M0001" && contains "$ERR" "nothing was imported" && as_yamada number status --person "$K1" && [ "${OUT%%:*}" = jlis-asked ] && tmp_empty'

with_sato media receive M0001 --medium JLIS-2026-01 --file "$ZIP"
check "the answer medium is received with a witness" eval '[ "$RC" -eq 0 ]'

# Bad containers: clear errors, nothing imported, nothing left behind.
receive "$ZIP" 'Wrong-Password-1' --medium M0001
check "a wrong password imports nothing and leaves no file" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "nothing was imported" && tmp_empty'
mkdir -p "$SCRATCH/cut"
head -c 300 "$ZIP" >"$SCRATCH/cut/00133033N1R.zip"
receive "$SCRATCH/cut/00133033N1R.zip" "$APW" --medium M0001
check "a truncated container imports nothing" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "nothing was imported" && tmp_empty'
echo 'read me' >"$SCRATCH/readme.txt"
"$ZIPAES" "$SCRATCH/nocsv.zip" "$SCRATCH/readme.txt" <<<"$APW"
receive "$SCRATCH/nocsv.zip" "$APW" --medium M0001
check "a container without an answer CSV imports nothing" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "holds no answer CSV" && tmp_empty'
mkdir -p "$SCRATCH/two"
cp "$SCRATCH/ans/00133033N1R.csv" "$SCRATCH/two/"
sed '1s/00133033_[0-9]*/00133033_99999/' "$SCRATCH/ans/00133033N1R.csv" >"$SCRATCH/two/00133033N2R.csv"
"$ZIPAES" "$SCRATCH/two.zip" "$SCRATCH/two/00133033N1R.csv" "$SCRATCH/two/00133033N2R.csv" <<<"$APW"
receive "$SCRATCH/two.zip" "$APW" --medium M0001
check "several CSVs are one import: a bad one stops the good one too" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "00133033N2R.csv: no inquiry file N2" && as_yamada number status --person "$K1" && [ "${OUT%%:*}" = jlis-asked ] && tmp_empty'
as_yamada media show M0001
check "after the failures the medium is still at answer received" \
	eval '! echo "$OUT" | grep -qE "^[0-9-]{10} +(answer )?imported"'

receive "$ZIP" "$APW" --medium M0001
check "the answer is imported from its container: one confirmed, one held" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "N1: 2 lines: 1 confirmed, 1 held for a supervisor, 0 not found" && tmp_empty'
as_yamada number status --person "$K1"
S1=$OUT
as_yamada number status --person "$K2"
check "number status: one person confirmed, the other held for a supervisor" \
	eval '[ "$(printf "%s\n%s\n" "${S1%%:*}" "${OUT%%:*}" | sort | tr "\n" " ")" = "confirmed jlis-held " ]'
as_yamada jlis held
check "the held one is listed for a supervisor" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -qE "^($K1|$K2) +differs:"'
as_yamada media show M0001
check "the medium's timeline has the imported step with the answer CSV's SHA-256" \
	eval 'contains "$OUT" "imported" && contains "$OUT" "00133033N1R.csv" && contains "$OUT" "$CSHA" && contains "$OUT" "confirmed=1 held=1"'
receive "$ZIP" "$APW" --medium M0001
check "the same answer cannot be imported twice" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already"'

echo 'courier receipt' >"$SCRATCH/receipt.txt"
as_yamada evidence add "$SCRATCH/receipt.txt" --title 'courier receipt' --about medium:M0009
R1=$RC
E1=$ERR
as_yamada evidence add "$SCRATCH/receipt.txt" --title 'courier receipt' --about medium:1
check "evidence about a medium: an unknown medium is refused, a known one kept by its label" \
	eval '[ "$R1" -eq 1 ] && contains "$E1" "no medium '"'"'M0009'"'"'" && [ "$RC" -eq 0 ] && as_yamada evidence list && contains "$OUT" "medium:M0001"'

# A receive killed outright (SIGKILL: no handler runs) leaves its private
# folder; the flock that marked it as in use died with the process, so the
# next start of any command removes it.
mkdir -m 700 "$TMPDIR/mynadesk-Kill09"
cp "$SCRATCH/ans/00133033N1R.csv" "$TMPDIR/mynadesk-Kill09/"
as_yamada media list
check "a decrypted answer left by a killed import is removed at the next start" \
	eval '[ "$RC" -eq 0 ] && tmp_empty'

with_sato media dispose M0001 --method '裁断 (shredded)'
check "the medium is disposed of with a witness" eval '[ "$RC" -eq 0 ]'
as_yamada audit verify
check "the audit chain verifies" eval '[ "$RC" -eq 0 ]'
as_yamada audit show --limit 1000
check "the audit has the import on the medium and the J-LIS import in one place" \
	eval 'contains "$OUT" "media.import" && contains "$OUT" "jlis.receive" && contains "$OUT" "00133033N1R.zip/00133033N1R.csv"'
check "no full number and no password in any output or the audit log" \
	eval 'nonum "$ALL" && ! contains "$ALL" "$PW" && ! contains "$ALL" "$APW"'

finish
