#!/bin/bash
# End-to-end: the server-to-server way. A simulated intermediate server on
# loopback demands a client certificate; uploads survive a dropped reply
# and a slow answer without registering a file twice; the result comes back
# into the vault; refused certificates and a missing server give clear
# errors without endless retries.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 17

SIM=${MIDSERVER_SIM:-$TOP_BUILDDIR/contrib/midserver-sim}
V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
C=$SCRATCH/pki
export MYNADESK_UPLOAD_FAST=1
"$MYNADESK" init --vault "$V" --insurer 133033 --name x --admin yamada --password-fd 3 3<<<"$A" >/dev/null

# Test certificates, made fresh each run: a CA for the association's
# client and the server, and a stranger CA whose client the server refuses.
mkdir -p "$C"
mkcert() { # NAME CN CA [SAN]
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$C/$1.key" -out "$C/$1.csr" -subj "/CN=$2" 2>/dev/null &&
	openssl x509 -req -in "$C/$1.csr" -CA "$C/$3.pem" -CAkey "$C/$3.key" \
		-CAcreateserial -out "$C/$1.pem" -days 2 ${4:+-extfile <(printf 'subjectAltName=%s' "$4")} 2>/dev/null
}
for ca in ca stranger; do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$C/$ca.key" -out "$C/$ca.pem" -subj "/CN=$ca" -days 2 2>/dev/null
done
mkcert server localhost ca "DNS:localhost,IP:127.0.0.1"
mkcert client kumiai-133033 ca
mkcert intruder someone stranger

SIM_PID=
SYS_CA=
trap 'kill $SIM_PID 2>/dev/null; [ -n "$SYS_CA" ] && rm -f "$SYS_CA"; t_cleanup' EXIT
# As root, the test CA also goes into the system's folder of CAs for the
# run, so a --cacert that quietly added the system store would be caught.
if [ "$(id -u)" -eq 0 ] && [ -d /etc/ssl/certs ] && [ -w /etc/ssl/certs ]; then
	SYS_CA=/etc/ssl/certs/$(openssl x509 -hash -noout -in "$C/ca.pem").0
	[ -e "$SYS_CA" ] && SYS_CA= || cp "$C/ca.pem" "$SYS_CA"
fi
# serve ARGS...: (re)starts the simulator; sets $URL.
serve() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	rm -f "$SCRATCH/port"
	"$SIM" serve --port 0 --port-file "$SCRATCH/port" --cert "$C/server.pem" \
		--key "$C/server.key" --client-ca "$C/ca.pem" "$@" 2>>"$SCRATCH/sim.log" &
	SIM_PID=$!
	for _ in $(seq 50); do [ -s "$SCRATCH/port" ] && break; sleep 0.1; done
	URL="https://localhost:$(cat "$SCRATCH/port")/v1"
}
registrations() {
	curl -s --cacert "$C/ca.pem" --cert "$C/client.pem" --key "$C/client.key" "$URL/stats"
}
up() { # CERT FILE [ARGS]: upload as yamada with the named client cert
	local who=$1 f=$2
	shift 2
	run upload "$f" --url "$URL" --cert "$C/$who.pem" --key "$C/$who.key" \
		--cacert "$C/ca.pem" "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
}

. "$TOP_SRCDIR/tests/e2e/upload-file.sh"
reg_setup "$SCRATCH/files" # sets $F, the first persons file

serve --jlis-mismatch 1
up client "$F"
check "an upload brings the result back into the vault" \
	eval '[ "$RC" -eq 0 ] && [ -s "$F.result" ] && contains "$OUT" "after 1 attempt" && contains "$OUT" "3 accepted, 0 refused"'
check "the server's J-LIS collation blocks one person, told and counted" \
	eval 'contains "$OUT" "J-LIS mismatch 1: registered" && run dashboard --vault "$V" --user yamada --password-fd 3 3<<<"$A" && echo "$OUT" | grep -qx "jlis-blocked 1"'
check "the server registered it once" eval '[ "$(registrations)" = "registrations=1" ]'

run audit show --action upload.sent --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the sending is audited with the file's SHA-256" \
	eval 'contains "$OUT" "$(sha256sum "$F" | cut -c1-64)"'
run audit show --action upload.result --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the result is audited with its SHA-256" \
	eval '[ -s "$F.result" ] && contains "$OUT" "$(sha256sum "$F.result" | cut -c1-64)"'

up client "$F"
check "a file whose result is in is not sent again" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "nothing to send" && [ "$(registrations)" = "registrations=1" ]'

# The branch numbers are in: the qualification file can go, one row refused.
run bulk export --kind qualification --out "$SCRATCH/files" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
F=$(ls "$SCRATCH"/files/*_qualification_*.csv)
serve --drop 2 --slow 700 --fail 1
up client "$F"
check "a dropped reply is retried with back-off and a slow answer awaited" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "after 3 attempt" && contains "$ERR" "still processing" && contains "$OUT" "2 accepted, 1 refused"'
check "into a log the waiting is said once, not once per poll" \
	eval '[ "$(grep -c "still processing" <<<"$ERR")" -eq 1 ]'
check "the retries did not register the file twice" \
	eval '[ "$(registrations)" = "registrations=1" ]'

# The refused row, sent again: a file still waiting for its result.
run bulk export --kind qualification --retry --out "$SCRATCH/files" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
F=$(ls -t "$SCRATCH"/files/*_qualification_*.csv | head -n 1)
serve
up intruder "$F"
check "a client certificate from another CA is refused without retrying" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "403" && ! contains "$ERR" "trying again"'

run upload "$F" --url "$URL" --cert "$C/client.pem" --key "$C/client.key" \
	--cacert "$C/stranger.pem" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "a server the CA bundle does not vouch for is refused, even one the system trusts" \
	eval '[ "$RC" -eq 1 ] && ! contains "$ERR" "trying again" && contains "$ERR" "not signed by the CA"'

kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null; SIM_PID=
up client "$F"
check "no server: a clear error after the last attempt" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "trying again (5)" && contains "$ERR" "onnect"'

cp "$F" "$SCRATCH/other.csv"
serve
up client "$SCRATCH/other.csv"
check "a file the vault did not export is refused before sending" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "not a registration file of this vault" && [ "$(registrations)" = "registrations=0" ]'

run bulk pending --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the retry file waits for its result" eval 'echo "$OUT" | grep -qE "qualification.*1"'

# Certificates as gateways issue them: an encrypted key never makes OpenSSL
# prompt on its own, and a PKCS#12 file with its passphrase from a
# descriptor is sent.
openssl pkey -in "$C/client.key" -aes256 -passout pass:kagi-2026 -out "$C/client-enc.key" 2>/dev/null
run upload "$F" --url "$URL" --cert "$C/client.pem" --key "$C/client-enc.key" \
	--cacert "$C/ca.pem" --vault "$V" --user yamada --password-fd 3 3<<<"$A" </dev/null
check "an encrypted key without its passphrase is refused in words, without a prompt" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "cannot be used" && [ "$(registrations)" = "registrations=0" ]'
run upload "$F" --url "$URL" --cert-p12 "$C/client.pem" --cert "$C/client.pem" \
	--vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "--cert-p12 with --cert is a usage error" eval '[ "$RC" -ne 0 ] && contains "$ERR" "either --cert and --key, or"'
openssl pkcs12 -export -in "$C/client.pem" -inkey "$C/client.key" -passout pass:kagi-2026 \
	-out "$C/client.p12" 2>/dev/null
# Without --cacert the system's CAs are trusted: as root the test CA is
# one of them for this run; otherwise the CA is named.
CAOPT=(--cacert "$C/ca.pem")
[ -n "$SYS_CA" ] && CAOPT=()
run upload "$F" --url "$URL" --cert-p12 "$C/client.p12" --key-passphrase-fd 4 \
	"${CAOPT[@]}" --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<kagi-2026
check "a PKCS#12 certificate with its passphrase from a descriptor is sent${SYS_CA:+, trusting the system CA store}" \
	eval '[ "$RC" -eq 0 ] && contains "$OUT" "accepted" && [ "$(registrations)" = "registrations=1" ]'
finish
