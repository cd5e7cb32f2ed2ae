#!/bin/bash
# End-to-end: what a two-person step would refuse whatever the second
# person does is said before the second person is asked: confirming while
# the identity check is incomplete, F2 "confirm as me" by the person who
# entered the number, disposing of a medium whose answer is not imported,
# a new user's weak password; in the console before the second person's
# form shows, on the command line before the number or any second
# password is read (here: no descriptor for it is even given).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 12

. "${TOP_SRCDIR:-.}/tests/e2e/tui-office.sh"
# A medium whose answer arrived but is not imported yet.
office supervisor 6
# Two persons outside that inquiry: one number entered without an
# identity check, one with it.
{
	echo "person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
	echo "Q1,133033,7,71,1,,山田　一郎,ヤマダ　イチロウ,19700101,1,東京都千代田区千代田1-1,131016,1,,20100401,"
	echo "Q2,133033,7,72,1,,山田　二郎,ヤマダ　ジロウ,19710202,1,東京都千代田区千代田1-2,131016,1,,20100401,"
} >"$SCRATCH/q.csv"
as_yamada person import "$SCRATCH/q.csv"
as_yamada idproof record --person Q2 --channel member --mode in-person --doc mynumber-card
run number enter --person Q1 --channel member --received 2026-11-20 --doc F-1 --number-fd 4 \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"621498320257"
run number enter --person Q2 --channel member --received 2026-11-20 --doc F-1 --number-fd 4 \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"123456789018"
as_yamada number status --person Q2
check "setup: numbers waiting for confirmation, a medium received" \
	eval '[ "$OUT" = entered ] && as_yamada media list && echo "$OUT" | grep -q "M0001.*received"'

tm_login_home "$V" yamada "$A"
tm_keys 2
tm_text "ヤマダ　イチロウ"
tm_keys Enter
tm_keys Enter
tm_wait "Numbers > Person" >/dev/null
tm_keys c
check "c with the identity check incomplete is refused on the person, before the second person's form" \
	eval 'tm_wait "the identity check is incomplete" && ! tm_screen | grep -q "Confirm number" && ! tm_screen | grep -q "Their password"'
tm_keys Escape
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys 2
tm_text "ヤマダ　ジロウ"
tm_keys Enter
tm_keys Enter
tm_wait "Numbers > Person" >/dev/null
tm_keys c
tm_wait "Person > Confirm number" >/dev/null
tm_keys F2
check "F2 by the person who entered the number is refused before the number is keyed" \
	eval 'tm_wait "yamada entered this number: a different person must confirm it" && ! tm_screen | grep -q "key the number from the document"'
tm_keys Escape
tm_keys Escape
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys 4
tm_wait "Home > Media" >/dev/null
tm_keys Enter
tm_wait "Media > Timeline" >/dev/null
tm_keys d
check "disposing of a medium before its answer is imported is refused before the witness's form" \
	eval 'tm_wait "the answer has not been imported" && ! tm_screen | grep -q "Timeline > Dispose"'
tm_keys Escape
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys 8
tm_wait "Home > Admin" >/dev/null
tm_keys a
tm_wait "Admin > Add user" >/dev/null
tm_text "kimura"
tm_keys Tab Tab
tm_text "kimura123"
tm_keys Tab
tm_text "kimura123"
tm_keys Enter
check "a new user's weak password is refused before the second person's fields show" \
	eval 'tm_wait "password" && tm_screen | tail -n4 | grep -qi "password" && ! tm_screen | grep -q "Second person (at this console)"'
# The refusal put the cursor on the password.
tm_keys C-u
tm_text "Kenkou-2026-pass"
tm_keys Tab
tm_keys C-u
tm_text "Kenkou-2026-pass"
tm_keys Enter
check "a good one brings the second person's fields" tm_wait "Second person (at this console)"
tm_stop

# The command line: refused before the number or a second password is read.
run number confirm --person Q2 --vault "$V" --user yamada --password-fd 3 3<<<"$A" </dev/null
check "number confirm by who entered it is refused before the number is read" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "a different person must confirm it"'
run number confirm --person Q1 --vault "$V" --user sato --password-fd 3 3<<<"$S" </dev/null
check "number confirm with the identity check incomplete is refused before the number is read" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "the identity check is incomplete"'
run media dispose M0001 --method shredded --checker sato --vault "$V" --user yamada --password-fd 3 3<<<"$A" </dev/null
check "media dispose before the import is refused before the witness's password is read" \
	eval '[ "$RC" -ne 0 ] && contains "$ERR" "the answer has not been imported"'
run user add kimura --role clerk --checker sato --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"kimura123" </dev/null
check "user add with a weak password is refused before the second person's password is read" \
	eval '[ "$RC" -ne 0 ] && ! contains "$ERR" "second person" && ! contains "$ERR" "terminal"'
run user add 'bad name!' --role clerk --vault "$V" --user yamada --password-fd 3 </dev/null
check "a malformed user name is refused before any password is read" \
	eval '[ "$RC" -ne 0 ] && ! contains "$ERR" "password"'
as_yamada user list
check "nobody was added" eval '! contains "$OUT" "kimura"'
finish
