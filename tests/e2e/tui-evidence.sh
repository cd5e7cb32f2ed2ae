#!/bin/bash
# End-to-end: evidence in the console and on the command line: a screenshot
# added from a typed path with a title and a test reference, its details
# with the SHA-256, a copy written out byte for byte, no overwrite, a bad
# reference refused, the size limit, and the audit log.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 25

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

cat >"$SCRATCH/persons.csv" <<'CSV'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20200401,
CSV
as_yamada person import "$SCRATCH/persons.csv"
check "a person is imported for the test" eval '[ "$RC" -eq 0 ]'

# A screenshot: PNG magic, then 100 KB that no chunking bug would keep.
{ printf '\x89PNG\r\n\x1a\n'; head -c 100000 /dev/urandom; } >"$SCRATCH/shot.png"
SUM=$(sha256sum "$SCRATCH/shot.png" | cut -c1-64)

tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "Audit log" >/dev/null
tm_keys 6
check "home area 6 opens the evidence list, empty at first" tm_wait "No evidence yet"
tm_keys F1
check "F1 shows the screen's help" tm_wait "Files kept as evidence"
tm_keys Space
tm_gone "Files kept as evidence" >/dev/null

tm_keys a
tm_wait "File path" >/dev/null
tm_text "$SCRATCH/shot.png"
tm_keys Enter
tm_text "接続テスト画面"
tm_keys Enter
tm_text "person:P9999"
tm_keys Enter
check "a person key that is not in the vault is refused, in the console's words" \
	eval 'tm_wait "About: the vault has no such person or medium" && ! tm_screen | grep -q -- "--about"'
tm_keys C-u
tm_text "nobody"
tm_keys Enter
check "a malformed reference is refused in the console's words, not --about" \
	eval 'tm_wait "About: person:KEY, medium:ID or test:NAME" && ! tm_screen | grep -q -- "--about"'
tm_keys C-u
tm_text "test:connection"
tm_keys Enter
check "the file is added with its type and hash" tm_wait "evidence 1 added: image/png, sha256 ${SUM:0:12}"
check "the list shows it: title, reference, size, type" \
	eval 'tm_screen | grep -qE "^ +1 +20[0-9-]+ +yamada +接続テスト画面 +test:connection +97.7 KB +image/png"'

tm_keys Enter
check "Enter shows the details with the full SHA-256" tm_wait "$SUM"
check "the details name the original file and exact size" \
	eval 'tm_screen | grep -q "shot.png" && tm_screen | grep -q "100008 bytes"'
tm_keys g
tm_wait "Write a copy of evidence 1" >/dev/null
tm_keys Enter
check "an empty path asks for the file in the form's words, not --out" \
	eval 'tm_wait "type the file to write the copy to" && ! tm_screen | grep -q -- "--out"'
tm_text "$SCRATCH/copy.png"
tm_keys Enter
check "g writes a copy, checked on the way out" tm_wait "evidence 1 written to $SCRATCH/copy.png, SHA-256 checked"
check "the copy is byte for byte the original" cmp -s "$SCRATCH/shot.png" "$SCRATCH/copy.png"
tm_keys g
tm_text "$SCRATCH/copy.png"
tm_keys Enter
check "an existing file is never overwritten" tm_wait "already exists: mynadesk never overwrites"
tm_keys Escape
tm_keys Escape
tm_keys Escape
check "Esc goes back to home" tm_wait "Audit log"
tm_keys F10
tm_wait "Quit mynadesk? (y/n)" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done

as_yamada evidence list
check "the command line lists the same evidence (tab-separated)" \
	eval '[ "$RC" -eq 0 ] && [ "$(echo "$OUT" | cut -f1,3,4,5,6,7,8)" = "$(printf "1\tyamada\t接続テスト画面\ttest:connection\t100008\timage/png\t%s" "${SUM:0:12}")" ]'
as_yamada evidence get 1 --out "$SCRATCH/copy.png"
check "the command line refuses to overwrite too" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already exists"'
as_yamada evidence get 1 --out "$SCRATCH/copy2.png"
check "evidence get writes a second identical copy" eval '[ "$RC" -eq 0 ] && cmp -s "$SCRATCH/shot.png" "$SCRATCH/copy2.png"'
as_yamada evidence add "$SCRATCH/shot.png" --title x --about medium:
check "a malformed --about is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "--about"'
as_yamada settings set evidence-max-mb 1
head -c 1048577 /dev/zero >"$SCRATCH/big.bin"
as_yamada evidence add "$SCRATCH/big.bin" --title "too big"
check "the size limit gives a clear message naming the setting" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "over the evidence limit of 1 MB" && contains "$ERR" "evidence-max-mb"'
as_yamada audit show --action evidence.add
check "adding is audited with the hash" eval 'contains "$OUT" "sha256=$SUM" && contains "$OUT" "evidence:1"'
as_yamada audit show --action evidence.get
check "both copies out are audited" eval '[ "$(echo "$OUT" | grep -c "sha256=$SUM")" -eq 2 ]'
check "the console exits cleanly" grep -q "EXIT=0" "$SCRATCH/exit"

# The limit in the console: said in MB, without the setting's name.
tm_stop
tm_login_home "$V" yamada "$A"
tm_keys 6
tm_wait "Evidence" >/dev/null
tm_keys a
tm_wait "up to 1 MB" >/dev/null
tm_text "$SCRATCH/big.bin"
tm_keys Enter
tm_text "too big"
tm_keys Enter
tm_keys Enter
check "a file over the limit is refused with the limit in MB, not the setting's name" \
	eval 'tm_wait "evidence is kept up to 1 MB" && ! tm_screen | grep -q "evidence-max-mb"'
# The message wraps rather than losing its end (what to do), at 80
# columns and at 60.
for w in 80 60; do
	tmux -L "$TMUX_SOCK" resize-window -t t -x "$w" -y 20 2>/dev/null
	check "at $w columns the refusal wraps and keeps what to do" \
		eval 'tm_wait "raise the limit." && [ "$(tm_screen | wc -L)" -le "$w" ]'
done
tm_stop
finish
