#!/bin/bash
# Crash consistency: the real program is killed with SIGKILL at random
# moments during an action; after each kill the vault must open, its audit
# chain must be intact, and the action must be wholly there (all its rows,
# its audit record and, for an action that writes a file, that file under
# its final name with the digest the vault recorded) or wholly absent.
#
# Each case is three functions and one word in CASES:
#   case_NAME_setup BASE   prepare BASE/v (the vault) and BASE/out (run once)
#   case_NAME_run RUN      the command that gets killed (in the foreground);
#                          RUN is a copy of BASE
#   case_NAME_judge STATE RUN  given crash-driver's state line, print
#                          "present" or "absent", or anything else for a
#                          partial state
# and optionally case_NAME_again: after an "absent" kill the action is run
# once more to its end and must then be present, so that what a killed run
# left behind (a temporary file) does not block the next one.
#
# A file written outside the vault cannot change with the vault's COMMIT in
# one step. It is written under a dot-name and renamed right after the
# COMMIT; a kill in between (the WAL's fsync: a few ms) leaves the action
# recorded with the complete file still under its dot-name. The judge calls
# that "unnamed", and it passes only if the next run of the same command in
# the same folder gives the file its name (the action is then present).
# crash-driver counts rows and the audit records of each case's action
# (cd_tables, cd_actions in tests/crash/crash-driver.c).
#
# MYNA_CRASH_SEED repeats a run's random draws (the kill moments also
# follow the measured run length and the kills' outcomes: see "aiming");
# MYNA_CRASH_RUNS sets the kills per case (default 20 each);
# MYNA_CRASH_CASES picks cases.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

DRIVER=${TOP_BUILDDIR:-.}/tests/crash/crash-driver
SLOTOPEN=${TOP_BUILDDIR:-.}/tests/helpers/slot-open
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
MIDSIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
PW='Kokuho-2026-pass'
WPW='Second-pass-2026!'
RUNS=${MYNA_CRASH_RUNS:-20}
SEED=${MYNA_CRASH_SEED:-$(date +%s)}
CASES=${MYNA_CRASH_CASES:-import receive export results pack request audit rekey backup evget}

# fact STATE KEY: one value of crash-driver's state line.
fact() { echo " $1 " | sed -n "s/.* $2=\([^ ]*\) .*/\1/p"; }
# facts STATE KEY=VALUE...: all hold.
facts() {
	local s=$1 kv
	shift
	for kv in "$@"; do
		[ "$(fact "$s" "${kv%%=*}")" = "${kv#*=}" ] || return 1
	done
}
as_yamada() { "$MYNADESK" "$@" --user yamada --password-fd 3 3<<<"$PW" >/dev/null 2>&1; }
new_base() { mkdir -p "$1/out" && "$DRIVER" init "$1/v"; }

# jlis_prep N DIR: a vault in DIR/v with N generated persons and the
# inquiry files asked for them in DIR/inq, the simulator's answers in
# DIR/ans (the product's own way to confirmed numbers); made once per N.
jlis_prep() {
	local n=$1 d=$2 f
	[ -d "$d/v" ] && return 0
	mkdir -p "$d/inq" "$d/ans" && "$DRIVER" init "$d/v" || return 1
	# The generator's 外字 names would block the inquiry file.
	"$GEN" --count "$n" --seed 5 --numbers "$d/nums.csv" | sed 's/𠮷/吉/g' >"$d/p.csv"
	as_yamada person import "$d/p.csv" --vault "$d/v" &&
		as_yamada jlis request --out "$d/inq" --vault "$d/v" || return 1
	for f in "$d"/inq/*Y.csv; do
		f=${f##*/}
		"$SIM" --persons "$d/p.csv" --numbers "$d/nums.csv" --seed 4 \
			"$d/inq/$f" >"$d/ans/${f%Y.csv}R.csv" || return 1
	done
	# Carried to the dedicated terminal and brought back, two persons each.
	with_sato media carry "$d/inq" --medium USB-1 --vault "$d/v" &&
		with_sato media receive M0001 --file "$d/ans" --vault "$d/v"
}
with_sato() { as_yamada "$@" --checker sato --checker-password-fd 4 4<<<"$WPW"; }

# --- case: person import of 10,000 persons into an empty vault -------------
IMPORT_N=10000
case_import_setup() {
	new_base "$1" && "$GEN" --count "$IMPORT_N" --seed 5 >"$SCRATCH/import.csv"
}
case_import_run() {
	exec "$MYNADESK" person import "$SCRATCH/import.csv" --vault "$1/v" \
		--user yamada --password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
case_import_judge() {
	if facts "$1" persons=0 person.import=0; then
		echo absent
	elif facts "$1" persons=$IMPORT_N person.import=1; then
		echo present
	else
		echo partial
	fi
}

# --- case: J-LIS answer import (1,000 persons asked) --------------------------
RECV=$SCRATCH/recv
case_receive_setup() {
	jlis_prep 1000 "$RECV" && mkdir -p "$1/out" && cp -a "$RECV/v" "$1/v" &&
		RECV_N=$(grep -c '' "$RECV/ans/00133033N1R.csv")
}
case_receive_run() {
	exec "$MYNADESK" jlis receive "$RECV/ans/00133033N1R.csv" --vault "$1/v" \
		--medium M0001 --checker sato --checker-password-fd 4 \
		--user yamada --password-fd 3 3<<<"$PW" 4<<<"$WPW" >/dev/null 2>&1
}
case_receive_judge() {
	if facts "$1" numbers=0 answered=0 jlis.receive=0; then
		echo absent
	elif facts "$1" numbers=$RECV_N confirmed=$RECV_N answered=$RECV_N jlis.receive=1; then
		echo present
	else
		echo partial
	fi
}
case_receive_again() { :; }

# --- case: bulk registration export of 3,000 persons, numbers confirmed ------
PREP=$SCRATCH/prep
case_export_setup() {
	local f
	jlis_prep 3000 "$PREP" && mkdir -p "$1/out" && cp -a "$PREP/v" "$1/v" || return 1
	with_sato jlis receive "$PREP"/ans/*R.csv --medium M0001 --vault "$1/v" ||
		return 1
	EXPORT_N=$(fact "$("$DRIVER" state "$1/v")" confirmed)
}
case_export_run() {
	exec "$MYNADESK" bulk export --kind persons --out "$1/out" --vault "$1/v" \
		--user yamada --password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
# The file and its manifest under their final names; a dot-name temporary
# may stay behind (counted in TEMPS) but must not block the next export.
case_export_judge() {
	local files sha
	files=$(cd "$2/out" && ls 2>/dev/null | tr '\n' ' ')
	TEMPS=$((TEMPS + $(cd "$2/out" && ls -A | grep -c '^\.')))
	if facts "$1" reg_files=0 reg_records=0 bulk.export=0 && [ -z "$files" ]; then
		echo absent
		return
	fi
	sha=$(fact "$1" reg_sha256)
	if ! facts "$1" reg_files=1 reg_records=$EXPORT_N bulk.export=1; then
		echo "partial (files: ${files:-none})"
	elif [ "$(echo $files | wc -w)" -eq 2 ] &&
		[ "$(cat "$2"/out/*.csv | sha256sum | cut -c1-64)" = "$sha" ] &&
		grep -qx "sha256=$sha" "$2"/out/*.csv.manifest; then
		echo present
	elif ! ls "$2"/out/*.csv >/dev/null 2>&1 &&
		[ "$(cat "$2"/out/.*.csv.tmp | sha256sum | cut -c1-64)" = "$sha" ]; then
		# Recorded, the file still under its dot-name (its manifest may
		# already be named): the next run names it.
		echo unnamed
	else
		echo "partial (files: ${files:-none})"
	fi
}
case_export_again() { :; }

# --- case: the result of that export, 5 rows refused --------------------------
# The answers, the accepted state, the branch numbers and the change marks
# (cleared for the accepted, set for new branches: one statement pass)
# move together or not at all. The marks are compared as a sum over their
# rows, taken before (absent) and after an uninterrupted import (present).
case_results_setup() {
	case_export_setup "$1" &&
		as_yamada bulk export --kind persons --out "$1/out" --vault "$1/v" &&
		"$MIDSIM" answer "$1"/out/*.csv --fail 5 >"$SCRATCH/results.csv" ||
		return 1
	RESULTS_BEFORE=$("$DRIVER" state "$1/v")
	rm -rf "$SCRATCH/results-end" && cp -a "$1" "$SCRATCH/results-end" &&
		(case_results_run "$SCRATCH/results-end") &&
		RESULTS_AFTER=$("$DRIVER" state "$SCRATCH/results-end/v")
	rm -rf "$SCRATCH/results-end"
}
case_results_run() {
	exec "$MYNADESK" bulk results "$SCRATCH/results.csv" --vault "$1/v" \
		--user yamada --password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
# The values an import changes, as KEY=VALUE words of a state line.
results_facts() {
	local k
	for k in reg_answers reg_state branches reg_marks bulk.results; do
		echo "$k=$(fact "$1" "$k")"
	done
}
case_results_judge() {
	if facts "$1" $(results_facts "$RESULTS_BEFORE"); then
		echo absent
	elif facts "$1" $(results_facts "$RESULTS_AFTER") &&
		[ "$(fact "$1" reg_answers)" -gt 0 ] &&
		[ "$(fact "$1" branches)" -gt 0 ]; then
		echo present
	else
		echo partial
	fi
}
case_results_again() { :; }

# --- case: media packing of the 3,000 persons' inquiry files -----------------
# Its own vault: the inquiry asked for the courier channel and not carried
# yet (jlis_prep's files went to the terminal on M0001).
case_pack_setup() {
	new_base "$1" && mkdir -p "$1/inq" &&
		"$GEN" --count 3000 --seed 5 | sed 's/𠮷/吉/g' >"$SCRATCH/pack.csv" &&
		as_yamada person import "$SCRATCH/pack.csv" --vault "$1/v" &&
		as_yamada jlis request --out "$1/inq" --channel courier --vault "$1/v"
}
case_pack_run() {
	exec "$MYNADESK" media pack "$1/inq" --out "$1/out/m.zip" \
		--checker sato --checker-password-fd 4 --password-out-fd 5 \
		--vault "$1/v" --user yamada --password-fd 3 \
		3<<<"$PW" 4<<<"$WPW" 5>/dev/null >/dev/null 2>&1
}
case_pack_judge() {
	local files
	files=$(cd "$2/out" && ls 2>/dev/null | tr '\n' ' ')
	TEMPS=$((TEMPS + $(cd "$2/out" && ls -A | grep -c '^\.')))
	if facts "$1" media=0 media_secrets=0 media.create=0 media.pack=0 &&
		[ -z "$files" ]; then
		echo absent
	elif ! facts "$1" media=1 media_secrets=1 media.create=1 media.pack=1; then
		echo "partial (files: ${files:-none})"
	elif [ "$files" = "m.zip " ] &&
		[ "$(sha256sum <"$2/out/m.zip" | cut -c1-64)" = "$(fact "$1" media_sha256)" ]; then
		echo present
	elif [ -z "$files" ] &&
		[ "$(sha256sum <"$2/out/.m.zip.tmp" | cut -c1-64)" = "$(fact "$1" media_sha256)" ]; then
		echo unnamed
	else
		echo "partial (files: ${files:-none})"
	fi
}
case_pack_again() { :; }

# --- case: the audit export package of today's records --------------------
TODAY=$(TZ=Asia/Tokyo date +%F)
case_audit_setup() {
	jlis_prep 3000 "$PREP" && mkdir -p "$1/out" && cp -a "$PREP/v" "$1/v"
}
case_audit_run() {
	exec "$MYNADESK" audit export --from "$TODAY" --to "$TODAY" \
		--out "$1/out/pkg" --vault "$1/v" --user yamada --password-fd 3 \
		3<<<"$PW" >/dev/null 2>&1
}
# Present: recorded, and the folder holds the package whose manifest the
# (last) record names, every file under its name and matching it. A package
# under its names without its record is the failure this case is for. The
# next export into the folder of an unnamed one clears the dot-names and
# makes a new package, recorded again (the killed one's record stays).
case_audit_judge() {
	local d=$2/out/pkg files
	files=$(cd "$d" 2>/dev/null && ls | tr '\n' ' ')
	TEMPS=$((TEMPS + $( (cd "$d" 2>/dev/null && ls -A) | grep -c '^\.')))
	if facts "$1" audit.export=0 && [ -z "$files" ]; then
		echo absent
	elif facts "$1" audit.export=0; then
		echo "partial (files: ${files:-none})"
	elif [ -f "$d/SHA256SUMS" ] &&
		[ "$(sha256sum <"$d/SHA256SUMS" | cut -c1-64)" = "$(fact "$1" export_manifest)" ] &&
		(cd "$d" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1) &&
		[ -z "$(cd "$d" && ls -A | grep '^\.')" ]; then
		echo present
	elif [ ! -f "$d/SHA256SUMS" ] && [ -f "$d/.SHA256SUMS" ] &&
		[ "$(sha256sum <"$d/.SHA256SUMS" | cut -c1-64)" = "$(fact "$1" export_manifest)" ]; then
		echo unnamed
	else
		echo "partial (files: ${files:-none})"
	fi
}
case_audit_again() { :; }
# --- case: the J-LIS inquiry files of 3,000 persons --------------------------
case_request_setup() {
	new_base "$1" && "$GEN" --count 3000 --seed 5 | sed 's/𠮷/吉/g' >"$SCRATCH/req.csv" &&
		as_yamada person import "$SCRATCH/req.csv" --vault "$1/v"
}
case_request_run() {
	exec "$MYNADESK" jlis request --out "$1/out" --vault "$1/v" --user yamada \
		--password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
# The digests of the files as they stand, final or dot-name, in name order.
req_digests() {
	local f d=
	for f in $(cd "$1" && ls -A | sed 's/^\.//; s/\.tmp$//' | sort); do
		if [ -f "$1/$f" ]; then d="$d,$(sha256sum <"$1/$f" | cut -c1-64)"
		else d="$d,$(sha256sum <"$1/.$f.tmp" | cut -c1-64)"; fi
	done
	echo "${d#,}"
}
case_request_judge() {
	local files
	files=$(cd "$2/out" && ls 2>/dev/null | tr '\n' ' ')
	TEMPS=$((TEMPS + $(cd "$2/out" && ls -A | grep -c '^\.')))
	if facts "$1" jlis_requests=0 jlis.request=0 && [ -z "$files" ]; then
		echo absent
	elif ! facts "$1" jlis_requests=2 jlis.request=2 ||
		[ "$(req_digests "$2/out")" != "$(fact "$1" jreq_sha256)" ]; then
		echo "partial (files: ${files:-none})"
	elif [ "$files" = "00133033G1Y.csv 00133033N1Y.csv " ]; then
		echo present
	else
		echo unnamed
	fi
}

# --- case: a change of the data key of a vault of 3,000 persons ------------
# The key file of before is kept: the administrator's slot in it gives the
# old key, which must open vault.db when the change is absent and must not
# when it is present. The driver's open finishes a change that was killed
# after its pending key file was written (with a record of its own), so a
# kill leaves either no change or a whole one, never a vault.keys.next.
case_rekey_setup() {
	jlis_prep 3000 "$PREP" && mkdir -p "$1/out" && cp -a "$PREP/v" "$1/v" &&
		cp "$1/v/vault.keys" "$1/out/old.keys"
}
case_rekey_run() {
	exec "$MYNADESK" vault rekey --vault "$1/v" --user yamada --password-fd 3 \
		3<<<"$PW" >/dev/null 2>&1
}
case_rekey_judge() {
	local old
	old=$("$SLOTOPEN" "$2/out/old.keys" "$2/v/vault.db" yamada <<<"$PW" 2>&1)
	if [ -e "$2/v/vault.keys.next" ]; then
		echo "partial (vault.keys.next left)"
	elif ! facts "$1" persons=3000 jlis_requests=2; then
		echo "partial (rows lost)"
	elif facts "$1" vault.rekey=0 && contains "$old" "opens"; then
		echo absent
	elif facts "$1" vault.rekey=1 && contains "$old" "does not open"; then
		echo present
	else
		echo "partial (vault.rekey=$(fact "$1" vault.rekey), old key: $old)"
	fi
}
case_rekey_again() { :; }

# --- case: a backup of a vault of 3,000 persons -----------------------------
# The file is written as FILE.tmp and named only after its record commits:
# a backup under its name without its record is the failure looked for.
case_backup_setup() {
	jlis_prep 3000 "$PREP" && mkdir -p "$1/out" && cp -a "$PREP/v" "$1/v"
}
case_backup_run() {
	exec "$MYNADESK" backup create "$1/out/v.bak" --vault "$1/v" --user yamada \
		--password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
# The next run after an unnamed kill makes a new backup under the name and
# records it again (the killed run's record stays), as audit export does:
# present then means one record or more, the file named, no FILE.tmp.
case_backup_judge() {
	local f=$2/out/v.bak n
	n=$(fact "$1" backup.create)
	if [ "$n" = 0 ] && [ ! -e "$f" ]; then
		echo absent
	elif [ "${n:-0}" -ge 1 ] && [ -f "$f" ] && [ ! -e "$f.tmp" ]; then
		echo present
	elif facts "$1" backup.create=1 && [ ! -e "$f" ] && [ -f "$f.tmp" ]; then
		echo unnamed
	else
		echo "partial (backup.create=$(fact "$1" backup.create), files: $(ls "$2/out" | tr '\n' ' '))"
	fi
}
case_backup_again() { :; }

# --- case: a copy of a 20 MB evidence file ------------------------------------
# The copy is written as FILE.tmp and named after its evidence.get record
# commits: a copy under its name that the log does not know is the failure.
case_evget_setup() {
	new_base "$1" && head -c 20000000 /dev/urandom >"$SCRATCH/ev.bin" &&
		as_yamada evidence add "$SCRATCH/ev.bin" --title 'scan' --vault "$1/v" &&
		EV_SHA=$(sha256sum <"$SCRATCH/ev.bin" | cut -c1-64)
}
case_evget_run() {
	exec "$MYNADESK" evidence get 1 --out "$1/out/ev.bin" --vault "$1/v" \
		--user yamada --password-fd 3 3<<<"$PW" >/dev/null 2>&1
}
case_evget_judge() {
	local f=$2/out/ev.bin n
	n=$(fact "$1" evidence.get)
	if [ "$n" = 0 ] && [ ! -e "$f" ]; then
		echo absent
	elif [ "${n:-0}" -ge 1 ] && [ -f "$f" ] && [ ! -e "$f.tmp" ] &&
		[ "$(sha256sum <"$f" | cut -c1-64)" = "$EV_SHA" ]; then
		echo present
	elif [ "${n:-0}" -ge 1 ] && [ ! -e "$f" ] && [ -f "$f.tmp" ]; then
		echo unnamed
	else
		echo "partial (evidence.get=$n, files: $(ls "$2/out" | tr '\n' ' '))"
	fi
}
case_evget_again() { :; }

# --- aiming the kills ------------------------------------------------------
# A case tests something only if some kills land before its COMMIT and some
# after it (the commit, the key file's head, the logout). Shares of one
# measured run length were not enough: on a loaded machine (make distcheck
# runs the suite in parallel) the runs after the measured one slowed down
# and all 20 import kills landed before the commit. So:
# - L, the length of a run to its end, is measured again every
#   MEASURE_EVERY kills and at once when a kill lands on the side of the
#   commit it was not aimed at; L follows the mean of the last measurements
#   (one run's length spreads by a tenth or more from the next). All aims
#   are in per mille of L: a slower machine stretches them with it.
# - The kills find the commit themselves. Every second kill is a probe at
#   C, the estimate of the commit: absent moves C later, recorded moves it
#   earlier, by a step that halves at each change of direction (down to
#   STEP_MIN) and doubles when three probes in a row move it the same way (an
#   up-down staircase: C settles where half the probes find the action
#   recorded, and follows the machine's speed).
# - The other kills alternate "before" (anywhere from the start to C less a
#   step) and "after" (from C to a tenth past the end of the run: commit,
#   key file head, logout, checkpoint; the window between the commit and the
#   exit is only a tenth or a fifth of the run, so some of these find the
#   run ended, which still counts as after the commit).
# The moments used are measured, not the sleep's nominal length (a loaded
# machine oversleeps). Each case draws from the same seeded sequence, so
# MYNA_CRASH_SEED with MYNA_CRASH_CASES repeats a single case's draws (the
# moments themselves follow the machine's speed and the kills' outcomes).
MEASURE_EVERY=4
STEP_MIN=20

# now_us: microseconds since the epoch in NOW, without a fork.
now_us() { NOW=${EPOCHREALTIME//[.,]/}; }

# measure CASE: one run to its end (in the background, as the killed runs
# are) on a copy of the case's base; L moves halfway to its length.
measure() {
	local t0
	cp -a "$base" "$R"
	now_us
	t0=$NOW
	("case_${1}_run" "$R") &
	wait $!
	now_us
	L=$(((L + NOW - t0) / 2))
	rm -rf "$R"
	SINCE=0 MEASURES=$((MEASURES + 1))
}

# aim I R: AIM (probe, before, after), PERMILLE (of L) and DELAY (us after
# the start) of kill I from the random draw R.
aim() {
	local i=$1 r=$2 f lo end
	case $((i % 4)) in
	0 | 2)
		AIM=probe
		f=$((C - STEP / 2 + r % (STEP + 1)))
		;;
	1)
		AIM=before
		lo=$((C - STEP))
		[ "$lo" -lt 0 ] && lo=0
		f=$((r % (lo + 1)))
		;;
	3)
		AIM=after
		end=1100
		[ "$C" -ge 1000 ] && end=$((C + 100))
		f=$((C + r % (end - C + 1)))
		;;
	esac
	[ "$f" -lt 0 ] && f=0
	PERMILLE=$f DELAY=$((L * f / 1000))
}

# learn VERDICT: moves C after a probe; asks for a measurement of L when a
# before or after kill found the other side.
learn() {
	local dir=0
	case $1 in
	absent) dir=1 ;;
	present | unnamed) dir=-1 ;;
	esac
	case $AIM/$dir in
	probe/0) ;;
	probe/*)
		if [ "$dir" != "$LAST" ]; then
			SAME=1
			[ "$LAST" != 0 ] && STEP=$((STEP / 2))
			[ "$STEP" -lt "$STEP_MIN" ] && STEP=$STEP_MIN
		elif [ $((SAME += 1)) -ge 3 ]; then
			STEP=$((STEP * 2))
			[ "$STEP" -gt 200 ] && STEP=200
		fi
		LAST=$dir
		C=$((C + dir * STEP))
		[ "$C" -lt 0 ] && C=0
		;;
	before/-1 | after/1) REMEASURE=1 ;;
	esac
	return 0
}

# --- the loop ----------------------------------------------------------------
# Per case: the uninterrupted run and the both-sides check, RUNS kills, and
# one "again" check for a case that has it.
ntests=0
for c in $CASES; do
	ntests=$((ntests + RUNS + 2))
	declare -F "case_${c}_again" >/dev/null && ntests=$((ntests + 1))
done
plan $ntests
echo "# seed $SEED (MYNA_CRASH_SEED=$SEED repeats these kills)"

R=$SCRATCH/run

for c in $CASES; do
	RANDOM=$SEED
	base=$SCRATCH/base-$c
	"case_${c}_setup" "$base" || echo "# $c: setup failed"
	# One run to its end: it must leave the action present.
	cp -a "$base" "$R"
	now_us; t0=$NOW; ("case_${c}_run" "$R"); now_us
	state=$("$DRIVER" state "$R/v")
	check "$c: an uninterrupted run leaves it present ($(((NOW - t0) / 1000)) ms)" \
		test "$(case_${c}_judge "$state" "$R")" = present
	rm -rf "$R"
	L=$((NOW - t0)) C=800 STEP=200 LAST=0 SAME=0 REMEASURE=1 SINCE=0 MEASURES=0
	absent=0 present=0 ended=0 unnamed=0 bad=0 TEMPS=0 again=0 again_bad=""
	for i in $(seq 1 "$RUNS"); do
		if [ "$REMEASURE" = 1 ] || [ "$SINCE" -ge "$MEASURE_EVERY" ]; then
			measure "$c"
			REMEASURE=0
		fi
		SINCE=$((SINCE + 1))
		cp -a "$base" "$R"
		aim "$i" $(((RANDOM << 15) | RANDOM))
		# With few kills (distcheck runs 6) on a machine that slowed down
		# mid-case, every kill can land on one side. The last kill then
		# goes to the side none reached: twice the run's length (after the
		# commit, or after the end) or the very start.
		if [ "$i" -eq "$RUNS" ] && [ $((present + unnamed + ended)) -eq 0 ]; then
			AIM=after PERMILLE=2000 DELAY=$((L * 2))
		elif [ "$i" -eq "$RUNS" ] && [ "$absent" -eq 0 ]; then
			AIM=before PERMILLE=0 DELAY=0
		fi
		now_us; t0=$NOW
		("case_${c}_run" "$R") &
		pid=$!
		sleep "$(printf '%d.%06d' $((DELAY / 1000000)) $((DELAY % 1000000)))"
		now_us
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		# 137: the kill's signal; anything else: the run had ended.
		killed=$(($? == 137))
		d=$((NOW - t0))
		state=$("$DRIVER" state "$R/v" 2>&1)
		# The judge runs in this shell: it may count temporaries.
		case_${c}_judge "$state" "$R" >"$SCRATCH/verdict"
		verdict=$(cat "$SCRATCH/verdict")
		learn "$verdict"
		case $verdict/$killed in
		absent/*) absent=$((absent + 1)) ;;
		present/1) present=$((present + 1)) ;;
		present/0) ended=$((ended + 1)) ;;
		unnamed/*) unnamed=$((unnamed + 1)) ;;
		*) bad=$((bad + 1)) ;;
		esac
		how="killed after ${d} us"
		[ "$killed" = 1 ] || how="ended before the kill at ${d} us"
		if [ "$verdict" = present ] || [ "$verdict" = absent ] ||
			[ "$verdict" = unnamed ]; then
			ok "$c run $i ($AIM $PERMILLE/1000): $how: $verdict, chain intact"
		else
			not_ok "$c run $i ($AIM $PERMILLE/1000): $how: $verdict" "$state"
			cp -a "$R" "$SCRATCH/../myna-crash-$c-$SEED-$i" 2>/dev/null
		fi
		# What the killed run left must not stand in the next one's way.
		# ...and what a kill after the commit left is named by the next.
		if [ "$verdict" = unnamed ] || { [ "$verdict" = absent ] &&
			declare -F "case_${c}_again" >/dev/null; }; then
			("case_${c}_run" "$R")
			v2=$(case_${c}_judge "$("$DRIVER" state "$R/v" 2>&1)" "$R")
			again=$((again + 1))
			[ "$v2" = present ] || again_bad="$again_bad run $i: $v2;"
		fi
		rm -rf "$R"
	done
	echo "# $c: $RUNS kills: $absent absent, $present present," \
		"$unnamed recorded with the file under its dot-name," \
		"$ended ended before the kill, $bad partial or broken;" \
		"dot-name files left: $TEMPS"
	echo "# $c: commit estimated at $C per mille of the run ($((L * C / 1000000)) ms)," \
		"the run at $((L / 1000)) ms ($MEASURES measurements)"
	# Fails when all kills found the action on one side of the commit.
	check "$c: kills landed both before ($absent) and after ($((present + unnamed + ended))) the commit" \
		eval '[ "$absent" -gt 0 ] && [ $((present + unnamed + ended)) -gt 0 ]'
	if declare -F "case_${c}_again" >/dev/null; then
		check "$c: after each of $again absent or unnamed kills the next run ends present" \
			test -z "$again_bad"
		[ -n "$again_bad" ] && echo "# $c again: $again_bad"
	fi
done
finish
