#!/bin/bash
# End-to-end: what only a command knows of its arguments (an ID's form, a
# kind, a user name, one document at least) is checked by its entry's
# check, before the dispatcher logs in: exit 2, no password asked. No
# descriptor is given and there is no terminal, so a prompt would fail 1.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 10

V=$SCRATCH/vault
run_alone() {
	setsid -w "$MYNADESK" "$@" --vault "$V" --user yamada \
		>"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
	RC=$?
	ERR=$(cat "$SCRATCH/err")
}
no_prompt() { ! contains "$ERR" "terminal" && ! contains "$ERR" "password"; }

run_alone evidence get not-an-id --out "$SCRATCH/x"
check "evidence get: an ID that is no ID" eval '[ "$RC" -eq 2 ] && no_prompt'
run_alone media show
check "media show: no medium named" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--id" && no_prompt'
run_alone media register --format pdf
check "media register: a format not offered" eval '[ "$RC" -eq 2 ] && contains "$ERR" "text|csv|xlsx" && no_prompt'
run_alone bulk export --kind nosuch --out "$SCRATCH/d"
check "bulk export: an unknown kind" eval '[ "$RC" -eq 2 ] && contains "$ERR" "nosuch" && no_prompt'
run_alone bulk export --kind persons --out "$SCRATCH/d" --diff --retry
check "bulk export: --diff and --retry together" eval '[ "$RC" -eq 2 ] && no_prompt'
run_alone jlis receive answer.txt
check "jlis receive: neither CSV nor ZIP" eval '[ "$RC" -eq 2 ] && no_prompt'
run_alone user add 'bad name!' --role clerk
check "user add: a malformed name" eval '[ "$RC" -eq 2 ] && no_prompt'
run_alone user role sato wizard
check "user role: an unknown role" eval '[ "$RC" -eq 2 ] && contains "$ERR" "wizard" && no_prompt'
run_alone idproof record --person P1 --channel member --mode in-person
check "idproof record: nothing seen" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--doc" && no_prompt'
run_alone audit export --from 2026-04-01 --out "$SCRATCH/e"
check "audit export: --to missing" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--to" && no_prompt'
finish
