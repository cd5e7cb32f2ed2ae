# Shared helpers for end-to-end tests: TAP output, a scratch folder, the
# program under test, and a private tmux server for console tests.
# shellcheck shell=bash

MYNADESK=${MYNADESK:-$(pwd)/mynadesk}
T_N=0
T_FAILED=0
SCRATCH=$(mktemp -d /tmp/myna-e2e-XXXXXX)
TMUX_SOCK="myna$$-0"
TM_N=0
trap 't_cleanup' EXIT

t_cleanup() {
	local i
	for i in $(seq 0 "$TM_N"); do tmux -L "myna$$-$i" kill-server 2>/dev/null; done
	rm -rf "$SCRATCH"
}

plan() { echo "1..$1"; }

ok() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1"
}

not_ok() {
	T_N=$((T_N + 1))
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	shift
	for line in "$@"; do printf '# %s\n' "$line"; done
}

skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1 # SKIP $2"
}

# check DESC COND-COMMAND...: passes when the command succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc" "failed: $*"; fi
}

# Runs mynadesk with stdout/stderr captured in $OUT / $ERR and status in $RC.
run() {
	"$MYNADESK" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
	RC=$?
	OUT=$(cat "$SCRATCH/out")
	ERR=$(cat "$SCRATCH/err")
}

# Runs with the first argument fed on fd 3 (a password), the rest as args.
run_pw() {
	local pw=$1
	shift
	run "$@" 3<<<"$pw"
}

# flip_byte FILE OFFSET: inverts the byte at OFFSET, so it always changes
# (writing a fixed byte leaves it as it was once in 256 runs).
flip_byte() {
	local b
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059
	printf "$(printf '\\%03o' $((b ^ 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

contains() { case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac; }

# Console helpers: a private tmux server, fixed size. Each console gets a
# server of its own, so a server still shutting down cannot swallow the next.
tm_start() {
	local cols=$1 rows=$2
	shift 2
	TM_N=$((TM_N + 1))
	TMUX_SOCK="myna$$-$TM_N"
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" "$@"
}
tm_keys() { tmux -L "$TMUX_SOCK" send-keys -t t "$@"; }
tm_text() { tmux -L "$TMUX_SOCK" send-keys -t t -l "$1"; }
tm_screen() { tmux -L "$TMUX_SOCK" capture-pane -p -t t 2>/dev/null; }
tm_alive() { tmux -L "$TMUX_SOCK" has-session -t t 2>/dev/null; }
tm_stop() { tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; }

# tm_wait TEXT [SECONDS]: polls the screen until TEXT shows.
tm_wait() {
	local text=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if tm_screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tm_wait_re REGEX [SECONDS]: like tm_wait, for an extended regex (home's
# figures come in after the screen is drawn, once a change is counted).
tm_wait_re() {
	local re=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if tm_screen | grep -qE -- "$re"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tm_login_home_ja VAULT USER PASSWORD: the console in Japanese at 80x24,
# logged in, on the home screen.
tm_login_home_ja() {
	tm_start 80 24 "env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 LANGUAGE= $MYNADESK --vault $1; sleep 30"
	tm_wait "パスワード" >/dev/null
	tm_text "$2"
	tm_keys Tab
	tm_text "$3"
	tm_keys Enter
	tm_wait "監査" >/dev/null
}

# tm_login_home VAULT USER PASSWORD: the console in English at 100x30,
# logged in, on the home screen.
tm_login_home() {
	tm_start 100 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $1; sleep 30"
	tm_wait "Log in" >/dev/null
	tm_text "$2"
	tm_keys Tab
	tm_text "$3"
	tm_keys Enter
	tm_wait "Audit log" >/dev/null
}

# tm_gone TEXT [SECONDS]: polls until TEXT no longer shows.
tm_gone() {
	local text=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if ! tm_screen | grep -qF -- "$text"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

finish() {
	[ "$T_FAILED" -eq 0 ]
	exit $?
}

# first_login VAULT USER PASSWORD: the first login of an account that an
# administrator added, replacing the temporary password (by the same one,
# so the test can go on using it).
first_login() {
	"$MYNADESK" user passwd --vault "$1" --user "$2" --password-fd 3 --new-password-fd 4 \
		3<<<"$3" 4<<<"$3" >/dev/null
}
