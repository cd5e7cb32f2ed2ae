#!/bin/bash
# End-to-end: an auditor's export package. It verifies as made; every byte
# changed in any file, a record removed, or a re-signing with another key is
# caught and named; the README's own sha256sum/openssl commands work as
# printed; no full number appears anywhere; the daily report's head hash is
# checked back against the chain.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 42

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
"$MYNADESK" init --vault "$V" --insurer 133033 --name テスト組合 --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

"$GEN" --count 6 --numbers "$SCRATCH/numbers.txt" >"$SCRATCH/extract.csv"
as_yamada person import "$SCRATCH/extract.csv"
# Numbers entered, one with the number itself typed into the document
# reference, as a hurried clerk might.
while IFS=, read -r pid num; do
	run number enter --person "$pid" --channel member --received 2026-11-20 \
		--doc "F-$num" --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$num"
done <"$SCRATCH/numbers.txt"
as_yamada idproof record --person P0000001 --channel member --mode in-person --doc mynumber-card
check "test data: numbers entered" eval 'as_yamada number status --person P0000003 && [ "$OUT" = entered ]'

# A medium's whole life, for the custody log and the disposal register; its
# tracking number is 12 digits, as some couriers' are.
mkdir -p "$SCRATCH/inq"
as_yamada jlis request --out "$SCRATCH/inq"
run media pack "$SCRATCH/inq" --out "$SCRATCH/m1.zip" --checker sato --checker-password-fd 4 \
	--password-out-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" 5>"$SCRATCH/mpw"
MPW=$(cat "$SCRATCH/mpw")
MSHA=$(sha256sum "$SCRATCH/m1.zip" | cut -c1-64)
FSHA=$(sha256sum "$SCRATCH/inq/00133033N1Y.csv" | cut -c1-64)
as_yamada media ship M0001 --courier 'セキュリティ便' --tracking 123456789018 --seal A-9 --notice-date "$(date +%F)"
run media receive M0001 --medium JLIS-5 --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"
as_yamada media imported M0001 --file "$SCRATCH/inq/00133033N1Y.csv"
run media dispose M0001 --method shredded --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"
check "test data: a medium packed, shipped, received, imported, disposed of" \
	eval '[ "$RC" -eq 0 ] && [ -n "$MPW" ]'

# A clerk types a person's number into a free-text reason: the typed detail
# masks it as free text, while the tracking number above is kept whole.
NUM2=$(grep '^P0000002,' "$SCRATCH/numbers.txt" | cut -d, -f2)
as_yamada person inquiry-name P0000002 --name '吉田　一郎' --reason "番号 $NUM2 の方"
check "a number typed into a reason is masked in audit show" \
	eval 'as_yamada audit show --action jlis.inquiry-name && contains "$OUT" "reason=番号 ********${NUM2:8} の方" && ! contains "$OUT" "$NUM2"'

TODAY=$(TZ=Asia/Tokyo date +%F)
P=$SCRATCH/pkg
as_yamada audit export --from 2020-01-01 --to "$TODAY" --out "$P"
check "audit export writes the package" eval '[ "$RC" -eq 0 ] && contains "$OUT" "exported 13 files" && [ -f "$P/README.txt" ] && [ -f "$P/SHA256SUMS.sig" ]'

run export verify "$P"
check "export verify passes a fresh package" eval '[ "$RC" -eq 0 ] && contains "$OUT" "package verified"'

mkdir -p "$SCRATCH/key"
as_yamada audit checkpoint --out "$SCRATCH/key"
run export verify "$P" --key "$SCRATCH/key/pubkey.pem"
check "export verify passes with the vault's key pinned" eval '[ "$RC" -eq 0 ]'

# Workbooks of the tables, for the office's spreadsheets, beside the package.
run export sheets "$P"
check "export sheets without --out is a usage error" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--out"'
run export sheets "$P" --out "$SCRATCH/sheets"
check "export sheets writes a workbook per table, every one a ZIP" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "wrote 6 workbooks" && [ "$(ls "$SCRATCH/sheets" | grep -c "\.xlsx$")" -eq 6 ] && [ "$(head -c 2 "$SCRATCH/sheets/accounts.xlsx")" = PK ]'
run export verify "$P"
check "the package still verifies after its workbooks were written" eval '[ "$RC" -eq 0 ]'
run export sheets "$P" --out "$SCRATCH/sheets"
check "an existing folder is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "new folder"'

check "CSV files start with a UTF-8 BOM and end lines with CRLF" \
	eval '[ "$(head -c 3 "$P/audit-records.csv" | od -An -tx1 | tr -d " ")" = efbbbf ] && [ "$(grep -c $'"'"'\r$'"'"' "$P/accounts.csv")" -eq "$(wc -l <"$P/accounts.csv")" ]'

check "the number counts are in the package by channel and state" \
	eval 'grep -q "^member,entered,6" "$P/number-collection.csv"'

check "media-custody.csv: every step of the medium with people, witness and SHA-256s" \
	eval '[ "$(grep -c "^M0001," "$P/media-custody.csv")" -eq 6 ] && grep -q "^M0001,packed,[0-9-]*,yamada,sato," "$P/media-custody.csv" && grep -q "^M0001,disposed,.*,shredded," "$P/media-custody.csv" && grep -q "00133033N1Y.csv:$FSHA" "$P/media-custody.csv" && grep -q "$MSHA" "$P/media-custody.csv" && grep -q "JLIS-5" "$P/media-custody.csv"'
check "disposal-register.csv lists the disposal; no password in either" \
	eval 'grep -q ",M0001,shredded,yamada,sato,$MSHA," "$P/disposal-register.csv" && ! grep -qF "$MPW" "$P/media-custody.csv" "$P/disposal-register.csv" && [ "$(head -c 3 "$P/disposal-register.csv" | od -An -tx1 | tr -d " ")" = efbbbf ]'
check "the 12-digit tracking number is whole in audit show, the custody log and the exported records" \
	eval 'grep -q "^M0001,shipped,.*,セキュリティ便,123456789018,A-9," "$P/media-custody.csv" && grep -q "tracking=123456789018 seal=A-9" "$P/audit-records.csv" && as_yamada audit show --action media.ship && contains "$OUT" "tracking=123456789018"'
check "the README describes both media files" \
	eval 'grep -q "media-custody.csv .*custody step" "$P/README.txt" && grep -q "disposal-register.csv .*disposal register" "$P/README.txt"'

found=0
while IFS=, read -r _ num; do
	if grep -rqF "$num" "$P"; then found=1; fi
done <"$SCRATCH/numbers.txt"
check "no full test number appears anywhere in the package" eval '[ "$found" -eq 0 ] && grep -q "F-\*\*\*\*\*\*\*\*" "$P/audit-records.csv"'

# The README's commands, run literally in the package folder with the
# program under test on PATH.
mkdir -p "$SCRATCH/bin" && ln -sf "$MYNADESK" "$SCRATCH/bin/mynadesk"
grep '^    \$ ' "$P/README.txt" | sed 's/^    \$ //' >"$SCRATCH/readme-cmds"
check "the README shows sha256sum and openssl commands" \
	eval 'grep -q "^sha256sum -c SHA256SUMS$" "$SCRATCH/readme-cmds" && [ "$(grep -c "^openssl pkeyutl -verify" "$SCRATCH/readme-cmds")" -eq 2 ]'
allok=1
while IFS= read -r cmd; do
	if ! (cd "$P" && PATH="$SCRATCH/bin:$PATH" bash -c "$cmd") >"$SCRATCH/cmd.out" 2>&1; then
		allok=0
		echo "# README command failed: $cmd"
		sed 's/^/# /' "$SCRATCH/cmd.out"
	fi
done <"$SCRATCH/readme-cmds"
check "every README command succeeds as printed" eval '[ "$allok" -eq 1 ]'
fp=$(cd "$P" && openssl pkey -pubin -in pubkey.pem -outform DER | sha256sum | cut -d" " -f1)
check "the openssl fingerprint is the one in the README" eval 'grep -qF "$fp" "$P/README.txt"'

# Every byte of every file matters: change one byte in the middle of each.
named_all=1
for f in "$P"/*; do
	name=$(basename "$f")
	rm -rf "$SCRATCH/t" && cp -r "$P" "$SCRATCH/t"
	size=$(stat -c %s "$SCRATCH/t/$name")
	off=$((size / 2))
	orig=$(od -An -tu1 -j "$off" -N1 "$SCRATCH/t/$name" | tr -d ' ')
	printf "$(printf '\\%03o' $(((orig + 1) % 256)))" |
		dd of="$SCRATCH/t/$name" bs=1 seek="$off" conv=notrunc status=none
	run export verify "$SCRATCH/t"
	if [ "$RC" -eq 0 ] || ! contains "$ERR" "$name:"; then
		named_all=0
		echo "# changing $name at $off: rc=$RC: $ERR"
	fi
done
check "a changed byte in any file fails verify and names the file" eval '[ "$named_all" -eq 1 ]'

# A record removed from the CSV: caught by its sum, and by the chain even
# when the sums are recomputed.
rm -rf "$SCRATCH/t" && cp -r "$P" "$SCRATCH/t"
sed -i '6d' "$SCRATCH/t/audit-records.csv"
run export verify "$SCRATCH/t"
check "a removed record fails verify naming the file and the record" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "audit-records.csv: its SHA-256 differs" && contains "$ERR" "record 5 is missing"'
(cd "$SCRATCH/t" && sed 's/^[0-9a-f]*  //' SHA256SUMS | xargs sha256sum >SHA256SUMS.new && mv SHA256SUMS.new SHA256SUMS)
run export verify "$SCRATCH/t"
check "with the sums recomputed, the missing record and the broken signature are named" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "record 5 is missing" && contains "$ERR" "SHA256SUMS.sig:" && ! contains "$ERR" "its SHA-256 differs"'

# A record changed and its hash recomputed: the link from the next one
# breaks, and the records no longer give the signed root.
rm -rf "$SCRATCH/t" && cp -r "$P" "$SCRATCH/t"
sed -i '3s/schema.migrate/schema.migrata/' "$SCRATCH/t/audit-records.csv"
run export verify "$SCRATCH/t"
check "a changed record is named by its sequence" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "record 2 was changed"'

# Re-signed with another key.
openssl genpkey -algorithm ed25519 -out "$SCRATCH/other.key" 2>/dev/null
rm -rf "$SCRATCH/t" && cp -r "$P" "$SCRATCH/t"
openssl pkeyutl -sign -inkey "$SCRATCH/other.key" -rawin -in "$SCRATCH/t/checkpoint.txt" -out "$SCRATCH/t/checkpoint.sig"
run export verify "$SCRATCH/t"
check "a checkpoint signed with another key fails" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "checkpoint.sig: the signature of checkpoint.txt does not verify"'
(cd "$SCRATCH/t" && openssl pkey -in "$SCRATCH/other.key" -pubout -out pubkey.pem &&
	sed 's/^[0-9a-f]*  //' SHA256SUMS | xargs sha256sum >SHA256SUMS.new && mv SHA256SUMS.new SHA256SUMS &&
	openssl pkeyutl -sign -inkey "$SCRATCH/other.key" -rawin -in SHA256SUMS -out SHA256SUMS.sig)
run export verify "$SCRATCH/t" --key "$SCRATCH/key/pubkey.pem"
check "a package re-signed throughout with another key fails against the vault's key" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "pubkey.pem: not the expected key"'

rm -rf "$SCRATCH/t" && cp -r "$P" "$SCRATCH/t" && echo x >"$SCRATCH/t/extra.txt" && rm "$SCRATCH/t/accounts.csv"
run export verify "$SCRATCH/t"
check "an extra file and a missing file are both named" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "extra.txt: a file that SHA256SUMS does not list" && contains "$ERR" "accounts.csv: missing"'

as_yamada audit export --from 2020-01-01 --to "$TODAY" --out "$P"
check "export refuses a folder that is not empty" eval '[ "$RC" -eq 1 ] && contains "$ERR" "not empty"'

as_yamada audit export --from 2020-01-01 --to 2020-01-02 --out "$SCRATCH/empty"
run export verify "$SCRATCH/empty"
check "a period without records exports and verifies" eval '[ "$RC" -eq 0 ] && grep -q "^first 0$" "$SCRATCH/empty/audit-proof.txt"'

as_yamada audit export --from 2020-01-03 --to 2020-01-02 --out "$SCRATCH/bad"
check "a period that ends before it starts is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "before it starts"'

as_yamada audit show --action audit.export
check "the export is in the audit log with its manifest hash" eval 'contains "$OUT" "manifest="'

# The daily report and the head on paper.
as_yamada audit report --out "$SCRATCH/report.txt"
check "the daily report counts actions and users and ends with the head" \
	eval '[ "$RC" -eq 0 ] && grep -q "number.enter *6" "$SCRATCH/report.txt" && grep -q "yamada" "$SCRATCH/report.txt" && grep -qE "^  ([0-9a-f]{8} ){7}[0-9a-f]{8}$" "$SCRATCH/report.txt"'
head=$(grep -E "^  ([0-9a-f]{8} ){7}[0-9a-f]{8}$" "$SCRATCH/report.txt")
as_yamada audit verify --head "$head"
check "the head typed in from the report is found in the chain" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "head found: record"'
bad=$(echo "$head" | tr 0123456789abcdef 123456789abcdef0)
as_yamada audit verify --head "$bad"
check "an unknown head fails loudly" eval '[ "$RC" -eq 1 ] && contains "$ERR" "HEAD NOT FOUND"'
as_yamada audit verify --head "12ab"
check "a head that is not 64 hex digits is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "64 hexadecimal"'

# --out never replaces a file or follows a link planted where it will write.
echo keep >"$SCRATCH/victim"
ln -s "$SCRATCH/victim" "$SCRATCH/link.txt"
as_yamada audit report --out "$SCRATCH/link.txt"
check "audit report --out does not follow a symbolic link" \
	eval '[ "$RC" -eq 1 ] && [ "$(cat "$SCRATCH/victim")" = keep ]'
as_yamada audit report --out "$SCRATCH/report.txt"
check "audit report --out does not overwrite an existing report" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "already exists" && grep -q yamada "$SCRATCH/report.txt"'
mkdir -p "$SCRATCH/cpl"; ln -s "$SCRATCH/victim" "$SCRATCH/cpl/checkpoint.sig"
as_yamada audit checkpoint --out "$SCRATCH/cpl"
check "audit checkpoint --out does not write through a planted link" \
	eval '[ "$RC" -eq 1 ] && [ "$(cat "$SCRATCH/victim")" = keep ]'

as_yamada audit report --date 2020-01-01
check "a report for a day without records still gives the head" eval '[ "$RC" -eq 0 ] && contains "$OUT" "records: 0"'

# An export killed while naming its files: some sections have their
# names, the signature and the manifest (named last) still have dot-names.
# That is no package, and the next export into the folder clears it.
H=$SCRATCH/half
cp -a "$P" "$H"
mv "$H/SHA256SUMS" "$H/.SHA256SUMS"
mv "$H/SHA256SUMS.sig" "$H/.SHA256SUMS.sig"
as_yamada audit export --from 2020-01-01 --to "$TODAY" --out "$H"
check "an export killed while naming its files does not block the next" \
	eval '[ "$RC" -eq 0 ] && [ -f "$H/SHA256SUMS" ] && [ ! -e "$H/.SHA256SUMS" ] && (cd "$H" && sha256sum -c --quiet SHA256SUMS)'
cp -a "$P" "$SCRATCH/mine"
mv "$SCRATCH/mine/SHA256SUMS" "$SCRATCH/mine/.SHA256SUMS"
echo "a note of mine" >"$SCRATCH/mine/notes.txt"
as_yamada audit export --from 2020-01-01 --to "$TODAY" --out "$SCRATCH/mine"
check "a file that is no part of a package still keeps the folder refused" \
	eval '[ "$RC" -ne 0 ] && [ -f "$SCRATCH/mine/notes.txt" ] && contains "$ERR" "not empty"'

as_yamada audit show --action audit.checkpoint
check "a daily checkpoint was signed at the day's first action" eval 'contains "$OUT" "reason=daily"'
finish
