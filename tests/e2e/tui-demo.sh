#!/bin/bash
# End-to-end: "mynadesk demo" as a newcomer meets it: a living office with
# generated persons and numbers in every state, media in each step, J-LIS
# answers imported and held, a registration file with its result, evidence
# files, the demo accounts shown on the login screen, one medium overdue,
# and on quitting, where the vault stayed and the command that opens it.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 16

tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK demo 2>$SCRATCH/err; echo EXIT=\$? >$SCRATCH/exit; sleep 30"
check "the demo builds its vault and shows the demo accounts at login" \
	eval 'tm_wait "Demo accounts:" 180 && tm_screen | grep -qE "yamada / Demo-[a-z]+-[0-9]+ +\(administrator\)"'
PW=$(tm_screen | grep -oE "yamada / Demo-[a-z]+-[0-9]+" | cut -d' ' -f3)
DIR=$(tm_screen | grep -oE "/tmp/mynadesk-demo-[A-Za-z0-9]+" | head -n1)
check "the demo vault is in a temporary folder" test -n "$DIR" -a -d "$DIR/vault"
# The second demo account is ready to use: its first login was done.
P2=$(tm_screen | grep -oE "[a-z]+ / Demo-[a-z]+-[0-9]+ +\(supervisor\)" | head -n1)
run user list --vault "$DIR/vault" --user "${P2%% *}" --password-fd 3 3<<<"$(echo "$P2" | cut -d' ' -f3)"
check "the second demo account logs in without having to change its password" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "yamada"'
tm_text yamada
tm_keys Tab
tm_text "$PW"
tm_keys Enter
check "the home screen shows a living office: persons, numbers, a queue" \
	eval 'tm_wait "former on file" && tm_screen | grep -qE "Insured +[1-9][0-9]+ persons" && tm_screen | grep -qE "Numbers +confirmed +[1-9][0-9]+ " && tm_screen | grep -qE "to confirm +[1-9]" && tm_screen | grep -q "supervisor queue"'
home_full() {
	local h re
	tm_wait_re "J-LIS mismatch [1-9]"
	h=$(tm_screen)
	for re in "ID checks +incomplete [1-9]" "Deadline +past [0-9]+ days, not confirmed [1-9]" \
		"missing +[1-9]" "supervisor queue [1-9]" "Media +in transit [1-9]" \
		"Registration +pending [1-9]" "J-LIS mismatch [1-9]"; do
		echo "$h" | grep -qE "$re" || { echo "# home lacks: $re"; return 1; }
	done
}
check "every figure on home has something in it" home_full
as_demo() { run "$@" --vault "$DIR/vault" --user yamada --password-fd 3 3<<<"$PW"; }
as_demo media list
media_steps() {
	local st
	for st in imported shipped received packed disposed; do
		echo "$OUT" | grep -qE "^M000[1-5] +$st " || { echo "# no medium $st"; return 1; }
	done
}
check "media in each step of their life, by terminal and by courier" media_steps
check "home's media figure shows the medium past its answer deadline" \
	tm_wait_re "Media +in transit 1   overdue 1 "
as_demo jlis pending
PENDING=$OUT
as_demo jlis held
check "J-LIS inquiries pending, asked again, and answers held for the supervisor" \
	eval 'echo "$PENDING" | grep -q " sent " && echo "$PENDING" | grep -q "not-found" && echo "$OUT" | grep -qE "^P[0-9]+ +differs"'
as_demo evidence list
check "evidence files: the registration result and a note" \
	eval '[ "$(echo "$OUT" | grep -c "text/")" -eq 2 ]'
as_demo audit show --action number.enter --limit 2000
check "numbers were received over past weeks, not on one day" \
	eval '[ "$(echo "$OUT" | grep -oE "received=[0-9-]+" | sort -u | wc -l)" -ge 5 ]'
tm_keys 3
check "incomplete identity checks are there to work on" tm_wait "ID checks"
tm_keys Escape
tm_keys F10
tm_wait "Quit mynadesk? (y/n)" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "quitting exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
check "the demo vault stays after quitting" test -d "$DIR/vault"
# Each command on a line of its own: the terminal wraps a long one mid-word.
check "the exit says where the vault is and the command that opens it again" \
	eval 'tm_screen | grep -qF "the demo vault stays in $DIR/vault" && tm_screen | grep -qxF "  mynadesk --vault $DIR/vault" && tm_screen | grep -qxF "  rm -r $DIR"'
run user list --vault "$DIR/vault" --user yamada --password-fd 3 3<<<"$PW"
check "the printed command opens the same vault with the same account" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "yamada"'
rm -rf "$DIR"
check "progress counters are not written into a log (stderr is a file)" \
	eval '! grep -q " / " "$SCRATCH/err" && ! grep -q $'"'"'\r'"'"' "$SCRATCH/err"'
finish
