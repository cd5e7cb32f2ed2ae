#!/bin/bash
# End-to-end: the audit list at 80x24 in Japanese leaves the detail room.
# The action's name is capped with "…" (the longest Japanese names took
# 22 of the row's 78 columns and left the detail about 4), the subject too,
# and the time leaves out the year; at 130 columns the names show whole.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 6

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	for i in 1 2 3 4 5 6; do skip "no ja_JP.UTF-8 locale"; done
	finish
fi

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name テスト組合 --admin yamada --password-fd 3 3<<<"$A" >/dev/null
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
# チェックポイント署名 (20 columns) is among the long names; it and a
# setting change have a detail to read.
as_yamada audit checkpoint
R1=$RC
as_yamada settings set answer-overdue-days 30
check "setup: a checkpoint signed and a setting changed" eval '[ "$R1$RC" = 00 ]'

tm_login_home_ja "$V" yamada "$A"
tm_keys 7
tm_wait "絞込み" >/dev/null
# Hide the logins so the records above show.
tm_keys l
tm_wait "隠しました" >/dev/null
# The row of an action and the columns from 62 on (the detail's column).
row() { tm_screen | grep -F -- "$1" | head -1; }
detail_of() { row "$1" | cut -c63- | sed 's/ *$//'; }
check "a long action name is cut with …, its detail still read" \
	eval '[ "$(printf "%s" "$(detail_of "チェックポイン…")" | wc -m)" -ge 12 ]'
check "the setting change's detail shows whole, its long subject capped" \
	eval 'row "設定の変更" | grep -qE "answer-over… +from=28 to=30" || { row "設定の変更" | sed "s/^/# /"; false; }'
check "the time leaves out the year; no line is wider than the screen" \
	eval 'row "設定の変更" | grep -qE "^ +[0-9]+ [0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} yamada" && [ "$(tm_screen | wc -L)" -le 80 ]'
check "the column heads line up with the rows" \
	eval '[ "$(tm_screen | grep -F "連番" | grep -bo "詳細" | cut -d: -f1)" -gt 0 ] && tm_screen | grep -qE "連番 日本時間 +利用者名 +操作 +対象 +詳細"'
tmux -L "$TMUX_SOCK" resize-window -t t -x 130 -y 24 2>/dev/null
check "at 130 columns the name shows whole, with the year" \
	eval 'tm_wait "チェックポイント署名" && row "チェックポイント署名" | grep -qE " [0-9]{4}-[0-9]{2}-[0-9]{2} "'
tm_stop
finish
