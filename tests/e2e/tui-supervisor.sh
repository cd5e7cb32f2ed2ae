#!/bin/bash
# End-to-end: home's figures open their lists with one key each, the key
# shown by the figure: s the supervisor queue (numbers whose two entries
# differed, duplicates, and J-LIS answers held, which home now counts), i
# the incomplete identity checks, t the media. The queue is built from the
# same ops functions as 'number queue' and 'jlis held', and Enter on a case
# opens where it is decided.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 11

. "${TOP_SRCDIR:-.}/tests/e2e/tui-office.sh"
# Two J-LIS answers held (items differ), as in tui-jlis.sh.
office clerk 12 --not-found 2 --mismatch 2
office_import
as_yamada jlis held
HELD=$(echo "$OUT" | awk '/ differs:/ {print $1}')
# A number keyed twice, differently: a mismatch for the supervisor.
X=
for k in $(tail -n +2 "$SCRATCH/p.csv" | cut -d, -f1); do
	as_yamada number status --person "$k"
	case "$OUT" in missing*|jlis-not-found*) X=$k; break ;; esac
done
as_yamada idproof record --person "$X" --channel member --mode in-person --doc mynumber-card
run number enter --person "$X" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"621498320257"
run number confirm --person "$X" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"023456789013"
as_yamada number queue
check "setup: a mismatch in the queue and two answers held" \
	eval '[ -n "$X" ] && contains "$OUT" "$X" && [ "$(echo "$HELD" | wc -l)" -eq 2 ]'

tm_login_home "$V" yamada "$A"
check "home counts the held J-LIS answers by the supervisor queue, with its key" \
	eval 'tm_screen | grep -qE "supervisor queue [0-9]+ \(numbers [0-9]+, J-LIS held 2\)  \(s: list\)"'
# Home's first figure is the queue's whole count, the parts after it, so
# "3 (numbers 1, J-LIS held 2)" reads as what the queue will list.
HOME_Q=$(tm_screen | grep -oE "supervisor queue [0-9]+ \(numbers [0-9]+" | grep -oE "[0-9]+" | head -1)
check "home's supervisor figure is the whole queue, numbers and J-LIS answers together" \
	eval '[ "$HOME_Q" = 3 ] && tm_screen | grep -q "supervisor queue 3 (numbers 1, J-LIS held 2)"'
tm_keys s
check "s opens the supervisor queue in one key" tm_wait "Home > Supervisor queue"
check "the queue lists the mismatch and both held answers" \
	eval 'tm_wait "Waiting for a supervisor: 3" && tm_screen | grep -qE "numbers differ +$X " && [ "$(tm_screen | grep -c "J-LIS held")" -eq 2 ]'
check "the queue's times say they are Japan time" eval 'tm_screen | grep -q "since (Japan time)"'
tm_keys Enter
check "Enter on the mismatch opens the person" tm_wait "Supervisor queue > Person"
tm_keys Escape
tm_wait "Waiting for a supervisor" >/dev/null
tm_keys Down
tm_keys Enter
check "Enter on a held answer opens the J-LIS answers to decide" tm_wait "Supervisor queue > J-LIS"
tm_keys Escape
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys i
check "i opens the incomplete identity checks" tm_wait "Home > ID checks"
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys t
check "t opens the media list" tm_wait "Home > Media"
tm_keys Escape
tm_wait "Audit log" >/dev/null
check "every figure's list key is on home, at 80 columns too" \
	eval 'tm_screen | grep -q "(i: list)" && tm_screen | grep -q "(t: list)" && tm_screen | grep -q "(m: list)"'
tm_stop
finish
