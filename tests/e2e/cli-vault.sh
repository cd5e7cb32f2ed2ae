#!/bin/bash
# End-to-end: creating a vault, opening it, and refusing what must be refused.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 26

V=$SCRATCH/vault
PW='Kokuho-2026-pass'

run_pw "$PW" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3
if [ "$RC" -eq 0 ] && echo "$OUT" | grep -qE '([0-9A-F]{4}-){15}[0-9A-F]{4}'; then
	ok "init creates a vault and prints the recovery key"
else
	not_ok "init creates a vault and prints the recovery key" "rc=$RC" "$ERR"
fi
RECOVERY=$(echo "$OUT" | grep -oE '([0-9A-F]{4}-){15}[0-9A-F]{4}')

check "vault folder is 0700, files 0600" \
	test "$(stat -c %a "$V") $(stat -c %a "$V/vault.db") $(stat -c %a "$V/vault.keys")" = "700 600 600"

run_pw "$PW" init --vault "$SCRATCH/bad" --insurer 1234567 --name x --admin yamada --password-fd 3
check "init refuses a 7-digit insurer code as a usage error (2)" eval '[ "$RC" -eq 2 ] && contains "$ERR" "6 digits" && [ ! -e "$SCRATCH/bad" ]'

run_pw "$PW" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3
check "init refuses an existing vault" eval '[ "$RC" -eq 1 ] && contains "$ERR" "already holds a vault"'

run_pw "weak" init --vault "$SCRATCH/weak" --insurer 133033 --name x --admin yamada --password-fd 3
check "init enforces the password policy" eval '[ "$RC" -eq 1 ] && contains "$ERR" "password"'

run_pw "$PW" audit verify --vault "$V" --user yamada --password-fd 3
check "audit verify prints the record count and head" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -qE "intact: [0-9]+ records, head [0-9a-f]{64}"'

run_pw "Wrong-pass-2026" audit verify --vault "$V" --user yamada --password-fd 3
check "a wrong password is refused plainly" \
	eval '[ "$RC" -eq 1 ] && [ "$ERR" = "mynadesk: wrong user name or password" ]'

run audit verify --vault "$V" --user yamada --password "$PW"
check "passwords are never taken from arguments" eval '[ "$RC" -eq 2 ]'

run_pw "$RECOVERY" audit verify --vault "$V" --recovery-key-fd 3
check "the recovery key opens the vault" eval '[ "$RC" -eq 0 ] && contains "$OUT" "intact"'

run_pw "$PW" audit show --vault "$V" --user yamada --password-fd 3 --action login
check "audit show filters by action" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" " login " && ! contains "$OUT" "vault.init"'

run_pw "$PW" audit show --vault "$V" --user yamada --password-fd 3 --action 'login.*'
check "audit show lists recovery logins as a family" eval 'contains "$OUT" "login.recovery"'

run_pw "$PW" audit show --vault "$V" --user yamada --password-fd 3 --from 2026-02-30
check "audit show refuses an impossible date as a usage error (2)" eval '[ "$RC" -eq 2 ] && contains "$ERR" "not a day"'

# Rollback: keep a copy, act, put the copy back.
cp "$V/vault.db" "$SCRATCH/old.db"
run_pw "$PW" audit verify --vault "$V" --user yamada --password-fd 3
cp "$V/vault.db" "$SCRATCH/current.db"
cp "$SCRATCH/old.db" "$V/vault.db"
run_pw "$PW" audit verify --vault "$V" --user yamada --password-fd 3
check "a rolled-back vault.db is refused, naming the rollback" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "rolled back"'

# Damage: the key file, then the database. Never a crash (exit 1, not a signal).
cp -a "$V" "$SCRATCH/v2"
sed -i 's/^head \([0-9]*\) /head 999 /' "$SCRATCH/v2/vault.keys"
run_pw "$PW" audit verify --vault "$SCRATCH/v2" --user yamada --password-fd 3
check "an edited vault.keys is refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "altered"'

cp "$SCRATCH/current.db" "$V/vault.db"
cp -a "$V" "$SCRATCH/v3"
printf '\xff\xff\xff\xff' | dd of="$SCRATCH/v3/vault.db" bs=1 seek=5000 conv=notrunc status=none
run_pw "$PW" audit verify --vault "$SCRATCH/v3" --user yamada --password-fd 3
check "a damaged vault.db gives a clear message, not a crash" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "damaged"'

run_pw "$PW" settings set idle-lock-minutes 99 --vault "$V" --user yamada --password-fd 3
check "settings refuse a value out of range" eval '[ "$RC" -eq 1 ] && contains "$ERR" "from 1 to 60"'

run_pw "$PW" settings set idle-lock-minutes 3 --vault "$V" --user yamada --password-fd 3
run_pw "$PW" settings show --vault "$V" --user yamada --password-fd 3
check "an administrator changes the idle lock; settings show lists it" \
	eval 'echo "$OUT" | grep -qE "^idle-lock-minutes +3 "'

run_pw "$PW" audit show --vault "$V" --user yamada --password-fd 3 --action settings.set
check "the change is audited with old and new values" eval 'contains "$OUT" "from=5 to=3"'

mkdir -p "$SCRATCH/cp"
run_pw "$PW" audit checkpoint --out "$SCRATCH/cp" --vault "$V" --user yamada --password-fd 3
check "audit checkpoint prints a note: origin, tree size, base64 root" \
	eval '[ "$RC" -eq 0 ] && [ "$(echo "$OUT" | sed -n 1p)" = "mynadesk/133033/$(sed -n "s/^vault //p" "$V/vault.keys")" ] && echo "$OUT" | sed -n 2p | grep -qE "^[0-9]+$" && echo "$OUT" | sed -n 3p | grep -qE "^[A-Za-z0-9+/]{43}=$"'
check "plain openssl verifies the checkpoint's Ed25519 signature" \
	eval 'openssl pkeyutl -verify -pubin -inkey "$SCRATCH/cp/pubkey.pem" -rawin -in "$SCRATCH/cp/checkpoint.txt" -sigfile "$SCRATCH/cp/checkpoint.sig" | grep -q "Signature Verified Successfully"'
printf 'x' >>"$SCRATCH/cp/checkpoint.txt"
check "openssl refuses the note once a byte is added" \
	eval '! openssl pkeyutl -verify -pubin -inkey "$SCRATCH/cp/pubkey.pem" -rawin -in "$SCRATCH/cp/checkpoint.txt" -sigfile "$SCRATCH/cp/checkpoint.sig" >/dev/null 2>&1'
run_pw "$PW" audit verify --vault "$V" --user yamada --password-fd 3
# Two: the day's automatic checkpoint at the first login, and this one.
check "audit verify re-checks the stored checkpoints" eval '[ "$RC" -eq 0 ] && contains "$OUT" "checkpoints verified: 2"'

run --version
check "--version prints the version" eval '[ "$RC" -eq 0 ] && contains "$OUT" "mynadesk 0."'

run --help
check "--help lists the commands" eval '[ "$RC" -eq 0 ] && contains "$OUT" "user add" && contains "$OUT" "audit verify"'

run frobnicate
check "an unknown command is a usage error" eval '[ "$RC" -eq 2 ] && contains "$ERR" "unknown command"'

run_pw "$PW" audit verify --vault "$V" --user yamada --password-fd 3
check "putting the newest vault.db back opens again" eval '[ "$RC" -eq 0 ]'

finish
