#!/bin/bash
# End-to-end: one clerk alone cannot attach numbers (issue 15 §3). An
# answer links numbers only when it arrived on a medium whose receipt step
# recorded its SHA-256 (the person who brought it back, with a witness),
# and only with a second, different, authenticated person at the import;
# the recovery key is nobody's witness. A number typed in by hand never
# passes as one from J-LIS.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 15

SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
O=$SCRATCH/handover
A='Kokuho-2026-pass'
S='Second-pass-2026!'
mkdir -p "$O" "$SCRATCH/back"
run_pw "$A" init --vault "$V" --insurer 33120015 --name x --admin yamada --password-fd 3
RECOVERY=$(echo "$OUT" | grep -oE '([0-9A-F]{4}-){15}[0-9A-F]{4}')
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
# yamada acts, sato witnesses.
with_sato() { run "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; }
nonum() { ! echo "$OUT$ERR" | grep -qE '(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'; }
status_all() {
	local k s=
	# The state's code: number status may add words after a colon.
	for k in $KEYS; do as_yamada number status --person "$k"; s="$s${OUT%%:*} "; done
	echo "$s"
}

"$GEN" --count 3 --seed 8 --insurer 33120015 --numbers "$SCRATCH/nums.csv" | sed 's/𠮷/吉/g' >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
KEYS=$(sed 1d "$SCRATCH/p.csv" | cut -d, -f1)
as_yamada jlis request --out "$O"
check "setup: one inquiry file for three persons" eval '[ "$RC" -eq 0 ] && [ -f "$O/33120015N1Y.csv" ]'
check "the dedicated terminal is the default channel: the next step is media carry" \
	eval 'contains "$OUT" "dedicated terminal" && contains "$OUT" "media carry $O"'
ANS=$SCRATCH/back/33120015N1R.csv
"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 2 --not-found 0 --mismatch 0 "$O/33120015N1Y.csv" >"$ANS"

# The insider's forgery: the first two persons' numbers swapped. Both still
# pass every format check and the five items still agree with the records.
mkdir -p "$SCRATCH/forged"
FORGED=$SCRATCH/forged/33120015N1R.csv
iconv -f CP932 -t UTF-8 "$ANS" | tr -d '\r' >"$SCRATCH/a.txt"
N1=$(sed -n 1p "$SCRATCH/a.txt" | cut -d, -f9)
N2=$(sed -n 2p "$SCRATCH/a.txt" | cut -d, -f9)
sed -e "1s/,$N1\$/,$N2/" -e "2s/,$N2\$/,$N1/" "$SCRATCH/a.txt" | sed 's/$/\r/' | iconv -f UTF-8 -t CP932 >"$FORGED"
check "setup: the forged answer differs from J-LIS's and still passes the checker" \
	eval '! cmp -s "$ANS" "$FORGED" && run check --layout jlis-answer "$FORGED" && [ "$RC" -eq 0 ]'

as_yamada jlis receive "$FORGED"
check "a plain answer file, on no medium and without a witness, links nothing" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "medium" && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'
with_sato jlis receive "$FORGED"
check "a witness alone is not enough: the answer must have come on a medium" \
	eval '[ "$RC" -ne 0 ] && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'

K1=$(echo "$KEYS" | sed -n 1p)
as_yamada number enter --person "$K1" --channel jlis --received 2026-11-20 --doc jlis:N1 --number-fd 5 5<<<"$N2"
check "number enter --channel jlis is refused: J-LIS numbers come only through jlis receive" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "jlis receive" && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'

# The dedicated terminal: the hand-over folder carried on a USB medium
# with a witness, the answer brought back and recorded by yamada.
with_sato media carry "$O" --medium USB-03
check "the inquiry files are carried to the terminal on a medium (two persons)" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "M0001"'
with_sato media receive M0001 --file "$ANS"
check "the answer brought back is recorded with its SHA-256 (two persons)" eval '[ "$RC" -eq 0 ]'

with_sato jlis receive "$FORGED" --medium M0001
check "an answer whose SHA-256 is not the one recorded on the medium is refused" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "SHA-256" && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'
as_yamada jlis receive "$ANS" --medium M0001
check "the recorded answer still needs a witness at the import" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "second person" && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'
run jlis receive "$ANS" --medium M0001 --checker yamada --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$A"
check "the witness must be someone else" \
	eval '[ "$RC" -ne 0 ] && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'
run jlis receive "$ANS" --medium M0001 --checker yamada --checker-password-fd 4 --vault "$V" --recovery-key-fd 3 3<<<"$RECOVERY" 4<<<"$A"
check "the recovery key imports nothing, whoever witnesses" \
	eval '[ "$RC" -ne 0 ] && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'
run jlis receive "$ANS" --medium M0001 --checker recovery --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$RECOVERY"
check "the recovery key is not a witness" \
	eval '[ "$RC" -ne 0 ] && [ "$(status_all)" = "jlis-asked jlis-asked jlis-asked " ]'

with_sato jlis receive "$ANS" --medium M0001
check "the answer as recorded, with a witness, links the numbers" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 confirmed" && nonum && [ "$(status_all)" = "confirmed confirmed confirmed " ]'
as_yamada audit show --action jlis.receive
check "the import is audited with its witness and the medium" \
	eval 'contains "$OUT" "sato" && contains "$OUT" "medium=M0001" && nonum'

finish
