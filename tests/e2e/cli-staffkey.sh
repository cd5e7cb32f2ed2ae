#!/bin/bash
# End-to-end: staff keys in the service account's authorized_keys, managed
# from the command line by an administrator and a second person; and the
# service mode ignoring the environment's configuration.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 19

if ! command -v ssh-keygen >/dev/null; then
	for i in $(seq 1 19); do skip "staff keys" "ssh-keygen is not installed"; done
	exit 0
fi

V=$SCRATCH/vault
AK=$SCRATCH/ssh/authorized_keys
CONF=$SCRATCH/mynadesk.conf
A='Kokuho-2026-pass'
S='Second-pass-2026!'
K='Third-pass-2026!'
mkdir -m 700 "$SCRATCH/ssh" "$SCRATCH/inbox" "$SCRATCH/outbox"

"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
as_admin() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
MYNADESK_CONFIG=$SCRATCH/none
export MYNADESK_CONFIG
as_admin staff-key list
check "without a service configuration staff-key says which file is missing" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "$SCRATCH/none"'

cat >"$CONF" <<EOC
# test service
vault = $V
inbox = $SCRATCH/inbox
outbox = $SCRATCH/outbox
authorized_keys = $AK
command = /opt/mynadesk/bin/mynadesk
EOC
chmod 620 "$CONF"
MYNADESK_CONFIG=$CONF
as_admin staff-key list
check "a configuration others may write is refused" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "writable by no one else"'
chmod 600 "$CONF"

as_admin user add sato --role supervisor --new-password-fd 4 4<<<"$S"
first_login "$V" sato "$S"
as_admin user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"$S"
first_login "$V" kato "$K"
ssh-keygen -q -t ed25519 -N '' -C 'kato@pc' -f "$SCRATCH/kato"
ssh-keygen -q -t ed25519 -N '' -f "$SCRATCH/other"
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA foreign' >"$AK"
chmod 600 "$AK"

as_admin staff-key add kato "$SCRATCH/kato.pub"
check "adding a staff key needs a second person" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "second person" && [ "$(wc -l <"$AK")" -eq 1 ]'

as_admin staff-key add kato "$SCRATCH/kato.pub" --checker sato --checker-password-fd 5 5<<<"$S"
KEY=$(cut -d' ' -f1,2 "$SCRATCH/kato.pub")
check "with the second person the key is written with its forced command" \
	eval '[ "$RC" -eq 0 ] && grep -qxF "command=\"/opt/mynadesk/bin/mynadesk --as kato\",restrict,pty $KEY mynadesk:kato" "$AK"'
check "authorized_keys stays 0600 and keeps the line nobody here wrote" \
	eval '[ "$(stat -c %a "$AK")" = 600 ] && grep -q " foreign$" "$AK"'

as_admin audit show --action staffkey.add
check "the addition is audited with the second person and the fingerprint" \
	eval 'echo "$OUT" | grep -q "yamada *sato *staffkey.add *kato" && contains "$OUT" "$(ssh-keygen -lf "$SCRATCH/kato.pub" | cut -d" " -f2)"'

as_admin staff-key add sato "$SCRATCH/kato.pub" --checker kato --checker-password-fd 5 5<<<"$K"
check "a key already there is refused, also for another name" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "already"'

printf 'command="/bin/sh",no-pty %s\n' "$(cat "$SCRATCH/other.pub")" >"$SCRATCH/smuggle.pub"
as_admin staff-key add sato "$SCRATCH/smuggle.pub" --checker kato --checker-password-fd 5 5<<<"$K"
check "a key line with options in front is refused" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "option" && ! grep -q /bin/sh "$AK"'

cat "$SCRATCH/other.pub" "$SCRATCH/kato.pub" >"$SCRATCH/two.pub"
as_admin staff-key add sato "$SCRATCH/two.pub" --checker kato --checker-password-fd 5 5<<<"$K"
check "a file with two keys is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "one key"'

as_admin staff-key add sato "$SCRATCH/other" --checker kato --checker-password-fd 5 5<<<"$K"
check "a private key is refused" eval '[ "$RC" -eq 1 ] && [ "$(grep -c mynadesk: "$AK")" -eq 1 ]'

as_admin staff-key add nobody "$SCRATCH/other.pub" --checker kato --checker-password-fd 5 5<<<"$K"
check "a key for a name that is no account is refused" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "nobody"'

run staff-key add sato "$SCRATCH/other.pub" --vault "$V" --user kato --password-fd 3 --checker sato --checker-password-fd 5 3<<<"$K" 5<<<"$S"
check "a clerk cannot add staff keys" eval '[ "$RC" -eq 1 ] && contains "$ERR" "admin"'

as_admin staff-key list
check "staff-key list shows name, type and the fingerprint ssh-keygen prints" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -E "^kato +ssh-ed25519 +SHA256:" | grep -qF " $(ssh-keygen -lf "$SCRATCH/kato.pub" | cut -d" " -f2)"'

as_admin staff-key remove kato --checker sato --checker-password-fd 5 5<<<"$S"
check "removing takes the user's lines out and keeps the others" \
	eval '[ "$RC" -eq 0 ] && ! grep -q kato "$AK" && grep -q " foreign$" "$AK"'
as_admin audit show --action staffkey.remove
check "the removal is audited" eval 'echo "$OUT" | grep -q "yamada *sato *staffkey.remove *kato"'

# Locking an account takes its keys off the service account as well.
as_admin staff-key add kato "$SCRATCH/kato.pub" --checker sato --checker-password-fd 5 5<<<"$S"
as_admin user lock kato
check "locking kato removes kato's staff key and keeps the others" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "SSH key" && ! grep -q kato "$AK" && grep -q " foreign$" "$AK"'
as_admin audit show --action staffkey.remove
check "that removal is audited with the lock as its reason" \
	eval 'echo "$OUT" | grep -q "staffkey.remove *kato .*reason=user.lock"'

# In service mode the environment is the SSH client's: MYNADESK_CONFIG is
# not looked at (with it, kato's right password would open $V), and
# nothing may follow --as NAME.
SSH_ORIGINAL_COMMAND='dashboard --password-fd 0' run --as kato <<<"$K"
check "service mode does not take its configuration from the environment" \
	eval '[ "$RC" -ne 0 ] && ! contains "$ERR" "$CONF" && ! contains "$OUT" "persons"'
run --as kato --vault "$V"
check "nothing may follow --as NAME" eval '[ "$RC" -eq 2 ] && contains "$ERR" "nothing may follow"'
finish
