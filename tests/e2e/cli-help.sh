#!/bin/bash
# End-to-end: help and usage errors as a user meets them. Help comes from
# the command table; a bad option value is refused with exit 2 before any
# password is asked (no descriptor is given and there is no terminal, so a
# prompt would fail with 1); a bare group word lists its commands.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 10

V=$SCRATCH/vault
# Without a controlling terminal: a password prompt could only fail.
run_alone() {
	setsid -w "$MYNADESK" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
	RC=$?
	OUT=$(cat "$SCRATCH/out")
	ERR=$(cat "$SCRATCH/err")
}
run help
check "help lists the commands and says how to get one's options" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "audit verify" && contains "$OUT" "mynadesk help COMMAND"'
run help audit show
check "help CMD lists every option of the command, one a line" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -q "^  --limit N " && echo "$OUT" | grep -q "^  --from YYYY-MM-DD "'
run user add --help
check "CMD --help lists --checker for user add" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -q "^  --checker NAME "'
run audit
check "a bare group word lists its commands and exits 2" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "mynadesk audit verify" && [ "$(echo "$ERR" | wc -l)" -lt 15 ]'
run nosuch
check "an unknown command is named in one line, exit 2" \
	eval '[ "$RC" -eq 2 ] && [ "$(echo "$ERR" | wc -l)" -eq 1 ] && contains "$ERR" "nosuch"'
run help nosuch
check "help of an unknown command exits 2" eval '[ "$RC" -eq 2 ]'
run_alone audit show --from 2026-13-45 --vault "$V" --user yamada
check "an invalid date exits 2 and asks no password" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "2026-13-45" && ! contains "$ERR" "password" && ! contains "$ERR" "terminal"'
run_alone user add sato --role wizard --vault "$V" --user yamada
check "an unknown role exits 2 and asks no password" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "wizard" && ! contains "$ERR" "terminal"'
run_alone audit show --limit 0 --vault "$V" --user yamada
check "a limit out of range exits 2" eval '[ "$RC" -eq 2 ]'
run_alone audit show --nosuch --vault "$V" --user yamada
check "an unknown option exits 2" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--nosuch"'
finish
