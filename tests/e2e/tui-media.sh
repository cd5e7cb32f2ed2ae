#!/bin/bash
# End-to-end: the media area of the console. Home counts media in transit
# and overdue answers; area 4 lists the media with their state and an
# overdue mark; Enter shows a medium's timeline with both people of each
# two-person step; F1 helps; Esc goes back. Never a password on screen.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 11

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

# Real inquiry files: packing runs the full format checker.
mkdir -p "$SCRATCH/a" "$SCRATCH/b"
"${TOP_BUILDDIR:-.}/contrib/gen-persons" --count 2 --seed 9 >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
as_yamada jlis request --out "$SCRATCH/a"
cp "$SCRATCH/a/00133033N1Y.csv" "$SCRATCH/b/00133033N2Y.csv"
# pack [faketime DATE] DIR OUT: packs with sato as witness, password kept.
pack() {
	local pre=()
	# faketime preloads itself; a sanitizer build must be told that is fine.
	if [ "$1" = faketime ]; then
		pre=(env "ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" faketime "$2 10:00:00")
		shift 2
	fi
	"${pre[@]}" "$MYNADESK" media pack "$1" --out "$2" --checker sato --checker-password-fd 4 \
		--password-out-fd 5 --vault "$V" --user yamada --password-fd 3 \
		3<<<"$A" 4<<<"$S" 5>>"$SCRATCH/passwords" >/dev/null
}
if command -v faketime >/dev/null; then
	OVERDUE=1
	pack faketime 2026-01-05 "$SCRATCH/a" "$SCRATCH/m1.zip"
	SHIPDATE=2026-01-06
else
	OVERDUE=0
	pack "$SCRATCH/a" "$SCRATCH/m1.zip"
	SHIPDATE=$(date +%Y-%m-%d)
fi
as_yamada media ship M0001 --courier 'セキュリティ便' --tracking 4471-2290 --seal A-0042 --notice-date "$SHIPDATE" --date "$SHIPDATE"
R1=$RC
pack "$SCRATCH/b" "$SCRATCH/m2.zip"
check "two media for the test: one shipped, one packed" eval '[ "$R1" -eq 0 ] && [ -s "$SCRATCH/m2.zip" ]'

tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "8 Admin" >/dev/null
if [ "$OVERDUE" -eq 1 ]; then
	check "home counts the medium in transit and its overdue answer" \
		tm_wait "in transit 1   overdue 1"
else
	check "home counts the medium in transit" tm_wait "in transit 1   overdue 0"
fi

tm_keys 4
check "4 opens the media list, newest first" \
	eval 'tm_wait "Home > Media" && tm_screen | grep -n "M000" | head -n1 | grep -q "M0002"'
check "the list shows each state" \
	eval 'tm_screen | grep -qE "M0002 +packed" && tm_screen | grep -qE "M0001 +shipped .*$SHIPDATE"'
if [ "$OVERDUE" -eq 1 ]; then
	check "the shipped medium's answer is marked overdue, the packed one not" \
		eval 'tm_screen | grep -qE "M0001 .*! overdue [0-9]+ days" && ! tm_screen | grep -qE "M0002 .*overdue"'
else
	skip "the overdue mark" "faketime not installed"
fi

tm_keys Enter
check "Enter opens the packed medium's timeline: packer and witness" \
	eval 'tm_wait "Home > Media > Timeline" && tm_screen | grep -qE "packed +yamada / witness sato" && tm_screen | grep -q "00133033N2Y.csv  SHA-256" && tm_screen | grep -q "not disposed of yet"'
tm_keys Escape
tm_wait "Home > Media" >/dev/null
tm_keys Down
tm_keys Enter
tm_wait "Timeline" >/dev/null
if [ "$OVERDUE" -eq 1 ]; then
	check "the shipped medium's timeline shows the courier and the overdue answer" \
		eval 'tm_wait "セキュリティ便  tracking 4471-2290  seal A-0042" && tm_screen | grep -q "the answer is overdue by"'
else
	check "the shipped medium's timeline shows the courier" tm_wait "セキュリティ便  tracking 4471-2290  seal A-0042"
fi
check "no container password on any screen" \
	eval '! tm_screen | grep -qF -f "$SCRATCH/passwords"'
tm_keys F1
check "F1 explains the timeline" tm_wait "One medium's life, step by step"
tm_keys Space
tm_gone "One medium's life" >/dev/null
tm_keys Escape
tm_wait "Enter timeline" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
tm_keys q
tm_wait "Quit mynadesk?" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "Esc goes back to home and the console exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
tm_stop

if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
