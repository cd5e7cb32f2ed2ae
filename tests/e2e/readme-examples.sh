#!/bin/bash
# End-to-end: every command in the README's "Using it" examples runs as
# written, in order, on a new vault. The test substitutes only what a
# reader substitutes (the program's path, DIR, the USB stick, the server's
# address), adds --vault DIR --user yamada where the README says to add
# them, and feeds passwords and numbers by descriptor instead of the
# terminal. Between the steps the simulators play J-LIS and the
# intermediate server. A command that exits non-zero fails its case.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

README=${TOP_SRCDIR:-.}/README.md
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
JSIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
MSIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
ZIPAES=${TOP_BUILDDIR:-.}/tests/helpers/zip-aes
V=$SCRATCH/vault
W=$SCRATCH/work		# the reader's current folder
USB=$SCRATCH/usb	# stands for /media/usb
SRV=$SCRATCH/srv	# stands for /srv
ZPW='Answer-Container-2026'
declare -A PW=([yamada]='Kokuho-2026-pass' [suzuki]='Third-pass-2026!x'
	[sato]='Second-pass-2026!')
mkdir -p "$W" "$USB" "$SRV"
export MYNADESK_UPLOAD_FAST=1

# The example commands: indented lines of the section, continuations
# joined, comments dropped.
examples() {
	sed -n '/^## Using it$/,/^##\{2,3\} [^U]/p' "$README" |
		grep '^    ' | sed 's/^    //' |
		awk '{ if (line != "") sub(/^ +/, " ") }
			/\\$/ { sub(/ *\\$/, ""); line = line $0; next }
			{ print line $0; line = "" }' |
		sed -E 's/[[:space:]]{2,}#.*$//; s/[[:space:]]+$//' |
		grep -v '^[[:space:]]*#' | grep -v '^$'
}
for tool in openssl tmux "$MSIM" "$JSIM" "$ZIPAES"; do
	command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool not available"; exit 0; }
done
mapfile -t CMDS < <(examples)
plan $((${#CMDS[@]} + 1))
check "the README has its examples (at least 30 commands)" test "${#CMDS[@]}" -ge 30

# --- the simulators' part -------------------------------------------------

"$GEN" --count 200 --seed 9 --numbers "$SCRATCH/numbers.csv" >"$W/extract.csv"

# The dedicated terminal: J-LIS answers each inquiry file on the stick.
terminal_answers() {
	local f
	mkdir -p "$USB/answers"
	for f in "$W"/out/jlis/*Y.csv; do
		"$JSIM" --persons "$W/extract.csv" --numbers "$SCRATCH/numbers.csv" --seed 3 \
			--not-found 3 --mismatch 1 "$f" >"$USB/answers/$(basename "${f%Y.csv}")R.csv"
	done
}

# The courier: J-LIS answers the packed files in a ZIP of its own.
courier_answer() {
	local f
	mkdir -p "$SCRATCH/courier"
	for f in "$W"/out/courier/*Y.csv; do
		"$JSIM" --persons "$W/extract.csv" --numbers "$SCRATCH/numbers.csv" --seed 4 \
			--not-found 0 --mismatch 0 "$f" >"$SCRATCH/courier/$(basename "${f%Y.csv}")R.csv"
	done
	"$ZIPAES" "$USB/answer.zip" "$SCRATCH/courier"/*R.csv <<<"$ZPW"
}

# The intermediate server on loopback (every person found to differ from
# the resident registry, so the README's no-error example has its case),
# with the association's certificate as me.pem and me.key and the CA as
# ca.pem in the reader's folder.
SIM_PID=
trap 'kill $SIM_PID 2>/dev/null; tm_stop; t_cleanup' EXIT
server() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/ca.key" \
		-out "$W/ca.pem" -subj "/CN=ca" -days 2 2>/dev/null
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$SCRATCH/server.key" \
		-out "$SCRATCH/server.csr" -subj "/CN=localhost" 2>/dev/null
	openssl x509 -req -in "$SCRATCH/server.csr" -CA "$W/ca.pem" -CAkey "$W/ca.key" -CAcreateserial \
		-out "$SCRATCH/server.pem" -days 2 -extfile <(printf 'subjectAltName=DNS:localhost') 2>/dev/null
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/me.key" \
		-out "$SCRATCH/me.csr" -subj "/CN=kumiai-133033" 2>/dev/null
	openssl x509 -req -in "$SCRATCH/me.csr" -CA "$W/ca.pem" -CAkey "$W/ca.key" -CAcreateserial \
		-out "$W/me.pem" -days 2 2>/dev/null
	"$MSIM" serve --port 0 --port-file "$SCRATCH/port" --cert "$SCRATCH/server.pem" \
		--key "$SCRATCH/server.key" --client-ca "$W/ca.pem" --jlis-mismatch 1000 \
		2>>"$SCRATCH/sim.log" &
	SIM_PID=$!
	for _ in $(seq 50); do [ -s "$SCRATCH/port" ] && break; sleep 0.1; done
	URL="https://localhost:$(cat "$SCRATCH/port")/v1"
}

# Before a step, what the outside world would have done by then.
before() {
	case "$1" in
	*"media receive M0001 "*) terminal_answers ;;
	*"media receive M0002 "*) courier_answer ;;
	*"upload "*) server ;;
	esac
}

# --- running one example ----------------------------------------------------

# opt NAME: the value after option NAME in ARGS, or nothing.
opt() {
	local i
	for ((i = 0; i < ${#ARGS[@]} - 1; i++)); do
		[ "${ARGS[i]}" = "$1" ] && { echo "${ARGS[i + 1]}"; return; }
	done
}

# The console shows its login screen; it is then closed.
console() {
	tm_start 100 30 "exec env LANG=C.UTF-8 $*"
	tm_wait "Log in" 10
}

# Adds what the reader adds: vault, user and the descriptors for what the
# program would ask on the terminal.
complete_args() {
	local sub="${ARGS[1]} ${ARGS[2]:-}"
	case "$sub" in
	"export verify"* | "export sheets"*) return ;;
	"init "*) ARGS+=(--password-fd 3); PASS=${PW[yamada]}; return ;;
	esac
	[ -n "$(opt --vault)" ] || ARGS+=(--vault "$V")
	[ -n "$(opt --user)" ] || ARGS+=(--user yamada)
	ARGS+=(--password-fd 3)
	PASS=${PW[$(opt --user)]}
	if [ -n "$(opt --checker)" ]; then
		ARGS+=(--checker-password-fd 4)
		CPASS=${PW[$(opt --checker)]}
	fi
	case "$sub" in
	"user add") ARGS+=(--new-password-fd 5); NPASS=${PW[${ARGS[3]}]} ;;
	"user passwd") ARGS+=(--new-password-fd 5); NPASS=$PASS ;;
	"number enter" | "number confirm")
		ARGS+=(--number-fd 6)
		NUM=$(grep "^$(opt --person)," "$SCRATCH/numbers.csv" | cut -d, -f2) ;;
	"jlis receive") case "${ARGS[3]}" in *.zip) ARGS+=(--container-password-fd 7) ;; esac ;;
	esac
}

n=0
for cmd in "${CMDS[@]}"; do
	n=$((n + 1))
	before "$cmd"
	line=${cmd//DIR/$V}
	line=${line//\/media\/usb/$USB}
	line=${line//\/srv\//$SRV\/}
	line=${line//https:\/\/GATEWAY\/v1/$URL}
	PASS='' CPASS='' NPASS='' NUM=''
	if [ "${line%% *}" != mynadesk ]; then
		(cd "$W" && eval "$line") >"$SCRATCH/out" 2>"$SCRATCH/err"
		RC=$?
	else
		# Quotes and globs as the shell reads them, in the reader's folder.
		cd "$W" && eval "ARGS=($line)" && cd - >/dev/null
		ARGS[0]=$MYNADESK
		if [ "${#ARGS[@]}" -eq 3 ] && [ "${ARGS[1]}" = --vault ]; then
			console "${ARGS[@]}"
			RC=$?
			tm_stop
		else
			complete_args
			(cd "$W" && "${ARGS[@]}" 3<<<"$PASS" 4<<<"$CPASS" 5<<<"$NPASS" \
				6<<<"$NUM" 7<<<"$ZPW") >"$SCRATCH/out" 2>"$SCRATCH/err"
			RC=$?
		fi
	fi
	if [ "$RC" -eq 0 ]; then
		ok "README example $n: $cmd"
	else
		not_ok "README example $n: $cmd" "exit $RC" "$(head -n 5 "$SCRATCH/err")"
	fi
done
finish
