# The file the upload test sends. Until the bulk registration file lands,
# a stand-in answer program plays the offline answer.
# make_upload_file DIR: sets F and SIM_ARGS.
make_upload_file() {
	mkdir -p "$1"
	F=$1/12345678_persons_0001.csv
	printf 'P1,x\r\nP2,y\r\n' >"$F"
	cat >"$1/answer" <<'EOS'
#!/bin/sh
# answer FILE --fail N: one OK line per input line
sed 's/$/,OK/' "$2"
EOS
	chmod +x "$1/answer"
	SIM_ARGS="--answer-cmd $1/answer"
}
