# The files the upload test sends: registration files the vault wrote.
# Needs V, A, S and SCRATCH from the test. reg_setup DIR: persons with
# confirmed numbers, then the first persons file; sets F.
reg_setup() {
	local k n
	mkdir -p "$1"
	"$MYNADESK" user add sato --role clerk --new-password-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$S" >/dev/null
	first_login "$V" sato "$S"
	{
		echo "person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
		echo "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,"
		echo "P2,133033,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2,東京都千代田区千代田1-1,131016,1,,20100401,"
		echo "P3,133033,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,札幌市中央区北1条西2丁目,011002,1,,20000401,"
	} >"$SCRATCH/x.csv"
	"$MYNADESK" person import "$SCRATCH/x.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
	for k in P1:621498320257 P2:314159265352 P3:271828182840; do
		n=${k#*:}; k=${k%%:*}
		"$MYNADESK" idproof record --person "$k" --channel member --mode in-person --doc mynumber-card --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
		"$MYNADESK" number enter --person "$k" --channel member --received 2026-11-20 --doc F-1 --number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$n" >/dev/null
		"$MYNADESK" number confirm --person "$k" --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$n" >/dev/null
	done
	"$MYNADESK" bulk export --kind persons --out "$1" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
	F=$(ls "$1"/*_persons_*.csv)
}
