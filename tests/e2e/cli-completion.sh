#!/bin/bash
# End-to-end: 'mynadesk completion bash' is made from the command table:
# sourced into bash, it completes group words, a group's commands and each
# command's options, and for every command it offers exactly the options
# that command's help lists.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 8

C=$SCRATCH/mynadesk.bash
run completion bash
printf '%s\n' "$OUT" >"$C"
check "completion bash prints a script bash accepts" \
	eval '[ "$RC" -eq 0 ] && bash -n "$C"'
run completion zsh
check "another shell is a usage error, exit 2" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "completion bash"'

. "$C"
# The completions bash would offer for the words given, the last being the
# word under the cursor; one a line.
offered() {
	COMP_WORDS=(mynadesk "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_mynadesk
	printf '%s\n' "${COMPREPLY[@]}"
}
has() { printf '%s\n' "$1" | grep -qx -- "$2"; }

O=$(offered au)
check "the first word completes to a group" eval 'has "$O" audit && ! has "$O" user'
O=$(offered audit "")
check "a group word offers its commands" \
	eval 'for w in verify checkpoint show export report; do has "$O" $w || exit 1; done'
O=$(offered audit show --l)
check "a command's option completes from its own list" \
	eval 'has "$O" --limit && [ "$(echo "$O" | wc -l)" -eq 1 ]'
O=$(offered help med)
check "help completes command words too" eval 'has "$O" media'

# Every command, found through help alone: a first word, or a first word
# and the word after it, that 'help' describes as one command.
cmds=()
for w in $(_mynadesk_next ''); do
	[ "$w" = help ] && continue
	for name in "$w" $(for s in $(_mynadesk_next "$w"); do echo "$w+$s"; done); do
		name=${name/+/ }
		# shellcheck disable=SC2086
		"$MYNADESK" help $name >"$SCRATCH/h" 2>/dev/null &&
		    head -1 "$SCRATCH/h" | grep -q "^usage: mynadesk $name " &&
		    cmds+=("$name")
	done
done
table=$("$MYNADESK" help | grep -c '^  [a-z]')
check "completion reaches every command help lists ($table)" \
	eval '[ "${#cmds[@]}" -eq "$table" ] && [ "$table" -gt 40 ]'

bad=
for name in "${cmds[@]}"; do
	# shellcheck disable=SC2086
	want=$("$MYNADESK" help $name | sed -n 's/^  \(--[a-z0-9-]*\).*/\1/p' | sort)
	got=$(_mynadesk_opts "$name" | tr ' ' '\n' | sed '/^$/d' | sort)
	[ "$want" = "$got" ] || bad="$bad [$name]"
done
check "each command's completed options are the options its help lists" \
	eval '[ -z "$bad" ] || { echo "# differ:$bad"; false; }'
finish
