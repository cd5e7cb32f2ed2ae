#!/bin/bash
# End-to-end: the 2-digit 枝番 of the insured number (個人単位被保険者番号,
# 2021) from the extract to the registration and 副本 files, search by
# 記号・番号・枝番, and a vendor's own column passed through by name from
# the extract's layout to a registration layout, without a rebuild.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 16

SIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
FORMS=${TOP_SRCDIR:-.}/forms
V=$SCRATCH/vault
D=$SCRATCH/files
mkdir -p "$D" "$SCRATCH/d2"
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
number() {
	as_yamada idproof record --person "$1" --channel member --mode in-person --doc mynumber-card
	"$MYNADESK" number enter --person "$1" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$2" >/dev/null
	"$MYNADESK" number confirm --person "$1" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$2" >/dev/null
}
utf8() { iconv -f CP932 -t UTF-8 "$1"; }
newest() { ls -t "$1"/*_"$2"_*.csv | head -n1; }

H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
{
	echo "$H,branch"
	echo "P1,133033,4000,1,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,,00"
	echo "P2,133033,4000,1,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401,,01"
	echo "P3,133033,4000,1,2,P1,山田　一郎,ヤマダ　イチロウ,20050505,1,東京都千代田区千代田1-1,131016,1,,20100401,,02"
} >"$SCRATCH/x.csv"
as_yamada person import "$SCRATCH/x.csv"
check "an extract with the 枝番 column imports" eval '[ "$RC" -eq 0 ] && contains "$OUT" "3 added"'
as_yamada person show --person P2
check "person show gives the 枝番" eval 'echo "$OUT" | grep -qE "^branch \(枝番\) +01$"'
as_yamada person search 4000/1/02
check "search by 記号/番号/枝番 finds the one person" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "P3" && ! contains "$OUT" "P1 " && contains "$OUT" "4000/1/02"'
as_yamada person search 4000/1
check "search by 記号/番号 still finds the household" eval 'contains "$OUT" "P1" && contains "$OUT" "P2" && contains "$OUT" "P3"'

# Extracts from before 2021 have no 枝番 column: they still import.
{
	echo "$H"
	echo "P9,133033,4001,7,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,東京都,131016,1,,20000401,"
} | sed 's/$/\r/' >"$SCRATCH/old.csv"
as_yamada person import "$SCRATCH/old.csv"
check "an extract without the 枝番 column still imports" eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 added"'
run check --layout persons "$SCRATCH/old.csv"
check "and passes the format checker the same way" eval '[ "$RC" -eq 0 ]'

# Malformed 枝番: one digit, letters, three digits.
for bad in 1 AB 100; do
	sed "2s/,00\$/,$bad/" "$SCRATCH/x.csv" >"$SCRATCH/bad-$bad.csv"
done
as_yamada person import "$SCRATCH/bad-1.csv"
check "a one-digit 枝番 is refused, nothing imported" eval '[ "$RC" -eq 1 ] && contains "$OUT$ERR" "枝番 is two digits"'
as_yamada person import "$SCRATCH/bad-AB.csv"
check "letters are refused" eval '[ "$RC" -eq 1 ] && contains "$OUT$ERR" ":2:branch:"'
as_yamada person import "$SCRATCH/bad-100.csv"
check "three digits are refused" eval '[ "$RC" -eq 1 ] && contains "$OUT$ERR" ":2:branch:"'

number P1 621498320257
number P2 314159265352
as_yamada bulk export --kind persons --out "$D"
F1=$(newest "$D" persons)
check "the registration file carries 記号, 番号 and 枝番" \
	eval '[ "$RC" -eq 0 ] && utf8 "$F1" | grep -q ",P1,621498320257,0,4000,1,00,1," && utf8 "$F1" | grep -q ",P2,314159265352,0,4000,1,01,2,"'
run bulk check --kind persons "$F1"
check "the file passes its layout check" eval '[ "$RC" -eq 0 ]'
"$SIM" answer "$F1" >"$SCRATCH/r.csv" 2>/dev/null
as_yamada bulk results "$SCRATCH/r.csv"
as_yamada bulk export --kind qualification --out "$D"
F2=$(newest "$D" qualification)
check "the 副本 (資格情報) carries the 枝番 too" \
	eval '[ "$RC" -eq 0 ] && utf8 "$F2" | grep -q ",P2,4000,1,01,2," && utf8 "$F2" | grep -q ",P1,4000,1,00,1,"'

# A vendor's column the person model does not know: one more field in the
# extract's layout and one in the registration layout, nothing rebuilt.
sed 's/^version = 2$/version = 3/' "$FORMS/persons.layout" >"$SCRATCH/p3.layout"
printf '\n[field card_issued]\ntype = date\nlabel = 資格確認書交付日\n' >>"$SCRATCH/p3.layout"
sed 's/^version = 2$/version = 3/' "$FORMS/reg-persons.layout" >"$SCRATCH/r3.layout"
printf '\n[field card_issued]\ntype = date\nlabel = 資格確認書交付日\n' >>"$SCRATCH/r3.layout"
V=$SCRATCH/v2
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
{
	echo "$H,branch,card_issued"
	echo "P1,133033,4000,1,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,,00,20241202"
	echo "P2,133033,4000,1,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401,,01,"
} >"$SCRATCH/v.csv"
as_yamada person import "$SCRATCH/v.csv" --layout "$SCRATCH/p3.layout"
check "an extract with a column of the vendor's own imports" eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 added"'
as_yamada person show --person P1
check "person show lists it by name" eval 'echo "$OUT" | grep -qE "^card_issued +20241202$"'
number P1 621498320257
number P2 314159265352
as_yamada bulk export --kind persons --out "$SCRATCH/d2" --layout "$SCRATCH/r3.layout"
F3=$(newest "$SCRATCH/d2" persons)
check "the column passes through by name into the registration file" \
	eval '[ "$RC" -eq 0 ] && utf8 "$F3" | tr -d "\r" | grep -q ",P1,.*,00,.*,20241202$" && utf8 "$F3" | tr -d "\r" | grep -q ",P2,.*,20100401,,$"'
as_yamada person import "$SCRATCH/v.csv" --layout "$SCRATCH/p3.layout"
check "an unchanged vendor column leaves the person unchanged" eval '[ "$RC" -eq 0 ] && contains "$OUT" "2 unchanged"'
finish
