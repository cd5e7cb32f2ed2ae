# What the bench scripts share: timing a command, the median of runs, and
# one line per figure with its baseline and ratio. A target is judged on
# the median of BENCH_RUNS (default 5) runs, alternating subject and
# baseline so that both meet the same moments of a shared machine.
BENCH_RUNS=${BENCH_RUNS:-5}

# secs CMD...: the wall seconds CMD takes (its output discarded).
secs() {
	local s=$EPOCHREALTIME
	"$@" >/dev/null
	echo "$EPOCHREALTIME - $s" | bc -l
}

# median N...: the median of the numbers (the mean of the middle two for an
# even count).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# figure NAME SECONDS BASE_NAME BASE_SECONDS [TARGET]: one line: the
# figure, its baseline, the ratio and, given a target ratio, met or not.
figure() {
	local r verdict=
	r=$(echo "$2 / $4" | bc -l)
	if [ -n "${5:-}" ]; then
		if [ "$(echo "$r <= $5" | bc -l)" = 1 ]; then verdict="  target <= ${5}x: met"
		else verdict="  target <= ${5}x: NOT met"; fi
	fi
	printf '%-34s %8.3f s   %-26s %8.3f s   %6.2fx%s\n' "$1" "$2" "$3" "$4" "$r" "$verdict"
}

# The SQLCipher command-line shell, if installed (apt package sqlcipher),
# with a raw key and the vault's page size (src/store/db.c; SQLCipher 3's
# own default, 1 KiB, costs several times more per byte): the same work
# encrypted, without a key derivation.
BENCH_SQLCIPHER=$(command -v sqlcipher || true)
BENCH_KEYHEX=$(printf '%064d' 7)
BENCH_RAWKEY="PRAGMA key = \"x'$BENCH_KEYHEX'\"; PRAGMA cipher_page_size = 4096;"
