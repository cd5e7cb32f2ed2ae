#!/bin/bash
# End-to-end: accounts from the command line, as an administrator would run
# them, with the second person and the lockout.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 22

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
K='Third-pass-2026!'
K2='Fourth-pass-2077'
K3='Fifth-pass-2088!'
K4='Sixth-pass-2099!'

"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null

# as_admin ARGS...: run as yamada with the password on fd 3.
as_admin() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

as_admin user add sato --role supervisor --new-password-fd 4 4<<<"$S"
check "the first extra user needs no second person" eval '[ "$RC" -eq 0 ] && contains "$OUT" "sato added"'

run audit verify --vault "$V" --user sato --password-fd 3 3<<<"$S"
check "a password the administrator chose must be changed before any command" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "user passwd"'
as_admin user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"$S"
check "nor can its holder be the second person" eval '[ "$RC" -eq 1 ] && contains "$ERR" "temporary"'
first_login "$V" sato "$S"

as_admin user add kato --role clerk --new-password-fd 4 4<<<"$K"
check "with two active users, adding needs a second person" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "second person"'

as_admin user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"Not-sato-pass-1"
check "a wrong checker password is refused" eval '[ "$RC" -eq 1 ]'

as_admin user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K" 5<<<"$S"
check "adding with the second person works" eval '[ "$RC" -eq 0 ]'

# kato's first login at a terminal asks for a password of kato's own.
tm_start 100 10 "$MYNADESK audit verify --vault $V --user kato; echo EXIT=\$?; sleep 30"
tm_wait "password for kato" && tm_text "$K" && tm_keys Enter
tm_wait "new password for kato:" && tm_text "$K2" && tm_keys Enter
tm_wait "(again)" && tm_text "$K2" && tm_keys Enter
check "at the terminal, the first login asks for a new password and goes on" \
	eval 'tm_wait "EXIT=0" 20'
tm_stop
K=$K2

as_admin audit show --action user.add
check "the audit record names the second person" eval 'echo "$OUT" | grep -q "yamada *sato *user.add *kato"'

as_admin user list
check "user list shows name, role, status, created, last login" \
	eval 'echo "$OUT" | grep -qE "^kato +clerk +active +20[0-9-]+T" && [ "$(echo "$OUT" | wc -l)" -eq 4 ]'

run user add x --role clerk --vault "$V" --user kato --password-fd 3 --checker sato --checker-password-fd 5 3<<<"$K" 5<<<"$S" --new-password-fd 4 4<<<"$K"
check "a clerk cannot add users" eval '[ "$RC" -eq 1 ] && contains "$ERR" "admin"'

for i in 1 2 3 4 5; do
	run audit verify --vault "$V" --user kato --password-fd 3 3<<<"Wrong-pass-000$i"
done
run audit verify --vault "$V" --user kato --password-fd 3 3<<<"$K"
check "five failed logins lock the account" eval '[ "$RC" -eq 1 ] && contains "$ERR" "locked"'

as_admin audit show --action 'login.*'
check "the failures reach the audit log at the next login" \
	eval '[ "$(echo "$OUT" | grep -c "login.failed *kato")" -eq 5 ]'

as_admin user unlock kato --new-password-fd 4 4<<<"$K3"
check "with two accounts, an unlock needs a second person" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "second person"'
as_admin user unlock kato --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K3" 5<<<"$S"
run audit verify --vault "$V" --user kato --password-fd 3 3<<<"$K3"
check "an administrator and a second person unlock with a temporary password" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "must be changed"'
first_login "$V" kato "$K3"
run audit verify --vault "$V" --user kato --password-fd 3 3<<<"$K3"
check "once kato has chosen a password, kato logs in" eval '[ "$RC" -eq 0 ]'

as_admin user passwd kato --new-password-fd 4 --checker sato --checker-password-fd 5 4<<<"$K4" 5<<<"$S"
run audit verify --vault "$V" --user kato --password-fd 3 3<<<"$K4"
check "a reset password is temporary too" eval '[ "$RC" -eq 1 ] && contains "$ERR" "must be changed"'
first_login "$V" kato "$K4"

as_admin user role kato supervisor --checker sato --checker-password-fd 5 5<<<"$S"
check "a role change with the second person" eval '[ "$RC" -eq 0 ] && contains "$OUT" "kato"'

as_admin user lock kato
run audit verify --vault "$V" --user kato --password-fd 3 3<<<"$K4"
check "a locked user can no longer open the vault" eval '[ "$RC" -eq 1 ]'
as_admin user unlock kato --new-password-fd 4 4<<<"$K3"
check "the administrator alone cannot unlock the account just locked" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "second person"'

as_admin user lock yamada
check "the last administrator cannot be locked" eval '[ "$RC" -eq 1 ] && contains "$ERR" "last active administrator"'

run user passwd --vault "$V" --user sato --password-fd 3 --new-password-fd 4 3<<<"$S" 4<<<"Changed-pw-2026x"
run audit verify --vault "$V" --user sato --password-fd 3 3<<<"Changed-pw-2026x"
check "a user changes their own password" eval '[ "$RC" -eq 0 ]'

# The man page's script example: the three passwords on one descriptor, in
# the order it gives (own, new, second person's: the new one is checked
# before the second person is asked).
printf '%s\n%s\n%s\n' "$A" 'Fourth-pass-2026!' 'Changed-pw-2026x' >"$SCRATCH/secrets.txt"
run user add --vault "$V" --user yamada --password-fd 3 --checker sato \
	--checker-password-fd 3 --new-password-fd 3 --role clerk ito 3<"$SCRATCH/secrets.txt"
check "the man page's one-descriptor user add works as written" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "ito"'

finish
