# Sourced by console tests (not a test itself): a vault with yamada (admin)
# and sato, generated persons, and a J-LIS answer on a medium that was
# received; office_import then imports the answer.
# office ROLE_OF_SATO COUNT [SIMULATOR OPTIONS...]
SIM=${TOP_BUILDDIR:-.}/contrib/jlis-answer
GEN=${TOP_BUILDDIR:-.}/contrib/gen-persons
V=$SCRATCH/vault
O=$SCRATCH/files
A='Kokuho-2026-pass'
S='Second-pass-2026!'
as_yamada() { run "$@" --vault "$V" --user yamada --password-fd 3 3<<<"$A"; }
with_sato() { run "$@" --checker sato --checker-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S"; }

office() {
	local role=$1 count=$2
	shift 2
	mkdir -p "$O"
	"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
	"$MYNADESK" user add sato --role "$role" --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
	first_login "$V" sato "$S"
	"$GEN" --count "$count" --seed 5 --numbers "$SCRATCH/nums.csv" >"$SCRATCH/p.csv"
	as_yamada person import "$SCRATCH/p.csv"
	as_yamada jlis request --out "$O"
	"$SIM" --persons "$SCRATCH/p.csv" --numbers "$SCRATCH/nums.csv" --seed 4 "$@" "$O/00133033N1Y.csv" >"$SCRATCH/00133033N1R.csv"
	with_sato media carry "$O" --medium USB-01
	with_sato media receive M0001 --file "$SCRATCH/00133033N1R.csv"
}

office_import() {
	with_sato jlis receive "$SCRATCH/00133033N1R.csv" --medium M0001
}
