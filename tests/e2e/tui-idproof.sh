#!/bin/bash
# End-to-end: identity checks (本人確認) in the console as the office records
# them: pattern 1 (the card, in person), pattern 2 (notification card and
# driving licence), the employer as proxy by post with and without the
# proxy's own identity; the incomplete one on home area 3; the command line
# and the audit log agree.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 26

V=$SCRATCH/vault
A='Kokuho-2026-pass'

"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null

# Kana use a full-width space, as the layout requires.
cat >"$SCRATCH/persons.csv" <<'EOF'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20200401,
P0002,133033,12,346,1,,佐藤 次郎,サトウ　ジロウ,19660909,1,東京都中央区銀座2-2,131024,1,,20190601,
P0003,133033,12,347,1,,鈴木 一郎,スズキ　イチロウ,19800101,1,東京都港区芝公園4-2,131032,1,鈴木商事,20180401,
P0004,133033,12,348,1,,田中 花子,タナカ　ハナコ,19850505,2,東京都新宿区西新宿2-8,131041,1,田中工業,20170401,
EOF
run person import "$SCRATCH/persons.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the persons are imported for the test" eval '[ "$RC" -eq 0 ] && contains "$OUT" "4 added"'

console() {
	tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
	tm_wait Password >/dev/null
	tm_text yamada
	tm_keys Tab
	tm_text "$A"
	tm_keys Enter
}

# tm_screen_has_re REGEX: polls the screen until a line matches REGEX.
tm_screen_has_re() {
	local i
	for i in $(seq 1 200); do
		if tm_screen | grep -qE -- "$1"; then return 0; fi
		sleep 0.05
	done
	return 1
}

# The checklist row under the cursor: "> [x] [P] label"; prints the label's
# first word.
sel_label() {
	tm_screen | grep -oE '> (\[[xP ]\] ){1,2}[^ ]+' | head -n 1 | sed -E 's/^> (\[[xP ]\] ){1,2}//'
}

# goto LABEL: moves the cursor down until the row of LABEL (its first word)
# is under it; each step waits for the screen to follow.
goto() {
	local want=${1%% *} cur i j
	for i in $(seq 1 40); do
		cur=$(sel_label)
		[ "$cur" = "$want" ] && return 0
		tm_keys Down
		for j in $(seq 1 40); do
			[ "$(sel_label)" != "$cur" ] && break
			sleep 0.05
		done
	done
	return 1
}

# tick LABEL [KEY]: goto LABEL, then Space (or KEY, e.g. p for the proxy's).
tick() {
	goto "$1" || return 1
	tm_keys "${2:-Space}"
}

# open_person KANA: from the person search, opens the one person found.
open_person() {
	tm_keys C-u
	tm_text "$1"
	tm_keys Enter
	tm_wait "found: 1" >/dev/null || return 1
	tm_keys Enter
	tm_wait "Home > Insured > Person" >/dev/null
}

# back_to_search: from the identity check screen to the search.
back_to_search() {
	tm_keys Escape
	tm_gone "> ID check" >/dev/null
	tm_keys Escape
	tm_gone "> Person" >/dev/null
}

console
tm_wait "Home" >/dev/null
check "home counts the incomplete identity checks and no longer calls them not built" \
	eval 'tm_wait "incomplete 0" && tm_screen | grep -qE "ID checks +incomplete 0" && tm_screen | grep -qE "Media +in transit 0" && ! tm_screen | grep -q "3 ID check\*"'
tm_keys 1
tm_wait "Home > Insured" >/dev/null

# Pattern 1: the My Number card, in person.
open_person "ヤマダ"
check "the person screen shows the identity check in one line" \
	eval 'tm_wait "no identity check has been recorded" && tm_screen | grep -qE "ID check +incomplete" && tm_screen | grep -q "i ID check"'
tm_keys i
check "i opens the identity check with channel, mode, documents and exemptions" \
	eval 'tm_wait "Home > Insured > Person > ID check" && tm_screen | grep -q "< member in person >" && tm_screen | grep -q "< in person >" && tm_screen | grep -q "Documents seen" && tm_screen | grep -q "Exemption grounds" && tm_screen | grep -q "個人番号カード" && tm_screen | grep -q "対面で本人であることが明らか"'
check "what was recorded before is shown" \
	eval 'tm_screen_has_re "So far +incomplete" && tm_screen | grep -q "missing: no identity check"'
tm_keys Enter
check "Enter with nothing ticked asks for a document" \
	tm_wait "tick at least one document or exemption"
tick "個人番号カード"
check "Space ticks the document under the cursor" \
	tm_wait "> [x] 個人番号カード"
tm_keys Enter
check "pattern 1 (the card, in person) is complete" \
	eval 'tm_wait "identity check recorded for P0001: complete" && tm_screen | grep -qE "So far +complete"'
tm_keys Escape
check "back on the person the line says complete" \
	eval 'tm_gone "> ID check" && tm_screen_has_re "ID check +complete"'
tm_keys Escape
tm_gone "> Person" >/dev/null

# Pattern 2: notification card and driving licence.
open_person "サトウ"
tm_keys i
tm_wait "> ID check" >/dev/null
tick "通知カード"
tick "運転免許証"
tm_keys p
check "p is refused outside the employer-as-proxy channel" \
	tm_wait "p marks the proxy's own document: only when the employer is the proxy"
tm_keys Enter
check "pattern 2 (notification card and driving licence) is complete" \
	tm_wait "identity check recorded for P0002: complete"
back_to_search

# The employer as the person's proxy, by post: the card's copy, the letter
# of attorney and the proxy's own driving licence.
open_person "スズキ"
tm_keys i
tm_wait "> ID check" >/dev/null
tm_keys Right Right Right
check "left/right choose the channel in words" \
	tm_wait "< employer (person's proxy) >"
check "the proxy channel shows the proxy's column" \
	tm_wait "Documents (x person, P proxy)"
tm_keys Down Right
check "left/right choose the mode" tm_wait "< by post >"
tick "個人番号カード"
tick "運転免許証" p
check "p marks the proxy's own document" tm_wait "> [ ] [P] 運転免許証"
tick "委任状"
tm_keys Enter
check "proxy by post with the proxy's own identity is complete" \
	eval 'tm_wait "identity check recorded for P0003: complete" && tm_screen | grep -qE "So far +complete"'
back_to_search

# The same without the proxy's own identity.
open_person "タナカ"
tm_keys i
tm_wait "> ID check" >/dev/null
tm_keys Right Right Right Down Right
tm_wait "< by post >" >/dev/null
tick "個人番号カード"
tick "委任状"
tm_keys Enter
check "without the proxy's own identity it is incomplete and says what is missing" \
	eval 'tm_wait "recorded for P0004, still incomplete" && tm_screen_has_re "So far +incomplete" && tm_screen | grep -q "missing: the proxy.s own identity"'
tm_keys Escape
check "the person line names what is missing" \
	eval 'tm_gone "> ID check" && tm_screen_has_re "ID check +incomplete: missing .*proxy.s own identity"'
tm_keys Escape
tm_gone "> Person" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null

check "home counts one incomplete identity check" \
	eval 'tm_wait "incomplete 1" && tm_screen | grep -qE "ID checks +incomplete 1"'
tm_keys 3
check "home 3 lists only the incomplete check, with what is missing" \
	eval 'tm_wait "Home > ID checks" && tm_wait "oldest first: 1" && tm_screen_has_re "P0004 +田中 花子 .*proxy" && ! tm_screen | grep -qE "P000[123]"'
tm_keys Enter
check "Enter opens the person from the list" \
	eval 'tm_wait "Home > ID checks > Person" && tm_screen | grep -q "田中 花子"'
tm_keys Escape
tm_wait "oldest first: 1" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
tm_keys q
tm_wait "Quit mynadesk?" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "the console exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
tm_stop

as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
as_yamada idproof status --person P0004
check "the command line agrees: P0004 incomplete, naming the proxy's identity" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -qE "^incomplete: .*proxy.s own identity"'
ok_all=1
for k in P0001 P0002 P0003; do
	as_yamada idproof status --person $k
	[ "$OUT" = complete ] || ok_all=0
done
check "the command line agrees: the other three are complete" [ "$ok_all" -eq 1 ]

as_yamada audit show --action idproof.record
check "audit: one record per check, with channel, mode, items and result" \
	eval '[ "$(echo "$OUT" | grep -c "idproof.record")" -eq 4 ] &&
	echo "$OUT" | grep -qE "idproof.record +P0001 +channel=member mode=in-person items=mynumber-card result=complete" &&
	echo "$OUT" | grep -qE "idproof.record +P0002 +channel=member mode=in-person items=notification-card,drivers-licence result=complete" &&
	echo "$OUT" | grep -qE "idproof.record +P0003 +channel=employer-proxy mode=post items=mynumber-card,proxy:drivers-licence,letter-of-attorney result=complete" &&
	echo "$OUT" | grep -qE "idproof.record +P0004 +channel=employer-proxy mode=post items=mynumber-card,letter-of-attorney result=incomplete"'

if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
