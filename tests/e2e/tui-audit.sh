#!/bin/bash
# End-to-end: the audit viewer in tmux: the list with its chain status, a
# record opened with its hashes, filters by user, action and person, the
# chain check, an export started from the console, F1 and Esc.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 21

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name テスト組合 --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
printf '%s\nP1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,\n' "$H" >"$SCRATCH/x.csv"
"$MYNADESK" person import "$SCRATCH/x.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" idproof record --person P1 --channel member --mode in-person --doc mynumber-card --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" settings show --vault "$V" --user sato --password-fd 3 3<<<"$S" >/dev/null

tm_start 120 32 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; sleep 30"
tm_wait "Log in"
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "Home"
tm_keys 7
check "the audit list opens with the chain status and the filter line" \
	eval 'tm_wait "Home > Audit" && tm_screen | grep -q "Chain: not checked" && tm_screen | grep -q "Filter: none"'
check "records show newest first with user and action" eval 'tm_screen | grep -qE "yamada +login "'

tm_keys v
check "v verifies the chain and shows the count and head" tm_wait "Chain intact:"

tm_keys Down
tm_keys Enter
check "Enter opens a record with all fields and both hashes" \
	eval 'tm_wait "Previous hash" && tm_screen | grep -q "Chain position: record" && tm_screen | grep -qE "Time +[0-9-]{10} [0-9:]{8} \(Japan time\)"'
tm_keys F1
check "F1 shows the record screen's help" tm_wait "chains it to the record before"
tm_keys Space
tm_keys Escape
check "Esc goes back to the list" eval 'tm_wait "Filter:" && ! tm_screen | grep -q "Previous hash"'

tm_keys f
tm_wait "Person (key)"
tm_keys Tab Tab
tm_text sato
tm_keys Enter
check "a user filter shows only that user's records" \
	eval 'tm_wait "user=sato" && tm_screen | grep -qE "sato +login" && ! tm_screen | grep -qE "yamada +login "'

tm_keys f
tm_wait "Person (key)"
tm_keys Tab Tab C-u Tab
tm_text "idproof.*"
tm_keys Tab
tm_text P1
tm_keys Enter
check "action family and person filters find the identity check" \
	eval 'tm_wait "person=P1" && tm_screen | grep -q "ID check recorded" && ! tm_screen | grep -qE " login "'
check "the detail reads in words: the channel is the insured" \
	eval 'tm_screen | grep -q "channel: the insured"'

tm_keys f
tm_wait "Person (key)"
tm_text 2026-02-30
tm_keys Enter
check "an impossible date keeps the form open with a message" \
	eval 'tm_wait "not a day" && tm_screen | grep -q "Person (key)"'
tm_keys Escape
tm_wait "Filter:"

tm_keys e
tm_wait "New folder"
tm_keys Tab Tab
tm_text "$SCRATCH/pkg"
tm_keys Enter
check "e exports from the console" eval 'tm_wait "exported 13 files to" && [ -f "$SCRATCH/pkg/SHA256SUMS" ]'
run export verify "$SCRATCH/pkg"
check "the console's package verifies" eval '[ "$RC" -eq 0 ]'

tm_keys e
tm_wait "New folder"
tm_keys Tab Tab
tm_text "$SCRATCH/pkg"
tm_keys Enter
check "an export into a used folder is refused with a message" tm_wait "is not empty"
tm_keys Escape
tm_wait "Filter:"

# Every CLI command above added a login and a logout: l hides them.
tm_keys f
tm_wait "Person (key)"
tm_keys C-u Tab C-u Tab C-u Tab C-u Tab C-u Tab C-u Enter
tm_wait "Filter: none"
check "with no filter the CLI's logins show" eval 'tm_screen | grep -qE "sato +login "'
tm_keys l
check "l hides the login and logout records" \
	eval 'tm_wait "records hidden" && ! tm_screen | grep -qE "(yamada|sato) +(login|logout) " && tm_screen | grep -q "persons imported"'
tm_keys l
check "l again shows them" eval 'tm_wait "records shown" && tm_screen | grep -qE "sato +login "'
tm_keys Escape
check "Esc leaves the audit screen" eval 'tm_gone "Home > Audit" 5 && tm_screen | grep -q "Home"'
tm_stop

# In Japanese: actions and details in the clerk's words.
tm_start 120 32 "env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; sleep 30"
tm_wait "ログイン" >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "ホーム" >/dev/null
tm_keys 7
check "in Japanese the list names actions and details in words" \
	eval 'tm_wait "本人確認の記録" && tm_screen | grep -q "受付経路（本人）" && tm_screen | grep -q "加入者の取込み"'
tm_stop

# A record's detail in Japanese at 80 columns wraps rather than being cut:
# the import's ends with the counts, after the file's path and SHA-256.
# The same file again from a long folder name: a detail of six lines, which
# must not take the rows of the hashes below it.
SUM=$(sha256sum "$SCRATCH/x.csv" | cut -c1-64)
LONG=$SCRATCH/$(printf 'folder-%.0s' $(seq 1 24))
mkdir "$LONG" && cp "$SCRATCH/x.csv" "$LONG/x.csv"
"$MYNADESK" person import "$LONG/x.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
tm_login_home_ja "$V" yamada "$A"
tm_keys 7
tm_wait "ホーム > 監査" >/dev/null
tm_keys f
tm_wait "加入者 (個人ID)" >/dev/null
tm_keys Tab Tab Tab
tm_text "person.import"
tm_keys Enter
tm_wait "加入者の取込み" >/dev/null
tm_keys Enter
check "an opened record's long Japanese detail wraps, with more below" \
	eval 'tm_wait "続きがあります" && tm_screen | tr -d " \n" | grep -q "${SUM:48:16}）様式（persons/2）.*エラー行（0）"'
tm_keys NPage
check "PgDn shows the rest: both hashes whole, and the chain position" \
	eval 'tm_wait "ここまでです" && tm_screen | grep -A1 "^  ハッシュ " | tr -d " \n" | grep -qE "^ハッシュ[0-9a-f]{64}$" && tm_screen | grep -q "連鎖の位置"'
tm_keys Up
check "Up goes back a row" eval 'tm_wait "続きがあります"'
tm_stop
finish
