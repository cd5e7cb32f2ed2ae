#!/bin/bash
# End-to-end: number work in the console as the office does it: find a
# person, enter the number, have a second person confirm it on the same
# screen (and be refused as oneself), a mismatch that shows no digits, a
# duplicate, matching a later application, and the reveal screen; then the
# audit log names both people and holds no number.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 34

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
# Valid test numbers (check digit right); N3 differs from N2.
N1=621498320257
N2=123456789018
N3=023456789013

"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
run user add sato --role supervisor --vault "$V" --user yamada --password-fd 3 --new-password-fd 4 3<<<"$A" 4<<<"$S"
first_login "$V" sato "$S"

# Kana use a full-width space, as the layout requires.
cat >"$SCRATCH/persons.csv" <<'EOF'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20200401,
P0002,133033,12,345,2,P0001,山田 花子,ヤマダ　ハナコ,19780115,2,東京都千代田区千代田1-1,131016,1,,20200401,
P0003,133033,12,346,1,,佐藤 次郎,サトウ　ジロウ,19660909,1,東京都中央区銀座2-2,131024,1,,20190601,
EOF
run person import "$SCRATCH/persons.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the persons are imported for the test" eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 added"'
# Their identity checks (pattern 1, the card), so numbers can be confirmed.
for k in P0001 P0002 P0003; do
	"$MYNADESK" idproof record --person $k --channel member --mode in-person \
		--doc mynumber-card --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
done

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	JA=""
fi

# console LOCALE PASSWORD-LABEL: starts the console and logs in as yamada.
console() {
	local lang=$1
	tm_start 80 24 "env LANG=$lang LC_ALL=$lang LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
	tm_wait "$2" >/dev/null
	tm_text yamada
	tm_keys Tab
	tm_text "$A"
	tm_keys Enter
}

# no_digits_of NUMBER...: the screen shows no 12-digit run (with or without
# separators) and no group of four digits of any of the numbers. The groups
# are looked for below the status line, which shows the insurer 133033.
D='[0-9０１２３４５６７８９]'
no_digits_of() {
	local screen n g
	screen=$(tm_screen)
	if echo "$screen" | LC_ALL=C.UTF-8 grep -qE \
	    "$D{4}[ -]?$D{4}[ -]?$D{4}"; then
		return 1
	fi
	for n in "$@"; do
		for g in "${n:0:4}" "${n:4:4}" "${n:8:4}"; do
			if echo "$screen" | tail -n +2 | grep -qF -- "$g"; then return 1; fi
		done
	done
	return 0
}

console C.UTF-8 Password
tm_wait "Home" >/dev/null
check "the home screen counts the persons and their numbers" \
	eval 'tm_wait "3 persons" && tm_screen | grep -qE "Insured +3 persons" && tm_screen | grep -qE "Numbers +confirmed +0 " && tm_screen | grep -qE "to confirm +0 " && tm_screen | grep -qE "missing +3 "'
tm_keys 1
check "1 opens the person search" tm_wait "Home > Insured"
tm_text "ワタナベ"
tm_keys Enter
check "a search without result says so" tm_wait "Nobody matches this search."
tm_keys C-u
tm_text "ヤマダ"
tm_keys Enter
check "a kana prefix finds the household, birth dates as YYYY-MM-DD" \
	eval 'tm_wait "found: 2" && tm_screen | grep -qE "P0001 +山田 太郎 +ヤマダ　タロウ +1975-04-02 +12/345" && tm_screen | grep -q "P0002"'
tm_keys Enter
check "Enter opens the person with state, household and the key bar" \
	eval 'tm_wait "Home > Insured > Person" && tm_screen | grep -q "not obtained" && tm_screen | grep -q "Household (2)" && tm_screen | grep -q "e enter number"'

# Entry: a misread number keeps its text and says what to do.
tm_keys e
tm_wait "Enter number" >/dev/null
tm_keys Enter Enter
tm_text "F-2026-118"
tm_keys Enter
tm_text "621498320258"
tm_keys Enter
check "a wrong check digit asks to re-read the document; the field keeps it, masked" \
	eval 'tm_wait "re-read the number from the document" && tm_screen | grep -q "\*\{12\}" && ! tm_screen | grep -q "621498320258"'
tm_keys C-u
tm_text "６２１４-9832 0257"
tm_keys Enter
check "full-width digits, hyphens and spaces are entered" \
	eval 'tm_wait "entered for P0001: a second person must confirm it" && tm_screen | grep -q "number: entered"'

# Confirmation: the second person logs in on the same screen.
tm_keys c
check "confirmation says first that a second person is needed" \
	eval 'tm_wait "This step needs a second person." && tm_screen | grep -q "Second person"'
check "nothing of the first entry is shown on the confirmation screen" no_digits_of "$N1"
tm_text yamada
tm_keys Enter
tm_text "$A"
tm_keys Enter
check "the user who entered it cannot be the second person" \
	tm_wait "the second person must be someone else"
tm_keys C-u
tm_text sato
tm_keys Enter
tm_text "$S"
tm_keys Enter
check "the second person logs in, then is asked for the number" \
	tm_wait "sato: key the number from the document"
# The login is a handle kept by the screen, not the password: a number
# that is not well formed is keyed again without a second login.
tm_text 12345
tm_keys Enter
check "a malformed number is keyed again, the second person still logged in" \
	eval 'tm_wait "the number must have 12 digits; it has 5" && tm_screen | grep -q "logged in"'
tm_text "$N1"
check "the number typed for confirmation is not shown" no_digits_of "$N1"
tm_keys Enter
check "a match confirms and names both persons" \
	eval 'tm_wait "number confirmed (entered by yamada, confirmed by sato)" && tm_screen | grep -q "●●●● ●●●● 0257"'

# Another person, from the household list: a mismatch shows no digits.
tm_keys Down Down Enter
tm_wait "Person > Person" >/dev/null
tm_keys e
tm_wait "Enter number" >/dev/null
tm_keys Enter Enter
tm_text "F-2026-119"
tm_keys Enter
tm_text "$N2"
tm_keys Enter
tm_wait "entered for P0002" >/dev/null
tm_keys c
tm_wait "Second person" >/dev/null
tm_text sato
tm_keys Enter
tm_text "$S"
tm_keys Enter
tm_wait "key the number from the document" >/dev/null
tm_text "$N3"
tm_keys Enter
check "a mismatch says it went to the supervisor and must be re-entered" \
	eval 'tm_wait "the numbers differ: sent to the supervisor" && tm_screen | grep -q "mismatch"'
check "after the mismatch no digits of either number are on screen" \
	no_digits_of "$N2" "$N3"

# Matching on the first person.
tm_keys Escape
tm_wait "●●●● ●●●● 0257" >/dev/null
tm_keys m
tm_wait "Match number" >/dev/null
tm_text "$N1"
tm_keys Enter
check "the same number matches" tm_wait "match: this is the confirmed number of P0001"
check "the match screen clears the typed number" no_digits_of "$N1"
tm_text "$N2"
tm_keys Enter
check "another number does not match" tm_wait "no match: this is not the confirmed"
tm_keys Escape

# Reveal: a reason, then the number on its own screen; any key hides it.
tm_wait "●●●● ●●●● 0257" >/dev/null
tm_keys r
tm_wait "Reveal number" >/dev/null
tm_text "form for the municipality"
tm_keys Enter
check "reveal shows the number in groups of four on its own screen" \
	eval 'tm_wait "6214 9832 0257" && tm_screen | grep -q "Number shown"'
tm_keys Space
check "any key hides the number again (the mask stays)" \
	eval 'tm_wait "the number is hidden again" && ! tm_screen | grep -q "6214 9832" && tm_screen | grep -q "●●●● ●●●● 0257"'
tm_keys r
tm_wait "Reveal number" >/dev/null
tm_text "second look for the test"
tm_keys Enter
tm_wait "6214 9832 0257" >/dev/null
check "the reveal screen closes itself after 30 seconds" \
	eval 'tm_gone "6214 9832 0257" 40 && tm_wait "the number is hidden again"'

# A number already held by another person is refused and flagged.
tm_keys Escape
tm_wait "Home > Insured" >/dev/null
tm_keys C-u
tm_text "サトウ"
tm_keys Enter
tm_wait "found: 1" >/dev/null
tm_keys Enter
tm_wait "Home > Insured > Person" >/dev/null
tm_keys e
tm_wait "Enter number" >/dev/null
tm_keys Enter Enter
tm_text "F-2026-120"
tm_keys Enter
tm_text "$N1"
tm_keys Enter
check "a number held by another person is refused and flagged" \
	eval 'tm_wait "held by another person: refused and flagged to the supervisor" && tm_screen | grep -qE "Number +held"'
check "the duplicate message shows no digits" no_digits_of "$N1"

tm_keys Escape
tm_wait "Home > Insured" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
tm_keys q
tm_wait "Quit mynadesk?" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "the console exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
tm_stop

if [ -z "$JA" ]; then
	skip "Japanese: search and person screen" "no ja_JP.UTF-8 locale"
else
	console "$JA" パスワード
	tm_wait "ホーム" >/dev/null
	tm_keys 1
	tm_wait "ホーム > 加入者" >/dev/null
	tm_text "ヤマダ"
	tm_keys Enter
	tm_wait "P0002" >/dev/null
	tm_keys Enter
	check "Japanese: the person shows the birth date with the era" \
		eval 'tm_wait "1975-04-02 (昭和50年)" && tm_screen | grep -q "山田 太郎"'
	tm_stop
fi

run_pw "$A" audit show --vault "$V" --user yamada --password-fd 3 --action 'number.*'
check "audit: the entries by yamada" \
	eval '[ "$(echo "$OUT" | grep -cE "yamada +- +number.enter +P000[12] ")" -eq 2 ]'
check "audit: the confirmation names both persons" \
	eval 'echo "$OUT" | grep -qE "sato +yamada +number.confirm +P0001"'
check "audit: the mismatch names both persons and the supervisor queue" \
	eval 'echo "$OUT" | grep -qE "sato +yamada +number.mismatch +P0002 +queued=supervisor"'
check "audit: both match checks with their result" \
	eval 'echo "$OUT" | grep -qE "number.match +P0001 +result=match" && echo "$OUT" | grep -qE "number.match +P0001 +result=no-match"'
check "audit: the reveal with its reason, and the duplicate" \
	eval 'echo "$OUT" | grep -qE "yamada +- +number.reveal +P0001 +reason=form for the municipality" && echo "$OUT" | grep -qE "number.duplicate +P0003"'

run_pw "$A" audit show --vault "$V" --user yamada --password-fd 3
check "no 12-digit number anywhere in the audit log" \
	eval '[ "$RC" -eq 0 ] && ! echo "$OUT" | grep -qE "(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)" && ! echo "$OUT" | grep -qE "$N1|$N2|$N3"'

if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
