#!/bin/bash
# End-to-end: keys are handled once, in the main loop, whatever form they
# come in: full-width digits and letters from a Japanese input method work
# on home and on the quit prompt, q goes back on a screen without a text
# field, and Tera Term's own F1 sequence opens the help.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 11

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	for i in $(seq 1 11); do skip "full-width keys step $i" "no ja_JP.UTF-8 locale"; done
	finish
fi

tm_start 80 24 "env LANG=$JA LC_ALL=$JA LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/err; echo EXIT=\$? >$SCRATCH/exit; sleep 30"
tm_wait "ログイン" >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "監査ログ" >/dev/null
tm_text "１"
check "a full-width 1 on home opens area 1" tm_wait "ホーム > 加入者"
tm_keys Escape
tm_wait "監査ログ" >/dev/null
tm_text "７"
check "a full-width 7 opens the audit log" tm_wait "ホーム > 監査"
tm_keys Escape
tm_wait "監査ログ" >/dev/null
tm_keys 8
tm_wait "ホーム > 管理" >/dev/null
check "the account list's key bar comes from its table" \
	eval 'tm_screen | tail -1 | grep -qE "^ a 利用者追加  Esc 戻る  F1 ヘルプ *$"'
tm_keys F1
check "and its help lists the same keys" \
	eval 'tm_wait "ヘルプを閉じます" && tm_screen | grep -q "a *利用者を追加します" && tm_screen | grep -q "Esc *前の画面に戻ります"'
tm_keys Space
tm_gone "ヘルプを閉じます" >/dev/null
tm_keys q
check "q goes back from a screen without a text field" \
	eval 'tm_gone "ホーム > 管理" && tm_screen | grep -q "監査ログ"'
check "home's key bar, made from its key table, fits 80 columns" \
	eval 'tm_screen | tail -1 | grep -qE "^ 1-8 業務  Enter 開く  F1 ヘルプ  F10 終了 *$"'
tm_text $'\e[11~'
check "Tera Term's F1 (ESC [ 11 ~) opens the help" tm_wait "ヘルプを閉じます"
check "the help lists every key of the table with what it does" \
	eval 'tm_screen | grep -q "1-8 *その番号の業務を開きます" && tm_screen | grep -q "Enter *選んでいる業務を開きます" && tm_screen | grep -q "q *終了します（確認あり。F10 と同じ）" && tm_screen | grep -q "F10 *終了します（確認あり）"'
tm_keys Space
tm_gone "ヘルプを閉じます" >/dev/null
tm_text "ｑ"
check "a full-width q on home asks before quitting" tm_wait "終了しますか"
tm_text "ｙ"
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "a full-width y on the quit prompt quits" grep -q "EXIT=0" "$SCRATCH/exit"
tm_stop
check "the console wrote nothing to stderr" eval '[ ! -s "$SCRATCH/err" ]'
finish
