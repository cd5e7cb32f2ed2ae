#!/bin/bash
# End-to-end: screens read the vault when entered and again when it
# changed (PRAGMA data_version, as home does), never inside draw: what
# another session writes shows on the open screen within a few seconds,
# without a key, and the screen then stays as it is.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 4

V=$SCRATCH/vault
A='Kokuho-2026-pass'
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
cli() { "$MYNADESK" "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
echo "first scan" >"$SCRATCH/scan1.txt"
echo "second scan" >"$SCRATCH/scan2.txt"
cli evidence add "$SCRATCH/scan1.txt" --title "first-scan" >/dev/null

tm_login_home "$V" yamada "$A"
tm_keys 6
check "the evidence list is read when entered" tm_wait "first-scan"
cli evidence add "$SCRATCH/scan2.txt" --title "second-scan" >/dev/null
check "a file another session adds shows without a key" tm_wait "second-scan" 5
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys 8
tm_wait "last login" >/dev/null
cli user add suzuki --role clerk --new-password-fd 4 4<<<"Kenkou-2026-pass" >/dev/null
first_login "$V" suzuki "Kenkou-2026-pass"
check "an account another session adds shows on the open account list" tm_wait "suzuki" 5
tm_keys Escape
tm_wait "Audit log" >/dev/null
tm_keys 7
tm_wait "seq time" >/dev/null
cli evidence add "$SCRATCH/scan1.txt" --title "third-scan" >/dev/null 2>&1
check "the audit list shows a new record without a key" tm_wait "evidence stored" 5
tm_stop
finish
