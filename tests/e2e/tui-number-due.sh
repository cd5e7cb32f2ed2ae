#!/bin/bash
# End-to-end: the deletion duty in the console. A person whose qualification
# was lost long ago is listed as due, one still qualified is not; erasing
# needs a second person who logs in on the same screen (not oneself, not
# with a wrong password); afterwards the list is empty, the number's state
# is deleted, and the audit log names both people and holds no number.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 17

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
# Valid test numbers (check digit right).
N1=621498320257
N2=123456789018

"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
run user add sato --role supervisor --vault "$V" --user yamada --password-fd 3 --new-password-fd 4 3<<<"$A" 4<<<"$S"
first_login "$V" sato "$S"

as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
as_yamada_n() { local n=$1; shift; run "$@" --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$n"; }
as_sato_n() { local n=$1; shift; run "$@" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$n"; }

# P0001 lost the qualification on 2020-03-31, long past any retention;
# P0002 is still qualified.
cat >"$SCRATCH/persons.csv" <<'EOF'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,20200331
P0002,133033,12,346,1,,佐藤 次郎,サトウ　ジロウ,19660909,1,東京都中央区銀座2-2,131024,1,,20190601,
EOF
as_yamada person import "$SCRATCH/persons.csv"
check "the persons are imported for the test" eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 added"'
for k in P0001 P0002; do
	as_yamada idproof record --person $k --channel member --mode in-person --doc mynumber-card
done

as_yamada_n "$N1" number enter --person P0001 --channel member --received 2019-04-01 --doc F-1
R1=$RC
as_sato_n "$N1" number confirm --person P0001
R2=$RC
as_yamada_n "$N2" number enter --person P0002 --channel member --received 2019-07-01 --doc F-2
R3=$RC
as_sato_n "$N2" number confirm --person P0002
check "both numbers are entered by yamada and confirmed by sato" \
	eval '[ "$R1$R2$R3$RC" = 0000 ]'

# Digits of either number anywhere below the status line (which shows the
# insurer 133033), or a 12-digit run anywhere.
D='[0-9０１２３４５６７８９]'
no_digits_of() {
	local screen n g
	screen=$(tm_screen)
	if echo "$screen" | LC_ALL=C.UTF-8 grep -qE "$D{4}[ -]?$D{4}[ -]?$D{4}"; then
		return 1
	fi
	for n in "$@"; do
		for g in "${n:0:4}" "${n:4:4}" "${n:8:4}"; do
			if echo "$screen" | tail -n +2 | grep -qF -- "$g"; then return 1; fi
		done
	done
	return 0
}

tm_start 80 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/console.err; echo EXIT=\$? > $SCRATCH/exit; sleep 30"
tm_wait Password >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "8 Admin" >/dev/null
tm_keys 2
tm_wait "Home > Numbers" >/dev/null
check "the number search offers d for the numbers due for deletion" \
	eval 'tm_screen | tail -n 1 | grep -q "d due for deletion"'
tm_keys d
check "d opens the list: only the person who lost the qualification" \
	eval 'tm_wait "Home > Numbers > Due for deletion" && tm_screen | grep -qE "P0001 +山田 太郎 +2020-03-31" && ! tm_screen | grep -q "P0002"'
check "the list says a second person is needed and shows no digits" \
	eval 'tm_screen | grep -q "a second person must log in" && no_digits_of "$N1" "$N2"'

tm_keys Enter
check "Enter says first that a second person is needed, then asks them" \
	eval 'tm_wait "This step needs a second person." && tm_screen | grep -q "Second person" && tm_screen | grep -q "Their password"'
tm_text yamada
tm_keys Enter
tm_text "$A"
tm_keys Enter
check "the logged-in user cannot be the second person" \
	eval 'tm_wait "the second person must be someone else" && tm_screen | grep -q "Their password"'
tm_keys C-u
tm_text sato
tm_keys Enter
tm_text "wrong-password-2026"
tm_keys Enter
check "a wrong password for the second person is refused" \
	eval 'tm_wait "wrong user name or password for the second person" && tm_screen | grep -q "Their password"'
as_yamada number status --person P0001
check "after both refusals the number is still there" eval '[ "$OUT" = confirmed ]'
# The password field was emptied and has the cursor: type it again.
tm_text "$S"
tm_keys Enter
check "with sato's password the number is erased" \
	tm_wait "the number of P0001 was erased"
check "the list is now empty and says so" \
	eval 'tm_wait "No numbers are due for deletion." && ! tm_screen | grep -qE "P0001 +山田"'
check "no digits on screen after the deletion" no_digits_of "$N1" "$N2"

tm_keys Escape
tm_wait "Home > Numbers" >/dev/null
tm_keys Escape
tm_wait "8 Admin" >/dev/null
tm_keys q
tm_wait "Quit mynadesk?" >/dev/null
tm_keys y
for i in $(seq 1 100); do [ -s "$SCRATCH/exit" ] && break; sleep 0.05; done
check "the console exits 0" grep -q "EXIT=0" "$SCRATCH/exit"
tm_stop

as_yamada number status --person P0001
check "status: the number of P0001 is deleted, P0002's is kept" \
	eval '[ "$OUT" = deleted ] && as_yamada number status --person P0002 && [ "$OUT" = confirmed ]'

as_yamada audit show --action number.delete
check "audit: one deletion by yamada with sato as second person" \
	eval '[ "$(echo "$OUT" | grep -c "number.delete")" -eq 1 ] && echo "$OUT" | grep -qE "yamada +sato +number.delete +P0001 +erased=yes"'
LINE=$(echo "$OUT" | grep "number.delete")
check "audit: the deletion record holds no digits of the number" \
	eval '! echo "$LINE" | grep -qE "[0-9]{12}|${N1:0:4}|${N1:4:4}|${N1:8:4}"'

if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 40 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi

finish
