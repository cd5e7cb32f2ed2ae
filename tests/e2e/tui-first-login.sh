#!/bin/bash
# End-to-end: at the console, the first login with a password that an
# administrator set asks for a password of the user's own before anything
# else, and the temporary one stops working.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 5

V=$SCRATCH/vault
A='Kokuho-2026-pass'
T='Temporary-2026-x'
N='Own-choice-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$T" >/dev/null

tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>$SCRATCH/err; echo EXIT=\$?; sleep 30"
tm_wait "Log in" >/dev/null
tm_text sato; tm_keys Tab; tm_text "$T"; tm_keys Enter
check "the login screen asks for a new password" tm_wait "choose your own" 20
check "and shows no home screen yet" eval '! tm_screen | grep -q "Home"'
tm_text "$N"; tm_keys Enter
tm_wait "again" >/dev/null
tm_text "$N"; tm_keys Enter
check "with the new password typed twice, the home screen opens" tm_wait "Home" 20
tm_keys F10
tm_wait "EXIT=" >/dev/null
tm_stop

run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$T"
rc_old=$RC
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$N"
check "the temporary password no longer opens the vault" eval '[ "$rc_old" -eq 1 ]'
check "the new one does, with nothing more to change" eval '[ "$RC" -eq 0 ]'

finish
