#!/bin/bash
# End-to-end: help and usage errors as a user meets them. Help comes from
# the command table; a bad option value is refused with exit 2 before any
# password is asked (no descriptor is given and there is no terminal, so a
# prompt would fail with 1); a bare group word lists its commands.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 19

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
check "a usage error says where to read more" \
	eval 'contains "$ERR" "see: mynadesk help audit show"'
# Required options and operands are the table's, checked before any login.
run_alone number status --vault "$V" --user yamada
check "a missing required option exits 2, named, and asks no password" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "--person" && contains "$ERR" "see: mynadesk help number status" && ! contains "$ERR" "terminal"'
run_alone evidence add --title x --vault "$V" --user yamada
check "a missing operand exits 2 and asks no password" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "FILE" && ! contains "$ERR" "terminal"'
run_alone person show --person 1 extra --vault "$V" --user yamada
check "an operand too many exits 2 and asks no password" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "extra" && ! contains "$ERR" "terminal"'
run_alone pia --persons many --vault "$V" --user yamada
check "a count that is not a number exits 2 and asks no password" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "many" && ! contains "$ERR" "terminal"'
run help pia
check "an option's help is the command's: pia --persons is a count" \
	eval 'echo "$OUT" | grep -q "^  --persons N "'
run help number enter
check "the usage line marks required options and brackets the others" \
	eval 'echo "$OUT" | head -1 | grep -q -- "--person KEY .*\[--number-fd N\]"'
# The console's arguments go through the same parser.
run_alone -V
check "a bad console option is named in one line, exit 2" \
	eval '[ "$RC" -eq 2 ] && [ "$(echo "$ERR" | wc -l)" -eq 1 ] && contains "$ERR" "-V"'
run_alone --idle-lock 999
check "a bad idle-lock value is named, exit 2" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "999" && [ "$(echo "$ERR" | wc -l)" -le 2 ]'
finish
