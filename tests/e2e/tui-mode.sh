#!/bin/bash
# End-to-end: the console says which mode it runs in. Started by a user on
# their own vault it is single-user mode (単独); service mode (サービス) is
# shown over SSH (tests/e2e/service-ssh.sh, as root).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 2

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	L=ja_JP.UTF-8 LOGIN="ログイン" MODE="[単独]" HOME_T="ホーム"
else
	L=C.UTF-8 LOGIN="Log in" MODE="[single-user]" HOME_T="Home"
fi
tm_start 100 30 "env LANG=$L LC_ALL=$L LANGUAGE= $MYNADESK --vault $V; sleep 30"
tm_wait "$LOGIN" >/dev/null
check "the login screen's status line says single-user mode" \
	eval 'tm_screen | head -1 | grep -qF "$MODE" && ! tm_screen | grep -q "サービス\|\[service\]"'
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
check "so does the home screen's" eval 'tm_wait "$HOME_T" && tm_screen | head -1 | grep -qF "$MODE"'
tm_stop
finish
