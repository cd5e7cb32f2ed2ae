#!/bin/bash
# End-to-end (issue 16 §5): one person J-LIS cannot take never blocks the
# inquiry. A 𠮷 name, a 髙 name (an IBM extension: 外字 for JIS X 0208) and
# sex code 3 are left out and listed with their reasons; everyone else is
# sent. A 〜 address goes out as CP932 and comes back as ～: the same after
# the documented normalisation, so it is confirmed, not held. The usual
# spelling recorded for the 𠮷 person is sent by the next request and
# answered, and the imported name is never changed.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 11

SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
mkdir -p "$SCRATCH/o1" "$SCRATCH/o2" "$SCRATCH/b1" "$SCRATCH/b2"
"$MYNADESK" init --vault "$V" --insurer 33120015 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
with_sato() { run "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; }
nonum() { ! echo "$OUT$ERR" | grep -qE '(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)'; }

# Five residents: P1 𠮷, P2 sex 3, P3 a 〜 in the address, P4 髙, P5 plain.
"$GEN" --count 5 --seed 21 --insurer 33120015 --numbers "$SCRATCH/nums.csv" | sed 's/𠮷/吉/g; s/髙/高/g' |
	awk -F, -v OFS=, 'NR > 1 { $13 = 1 }
		NR == 2 { $7 = "𠮷田　一郎" }
		NR == 3 { $10 = 3 }
		NR == 4 { $11 = "東京都千代田区千代田１丁目〜２番" }
		NR == 5 { $7 = "髙橋　花子" }
		{ print }' >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
check "setup: the extract is imported" eval '[ "$RC" -eq 0 ]'

as_yamada jlis request --out "$SCRATCH/o1"
check "the file goes out for the two who can be sent" \
	eval '[ "$RC" -eq 0 ] && [ "$(grep -c "" "$SCRATCH/o1/33120015N1Y.csv")" -eq 2 ]'
check "the others are listed with each reason: 外字, an extension character, sex code 3" \
	eval 'contains "$OUT" "3 persons need a spelling" && contains "$OUT" "P0000001: 氏名: '"'"'𠮷'"'"'" && contains "$OUT" "P0000004: 氏名: '"'"'髙'"'"' is an NEC/IBM extension" && contains "$OUT" "P0000002: sex code 3"'
as_yamada jlis unsendable
check "jlis unsendable lists the three waiting for a spelling" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 persons need a spelling" && contains "$OUT" "P0000001" && contains "$OUT" "P0000002" && contains "$OUT" "P0000004"'

as_yamada person inquiry-name P0000001 --name 'y田' --reason '通用字体で照会'
check "a spelling J-LIS cannot take either is refused" eval '[ "$RC" -ne 0 ] && contains "$ERR" "full-width"'
as_yamada person inquiry-name P0000001 --name '吉田　一郎' --reason '通用字体で照会'
check "the usual spelling is recorded, audited" \
	eval '[ "$RC" -eq 0 ] && as_yamada audit show --action jlis.inquiry-name && contains "$OUT" "P0000001" && contains "$OUT" "通用字体で照会"'
as_yamada jlis unsendable
check "P1 no longer waits, its spelling is listed; the others still wait" \
	eval '! contains "$OUT" "P0000001: 氏名" && contains "$OUT" "P0000001: sent as 吉田　一郎 (通用字体で照会" && contains "$OUT" "2 persons need a spelling" && contains "$OUT" "P0000004" && contains "$OUT" "P0000002"'

# Round trip through the terminal: the answer brought back and imported.
"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 1 --not-found 0 --mismatch 0 \
	"$SCRATCH/o1/33120015N1Y.csv" >"$SCRATCH/b1/33120015N1R.csv"
with_sato media carry "$SCRATCH/o1" --medium USB-1
with_sato media receive M0001 --file "$SCRATCH/b1"
with_sato jlis receive "$SCRATCH/b1/33120015N1R.csv" --medium M0001
check "the 〜 address that came back as ～ is confirmed, not held" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 confirmed, 0 held" && as_yamada number status --person P0000003 && [ "$OUT" = confirmed ]'

as_yamada jlis request --out "$SCRATCH/o2"
check "the next request sends P1 in the usual spelling" \
	eval '[ "$RC" -eq 0 ] && iconv -f CP932 -t UTF-8 "$SCRATCH/o2/33120015N2Y.csv" | grep -q "^吉田　一郎,"'
"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 1 --not-found 0 --mismatch 0 \
	"$SCRATCH/o2/33120015N2Y.csv" >"$SCRATCH/b2/33120015N2R.csv"
with_sato media carry "$SCRATCH/o2" --medium USB-2
with_sato media receive M0002 --file "$SCRATCH/b2"
with_sato jlis receive "$SCRATCH/b2/33120015N2R.csv" --medium M0002
check "J-LIS finds P1 by the usual spelling: confirmed" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 confirmed" && as_yamada number status --person P0000001 && [ "$OUT" = confirmed ]'
as_yamada person search 𠮷田
check "the imported name is unchanged" eval '[ "$RC" -eq 0 ] && contains "$OUT" "P0000001" && nonum'

finish
