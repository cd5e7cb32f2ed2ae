#!/bin/bash
# End-to-end: a backup made while a console is logged in and an import is
# running, restored into a new folder, opened and checked; damaged backups
# refused by name; restore never overwrites a vault.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 40

V=$SCRATCH/vault
A='Kokuho-2026-pass'
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null
as_admin() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
# as_in DIR ARGS...: as yamada on another vault.
as_in() { local d=$1; shift; run "$@" --vault "$d" --user yamada --password-fd 3 3<<<"$A"; }

"$GEN" --count 3000 --seed 11 >"$SCRATCH/a.csv"
"$GEN" --count 20000 --seed 12 >"$SCRATCH/b.csv"
as_admin person import "$SCRATCH/a.csv"

# A console stays logged in on the vault through the whole backup.
tm_start 100 30 "exec env LANG=C.UTF-8 $MYNADESK --vault $V 2>>$SCRATCH/console.err"
tm_wait "Log in" >/dev/null
tm_text yamada; tm_keys Tab; tm_text "$A"; tm_keys Enter
check "a console is logged in on the vault" tm_wait "Home"

# An import of 20,000 more persons runs while the backup is taken.
"$MYNADESK" person import "$SCRATCH/b.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >"$SCRATCH/imp.out" 2>&1 &
IMP=$!
sleep 0.4
as_admin backup create "$SCRATCH/one.bak"
wait "$IMP"
IMPRC=$?
check "backup create works while the console and an import run" \
	eval '[ "$RC" -eq 0 ] && echo "$OUT" | grep -qE "^backup .*one.bak: audit head [0-9]+, sha256 [0-9a-f]{64}$" && [ "$IMPRC" -eq 0 ]'
check "the backup file is private (0600)" test "$(stat -c %a "$SCRATCH/one.bak")" = 600
check "no temporary files are left beside it" eval '[ -z "$(ls -A "$SCRATCH" | grep -E "^\.mynadesk-backup|\.tmp$")" ]'

# The README's check with plain tools: the last 72 bytes name the SHA-256
# of every byte before them; one changed byte shows.
plain_ok() {
	[ "$(tail -c 72 "$1")" = "sha256 $(head -c -72 "$1" | sha256sum | cut -c1-64)" ]
}
check "head -n 9 shows the header the README describes" \
	eval '[ "$(head -n 1 "$SCRATCH/one.bak")" = "mynadesk-backup v2" ] && [ "$(head -n 9 "$SCRATCH/one.bak" | tail -n 1)" = end ]'
check "tail and sha256sum agree on an intact backup" plain_ok "$SCRATCH/one.bak"
cp "$SCRATCH/one.bak" "$SCRATCH/plain.bak"
flip_byte "$SCRATCH/plain.bak" 5000
check "tail and sha256sum disagree on a backup with one byte changed" \
	eval '! plain_ok "$SCRATCH/plain.bak"'

run backup verify "$SCRATCH/one.bak"
check "backup verify without a login checks structure and SHA-256" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "intact" && contains "$OUT" "structure and SHA-256 only"'

as_admin backup verify "$SCRATCH/one.bak"
check "with a login it opens the copy and walks its audit chain" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "audit chain intact" && contains "$OUT" "found in this vault'"'"'s log"'

as_admin audit show --action 'backup.*'
check "create and verify are audited in the source vault" \
	eval 'echo "$OUT" | grep -qE "backup.create .*one.bak sha256=[0-9a-f*]{64} head=" && echo "$OUT" | grep -q "backup.verify .*result=ok"'

run_pw "$A" backup restore "$SCRATCH/one.bak" --vault "$SCRATCH/r1" --user yamada --password-fd 3
check "restore into a new folder" eval '[ "$RC" -eq 0 ] && contains "$OUT" "restored" && [ -f "$SCRATCH/r1/vault.keys" ]'
check "the restored folder is 0700 and its files 0600" \
	test "$(stat -c %a "$SCRATCH/r1") $(stat -c %a "$SCRATCH/r1/vault.db") $(stat -c %a "$SCRATCH/r1/vault.keys")" = "700 600 600"
as_in "$SCRATCH/r1" audit verify
check "the restored vault opens and its audit chain is intact" eval '[ "$RC" -eq 0 ] && contains "$OUT" "intact"'
as_in "$SCRATCH/r1" audit show --action backup.restore
check "the restore is recorded in the restored vault" \
	eval 'contains "$OUT" "backup.restore" && contains "$OUT" "one.bak"'

# The copy is one committed state: the running import is in it whole or not at all.
as_in "$SCRATCH/r1" audit show --action person.import
NIMP=$(echo "$OUT" | grep -c "person.import")
# Keys P0000001... overlap: b.csv changes a's 3,000 and adds P0003001-P0020000.
as_in "$SCRATCH/r1" person show --person P0020000
HAS_LAST=$RC
as_in "$SCRATCH/r1" person show --person P0003001
HAS_FIRST=$RC
check "the concurrent import is wholly in the copy or wholly absent" \
	eval '{ [ "$NIMP" -eq 1 ] && [ "$HAS_FIRST" -ne 0 ] && [ "$HAS_LAST" -ne 0 ]; } || { [ "$NIMP" -eq 2 ] && [ "$HAS_FIRST" -eq 0 ] && [ "$HAS_LAST" -eq 0 ]; }'

# Data equal: every search answer of the source at backup time.
as_admin backup create "$SCRATCH/two.bak"
run_pw "$A" backup restore "$SCRATCH/two.bak" --vault "$SCRATCH/r2" --user yamada --password-fd 3
same=1
for q in ア カ サ タ ナ ハ マ ヤ ワ; do
	as_admin person search "$q" --limit 100000; a=$OUT
	as_in "$SCRATCH/r2" person search "$q" --limit 100000
	[ "$a" = "$OUT" ] && [ -n "$a" ] || same=0
done
check "the restored vault answers searches exactly as the source" test "$same" = 1

run_pw "$A" backup restore "$SCRATCH/two.bak" --vault "$V" --force --user yamada --password-fd 3
check "--force refuses a vault that a console has open" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "open in another session" && [ -z "$(ls -d "$V".* 2>/dev/null)" ]'
tm_stop

run_pw "$A" backup restore "$SCRATCH/two.bak" --vault "$V" --user yamada --password-fd 3
check "restore refuses a folder that holds a vault" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "already holds a vault" && [ -z "$(ls -d "$V".* 2>/dev/null)" ]'
mkdir "$SCRATCH/other"; echo x >"$SCRATCH/other/notes.txt"
run_pw "$A" backup restore "$SCRATCH/two.bak" --vault "$SCRATCH/other" --user yamada --password-fd 3
check "restore refuses a folder with other files" eval '[ "$RC" -eq 1 ] && contains "$ERR" "not empty"'
run_pw "Wrong-pass-2026" backup restore "$SCRATCH/two.bak" --vault "$SCRATCH/r3" --user yamada --password-fd 3
check "a wrong password restores nothing and leaves nothing behind" \
	eval '[ "$RC" -eq 1 ] && [ ! -e "$SCRATCH/r3" ] && [ -z "$(ls -d "$SCRATCH"/r3.* 2>/dev/null)" ]'
run backup restore "$SCRATCH/two.bak" --vault "$SCRATCH/r3" --recovery-key-fd 3 3</dev/null
check "an empty recovery-key descriptor is the script's mistake: exit 2" \
	eval '[ "$RC" -eq 2 ] && [ ! -e "$SCRATCH/r3" ]'
run_pw "0123 not a key" backup restore "$SCRATCH/two.bak" --vault "$SCRATCH/r3" --recovery-key-fd 3
check "a recovery key that is not 64 hex digits is refused, exit 1" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "64 hex digits" && [ ! -e "$SCRATCH/r3" ]'

run_pw "$A" backup restore "$SCRATCH/one.bak" --vault "$SCRATCH/r2" --force --user yamada --password-fd 3
ASIDE=$(ls -d "$SCRATCH"/r2.old-* 2>/dev/null)
check "--force keeps the old vault aside, whole" \
	eval '[ "$RC" -eq 0 ] && [ -n "$ASIDE" ] && contains "$OUT" "$ASIDE" && [ -f "$ASIDE/vault.keys" ]'
as_in "$ASIDE" audit verify
check "the vault kept aside still opens" eval '[ "$RC" -eq 0 ]'
as_in "$SCRATCH/r2" audit show --action backup.restore
check "the forced restore is recorded as forced" eval 'contains "$OUT" "forced=1"'

# Damage: a flipped byte, a truncated file, a broken header, bytes after the end.
SIZE=$(stat -c %s "$SCRATCH/two.bak")
cp "$SCRATCH/two.bak" "$SCRATCH/flip.bak"
flip_byte "$SCRATCH/flip.bak" $((SIZE / 2))
run backup verify "$SCRATCH/flip.bak"
check "a flipped byte is refused: SHA-256 does not match" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "damaged: its SHA-256 does not match"'
head -c $((SIZE - 5000)) "$SCRATCH/two.bak" >"$SCRATCH/short.bak"
run backup verify "$SCRATCH/short.bak"
check "a truncated backup is refused as truncated" eval '[ "$RC" -eq 1 ] && contains "$ERR" "is truncated"'
run_pw "$A" backup restore "$SCRATCH/short.bak" --vault "$SCRATCH/r4" --user yamada --password-fd 3
check "restore refuses it and leaves nothing behind" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "truncated" && [ ! -e "$SCRATCH/r4" ] && [ -z "$(ls -d "$SCRATCH"/r4.* 2>/dev/null)" ]'
sed '3s/insurer 133033/insurer 13303x/' "$SCRATCH/two.bak" >"$SCRATCH/head.bak"
run backup verify "$SCRATCH/head.bak"
check "a damaged header line is named" eval '[ "$RC" -eq 1 ] && contains "$ERR" "header line 3"'
{ cat "$SCRATCH/two.bak"; echo extra; } >"$SCRATCH/long.bak"
run backup verify "$SCRATCH/long.bak"
check "bytes after the end are refused" eval '[ "$RC" -eq 1 ] && contains "$ERR" "after its end"'
run backup verify "$SCRATCH/a.csv"
check "another file is not a backup" eval '[ "$RC" -eq 1 ] && contains "$ERR" "not a mynadesk backup"'

# A database part damaged and the SHA-256 recomputed: only the login check sees it.
HL=$(grep -abo '^end$' "$SCRATCH/two.bak" | head -1 | cut -d: -f1)
head -c $((SIZE - 72)) "$SCRATCH/two.bak" >"$SCRATCH/body"
printf '\x55\x55\x55\x55' | dd of="$SCRATCH/body" bs=1 seek=$((HL + 4 + 600 + 8192 + 100)) conv=notrunc status=none
{ cat "$SCRATCH/body"; printf 'sha256 %s\n' "$(sha256sum "$SCRATCH/body" | cut -d' ' -f1)"; } >"$SCRATCH/rehash.bak"
as_admin backup verify "$SCRATCH/rehash.bak"
check "a re-hashed forgery fails the check with a login, which is audited" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "damaged" && as_admin audit show --action backup.verify && contains "$OUT" "result=failed"'
run_pw "$A" backup restore "$SCRATCH/rehash.bak" --vault "$SCRATCH/r5" --user yamada --password-fd 3
check "restore reads every page first and refuses the forgery" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "damaged" && [ ! -e "$SCRATCH/r5" ] && [ -z "$(ls -d "$SCRATCH"/r5.* 2>/dev/null)" ]'

# The creation time is under the header's MAC: changed and the SHA-256
# recomputed, only a login can tell, and it does.
# reheader IN OUT SED-SCRIPT: edits IN's header lines and recomputes the trailer.
reheader() {
	local hl size
	hl=$(grep -abo '^end$' "$1" | head -1 | cut -d: -f1)
	size=$(stat -c %s "$1")
	{ head -c "$((hl + 4))" "$1" | sed -e "$3"
	  tail -c "+$((hl + 5))" "$1" | head -c "$((size - hl - 4 - 72))"; } >"$SCRATCH/body"
	{ cat "$SCRATCH/body"; printf 'sha256 %s\n' "$(sha256sum "$SCRATCH/body" | cut -d' ' -f1)"; } >"$2"
}
check "a new backup is version 2 with a MAC line" \
	eval 'head -1 "$SCRATCH/two.bak" | grep -qx "mynadesk-backup v2" && grep -aqE "^mac [0-9a-f]{64}$" "$SCRATCH/two.bak"'
reheader "$SCRATCH/two.bak" "$SCRATCH/when.bak" '4s/^created .*/created 2020-01-01T00:00:00Z/'
as_admin backup verify "$SCRATCH/when.bak"
check "a changed creation time passes no login check: verify refuses it" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "header has been altered"'
run_pw "$A" backup restore "$SCRATCH/when.bak" --vault "$SCRATCH/r6" --user yamada --password-fd 3
check "restore refuses it and leaves nothing behind" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "header has been altered" && [ ! -e "$SCRATCH/r6" ] && [ -z "$(ls -d "$SCRATCH"/r6.* 2>/dev/null)" ]'
# A version 1 backup (no MAC line) stays readable, but its time is never
# shown as checked: so turning a new backup into an old one gains nothing.
reheader "$SCRATCH/two.bak" "$SCRATCH/v1.bak" '1s/v2$/v1/; /^mac /d'
as_admin backup verify "$SCRATCH/v1.bak"
check "a version 1 backup still verifies, its creation time marked unchecked" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "audit chain intact" && contains "$OUT" "not checked"'
run_pw "$A" backup restore "$SCRATCH/v1.bak" --vault "$SCRATCH/r7" --user yamada --password-fd 3
check "a version 1 backup still restores" eval '[ "$RC" -eq 0 ] && contains "$OUT" "not checked"'
as_in "$SCRATCH/r7" audit show --action backup.restore
check "its restore record says the time was not checked" \
	eval 'echo "$OUT" | grep -q "backup.restore .*v1.bak .*created_checked=no"'

if [ -s "$SCRATCH/console.err" ]; then
	not_ok "the console wrote nothing to stderr" "$(head -n 20 "$SCRATCH/console.err")"
else
	ok "the console wrote nothing to stderr"
fi
finish
