#!/bin/bash
# End-to-end: secrets hardening. Files are private whatever the caller's
# umask; loosened modes are warned about (stderr and the console); the
# process cannot be dumped or core-dump.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 13

V=$SCRATCH/vault
A='Kokuho-2026-pass'
modes() { local f out=""; for f in "$@"; do out="$out $(stat -c %a "$f")"; done; echo "${out# }"; }

(umask 000; "$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null)
check "init under umask 000: folder 0700, vault.db, vault.keys, vault.lock 0600" \
	test "$(modes "$V" "$V/vault.db" "$V/vault.keys" "$V/vault.lock")" = "700 600 600 600"
(umask 000; "$MYNADESK" audit verify --vault "$V" --user yamada --password-fd 3 3<<<"Wrong-pass-2026" >/dev/null 2>&1)
check "the lockout file of a failed login is 0600" test "$(modes "$V/vault.lockout")" = 600
mkdir -m 755 "$SCRATCH/cp"
(umask 000; "$MYNADESK" audit checkpoint --out "$SCRATCH/cp" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null)
(umask 000; "$MYNADESK" backup create "$SCRATCH/v.bak" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null)
check "files written for others (checkpoint, backup) are 0600 too" \
	test "$(modes "$SCRATCH/cp/checkpoint.txt" "$SCRATCH/v.bak")" = "600 600"

run_pw "$A" audit verify --vault "$V" --user yamada --password-fd 3
check "nothing is said while the modes are right" eval '[ "$RC" -eq 0 ] && [ -z "$ERR" ]'
chmod 644 "$V/vault.keys"
run_pw "$A" audit verify --vault "$V" --user yamada --password-fd 3
check "vault.keys at 0644: a warning naming it and the fix, and the work goes on" \
	eval '[ "$RC" -eq 0 ] && contains "$ERR" "warning: $V/vault.keys can be read by other users (mode 644): run chmod 600"'
chmod 600 "$V/vault.keys"; chmod 755 "$V"
run_pw "$A" audit verify --vault "$V" --user yamada --password-fd 3
check "the folder at 0755: a warning" eval 'contains "$ERR" "vault folder $V can be read by other users (mode 755)"'
# vault.lockout is rewritten (0600) by every attempt, before the check;
# vault.lock is only opened.
chmod 700 "$V"; chmod 640 "$V/vault.lock"

tm_start 100 30 "exec env LANG=C.UTF-8 $MYNADESK --vault $V 2>/dev/null"
PID=$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')
tm_wait "Log in" >/dev/null
tm_text yamada; tm_keys Tab; tm_text "$A"; tm_keys Enter
check "the console shows the warning after login" \
	eval 'tm_wait "Home" && tm_wait "vault.lock can be read by other users (mode 640)"'
check "the console has no core file limit: Max core file size 0" \
	eval 'grep -qE "^Max core file size +0 +0 " /proc/$PID/limits'
check "while logged in, the WAL and shared memory files are 0600" \
	test "$(modes "$V/vault.db-wal" "$V/vault.db-shm")" = "600 600"
tm_stop
chmod 600 "$V/vault.lockout"

# Dumpability shows as ownership: the files in /proc/PID of a non-dumpable
# process belong to root. Run as nobody, the program waits for a password on the terminal.
BIN=$SCRATCH/pub
mkdir -m 755 "$BIN"
chmod 711 "$SCRATCH"
cp "$MYNADESK" "$BIN/mynadesk"; chmod 755 "$BIN/mynadesk"
proc_owner() { stat -c %u "/proc/$1/environ" 2>/dev/null; }
tm_start 100 30 "exec setpriv --reuid=65534 --regid=65534 --clear-groups $BIN/mynadesk audit verify --vault /nonexistent --user x"
PID=$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')
check "run as nobody, it waits for a password" tm_wait "password for x"
check "its process runs as nobody" eval 'grep -qE "^Uid:\s+65534\s" /proc/$PID/status'
check "its /proc/PID/environ belongs to root: the process is not dumpable" test "$(proc_owner "$PID")" = 0
tm_stop
tm_start 100 30 "exec setpriv --reuid=65534 --regid=65534 --clear-groups sleep 20"
PID=$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')
sleep 0.3
check "control: an ordinary program run as nobody owns its /proc/PID/environ" \
	test "$(proc_owner "$PID")" = 65534
tm_stop
chmod 700 "$SCRATCH"
finish
