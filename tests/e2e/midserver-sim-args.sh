#!/bin/bash
# The simulator's numeric options (contrib/midserver-serve.c): a value that
# is not wholly a number, or out of range, is refused with exit 2 and a
# message naming the option, before any certificate is read. atoi once took
# "x" for port 0 (any port) and "80x" for 80.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 11

SIM=${MIDSERVER_SIM:-$TOP_BUILDDIR/contrib/midserver-sim}
NO=$SCRATCH/none

# sim ARGS...: runs serve with missing certificate files; $RC, $ERR.
sim() {
	"$SIM" serve "$@" --cert "$NO" --key "$NO" --client-ca "$NO" \
		>"$SCRATCH/out" 2>"$SCRATCH/err"
	RC=$?
	ERR=$(cat "$SCRATCH/err")
}
# refused OPTION VALUE MESSAGE: exit 2, the message on stderr.
refused() {
	WANT="--$1: $3"
	sim "--$1" "$2"
	check "--$1 '$2' is refused: $3" \
		eval '[ "$RC" -eq 2 ] && contains "$ERR" "$WANT"'
}

refused port x "not a number: x"
refused port 80x "not a number: 80x"
refused port "" "not a number: "
refused port 65536 "out of range 0..65535: 65536"
refused port -1 "out of range 0..65535: -1"
refused fail -3 "out of range"
refused slow 1.5 "not a number: 1.5"
refused drop 99999999999999999999 "out of range"
refused jlis-mismatch x "not a number: x"
refused jlis-mismatch -2 "out of range"

# A good port passes: the run fails later, on the missing certificate.
sim --port 8443 --fail 2 --slow 100 --drop 1 --jlis-mismatch 3
check "good numbers pass; the missing certificate stops it (exit 1)" \
	eval '[ "$RC" -eq 1 ] && contains "$ERR" "cannot read the certificate"'
finish
