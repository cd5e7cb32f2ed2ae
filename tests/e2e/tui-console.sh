#!/bin/bash
# End-to-end: the console driven in tmux as a clerk would use it: log in,
# read the Japanese home screen, help, the audit list, the idle lock,
# resize, quitting; and the terminal restored afterwards.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 23

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	JA=""
fi

# The console runs inside a shell that records the terminal settings after
# the program ends, to check they were restored.
console() {
	local lang=$1
	shift
	tm_start 100 30 "stty -g > $SCRATCH/stty.before; env LANG=$lang LC_ALL=$lang LANGUAGE= $MYNADESK --vault $V $* 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; stty -g > $SCRATCH/stty.after; sleep 30"
}

if [ -z "$JA" ]; then
	for i in $(seq 1 11); do skip "Japanese console step $i" "no ja_JP.UTF-8 locale"; done
else
	console "$JA" --idle-lock 4s
	check "the login screen is in Japanese" tm_wait "ログイン"
	tm_text yamada
	tm_keys Tab
	tm_text "Wrong-pass-2026"
	tm_keys Enter
	check "a wrong password shows a message and keeps the user name" \
		eval 'tm_wait "利用者名またはパスワードが違います" && tm_screen | grep -q yamada'
	tm_text "$A"
	tm_keys Enter
	# Home's figures are counted on another thread and drawn when in,
	# so wait for them ("監査ログ" is a figure's label), not the title.
	check "logging in shows the Japanese home screen" \
		eval 'tm_wait "監査ログ" && tm_screen | grep -q "ホーム" && tm_screen | grep -q "テスト国保組合 (133033)"'
	check "home calls the chain's hash the latest (最新ハッシュ), not 先頭" \
		eval 'tm_screen | grep -qE "監査ログ +[0-9]+ 件  最新ハッシュ [0-9a-f]{4}…[0-9a-f]{4}" && ! tm_screen | grep -q "先頭"'
	check "the status line shows the user and the idle countdown" \
		eval 'tm_screen | head -1 | grep -q "yamada(管理者)  自動ロックまで 0:0"'
	tm_keys F1
	check "F1 shows help for the home screen" tm_wait "ヘルプ"
	tm_keys Space
	check "any key closes the help" tm_gone "ヘルプを閉じる" 3
	tm_keys 7
	check "7 opens the audit log with the login recorded" \
		eval 'tm_wait "ホーム > 監査" && tm_screen | grep -qE "yamada +ログイン "'
	tm_keys Escape
	check "Esc goes back home" eval 'tm_wait "加入者" && ! tm_screen | grep -q "ホーム > 監査"'
	# No key for longer than the idle limit: the console locks itself.
	check "the idle lock asks for the password again" tm_wait "ロックされています" 12
	tm_text "$A"
	tm_keys Enter
	check "the right password unlocks" tm_wait "ホーム" 5
	tm_stop
fi

console C.UTF-8
check "the console speaks English in an English locale" tm_wait "Log in"
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "Home" >/dev/null
tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 24 2>/dev/null
check "the home screen survives a resize to 80x24" \
	eval 'tm_wait "8 Admin" && [ "$(tm_screen | wc -l)" -le 24 ]'
tm_keys 8
check "the admin screen lists the accounts" eval 'tm_wait "administrator" && tm_screen | grep -q "yamada"'

# add_user NAME PASSWORD [CHECKER CHECKER-PASSWORD]: the add form, typed.
add_user() {
	tm_keys a
	tm_wait "Password again" >/dev/null
	tm_text "$1"; tm_keys Enter Right Enter
	tm_text "$2"; tm_keys Enter
	tm_text "$2"; tm_keys Enter
	if [ $# -gt 2 ]; then
		tm_text "$3"; tm_keys Enter
		tm_text "$4"; tm_keys Enter
	fi
}
add_user sato 'Second-pass-2026!'
check "an administrator adds the first extra user from the console" \
	eval 'tm_wait "user sato added (supervisor)" && tm_screen | grep -qE "sato +supervisor"'
# sato's first login replaces the temporary password, so sato may witness.
first_login "$V" sato 'Second-pass-2026!'
tm_keys a
# Their fields come once the new user's part passed its checks
# (tui-precheck.sh).
check "the next addition says a second person is needed" \
	eval 'tm_wait "this needs a second person" && ! tm_screen | grep -q "Second person (at this console)"'
tm_keys Escape
add_user kato 'Third-pass-2026!' sato 'Not-the-password-1'
check "a wrong second-person password is refused on the form" \
	tm_wait "wrong user name or password for the second person"
tm_keys Escape
add_user kato 'Third-pass-2026!' sato 'Second-pass-2026!'
check "with the second person's login the user is added" \
	eval 'tm_wait "user kato added" && tm_screen | grep -qE "kato +supervisor"'
tm_keys Escape
tm_wait "Home" >/dev/null
tm_keys q
check "q asks before quitting" tm_wait "Quit mynadesk? (y/n)"
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "quitting exits 0 and restores the terminal" \
	eval 'grep -q "EXIT=0" "$SCRATCH/exit" && cmp -s "$SCRATCH/stty.before" "$SCRATCH/stty.after"'
tm_stop

run_pw "$A" audit show --vault "$V" --user yamada --password-fd 3 --action 'session.*'
check "the idle lock and unlock are in the audit log" \
	eval '[ -z "$JA" ] || { contains "$OUT" "session.lock" && contains "$OUT" "session.unlock"; }'

run_pw "$A" audit show --vault "$V" --user yamada --password-fd 3 --action user.add
check "the console's addition names the second person in the audit log" \
	eval 'echo "$OUT" | grep -qE "yamada +sato +user.add +kato"'

# Anything the console wrote to stderr (a sanitizer report, say) is shown.
if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
