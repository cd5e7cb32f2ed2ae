#!/bin/bash
# End-to-end: what a clerk's password still opens. A backup carries only
# the administrators' and the recovery key's slots, so a clerk who takes a
# copy home (or has left) cannot open it.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 7

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"

run backup create "$SCRATCH/b.bak" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "an administrator writes a backup" eval '[ "$RC" -eq 0 ]'
run backup restore "$SCRATCH/b.bak" --vault "$SCRATCH/r1" --user sato --password-fd 3 3<<<"$S"
check "a clerk's password does not open the backup" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "wrong user name or password"'
run backup restore "$SCRATCH/b.bak" --vault "$SCRATCH/r2" --user yamada --password-fd 3 3<<<"$A"
check "a current administrator's password does" eval '[ "$RC" -eq 0 ]'
run backup restore "$SCRATCH/b.bak" --vault "$SCRATCH/r3" --user yamada --password-fd 99
check "a restore with a closed password descriptor is a usage error" \
	eval '[ "$RC" -eq 2 ] && [ ! -e "$SCRATCH/r3/vault.db" ]'

# A clerk keeps a copy of vault.keys, is locked, and puts the copy back.
K='Third-pass-2026!'
"$MYNADESK" user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$K" 5<<<"$S" >/dev/null
first_login "$V" kato "$K"
cp "$V/vault.keys" "$SCRATCH/old.keys"
run user lock kato --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "kato is locked" eval '[ "$RC" -eq 0 ]'
cp "$SCRATCH/old.keys" "$V/vault.keys"
run audit verify --vault "$V" --user kato --password-fd 3 3<<<"$K"
check "the old vault.keys put back does not let the locked clerk in" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "older copy"'
run audit verify --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "and is refused for everyone, with a clear message" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "put back the current vault.keys"'

finish
