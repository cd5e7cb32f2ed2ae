#!/bin/bash
# End-to-end: smaller rules a console used today must follow. A proxy
# brings its authority, its own identity and the person's number document
# (番号法施行令 12条2項), a corporate proxy its register and the employee's
# card; `number status` names every state, a held J-LIS answer included;
# the retention period defaults to two years and says where it comes from;
# a person's other 副本 wait for their 資格情報 to be accepted.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 13

GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
JSIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
MSIM=${TOP_BUILDDIR:-.}/contrib/midserver-sim
V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
as_sato() { run "$@" --vault "$V" --user sato --password-fd 3 3<<<"$S"; }
utf8() { iconv -f CP932 -t UTF-8 "$1"; }
newest() { ls -t "$SCRATCH/reg"/*_"$1"_*.csv | head -n1; }

"$GEN" --count 8 --seed 4 --numbers "$SCRATCH/nums.csv" | sed 's/𠮷/吉/g' >"$SCRATCH/p.csv"
as_yamada person import "$SCRATCH/p.csv"
key() { sed -n "$(($1 + 1))p" "$SCRATCH/p.csv" | cut -d, -f1; }
K1=$(key 1); K2=$(key 2); K3=$(key 3)

# --- the proxy (番号法施行令 12条2項) ---
as_yamada idproof record --person "$K1" --channel employer-proxy --mode post \
	--doc notification-card --doc letter-of-attorney --doc proxy:drivers-licence
check "a proxy: authority, the proxy's identity and the person's number document are enough" \
	eval '[ "$RC" -eq 0 ] && as_yamada idproof status --person "$K1" && contains "$OUT" "complete" && ! contains "$OUT" "incomplete"'
as_yamada idproof record --person "$K2" --channel employer-proxy --mode post \
	--doc notification-card --doc letter-of-attorney --doc proxy:corporate-register
check "a corporate proxy's register alone: the employee's card is asked for" \
	eval 'as_yamada idproof status --person "$K2" && contains "$OUT" "incomplete" && contains "$OUT" "社員証"'
as_yamada idproof record --person "$K2" --channel employer-proxy --mode post --doc proxy:employee-id
check "with the employee's 社員証 the corporate proxy is identified" \
	eval 'as_yamada idproof status --person "$K2" && ! contains "$OUT" "incomplete"'
as_yamada idproof record --person "$K3" --channel member --mode in-person \
	--doc resident-record-items --doc driving-record
check "住民票記載事項証明書 proves the number, 運転経歴証明書 the identity" \
	eval 'as_yamada idproof status --person "$K3" && ! contains "$OUT" "incomplete"'

# --- number status, every state ---
as_yamada number status --person "$K1"
check "nothing under way: missing" eval '[ "$OUT" = missing ]'
mkdir -p "$SCRATCH/jl"
as_yamada jlis request --out "$SCRATCH/jl"
REQ=$(ls "$SCRATCH/jl"/*N1Y.csv)
# Carried to the dedicated terminal (the default channel), two persons.
with_sato() { run "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; }
with_sato media carry "$SCRATCH/jl" --medium USB-1
mkdir -p "$SCRATCH/ans"
as_yamada number status --person "$K1"
check "asked J-LIS: the inquiry and its day" \
	eval 'contains "$OUT" "jlis-asked: asked J-LIS in inquiry N1 on $(date +%Y-%m-%d)"'
"$JSIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 2 --not-found 1 --mismatch 1 \
	"$REQ" >"$SCRATCH/ans/$(basename "$REQ" Y.csv)R.csv"
# The answer comes back from the dedicated terminal on a recorded medium,
# and is imported with a witness.
ANS="$SCRATCH/ans/$(basename "$REQ" Y.csv)R.csv"
with_sato media receive M0001 --file "$ANS"
with_sato jlis receive "$ANS" --medium M0001
as_yamada jlis held
HELD=$(echo "$OUT" | awk '/  differs:/ {print $1}' | head -n1)
# The items that differ, as the held list codes them (differs:name,kana).
WHY=$(echo "$OUT" | grep "  differs:" | head -n1 | sed 's/^[^ ]*  differs:\([a-z,]*\)  .*$/\1/; s/,/, /g')
as_yamada number status --person "$HELD"
check "a held answer reads as held for a supervisor, with the items that differ" \
	eval '[ -n "$HELD" ] && contains "$OUT" "jlis-held: held for a supervisor (J-LIS answer differs: " && [ -n "$WHY" ] && contains "$OUT" "differs: $WHY)"'
NF=
for k in $(sed 1d "$SCRATCH/p.csv" | cut -d, -f1); do
	as_yamada number status --person "$k"
	case $OUT in jlis-not-found*) NF=$k ;; esac
done
as_yamada number status --person "$NF"
check "not found: asked once more by the next request" \
	eval '[ -n "$NF" ] && [ "$OUT" = "jlis-not-found: J-LIS did not find the person: the next jlis request asks once more" ]'

# --- retention ---
as_yamada settings show
check "retention defaults to two years and names the 取扱規程" \
	eval 'echo "$OUT" | grep -qE "^retention-days +731 " && contains "$OUT" "取扱規程" && contains "$OUT" "2 years"'

# --- 副本 order (seed 2.13.2 ①-⑦) ---
mkdir -p "$SCRATCH/reg"
CONF=$(for k in $(sed 1d "$SCRATCH/p.csv" | cut -d, -f1); do as_yamada number status --person "$k"; [ "$OUT" = confirmed ] && echo "$k"; done | head -n1)
as_yamada bulk export --kind persons --out "$SCRATCH/reg"
"$MSIM" answer "$(newest persons)" >"$SCRATCH/r1.csv" 2>/dev/null
as_yamada bulk results "$SCRATCH/r1.csv"
check "the person is registered (加入者情報)" eval '[ "$RC" -eq 0 ] && [ -n "$CONF" ]'
printf 'person_id,amount,date,decided\n%s,50000,20261101,20261110\n' "$CONF" >"$SCRATCH/sosai.csv"
printf 'person_id,decision,period_from,period_to,amount,decided\n%s,K-1,20250801,20260731,52000,20261001\n' "$CONF" >"$SCRATCH/kogaku.csv"
as_yamada bulk export --kind kogaku --out "$SCRATCH/reg" --file "$SCRATCH/kogaku.csv"
check "before the 資格情報 is accepted the person's other 副本 wait (exit 1: nothing written)" \
	eval '[ "$RC" -eq 1 ] && contains "$OUT" "nothing to send" && contains "$ERR" "$CONF: waiting: the server has not accepted the person'"'"'s 資格情報"'
as_yamada bulk export --kind qualification --out "$SCRATCH/reg"
"$MSIM" answer "$(newest qualification)" >"$SCRATCH/r2.csv" 2>/dev/null
as_yamada bulk results "$SCRATCH/r2.csv"
as_yamada bulk export --kind kogaku --out "$SCRATCH/reg" --file "$SCRATCH/kogaku.csv"
check "after it, they go out" eval '[ "$RC" -eq 0 ] && contains "$OUT" "1 record," && utf8 "$(newest kogaku)" | grep -q ",$CONF,K-1,"'
as_yamada audit verify
check "the audit chain verifies" eval '[ "$RC" -eq 0 ]'
finish
