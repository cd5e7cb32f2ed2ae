#!/bin/bash
# End-to-end: the home screen counts its figures when entered and again
# only when the vault changed: a person imported by another process shows
# on the open home screen, and one made while the clerk was elsewhere shows
# on coming back to home.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 3

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name テスト組合 --admin yamada --password-fd 3 3<<<"$A" >/dev/null
H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
P1="P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,"
P2="P2,133033,12,346,1,,佐藤　花子,サトウ　ハナコ,19800101,2,東京都千代田区千代田1-2,131016,1,,20100401,"
printf '%s\n%s\n' "$H" "$P1" >"$SCRATCH/a.csv"
printf '%s\n%s\n%s\n' "$H" "$P1" "$P2" >"$SCRATCH/b.csv"
"$MYNADESK" person import "$SCRATCH/a.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null

tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; sleep 30"
tm_wait "Log in"
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
check "home shows the figures once entered" tm_wait "1 person  (0 former"

"$MYNADESK" person import "$SCRATCH/b.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
check "a person imported by another process shows on the open home screen" \
	tm_wait "2 persons  (0 former"

tm_keys 3
tm_wait "Home > ID checks"
tm_keys Escape
tm_wait "2 persons  (0 former"
INC0=$(tm_screen | grep -oE "incomplete [0-9]+")
tm_keys 1
tm_wait "Home > Insured"
tm_text ヤマダ
tm_keys Enter
tm_wait "found: 1"
tm_keys Enter
tm_wait "Insured > Person"
"$MYNADESK" idproof record --person P2 --channel member --mode in-person --doc insurance-certificate --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
tm_keys Escape
tm_wait "found: 1"
tm_keys Escape
check "a change made while home was not shown appears on coming back" \
	eval 'tm_wait "incomplete 1" && [ "$INC0" = "incomplete 0" ]'
tm_stop
finish
