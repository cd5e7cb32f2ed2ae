#!/bin/bash
# End-to-end: locking a user changes the data key. A clerk who kept a copy
# of vault.keys (or of their slot) can take the old data key out of it with
# their own password; after the lock, that key no longer opens vault.db,
# while every remaining user and the recovery key still do.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 12

SLOTOPEN=${TOP_BUILDDIR:-.}/tests/helpers/slot-open
V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
K='Third-pass-2026!'
run_pw "$A" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3
RECOVERY=$(echo "$OUT" | grep -oE '([0-9A-F]{4}-){15}[0-9A-F]{4}')
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
"$MYNADESK" user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$K" 5<<<"$S" >/dev/null
first_login "$V" kato "$K"

cp "$V/vault.keys" "$SCRATCH/kept.keys"
out=$("$SLOTOPEN" "$SCRATCH/kept.keys" "$V/vault.db" kato <<<"$K")
check "before the lock, kato's own slot gives a key that opens vault.db" \
	eval 'contains "$out" "opens"'

run user lock kato --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "an administrator locks kato and is told the data key changed" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "data key"'
out=$("$SLOTOPEN" "$SCRATCH/kept.keys" "$V/vault.db" kato <<<"$K")
check "after the lock, the key from kato's kept slot no longer opens vault.db" \
	eval 'contains "$out" "does not open"'
out=$("$SLOTOPEN" "$V/vault.keys" "$V/vault.db" sato <<<"$S")
check "sato's slot in the current vault.keys gives the new key" \
	eval 'contains "$out" "opens"'

run audit verify --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the administrator still logs in, and the chain is intact" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "intact"'
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$S"
check "the remaining clerk still logs in" eval '[ "$RC" -eq 0 ]'
run_pw "$RECOVERY" audit verify --vault "$V" --recovery-key-fd 3
check "the recovery key still opens the vault" eval '[ "$RC" -eq 0 ]'
run audit show --action vault.rekey --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the change of key is in the audit log, with its reason" \
	eval 'contains "$OUT" "vault.rekey" && contains "$OUT" "user.lock"'
[ -e "$V/vault.keys.next" ]
check "no pending key file is left" eval '[ ! -e "$V/vault.keys.next" ]'

# The key can be changed on demand too: by an administrator only.
run vault rekey --vault "$V" --user sato --password-fd 3 3<<<"$S"
check "a clerk may not change the data key" eval '[ "$RC" -ne 0 ]'
cp "$V/vault.keys" "$SCRATCH/before.keys"
run vault rekey --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "an administrator changes the data key on demand" eval '[ "$RC" -eq 0 ]'
out=$("$SLOTOPEN" "$SCRATCH/before.keys" "$V/vault.db" sato <<<"$S")
check "and the key from the previous vault.keys no longer opens vault.db" \
	eval 'contains "$out" "does not open"'

finish
