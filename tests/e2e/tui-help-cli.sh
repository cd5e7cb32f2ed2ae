#!/bin/bash
# End-to-end: F1 names the work the console leaves to the command line,
# one line each, on the screen nearest to it (person import on the search,
# the rule file check on the ID checks, packing on the media, export verify
# on the audit log) and all of them on home; at 80x24 each line shows whole
# with the help's closing line, in English and in Japanese. A screen with
# no such work names none.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 8

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null

# help_on KEY: from home, the screen KEY opens, with its help open.
help_on() {
	tm_keys "$1"
	sleep 0.3
	tm_keys F1
}
close_help() { tm_keys Space; sleep 0.2; tm_keys Escape; sleep 0.3; }
# shows_whole TEXT: the line with TEXT ends inside the box (│ after it).
shows_whole() { tm_screen | grep -F -- "$1" | grep -qE -- "$2 +│"; }

console() {
	tm_start 80 24 "env LANG=$1 LC_ALL=$1 LANGUAGE= $MYNADESK --vault $V; sleep 30"
	tm_wait "$2" >/dev/null
	tm_text yamada
	tm_keys Tab
	tm_text "$A"
	tm_keys Enter
	tm_wait "$3" >/dev/null
}

console C.UTF-8 Password "Audit log"
help_on 1
check "the person search names the extract import" \
	eval 'tm_wait "Press any key" && shows_whole "mynadesk person import FILE" "extract"'
close_help
help_on i
check "the ID checks name the rule file check" \
	eval 'tm_wait "Press any key" && shows_whole "mynadesk idproof rules-check FILE" "rule file"'
close_help
help_on 4
check "the media name packing, whole, above the closing line at 80x24" \
	eval 'tm_wait "Press any key" && shows_whole "mynadesk media pack DIR --out FILE" "\(two persons\)"'
close_help
help_on 7
check "the audit log names export verify" \
	eval 'tm_wait "Press any key" && shows_whole "mynadesk export verify DIR" "package"'
close_help
help_on 8
check "a screen with no such work names no command" \
	eval 'tm_wait "Press any key" && ! tm_screen | grep -qE "mynadesk (person import|idproof rules-check|media pack|export verify)"'
close_help
tm_stop

# Home, with room: all four.
tm_start 100 44 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "Audit log" >/dev/null
tm_keys F1
check "home's help names all four" \
	eval 'tm_wait "Press any key" && [ "$(tm_screen | grep -cE "mynadesk (person import|idproof rules-check|media pack|export verify)")" -eq 4 ]'
tm_stop

if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	console ja_JP.UTF-8 パスワード 監査
	help_on 4
	check "in Japanese at 80x24 the media help names packing whole" \
		eval 'tm_wait "閉じます" && shows_whole "mynadesk media pack DIR --out FILE" "（2人で）"'
	close_help
	help_on 7
	check "in Japanese the audit help names export verify whole" \
		eval 'tm_wait "閉じます" && shows_whole "mynadesk export verify DIR" "検査する"'
	tm_stop
else
	skip "no ja_JP.UTF-8 locale"
	skip "no ja_JP.UTF-8 locale"
fi
finish
