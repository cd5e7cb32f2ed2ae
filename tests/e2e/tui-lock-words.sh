#!/bin/bash
# End-to-end: what the login and the idle lock say. A failed login says how
# many tries remain before the account locks; the lock names the idle time
# it really waited (--idle-lock 10s is ten seconds, not a minute); a wrong
# password at the lock is the user's own, not a second person's.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 5

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	for i in $(seq 1 5); do skip "lock words step $i" "no ja_JP.UTF-8 locale"; done
	finish
fi

tm_start 80 24 "env LANG=$JA LC_ALL=$JA LANGUAGE= $MYNADESK --vault $V --idle-lock 10s 2>>$SCRATCH/err; sleep 30"
tm_wait "ログイン" >/dev/null
tm_text yamada
tm_keys Tab
tm_text "Wrong-pass-2026"
tm_keys Enter
check "a failed login says how many tries remain" \
	eval 'tm_wait "利用者名またはパスワードが違います" && tm_screen | grep -q "あと 4 回"'
tm_text "$A"
tm_keys Enter
tm_wait "監査ログ" >/dev/null
check "the lock says the idle time it waited" \
	eval 'tm_wait "ロックされています" 25 && tm_screen | grep -q "10 秒間" && ! tm_screen | grep -q "1 分間"'
tm_text "Wrong-pass-2026"
tm_keys Enter
check "a wrong password at the lock is the user's own" \
	eval 'tm_wait "パスワードが違います" && ! tm_screen | grep -q "確認者"'
check "and it says how many tries remain" eval 'tm_screen | grep -q "あと 4 回"'
tm_stop
check "the console wrote nothing to stderr" eval '[ ! -s "$SCRATCH/err" ]'
finish
