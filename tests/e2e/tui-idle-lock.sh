#!/bin/bash
# End-to-end: the idle lock cannot be got round. Once the console has
# locked itself, a resize, a stop and continue (signal or Ctrl-Z), Ctrl-C,
# SIGINT and SIGHUP neither show what was on screen nor skip the password;
# five wrong passwords at the lock lock the account.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 16

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role admin --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<'Second-pass-2026!' >/dev/null
first_login "$V" sato 'Second-pass-2026!'
# A third account: the second person who lets sato unlock yamada below.
K='Third-pass-2026!'
"$MYNADESK" user add kato --role clerk --new-password-fd 4 --checker sato --checker-password-fd 5 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$K" 5<<<'Second-pass-2026!' >/dev/null
first_login "$V" kato "$K"

# Logs in, opens the audit list ("vault created" shows), and waits for the lock.
locked_console() {
	tm_start 100 30 "exec env LANG=C.UTF-8 $MYNADESK --vault $V --idle-lock 3s 2>>$SCRATCH/console.err"
	PID=$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')
	tm_wait "Log in" >/dev/null
	tm_text yamada; tm_keys Tab; tm_text "$A"; tm_keys Enter
	tm_wait "Home" >/dev/null
	tm_keys 7
	tm_wait "vault created" >/dev/null
	tm_wait "The console is locked." 10
}
# Nothing of the session shows, the lock text does, the process lives.
still_locked() {
	sleep 0.5
	local s
	s=$(tm_screen)
	kill -0 "$PID" 2>/dev/null && contains "$s" "The console is locked." &&
		! contains "$s" "vault created" && ! contains "$s" "Home >"
}

check "the console locks itself over the audit list" locked_console
check "the lock hides the audit list" still_locked

kill -WINCH "$PID"; tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 24 2>/dev/null
check "a resize redraws the lock, nothing else" still_locked
kill -TSTP "$PID"; sleep 0.3
check "SIGTSTP stops it without showing the session" \
	eval '! tm_screen | grep -q "vault created"'
kill -CONT "$PID"
check "after SIGCONT (fg) the lock screen is back" still_locked
tm_keys C-z
check "Ctrl-Z typed at the lock does not suspend or unlock" still_locked
tm_keys C-c
kill -INT "$PID"
check "Ctrl-C and SIGINT are ignored at the lock" still_locked
tm_keys Escape
check "Esc does not leave the lock" still_locked
tm_keys Enter
check "an empty password does not unlock" still_locked

for i in 1 2 3 4; do
	tm_text "Wrong-pass-$i-2026"; tm_keys Enter
	tm_wait "wrong password" 5 >/dev/null
	sleep 0.2
done
check "four wrong passwords keep it locked" still_locked
tm_text "Wrong-pass-5-2026"; tm_keys Enter
for i in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
check "the fifth wrong password ends the console" eval '! kill -0 "$PID" 2>/dev/null'
tm_stop
run_pw "$A" audit verify --vault "$V" --user yamada --password-fd 3
check "the account is locked, even with the right password" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "locked"'
"$MYNADESK" user unlock yamada --new-password-fd 4 --checker kato --checker-password-fd 5 --vault "$V" --user sato --password-fd 3 3<<<'Second-pass-2026!' 4<<<"$A" 5<<<"$K" >/dev/null 2>&1
first_login "$V" yamada "$A"
run_pw 'Second-pass-2026!' audit show --vault "$V" --user sato --password-fd 3 --action 'session.*'
check "the lock and each failed unlock are in the audit log" \
	eval 'contains "$OUT" "session.lock" && [ "$(echo "$OUT" | grep -c "session.unlock-failed")" -ge 5 ]'

# SIGHUP (the terminal went away) at the lock ends the program, no more.
check "a second console locks itself" locked_console
kill -HUP "$PID"
for i in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
check "SIGHUP at the lock ends the console" eval '! kill -0 "$PID" 2>/dev/null'
tm_stop

if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the consoles wrote nothing to stderr" "$(head -n 20 "$SCRATCH/console.err")"
else
	ok "the consoles wrote nothing to stderr"
fi
finish
