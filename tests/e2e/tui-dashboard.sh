#!/bin/bash
# End-to-end: the home dashboard on a demo vault shows the same counts as
# the command line: persons, numbers by state with bars scaled to the
# width, incomplete identity checks (against 'idproof open'), numbers past
# the five-day deadline, media and registrations to send.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 10

D=$SCRATCH/demo
tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK demo --vault $D 2>$SCRATCH/err; echo EXIT=\$? >$SCRATCH/exit; sleep 30"
tm_wait "Demo accounts:" 180 >/dev/null
PW=$(tm_screen | grep -oE "yamada / Demo-[a-z]+-[0-9]+" | cut -d' ' -f3)
tm_text yamada
tm_keys Tab
tm_text "$PW"
tm_keys Enter
check "the demo's home screen shows the dashboard" tm_wait "former on file"
SCREEN=$(tm_screen)

run dashboard --vault "$D" --user yamada --password-fd 3 3<<<"$PW"
val() { echo "$OUT" | awk -v k="$1" '$1 == k { print $2 }'; }
INS=$(val insured) FORMER=$(val former) CONF=$(val confirmed)
AWAIT=$(val awaiting-confirmation) SUP=$(val supervisor) MISS=$(val missing)
LATE=$(val past-deadline) IDP=$(val idproof-incomplete)
REG=$(val registrations-pending) TRANSIT=$(val media-in-transit) OVERDUE=$(val media-overdue)
check "the command line prints every count" eval '[ "$RC" -eq 0 ] && [ -n "$INS" ] && [ "$INS" -gt 0 ] && [ "$(echo "$OUT" | wc -l)" -eq 12 ]'
check "the states add up to the insured persons" eval '[ $((CONF + AWAIT + SUP + MISS)) -eq "$INS" ]'
check "insured and former persons match the command line" \
	eval 'echo "$SCREEN" | grep -qE "Insured +$INS persons  \($FORMER former on file\)"'
check "confirmed, to confirm and missing match the command line" \
	eval 'echo "$SCREEN" | grep -qE "confirmed +$CONF " && echo "$SCREEN" | grep -qE "to confirm +$AWAIT " && echo "$SCREEN" | grep -qE "missing +$MISS " && echo "$SCREEN" | grep -qE "supervisor queue [0-9]+ \(numbers $SUP, J-LIS held [0-9]+\)"'
run idproof open --vault "$D" --user yamada --password-fd 3 3<<<"$PW"
NOPEN=$(echo "$OUT" | grep -c .)
check "incomplete identity checks match 'idproof open'" \
	eval '[ "$IDP" -eq "$NOPEN" ] && echo "$SCREEN" | grep -qE "ID checks +incomplete $NOPEN  \(i: list\)$"'
# The demo's numbers were received over the past six weeks: some of the
# unconfirmed ones are late, never more than all of them.
check "numbers past the five-day deadline match the command line" \
	eval 'echo "$SCREEN" | grep -qE "Deadline +past 5 days, not confirmed $LATE  \(o: list\)$" && [ "$LATE" -gt 0 ] && [ "$LATE" -le $((AWAIT + SUP)) ]'
# Media: the demo has one courier medium in transit; registration: changes
# not yet sent remain after its one file.
check "media and registrations to send match the command line" \
	eval 'echo "$SCREEN" | grep -qE "Media +in transit $TRANSIT   overdue $OVERDUE" && [ "$TRANSIT" -gt 0 ] && [ "$REG" -gt 0 ] && echo "$SCREEN" | grep -qE "Registration +pending $REG$"'
# The confirmed bar: full blocks out of the bar's cells, as the share.
BAR=$(echo "$SCREEN" | grep -E "confirmed +$CONF " | grep -oE "[█░]+$")
FULL=$(printf '%s' "$BAR" | grep -o "█" | wc -l)
CELLS=$(printf '%s' "$BAR" | grep -oE "[█░]" | wc -l)
check "the bar is scaled to the width and to the confirmed share" \
	eval '[ "$CELLS" -ge 40 ] && [ $(( (CONF * CELLS + INS / 2) / INS )) -eq "$FULL" ]'
tm_keys F10
tm_wait "Quit mynadesk? (y/n)" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "quitting exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
finish
