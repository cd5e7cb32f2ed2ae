#!/bin/bash
# End-to-end: NO_COLOR turns the console's colours off (bold and reverse
# stay), and the account list shows its times in Japan time, labelled.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 4

V=$SCRATCH/vault
A='Kokuho-2026-pass'
# The hour the account is created, in Japan time, read before and after.
H1=$(TZ=Asia/Tokyo date '+%Y-%m-%d %H')
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
H2=$(TZ=Asia/Tokyo date '+%Y-%m-%d %H')

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	for i in $(seq 1 4); do skip "step $i" "no ja_JP.UTF-8 locale"; done
	finish
fi

# SGR colour codes (30-37, 40-47, 38;5;N, 48;5;N) in a capture with escapes.
colours() { tmux -L "$TMUX_SOCK" capture-pane -e -p -t t | grep -qE $'\e\\[([0-9]*;)*(3[0-8]|4[0-8])(;[0-9]+)*m'; }

start() {
	tm_start 80 24 "env $1 LANG=$JA LC_ALL=$JA LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/err; sleep 30"
	tm_wait "ログイン" >/dev/null
	tm_text yamada
	tm_keys Tab
	tm_text "$A"
	tm_keys Enter
	tm_wait "監査ログ" >/dev/null
}

start "NO_COLOR="
check "without NO_COLOR the console uses colours" colours
tm_stop
start "NO_COLOR=1"
check "NO_COLOR=1 turns every colour off" eval '! colours'
tm_keys 8
check "the account list says its times are Japan time" \
	eval 'tm_wait "日時は日本時間" && tm_screen | grep -qE "yamada .*($H1|$H2):[0-9]{2}"'
tm_stop
check "the consoles wrote nothing to stderr" eval '[ ! -s "$SCRATCH/err" ]'
finish
