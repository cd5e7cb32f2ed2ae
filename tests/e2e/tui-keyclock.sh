#!/bin/bash
# End-to-end: with MYNADESK_KEYCLOCK the console appends one line per key
# (milliseconds, nothing else: not what was typed) and does not follow a
# link planted at that name.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 3

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null

CLOCK=$SCRATCH/clock
tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= MYNADESK_KEYCLOCK=$CLOCK $MYNADESK --vault $V; sleep 30"
tm_wait Password >/dev/null
tm_text yamada		# six keys
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "Audit log" >/dev/null
tm_keys 1
tm_wait "Home > Insured" >/dev/null
sleep 0.2
N=$((6 + 1 + ${#A} + 1 + 1))
check "one line per key ($N keys)" eval '[ "$(wc -l <"$CLOCK")" -eq "$N" ]'
check "each line is a time in milliseconds and nothing else" \
	eval '! grep -qvE "^[0-9]+\.[0-9]{3}$" "$CLOCK" && ! grep -q yamada "$CLOCK"'
tm_stop

ln -s "$SCRATCH/target" "$SCRATCH/link"
tm_start 80 24 "env MYNADESK_KEYCLOCK=$SCRATCH/link $MYNADESK --vault $V; sleep 30"
tm_wait Password >/dev/null
tm_text y
sleep 0.3
check "a link at the clock's name is not followed" eval '[ ! -e "$SCRATCH/target" ]'
tm_stop

finish
