#!/bin/bash
# End-to-end: the whole custody life of one medium with two people (pack,
# ship, answer received, imported, disposed of), order violations, the
# witness rules, the container opened by 7z, slips and the disposal register
# in both formats, the overdue warning, and the audit trail.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 44

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"

as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
# with_witness NAME PASSWORD ARGS...: yamada acts, NAME witnesses.
with_witness() {
	local w=$1 wp=$2
	shift 2
	run "$@" --checker "$w" --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$wp"
}
TODAY=$(date +%Y-%m-%d)
TOMORROW=$(date -d tomorrow +%Y-%m-%d)

# Real inquiry files, written by 'jlis request' for two persons, one of
# them a foreign resident (so both an N and a G file), as packing runs the
# full format checker over every file.
IN=$SCRATCH/inquiry
mkdir -p "$IN"
"${TOP_BUILDDIR:-.}/contrib/gen-persons" --count 2 --seed 7 >"$SCRATCH/p.csv"
sed -i '3s/^\(\([^,]*,\)\{12\}\)1,/\12,/' "$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
as_yamada jlis request --out "$IN"
[ -f "$IN/00133033N1Y.csv" ] && [ -f "$IN/00133033G1Y.csv" ] || echo "# jlis request did not write N1Y and G1Y: $OUT $ERR"

# --- packing: checks before anything is written ---
BAD=$SCRATCH/bad
mkdir -p "$BAD"
cp "$IN/00133033N1Y.csv" "$BAD/87654321N1Y.csv"
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/bad.zip"
check "a file of another insurer is refused before packing" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "87654321N1Y.csv: the insurer code is not this vault" && [ ! -e "$SCRATCH/bad.zip" ]'
rm "$BAD"/*
: >"$BAD/00133033N9Y.csv"
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/bad.zip"
check "an empty file is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "00133033N9Y.csv: the file is empty" && [ ! -e "$SCRATCH/bad.zip" ]'
rm "$BAD"/*
cp "$IN/00133033N1Y.csv" "$BAD/00133033X1Y.csv"
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/bad.zip"
check "a name without N or G is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "N (Japanese residents) or G"'

rm "$BAD"/*
printf '%s\r\n' "山田　太郎,ヤマダ　タロウ,19750231,1,東京都,131016,00133033_5" | iconv -f UTF-8 -t CP932 >"$BAD/00133033N9Y.csv"
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/bad.zip"
check "a file that fails the format checker is refused, its problems listed as file:line:field" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "does not pass the format check" && contains "$ERR" "00133033N9Y.csv:1:birth:" && [ ! -e "$SCRATCH/bad.zip" ]'
rm "$BAD"/*
printf '%s\n' "山田　太郎,ヤマダ　タロウ,19750401,1,東京都,131016,00133033_5" >"$BAD/00133033N9Y.csv"
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/bad.zip"
check "UTF-8 with LF (not CP932 with CRLF) is refused" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "00133033N9Y.csv:1:-:" && [ ! -e "$SCRATCH/bad.zip" ]'

with_witness yamada "$A" media pack "$IN" --out "$SCRATCH/m1.zip"
check "the packer cannot be their own witness" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "second person must be someone else" && [ ! -e "$SCRATCH/m1.zip" ]'
with_witness sato "wrong-Pass-2026" media pack "$IN" --out "$SCRATCH/m1.zip"
check "a witness with a wrong password is refused" \
	eval '[ "$RC" -eq 1 ] && [ ! -e "$SCRATCH/m1.zip" ]'

run media pack "$IN" --out "$SCRATCH/m1.zip" --checker sato --checker-password-fd 4 \
	--password-out-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5>"$SCRATCH/pw"
PW=$(cat "$SCRATCH/pw")
SHA=$(sha256sum "$SCRATCH/m1.zip" | cut -d' ' -f1)
check "pack records M0001 with the container's SHA-256 and 2 files" \
	eval '[ "$RC" -eq 0 ] && [ "$OUT" = "M0001 $SHA 2" ]'
check "the generated password goes to --password-out-fd only: 6 groups of 4" \
	eval 'echo "$PW" | grep -qE "^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){5}$" && ! contains "$OUT$ERR" "$PW"'

if command -v 7z >/dev/null; then
	mkdir "$SCRATCH/x7" "$SCRATCH/x7bad"
	7z x -p"$PW" -o"$SCRATCH/x7" "$SCRATCH/m1.zip" >/dev/null 2>&1
	check "7z opens the container with the password: the same bytes" \
		eval 'cmp -s "$IN/00133033N1Y.csv" "$SCRATCH/x7/00133033N1Y.csv" && cmp -s "$IN/00133033G1Y.csv" "$SCRATCH/x7/00133033G1Y.csv"'
	check "7z reports AES-256 and refuses a wrong password" \
		eval '7z l -slt "$SCRATCH/m1.zip" | grep -q "Method = AES-256" && ! 7z x -pWRONG -o"$SCRATCH/x7bad" "$SCRATCH/m1.zip" >/dev/null 2>&1'
else
	skip "7z opens the container" "7z not installed (p7zip-full)"
	skip "7z refuses a wrong password" "7z not installed (p7zip-full)"
fi

as_yamada media list
check "list shows the medium packed, no password" \
	eval 'echo "$OUT" | grep -qE "^M0001 +packed +$TODAY +- +-$" && ! contains "$OUT" "$PW"'

with_witness sato "$S" media pack "$IN" --out "$SCRATCH/again.zip"
check "a file name already on a medium cannot be packed again" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "already on medium M0001" && [ ! -e "$SCRATCH/again.zip" ]'

# --- order ---
with_witness sato "$S" media receive M0001 --medium JLIS-77
check "no receipt before shipping" eval '[ "$RC" -eq 1 ] && contains "$ERR" "it must be shipped before"'
as_yamada media imported M0001 --file "$SCRATCH/pw"
check "no import before receipt" eval '[ "$RC" -eq 1 ] && contains "$ERR" "must be answer received before"'
as_yamada media ship M0001 --courier 'セキュリティ便' --tracking 4471-2290-113 --notice-date "$TODAY"
check "shipping needs the seal number" eval '[ "$RC" -eq 1 ] && contains "$ERR" "case or seal number"'
as_yamada media ship M0001 --courier 'セキュリティ便' --tracking 4471-2290-113 --seal A-0042 --notice-date "$TODAY" --date "$TOMORROW"
check "a step cannot be dated in the future" eval '[ "$RC" -eq 1 ] && contains "$ERR" "in the future"'
as_yamada media ship M0001 --courier 'セキュリティ便' --tracking 4471-2290-113 --seal A-0042 --notice-date "$TODAY"
check "the medium is shipped" eval '[ "$RC" -eq 0 ]'
as_yamada media ship M0001 --courier x --tracking 1 --seal 1 --notice-date "$TODAY"
check "no second shipping" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already shipped"'
with_witness sato "$S" media dispose M0001 --method shredded
check "no disposal while the medium is with the courier" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "with the courier"'

# --- the answer ---
printf 'answer\r\n' >"$SCRATCH/answer.zip"
ASHA=$(sha256sum "$SCRATCH/answer.zip" | cut -d' ' -f1)
with_witness yamada "$A" media receive M0001 --medium JLIS-77 --file "$SCRATCH/answer.zip"
check "the receiver cannot be their own witness" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "someone else"'
with_witness sato "$S" media receive M0001 --medium JLIS-77 --file "$SCRATCH/answer.zip"
check "the answer is received with a witness" eval '[ "$RC" -eq 0 ]'
as_yamada media imported M0001 --file "$SCRATCH/answer.zip"
check "the answer is recorded as imported" eval '[ "$RC" -eq 0 ]'
as_yamada media imported M0001 --file "$SCRATCH/answer.zip"
check "no second import" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already answer imported"'

# --- slips ---
as_yamada media slip M0001
check "text slip: both transfers with courier, tracking, seal, answer medium and signature lines" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "HAND-OVER SLIP" && contains "$OUT" "4471-2290-113" && contains "$OUT" "A-0042" && contains "$OUT" "JLIS-77" && contains "$OUT" "$ASHA" && [ "$(echo "$OUT" | grep -c "(sign)")" -eq 2 ]'
as_yamada media slip M0001 --format csv
check "CSV slip: a header and one row per transfer, in UTF-8" \
	eval '[ "$(echo "$OUT" | wc -l)" -eq 3 ] && echo "$OUT" | head -n1 | grep -q "^association,medium,transfer,date," && echo "$OUT" | grep -q ",shipped,$TODAY,yamada,,セキュリティ便,4471-2290-113,A-0042," && echo "$OUT" | grep -q ",received,$TODAY,yamada,sato," && echo "$OUT" | iconv -f UTF-8 -t UTF-8 >/dev/null'
as_yamada media slip M0001 --format pdf
check "an unknown format is refused" eval '[ "$RC" -eq 2 ]'
# xlsx: every cell a string (t="s"), so a code keeps its zeros in Excel.
xcells() { 7z x -so "$1" xl/worksheets/sheet1.xml 2>/dev/null | grep -o '<c [^>]*>' ; }
as_yamada media slip M0001 --format xlsx --out "$SCRATCH/slip.xlsx"
check "xlsx slip: a workbook whose every cell is text, holding the tracking number" \
	eval '[ "$RC" -eq 0 ] && [ "$(xcells "$SCRATCH/slip.xlsx" | wc -l)" -gt 20 ] && ! xcells "$SCRATCH/slip.xlsx" | grep -qv "t=\"s\"" && 7z x -so "$SCRATCH/slip.xlsx" xl/sharedStrings.xml 2>/dev/null | grep -q "4471-2290-113"'
as_yamada media slip M0001 --format xlsx --out "$SCRATCH/slip.xlsx"
check "xlsx slip: an existing file is not replaced" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already exists"'
as_yamada media slip M0001 --format xlsx
check "xlsx without --out is refused before login" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--out"'

# --- the password again, then disposal ---
run media password M0001 --checker sato --checker-password-fd 4 --password-out-fd 5 \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5>"$SCRATCH/pw2"
check "the password can be shown again by two persons" eval '[ "$RC" -eq 0 ] && [ "$(cat "$SCRATCH/pw2")" = "$PW" ]'
with_witness sato "$S" media dispose M0001
check "disposal needs a method" eval '[ "$RC" -eq 1 ] && contains "$ERR" "method"'
with_witness sato "$S" media dispose M0001 --method '裁断 (shredded)'
check "the medium is disposed of with a witness" eval '[ "$RC" -eq 0 ]'
with_witness sato "$S" media dispose M0001 --method shredded
check "no second disposal" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already disposed of"'
with_witness sato "$S" media password M0001
check "the password is erased at disposal" eval '[ "$RC" -eq 1 ] && contains "$ERR" "no longer kept"'

as_yamada media show M0001
check "show: the six steps in order with both people" \
	eval '[ "$(echo "$OUT" | grep -cE "^[0-9]{4}-[0-9]{2}-[0-9]{2} ")" -eq 6 ] && echo "$OUT" | grep -qE "packed +yamada / sato" && echo "$OUT" | grep -qE "disposed +yamada / sato method="'

as_yamada media register
check "text register lists the disposal" \
	eval 'contains "$OUT" "DISPOSAL REGISTER" && echo "$OUT" | grep -qE "^$TODAY +M0001 +裁断 \(shredded\)"'
as_yamada media register --format csv
check "CSV register: header and one row" \
	eval '[ "$(echo "$OUT" | wc -l)" -eq 2 ] && echo "$OUT" | grep -q "^$TODAY,M0001,裁断 (shredded),yamada,sato,$SHA,"'

# --- a spoiled medium, never sent, may be disposed of; its names are free again ---
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/m2.zip"
rm "$BAD"/* && cp "$IN/00133033N1Y.csv" "$BAD/00133033N2Y.csv"
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/m2.zip"
with_witness sato "$S" media dispose M0002 --method 'deleted'
R1=$RC
with_witness sato "$S" media pack "$BAD" --out "$SCRATCH/m3.zip"
check "a packed medium never sent can be disposed of and its file packed again" \
	eval '[ "$R1" -eq 0 ] && [ "$RC" -eq 0 ] && contains "$OUT" "M0003"'

# --- overdue answers ---
if command -v faketime >/dev/null; then
	rm "$BAD"/* && cp "$IN/00133033N1Y.csv" "$BAD/00133033N3Y.csv"
	# faketime preloads itself; a sanitizer build must be told that is fine.
	ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
	faketime '2026-01-05 10:00:00' "$MYNADESK" media pack "$BAD" --out "$SCRATCH/m4.zip" --checker sato --checker-password-fd 4 \
		--password-out-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5>/dev/null >/dev/null
	as_yamada media ship M0004 --courier x --tracking 1 --seal S-1 --notice-date 2026-01-06 --date 2026-01-06
	as_yamada media list
	check "an answer not received 28 days after shipping is overdue" \
		eval 'echo "$OUT" | grep -qE "^M0004 +shipped .* overdue=[0-9]+$" && echo "$OUT" | grep -qE "^M0003 .* -$"'
	as_yamada settings set answer-overdue-days 3650
	R1=$RC
	as_yamada settings set answer-overdue-days 365
	as_yamada media list
	check "answer-overdue-days is a setting (1-365)" \
		eval '[ "$R1" -eq 1 ] && echo "$OUT" | grep -qE "^M0004 +shipped .* -$"'
else
	skip "an answer not received 28 days after shipping is overdue" "faketime not installed"
	skip "answer-overdue-days is a setting" "faketime not installed"
fi

# --- the audit trail ---
as_yamada audit show --action media.pack
check "audit: packing names yamada and the witness sato with the container's SHA-256" \
	eval 'echo "$OUT" | grep -qE "yamada +sato +media.pack +M0001 +container_sha256=$SHA"'
as_yamada audit show --limit 1000
ALL=$OUT
all_steps_audited() {
	local a
	for a in media.create media.pack media.ship media.receive media.import media.dispose media.password; do
		echo "$ALL" | grep -q " $a " || return 1
	done
	echo "$ALL" | grep -q "$ASHA"
}
check "audit: every step is recorded, with the files' SHA-256" all_steps_audited
check "audit: no container password, no 12-digit run; chain intact" \
	eval '! contains "$ALL" "$PW" && ! echo "$ALL" | grep -qE "(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)" && as_yamada audit verify && [ "$RC" -eq 0 ]'

finish
