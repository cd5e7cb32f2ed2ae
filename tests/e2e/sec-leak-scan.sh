#!/bin/bash
# End-to-end: a whole day's work with known generated numbers, then every
# output, every file in the vault (the encrypted database and its WAL too),
# the backup, the checkpoint and every console screen are searched for them.
# The reveal screen is the one place a full number may appear; finding it
# there proves the search works.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 8

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
LOG=$SCRATCH/outputs
mkdir "$LOG" "$SCRATCH/shots" "$SCRATCH/cp"
n=0
# step ARGS...: runs mynadesk as yamada, keeping its stdout and stderr.
step() { n=$((n + 1)); "$MYNADESK" "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >"$LOG/$n.out" 2>"$LOG/$n.err"; }
step_sato() { n=$((n + 1)); "$MYNADESK" "$@" --vault "$V" --user sato --password-fd 3 3<<<"$S" >"$LOG/$n.out" 2>"$LOG/$n.err"; }
shot() { n=$((n + 1)); tm_screen >"$SCRATCH/shots/$n-$1.txt"; }

"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >"$LOG/init.out" 2>&1
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >"$LOG/user.out" 2>&1
first_login "$V" sato "$S"
"$GEN" --count 300 --seed 21 --numbers "$SCRATCH/numbers.csv" >"$SCRATCH/persons.csv"
step person import "$SCRATCH/persons.csv"
MEMBERS=$(awk -F, '$5 == 1 { print $1 }' "$SCRATCH/persons.csv" | head -5)
NUMS=""
confirmed=0
for p in $MEMBERS; do
	num=$(grep "^$p," "$SCRATCH/numbers.csv" | cut -d, -f2)
	NUMS="$NUMS $num"
	step idproof record --person "$p" --channel member --mode in-person --doc mynumber-card
	n=$((n + 1))
	"$MYNADESK" number enter --person "$p" --channel member --received 2026-11-20 --doc "F-$p" --number-fd 4 \
		--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$num" >"$LOG/$n.out" 2>"$LOG/$n.err"
	n=$((n + 1))
	"$MYNADESK" number confirm --person "$p" --number-fd 4 \
		--vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$num" >"$LOG/$n.out" 2>"$LOG/$n.err" &&
		confirmed=$((confirmed + 1))
	n=$((n + 1))
	"$MYNADESK" number match --person "$p" --number-fd 4 \
		--vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$num" >"$LOG/$n.out" 2>"$LOG/$n.err"
	step number status --person "$p"
	step person show --person "$p"
done
check "five numbers entered and confirmed by two people" test "$confirmed" = 5
# A mistyped confirmation goes to the supervisor: its message must not leak either.
FIRST=$(echo "$MEMBERS" | head -1)
step_sato number confirm --person "$FIRST" --number-fd 4 4<<<"123456789018"
# A number typed into free text (a reason) is masked by the typed audit
# detail, in the log and in the auditor's export.
step person inquiry-name "$FIRST" --name '吉田　一郎' --reason "番号 $(echo $NUMS | cut -d' ' -f2) の確認"
step person search イ --limit 1000
step number queue
step number due
step audit show
step audit verify
step audit checkpoint --out "$SCRATCH/cp"
step settings show
step settings set idle-lock-minutes 4
step audit export --from 2020-01-01 --to "$(TZ=Asia/Tokyo date +%F)" --out "$SCRATCH/pkg"
step backup create "$SCRATCH/day.bak"
step backup verify "$SCRATCH/day.bak"

# The console: log in, find the first member, reveal the number once.
tm_start 100 30 "exec env LANG=C.UTF-8 $MYNADESK --vault $V 2>$LOG/console.err"
tm_wait "Log in" >/dev/null
shot login
tm_text yamada; tm_keys Tab; tm_text "$A"; tm_keys Enter
tm_wait "Home" >/dev/null; shot home
tm_keys 1; tm_wait "Home > Insured" >/dev/null
SYMNUM=$(grep "^$FIRST," "$SCRATCH/persons.csv" | cut -d, -f3,4 | tr , /)
tm_text "$SYMNUM"; tm_keys Enter
tm_wait "found:" >/dev/null; shot search
tm_keys Enter
tm_wait "Home > Insured > Person" >/dev/null; sleep 0.3; shot person
tm_keys r; tm_wait "Reveal number" >/dev/null; shot reason
tm_text "leak scan of the test"; tm_keys Enter
tm_wait "Number shown" >/dev/null; sleep 0.3
tm_screen >"$SCRATCH/reveal.txt"
tm_keys Space; tm_wait "the number is hidden again" >/dev/null; shot hidden
# While the console is open its last commits sit in the WAL: keep a copy.
cp "$V/vault.db-wal" "$SCRATCH/open.wal"
tm_keys Escape Escape; tm_wait "Home" >/dev/null
tm_keys 7; tm_wait "Home > Audit" >/dev/null; sleep 0.3; shot audit
tm_keys Escape; tm_keys 8; sleep 0.5; shot admin
tm_keys Escape; tm_wait "Home" >/dev/null; tm_keys F10; tm_keys y
sleep 0.5
tm_stop

# The forms a number takes: 12 digits, groups of four with a space or a
# hyphen, and its first eight digits alone (the part a mask hides).
patterns() {
	local m
	for m in $NUMS; do
		printf '%s\n%s %s %s\n%s-%s-%s\n%s\n' "$m" "${m:0:4}" "${m:4:4}" "${m:8:4}" \
			"${m:0:4}" "${m:4:4}" "${m:8:4}" "${m:0:8}"
	done
}
patterns >"$SCRATCH/patterns"
# leaks FILES...: the files (read as bytes) that contain any pattern.
leaks() { grep -alF -f "$SCRATCH/patterns" -- "$@" 2>/dev/null; }

check "the reveal screen shows one of the numbers: the search can find them" \
	eval '[ -n "$(leaks "$SCRATCH/reveal.txt")" ]'
L=$(leaks "$LOG"/*)
check "no command output or error message holds a number" test -z "$L"
L=$(leaks "$V"/* "$SCRATCH/open.wal")
check "no file in the vault holds one in the clear (vault.db, its WAL, vault.keys, lockout)" \
	eval '[ -z "$L" ] && [ -s "$SCRATCH/open.wal" ]'
check "the vault folder was scanned with its database" eval 'ls "$V" | grep -q "^vault.db$"'
L=$(leaks "$SCRATCH/day.bak" "$SCRATCH/cp"/* "$SCRATCH/pkg"/*)
check "neither the backup, the checkpoint nor the audit export holds one" \
	eval '[ -z "$L" ] && [ -s "$SCRATCH/pkg/audit-records.csv" ] && grep -q "jlis.inquiry-name" "$SCRATCH/pkg/audit-records.csv"' 
L=$(leaks "$SCRATCH/shots"/*)
check "no console screen but the reveal shows one ($(ls "$SCRATCH/shots" | wc -l) screens)" test -z "$L"
check "the screens are real: the person screen shows the masked number" \
	eval 'grep -q "●●●● ●●●● [0-9]\{4\}" "$SCRATCH"/shots/*-person.txt'
finish
