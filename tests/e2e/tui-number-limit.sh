#!/bin/bash
# End-to-end: the collection limit on the console's number entry screen.
# A former insured (the qualification lost before the day received) is
# refused as the screen opens, with the reason and the cursor on the day
# received, before the reception number or the digits are asked; a day
# received while still insured lets the entry go on. A number erased after
# retention is refused whatever day is typed. A current insured is asked
# as before, so the refusal is not the screen's default.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 7

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
# A valid test number (check digit right).
N1=621498320257

"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
run user add sato --role supervisor --vault "$V" --user yamada --password-fd 3 --new-password-fd 4 3<<<"$A" 4<<<"$S"
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

# P0001 lost the qualification in 2020 and its number was erased after
# retention; P0002 lost it in 2020 and never gave a number; P0003 is
# insured.
cat >"$SCRATCH/persons.csv" <<'EOF'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,20200331
P0002,133033,12,346,1,,田中 一,タナカ　ハジメ,19700101,1,東京都中央区銀座2-2,131024,1,,20100401,20200131
P0003,133033,12,347,1,,佐藤 次郎,サトウ　ジロウ,19660909,1,東京都中央区銀座2-3,131024,1,,20190601,
EOF
as_yamada person import "$SCRATCH/persons.csv"
R1=$RC
as_yamada idproof record --person P0001 --channel member --mode in-person --doc mynumber-card
run number enter --person P0001 --channel member --received 2019-04-01 --doc F-1 --number-fd 4 \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$N1"
R2=$RC
run number confirm --person P0001 --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$N1"
R3=$RC
run number delete --person P0001 --checker sato --checker-password-fd 4 \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"
check "setup: three persons, P0001's number entered, confirmed and erased" \
	eval '[ "$R1$R2$R3$RC" = 0000 ] || { echo "# $ERR"; false; }'

# The row the cursor is on, and the row that shows a text.
cursor_row() { tmux -L "$TMUX_SOCK" display -p -t t '#{cursor_y}'; }
row_of() { tm_screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 - 1 }'; }

# open_entry KANA KEY: from home, the person's number entry screen.
open_entry() {
	tm_keys Escape Escape Escape
	tm_wait "Audit log" >/dev/null
	tm_keys 1
	tm_wait "Home > Insured" >/dev/null
	tm_keys C-u
	tm_text "$1"
	tm_keys Enter
	tm_wait "$2" >/dev/null
	tm_keys Enter
	tm_wait "Home > Insured > Person" >/dev/null
	tm_keys e
	tm_wait "Home > Insured > Person > Enter number" >/dev/null
}

tm_login_home "$V" yamada "$A"
open_entry タナカ P0002
check "a former insured is refused as the entry opens, with the reason" \
	eval 'tm_wait "lost the qualification on 2020-01-31" && tm_screen | grep -q "only for a current insured"'
check "the cursor is on the day received, before anything more is asked" \
	eval '[ "$(cursor_row)" = "$(row_of "YYYY-MM-DD")" ]'
# Received while still insured: the entry goes on to the reception number.
tm_keys C-u
tm_text 2019-12-01
tm_keys Enter
check "a day received before the loss lets the entry go on" \
	eval 'tm_gone "lost the qualification" && [ "$(cursor_row)" = "$(row_of "the office'"'"'s number")" ]'

open_entry ヤマダ P0001
tm_wait "Enter number" >/dev/null
tm_keys C-u
tm_text 2019-01-01
tm_keys Enter
check "an erased number is refused whatever day it was received" \
	eval 'tm_wait "was erased after the retention period" && [ "$(cursor_row)" = "$(row_of "YYYY-MM-DD")" ]'

open_entry サトウ P0003
tm_wait "< member" >/dev/null
tm_keys Enter Enter
check "a current insured goes on past today's date to the reception number" \
	eval 'sleep 0.3; ! tm_screen | grep -q "lost the qualification" && [ "$(cursor_row)" = "$(row_of "the office'"'"'s number")" ]'
tm_stop

# In Japanese, the reason reads in Japanese and names the limit.
JA=ja_JP.UTF-8
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	tm_login_home_ja "$V" yamada "$A"
	tm_keys 1
	tm_text タナカ
	tm_keys Enter
	tm_wait P0002 >/dev/null
	tm_keys Enter
	tm_wait "田中 一" >/dev/null
	tm_keys e
	check "in Japanese the refusal names the collection limit" \
		eval 'tm_wait "収集の制限" || { tm_screen | sed "s/^/# /"; false; }'
	tm_stop
else
	skip "no ja_JP.UTF-8 locale"
fi
finish
