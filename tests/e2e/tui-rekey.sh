#!/bin/bash
# End-to-end: a console left open while an administrator changes the data
# key elsewhere (a lock, or vault rekey) cannot read any more. It must say
# why and what to do (log in again), not send the clerk to restore a
# backup of a vault that is fine; and logging in again works.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 3

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name テスト組合 --admin yamada --password-fd 3 3<<<"$A" >/dev/null

tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; sleep 30"
tm_wait "Log in"
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "0 persons"
"$MYNADESK" vault rekey --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
tm_keys 1
tm_wait "Home > Insured"
tm_text ヤマダ
tm_keys Enter
check "the open console says the data key changed and to log in again" \
	tm_wait "log in again"
check "and does not send the clerk to restore a backup first" \
	eval '! tm_screen | grep -q "damaged or the key"'
tm_stop
run audit verify --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "a new login opens the vault with the new key" eval '[ "$RC" -eq 0 ]'
finish
