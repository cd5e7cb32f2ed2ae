#!/bin/bash
# End-to-end: recording a medium's steps from the console's timeline at
# 80x24. s ships, r records the answer with a witness who logs in on the
# form, d disposes of it with a witness, p writes the hand-over slip. A step
# out of order is refused with the ops message before its form opens; a
# self-witness and a wrong password are refused and the form keeps what
# was typed. The timeline and 'media show'
# agree afterwards; no password or 12-digit number is ever on screen.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 17

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
TODAY=$(date +%Y-%m-%d)
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

mkdir -p "$SCRATCH/a" "$SCRATCH/home"
"${TOP_BUILDDIR:-.}/contrib/gen-persons" --count 2 --seed 9 --numbers "$SCRATCH/numbers" >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
as_yamada jlis request --out "$SCRATCH/a"
"$MYNADESK" media pack "$SCRATCH/a" --out "$SCRATCH/m1.zip" --checker sato --checker-password-fd 4 \
	--password-out-fd 5 --vault "$V" --user yamada --password-fd 3 \
	3<<<"$A" 4<<<"$S" 5>"$SCRATCH/passwords" >/dev/null
check "a packed medium for the test" test -s "$SCRATCH/passwords"
printf '%s\n%s\n' "$A" "$S" >>"$SCRATCH/passwords"
cut -d, -f2 "$SCRATCH/numbers" | grep -E '^[0-9]{12}$' >"$SCRATCH/digits"

# Every screen seen is kept, to look for secrets at the end.
snap() { tm_screen >>"$SCRATCH/screens"; }
# field TEXT: types TEXT into the focused field and moves on.
field() { tm_text "$1"; tm_keys Enter; }

tm_start 80 24 "env HOME=$SCRATCH/home LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "8 Admin" >/dev/null
tm_keys 4
tm_wait "Home > Media" >/dev/null
tm_keys Enter
check "the timeline's key bar offers s, r, d and p" \
	eval 'tm_wait "s ship  r received  d disposed  p slip"'
snap

# r before shipping: refused with the reason on the timeline, before the
# form and its witness (tui-precheck.sh).
tm_keys r
check "receipt before shipping is refused with the reason, before the form" \
	eval 'tm_wait "the medium is packed: it must be shipped" && tm_screen | grep -q "Home > Media > Timeline" && ! tm_screen | grep -q "Timeline > Receive"'
snap

# s: ship with today's date as prefilled.
tm_keys s
tm_wait "Record the shipping of M0001" >/dev/null
check "the shipping date is today unless changed" eval 'tm_screen | grep -q "Shipped on.*$TODAY"'
field 'セキュリティ便'
field 4471-2290
field A-0042
field "$TODAY"
tm_keys Enter
check "s records the shipping: the timeline shows the courier" \
	eval 'tm_wait "M0001: shipping recorded" && tm_screen | grep -q "セキュリティ便  tracking 4471-2290  seal A-0042  notice" && tm_screen | grep -qE "M0001  shipped"'
snap

# r with the user as their own witness, then a wrong password, then right.
tm_keys r
tm_wait "Answer medium" >/dev/null
field ANS-77
tm_keys Enter
field yamada
field "$A"
check "the user cannot witness their own receipt; the form keeps its content" \
	eval 'tm_wait "the second person must be someone else" && tm_screen | grep -q "ANS-77" && tm_screen | grep -qE "Witness +yamada"'
snap
tm_keys C-u
field sato
field 'not-the-password'
check "a wrong witness password is refused" \
	eval 'tm_wait "wrong" && tm_screen | grep -q "ANS-77" && tm_screen | grep -q "Home > Media > Timeline > Receive"'
snap
field "$S"
check "r records the answer received with the witness" \
	eval 'tm_wait "M0001: answer received, witness sato" && tm_screen | grep -qE "answer received +yamada / witness sato" && tm_screen | grep -q "answer medium ANS-77"'
snap

# d before the import: refused with the reason, before the form.
tm_keys d
check "disposal before the import is refused with the reason, before the form" \
	eval 'tm_wait "the answer has not been imported" && ! tm_screen | grep -q "Timeline > Dispose"'
snap
printf 'answer\n' >"$SCRATCH/answer.csv"
as_yamada media imported M0001 --file "$SCRATCH/answer.csv"
R_IMP=$RC

tm_keys d
tm_wait "Record the disposal of M0001" >/dev/null
field shredded
tm_keys Enter
field sato
field "$S"
check "d records the disposal with the witness once the answer is imported" \
	eval '[ "$R_IMP" -eq 0 ] && tm_wait "M0001: disposal recorded, witness sato" && tm_screen | grep -qE "disposed of +yamada / witness sato" && tm_screen | grep -q "method shredded" && ! tm_screen | grep -q "not disposed of yet"'
snap

as_yamada media show M0001
check "media show agrees with the console" eval '[ "$RC" -eq 0 ] &&
	grep -qE "^M0001 disposed " "$SCRATCH/out" &&
	grep -qE "^$TODAY shipped +yamada courier=セキュリティ便 tracking=4471-2290 seal=A-0042 notice=$TODAY$" "$SCRATCH/out" &&
	grep -qE "^$TODAY received +yamada / sato answer_medium=ANS-77$" "$SCRATCH/out" &&
	grep -qE "^$TODAY disposed +yamada / sato method=shredded$" "$SCRATCH/out"'

# p: the slip, to the default path in the home directory.
tm_keys p
check "p offers ~/M0001-slip.txt" tm_wait "~/M0001-slip.txt"
tm_keys Enter
as_yamada media slip M0001
check "p writes the same slip as 'media slip'" eval 'tm_wait "M0001: hand-over slip written to $SCRATCH/home/M0001-slip.txt" &&
	[ "$RC" -eq 0 ] && cmp -s "$SCRATCH/out" "$SCRATCH/home/M0001-slip.txt" && grep -q "4471-2290" "$SCRATCH/home/M0001-slip.txt"'
snap
cp "$SCRATCH/home/M0001-slip.txt" "$SCRATCH/slip-before"
tm_keys p
tm_wait "~/M0001-slip.txt" >/dev/null
tm_keys Enter
check "p never overwrites a file" eval 'tm_wait "exists: type another name" && cmp -s "$SCRATCH/slip-before" "$SCRATCH/home/M0001-slip.txt"'
snap
tm_keys Escape
tm_wait "s ship" >/dev/null
tm_keys F1
check "F1 on the timeline explains the new keys" \
	eval 'tm_wait "records the shipping" && tm_screen | grep -q "s  *records the shipping"'
snap
tm_keys Space
tm_gone "records the shipping" >/dev/null

check "no password or My Number on any screen" \
	eval '! grep -qF -f "$SCRATCH/passwords" "$SCRATCH/screens" &&
	! grep -qF -f "$SCRATCH/digits" "$SCRATCH/screens" &&
	! sed -E "s/SHA-256 [0-9a-f]+//g" "$SCRATCH/screens" | grep -qE "[0-9]{12}"'

tm_keys Escape
tm_wait "Enter timeline" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
tm_keys q
tm_wait "Quit mynadesk?" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
tm_stop
if [ -s "$SCRATCH/console.err" ] || ! grep -q "EXIT=0" "$SCRATCH/exit"; then
	not_ok "the console exits 0 and wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console exits 0 and wrote nothing to stderr"
fi

finish
