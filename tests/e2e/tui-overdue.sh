#!/bin/bash
# End-to-end: home's "past 5 days, not confirmed" figure opens its list
# with o, and the list has as many rows as home counts (the same day and
# limit): the numbers received more than five days ago, the longest
# waiting first, not the recent one. The list is the shared list widget:
# its position ("1–N / M"), a "more" mark while rows lie below the view,
# and the selection kept in view down to the last row. Enter opens the
# person.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 10

GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$GEN" --count 30 --seed 7 --numbers "$SCRATCH/nums.csv" >"$SCRATCH/p.csv"
run person import "$SCRATCH/p.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A"

# The insured only (no loss date): 14 numbers received 10 to 23 days ago,
# then one received today, which is not overdue.
enter() {
	run number enter --person "$1" --channel member --received "$3" --doc F-1 --number-fd 4 \
		--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$2"
}
i=0
OLDEST=
while IFS=, read -r key _ _ _ _ _ _ _ _ _ _ _ _ _ _ lost _; do
	[ "$key" != person_id ] && [ -z "$lost" ] || continue
	num=$(grep "^$key," "$SCRATCH/nums.csv" | cut -d, -f2)
	if [ "$i" -lt 14 ]; then
		enter "$key" "$num" "$(date -d "-$((23 - i)) days" +%F)"
		[ -n "$OLDEST" ] || OLDEST=$key
	else
		enter "$key" "$num" "$(date +%F)"
		RECENT=$key
		break
	fi
	[ "$RC" -eq 0 ] && i=$((i + 1))
done < "$SCRATCH/p.csv"
check "setup: 14 numbers entered long ago and one today" eval '[ "$i" -eq 14 ] && [ -n "$RECENT" ]'

# 80x20: the list has fewer rows than the 14 it shows.
tm_start 80 20 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V; sleep 30"
tm_wait "Log in" >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "Audit log" >/dev/null
check "home counts the 14 and shows the key of their list" \
	eval 'tm_screen | grep -q "past 5 days, not confirmed 14  (o: list)"'
tm_keys o
check "o opens the overdue numbers, as many as home counts" \
	eval 'tm_wait "Home > Past the deadline" && tm_wait "Past 5 days, not confirmed: 14"'
check "the longest waiting first, with the days since received, and not the recent one" \
	eval 'tm_screen | grep -qE "$OLDEST .*entered +$(date -d "-23 days" +%F) \(23 days\)" && ! tm_screen | grep -q "$RECENT"'
check "the list says where it is and marks the rows below" \
	eval 'tm_screen | grep -qE "1–[0-9]+ / 14" && tm_screen | grep -q "▼"'
tm_keys End
check "End keeps the last row chosen and in view, the mark gone" \
	eval 'tm_wait "/ 14" && tm_screen | grep -qE "[0-9]+–14 / 14" && ! tm_screen | grep -q "▼" && tm_screen | grep -q "▲"'
tm_keys Home
tm_wait "1–" >/dev/null
tm_keys Enter
check "Enter opens the chosen person" eval 'tm_wait "Past the deadline > Person" && tm_wait "$OLDEST"'
tm_keys Escape
tm_wait "Past 5 days" >/dev/null
# At 60 columns the name gives way, not the received date and its days.
tmux -L "$TMUX_SOCK" resize-window -t t -x 60 -y 20 2>/dev/null
check "at 60 columns the received date and days stay whole, nothing past the edge" \
	eval 'tm_wait "(23 days)" && tm_screen | grep -qE "^  $OLDEST .* $(date -d "-23 days" +%F) \(23 days\)" && [ "$(tm_screen | wc -L)" -le 60 ]'
tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 20 2>/dev/null
tm_keys F1
check "the help lists the list's keys" eval 'tm_wait "opens the person, where the number is confirmed"'
tm_keys Space
tm_stop

# Nothing overdue: the list says so.
V2=$SCRATCH/vault2
"$MYNADESK" init --vault "$V2" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
tm_login_home "$V2" yamada "$A"
tm_keys o
check "an empty list says every number is confirmed in time" \
	tm_wait "Every number received is confirmed within the deadline."
tm_stop
finish
