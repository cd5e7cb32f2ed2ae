#!/bin/bash
# Crash consistency: the real program is killed with SIGKILL at random
# moments during an action; after each kill the vault must open, its audit
# chain must be intact, and the action must be wholly there (all its rows and
# its audit record) or wholly absent.
#
# Each case is three functions and one word in CASES:
#   case_NAME_setup BASE   prepare the base vault (run once)
#   case_NAME_run DIR      the command that gets killed (in the foreground)
#   case_NAME_judge STATE  given crash-driver's state line, print "present"
#                          or "absent", or anything else for a partial state
# crash-driver counts the audit records of each case's action (cd_actions in
# tests/crash/crash-driver.c): an export, an answer import or a packing case
# adds a line there and three functions here.
#
# MYNA_CRASH_SEED repeats a run; MYNA_CRASH_RUNS sets the kills per case.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

DRIVER=${TOP_BUILDDIR:-.}/tests/crash/crash-driver
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
PW='Kokuho-2026-pass'
RUNS=${MYNA_CRASH_RUNS:-60}
SEED=${MYNA_CRASH_SEED:-$(date +%s)}
CASES="import"
RANDOM=$SEED

# --- case: person import of 10,000 persons into an empty vault -------------
IMPORT_N=10000
case_import_setup() {
	"$GEN" --count "$IMPORT_N" --seed 5 >"$SCRATCH/import.csv"
}
case_import_run() {
	exec "$MYNADESK" person import "$SCRATCH/import.csv" --vault "$1" \
		--user yamada --password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
case_import_judge() {
	case "$1" in
	*" persons=0 person.import=0"*) echo absent ;;
	*" persons=$IMPORT_N person.import=1"*) echo present ;;
	*) echo "partial" ;;
	esac
}

# --- the loop ----------------------------------------------------------------
ncases=$(echo $CASES | wc -w)
plan $((ncases * (RUNS + 2)))
echo "# seed $SEED (MYNA_CRASH_SEED=$SEED repeats these kills)"

now_us() { echo $(($(date +%s%N) / 1000)); }

for c in $CASES; do
	base=$SCRATCH/base-$c
	"$DRIVER" init "$base" && "case_${c}_setup" "$base"
	# One run to its end: how long the action takes sets the kill window.
	cp -a "$base" "$SCRATCH/clean"
	t0=$(now_us); ("case_${c}_run" "$SCRATCH/clean"); t1=$(now_us)
	state=$("$DRIVER" state "$SCRATCH/clean")
	check "$c: an uninterrupted run leaves it present ($(((t1 - t0) / 1000)) ms)" \
		test "$(case_${c}_judge "$state")" = present
	rm -rf "$SCRATCH/clean"
	# Odd runs: anywhere in the run; even runs: its last third and a little
	# after, where the commit, the key file's head and the logout happen.
	dur=$((t1 - t0))
	present=0 absent=0 bad=0
	for i in $(seq 1 "$RUNS"); do
		d=$SCRATCH/run
		cp -a "$base" "$d"
		r=$(((RANDOM << 15) | RANDOM))
		if [ $((i % 2)) -eq 1 ]; then
			delay=$((r % (dur * 11 / 10)))
		else
			delay=$((dur * 2 / 3 + r % (dur * 4 / 10)))
		fi
		("case_${c}_run" "$d") &
		pid=$!
		sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		state=$("$DRIVER" state "$d" 2>&1)
		verdict=$(case_${c}_judge "$state")
		case $verdict in
		present) present=$((present + 1)) ;;
		absent) absent=$((absent + 1)) ;;
		*) bad=$((bad + 1)) ;;
		esac
		if [ "$verdict" = present ] || [ "$verdict" = absent ]; then
			ok "$c run $i: killed after ${delay} us: $verdict, chain intact"
		else
			not_ok "$c run $i: killed after ${delay} us: $verdict" "$state"
			cp -a "$d" "$SCRATCH/../myna-crash-$c-$SEED-$i" 2>/dev/null
		fi
		rm -rf "$d"
	done
	echo "# $c: $RUNS kills: $present present, $absent absent, $bad partial or broken"
	check "$c: kills landed both before and after the commit" \
		eval '[ "$present" -gt 0 ] && [ "$absent" -gt 0 ]'
done
finish
