#!/bin/bash
# End-to-end: 'mynadesk pia' gives the assessment level the count requires,
# asks staff and incidents only where they decide, names the next line, and
# 'pia done' is audited with the review due a year later.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 11

V=$SCRATCH/vault
A='Kokuho-2026-pass'
C='Clerk-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add kato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$C" >/dev/null
first_login "$V" kato "$C"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }

as_yamada pia </dev/null
check "an empty vault needs no PIA and names the first line" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "persons on file: 0" && contains "$OUT" "(none)" && contains "$OUT" "next line: 1000 persons, 1000 more"'
as_yamada pia --persons 9999 </dev/null
check "9,999 persons: basic, one person before the next line, nothing asked" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "(basic)" && contains "$OUT" "10000 persons, 1 more" && [ -z "$ERR" ]'
as_yamada pia --persons 10000 </dev/null
check "10,000 persons: staff and incidents must be given" eval '[ "$RC" -eq 1 ] && contains "$ERR" "--staff N"'
run pia --persons 10000 --vault "$V" --user yamada --password-fd 3 3<<<"$A" <<<"$(printf '500\nno\n')"
check "answers typed on the terminal decide: 500 staff gives basic + focused" \
	eval '[ "$RC" -eq 0 ] && contains "$ERR" "How many staff" && contains "$OUT" "(basic+focused)"'
as_yamada pia --persons 100000 --staff 499 --incidents no
check "100,000 persons, 499 staff, no incident: basic + focused" eval 'contains "$OUT" "(basic+focused)"'
as_yamada pia --persons 100000 --staff 3 --incidents yes
check "a serious incident raises it to basic + full" eval 'contains "$OUT" "(basic+full)"'
as_yamada pia --persons 300000 --incidents maybe
check "a bad --incidents is refused as a usage error" eval '[ "$RC" -eq 2 ] && contains "$ERR" "yes|no"'
run pia done --date 2026-01-10 --vault "$V" --user kato --password-fd 3 3<<<"$C"
check "a clerk cannot record a PIA" eval '[ "$RC" -eq 1 ] && contains "$ERR" "supervisor or administrator"'
as_yamada pia done --date 2026-01-10
check "pia done records the date and gives the review date" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "PIA of 2026-01-10 recorded for 0 persons (none); review due 2027-01-10"'
as_yamada pia --persons 1200
check "a count past a line since the last PIA says to assess again" \
	eval 'contains "$OUT" "last PIA: 2026-01-10" && contains "$OUT" "review due: 2027-01-10" && contains "$OUT" "crossed 1000 since the last PIA"'
as_yamada audit show --action pia.done
check "the PIA is in the audit log" eval 'contains "$OUT" "date=2026-01-10 persons=0 level=none"'
finish
