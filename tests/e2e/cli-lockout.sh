#!/bin/bash
# End-to-end: failed logins as an outsider at the console or a broken cron
# job would cause them: the password descriptor, the growing delay, the lock
# after five, the last administrator, parallel attempts, an unwritable
# counter.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 12

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
K='Third-pass-2026!'

"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null

as_admin() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
failed_count() {
	as_admin audit show --action login.failed
	echo "$OUT" | grep -c "login.failed *$1\b"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# A cron job whose descriptor is closed: five runs, each a usage error.
bad=0
for i in 1 2 3 4 5; do
	run audit verify --vault "$V" --user yamada --password-fd 99
	[ "$RC" -eq 2 ] || bad=1
done
check "a closed --password-fd is a usage error (exit 2)" eval '[ "$bad" -eq 0 ] && contains "$ERR" "descriptor 99"'
as_admin audit verify
check "five runs with a closed descriptor leave the administrator able to log in" eval '[ "$RC" -eq 0 ]'
check "and are not counted as failed logins" eval '[ "$(failed_count yamada)" -eq 0 ]'

run audit verify --vault "$V" --user yamada --password-fd 3 3</dev/null
rc_empty=$RC
run audit verify --vault "$V" --user yamada --password-fd 3 3<<<""
check "an empty descriptor or an empty line is a usage error" eval '[ "$rc_empty" -eq 2 ] && [ "$RC" -eq 2 ]'

as_admin user add sato --role supervisor --new-password-fd 4 4<<<"$S"
first_login "$V" sato "$S"
as_admin user add system --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"$S"
rc_sys=$RC
as_admin user add recovery --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"$S"
check "accounts cannot be named system or recovery (unusable input: exit 2, before any password)" eval '[ "$rc_sys" -eq 2 ] && [ "$RC" -eq 2 ] && contains "$ERR" "reserved"'

# The delay: the first failure costs nothing extra; after four, the next
# attempt (even with the right password) waits for them (2 s).
t0=$(now_ms)
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"Wrong-pass-0001"
t1=$(now_ms)
for i in 2 3 4; do
	run audit verify --vault "$V" --user sato --password-fd 3 3<<<"Wrong-pass-000$i"
done
t2=$(now_ms)
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$S"
t3=$(now_ms)
echo "# first attempt $((t1 - t0)) ms, fifth $((t3 - t2)) ms"
check "each failure makes the next attempt wait longer" \
	eval '[ $((t3 - t2)) -ge $((t1 - t0 + 1000)) ]'
check "the right password still opens after four failures" eval '[ "$RC" -eq 0 ]'

# The only administrator: locked by nobody's guesses.
for i in 1 2 3 4 5 6; do
	run audit verify --vault "$V" --user yamada --password-fd 3 3<<<"Wrong-pass-000$i"
done
as_admin audit verify
check "six wrong passwords do not lock the last active administrator" eval '[ "$RC" -eq 0 ]'
as_admin user list
check "and the account stays active" eval 'echo "$OUT" | grep -qE "^yamada +admin +active"'

as_admin user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"$S"
first_login "$V" kato "$K"
# Twelve wrong passwords at once: no more than the limit may be tried.
for i in $(seq 1 12); do
	"$MYNADESK" audit verify --vault "$V" --user kato --password-fd 3 3<<<"Wrong-pass-$i" >/dev/null 2>&1 &
done
wait
n=$(failed_count kato)
check "twelve parallel wrong logins: only five are tried" eval '[ "$n" -eq 5 ]' || echo "# tried: $n"

# A counter that cannot be written: the login is refused, not let through.
mkdir "$V/vault.lockout.tmp"
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"Wrong-pass-0009"
rc_wrong=$RC
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$S"
check "an attempt that cannot be counted is refused" \
	eval '[ "$rc_wrong" -eq 1 ] && [ "$RC" -eq 1 ] && contains "$ERR" "cannot record"'
rmdir "$V/vault.lockout.tmp"
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$S"
check "once it can be written again, the login works" eval '[ "$RC" -eq 0 ]'

finish
