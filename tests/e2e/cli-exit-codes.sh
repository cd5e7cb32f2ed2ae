#!/bin/bash
# End-to-end: every row of the man page's EXIT STATUS table, each from the
# error's code through the dispatcher: 0 done, 1 refused or failed (also
# when nothing was written because all input was refused), 2 usage or
# input that cannot be used at all. cli-usage.sh and cli-help.sh check
# more usage errors; here each kind of cause has one case.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 19

V=$SCRATCH/vault
A='Kokuho-2026-pass'
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
# No terminal and no descriptor: a prompt would fail, so a 2 below shows
# the error was found before any password was asked.
run_alone() {
	setsid -w "$MYNADESK" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
	RC=$?
	ERR=$(cat "$SCRATCH/err")
}

# 0
as_yamada audit verify
check "0: the action was done" eval '[ "$RC" -eq 0 ]'

# 1
run audit verify --vault "$V" --user yamada --password-fd 3 3<<<"Not-the-pass-1"
check "1: the vault could not be opened (wrong password)" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "wrong user name or password"'
run audit verify --vault "$SCRATCH/none" --user yamada --password-fd 3 3<<<"$A"
check "1: the vault could not be opened (no vault there)" eval '[ "$RC" -eq 1 ]'
as_yamada user lock yamada
check "1: the action was refused (the last administrator)" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "last active administrator"'
printf 'a,b\n1,2\n' >"$SCRATCH/bad.csv"
as_yamada person import "$SCRATCH/bad.csv"
check "1: nothing written because the input was refused" eval '[ "$RC" -eq 1 ]'
run_alone --vault "$V"
check "1: the console without a terminal" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "terminal"'

# 2
run_alone nosuch
check "2: an unknown command" eval '[ "$RC" -eq 2 ]'
run_alone audit show --nosuch --vault "$V" --user yamada
check "2: an unknown option" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--nosuch"'
run_alone audit verify --checker sato --vault "$V" --user yamada
check "2: an option that does not apply to the command" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "does not apply"'
run_alone audit show --vault "$V" --user yamada --limit
check "2: an option without its value" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "needs a value"'
run_alone audit show --from 2026-13-45 --vault "$V" --user yamada
check "2: a value that is not valid" eval '[ "$RC" -eq 2 ] && contains "$ERR" "2026-13-45"'
run_alone number status --vault "$V" --user yamada
check "2: a required option missing" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--person"'
run_alone person show --person P1 extra --vault "$V" --user yamada
check "2: the wrong number of operands" eval '[ "$RC" -eq 2 ] && contains "$ERR" "extra"'
run_alone --idle-lock 999
check "2: a console argument that is not valid" eval '[ "$RC" -eq 2 ]'
run audit verify --vault "$V" --user yamada --password-fd 99
check "2: a password descriptor that cannot be read" eval '[ "$RC" -eq 2 ]'

# check: 0 clean, 1 problems found, 2 not checkable at all.
"$GEN" --count 3 >"$SCRATCH/p.csv"
run check --layout persons "$SCRATCH/p.csv"
check "check: 0 for a clean file" eval '[ "$RC" -eq 0 ]'
run check --layout persons "$SCRATCH/bad.csv"
check "check: 1 for a file with problems" eval '[ "$RC" -eq 1 ]'
run check --layout nosuch "$SCRATCH/p.csv"
check "check: 2 for an unknown layout" eval '[ "$RC" -eq 2 ] && contains "$ERR" "nosuch"'
run bulk check --kind persons "$SCRATCH/none.csv"
check "bulk check: 2 for a file that cannot be read" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "cannot read"'

finish
