#!/bin/bash
# End-to-end: the person screen shows 記号・番号・枝番 as on the card
# ("4000・1・01" in Japanese), found by a search of 記号/番号/枝番.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 3

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
cat >"$SCRATCH/persons.csv" <<'CSV'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost,branch
P0001,133033,4000,1,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20200401,,00
P0002,133033,4000,1,2,P0001,山田 花子,ヤマダ　ハナコ,19780115,2,東京都千代田区千代田1-1,131016,1,,20200401,,01
CSV
run person import "$SCRATCH/persons.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the persons are imported for the test" eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 added"'

JA=ja_JP.UTF-8
locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$' || JA=""
if [ -z "$JA" ]; then
	skip "the person screen shows 記号・番号 4000・1・01" "no ja_JP.UTF-8 locale"
	skip "the English screen shows 4000 / 1 / 01" "no ja_JP.UTF-8 locale"
	finish
fi

# open LOCALE PASSWORD-LABEL HOME: logs in and opens person P0002 by
# 記号/番号/枝番.
open() {
	tm_start 100 30 "env LANG=$1 LC_ALL=$1 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; sleep 30"
	tm_wait "$2" >/dev/null
	tm_text yamada
	tm_keys Tab
	tm_text "$A"
	tm_keys Enter
	tm_wait "$3" >/dev/null
	tm_keys 1
	sleep 0.2
	tm_text "4000/1/01"
	tm_keys Enter
	tm_wait "P0002" >/dev/null
	tm_keys Enter
}

open "$JA" "パスワード" "ホーム"
check "the person screen shows 記号・番号 4000・1・01" \
	eval 'tm_wait "4000・1・01" && tm_screen | grep -qE "記号・番号 +4000・1・01" && tm_screen | grep -q "山田 花子"'
tm_stop
open C.UTF-8 "Password" "Home"
check "the English screen shows 4000 / 1 / 01" \
	eval 'tm_wait "4000 / 1 / 01" && tm_screen | grep -qE "Symbol, number +4000 / 1 / 01"'
tm_stop
finish
