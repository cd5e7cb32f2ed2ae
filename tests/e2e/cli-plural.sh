#!/bin/bash
# End-to-end: a count message says "1 line" and "2 lines" in English and
# takes its Japanese form from the catalogue's plural entry; the catalogue
# keeps one plural form for Japanese, no message the sources dropped and
# none they mark untranslated.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 9

PO=${TOP_SRCDIR:-.}/po/ja.po
H="person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost"
R1="X1,133033,1,1,1,,吉田　太郎,ヨシダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20100401,"
R2="X2,133033,1,2,1,,吉田　花子,ヨシダ　ハナコ,19750402,2,東京都千代田区千代田1-1,131016,1,,20100401,"
# Month 13: one problem on each line that has it.
BAD="X3,133033,1,3,1,,吉田　次郎,ヨシダ　ジロウ,19751302,1,東京都千代田区千代田1-1,131016,1,,20100401,"
printf '%s\r\n' "$H" "$R1" >"$SCRATCH/one.csv"
printf '%s\r\n' "$H" "$R1" "$R2" >"$SCRATCH/two.csv"
printf '%s\r\n' "$H" "$BAD" >"$SCRATCH/bad1.csv"
printf '%s\r\n' "$H" "$BAD" "${BAD/X3/X4}" >"$SCRATCH/bad2.csv"
en() { LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= run "$@"; }
ja() { LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 LANGUAGE= run "$@"; }

# The whole summary line is compared, so "1 lines" or a lost count fails.
en check --layout persons "$SCRATCH/one.csv"
check "English singular: 1 line" \
	eval '[ "$RC" -eq 0 ] && [ "$OUT" = "$SCRATCH/one.csv: ok, 1 line, layout persons" ]'
en check --layout persons "$SCRATCH/two.csv"
check "English plural: 2 lines" \
	eval '[ "$RC" -eq 0 ] && [ "$OUT" = "$SCRATCH/two.csv: ok, 2 lines, layout persons" ]'
# Both counts of the problem summary agree with their own number.
en check --layout persons "$SCRATCH/bad1.csv"
check "English singular of both counts: 1 problem in 1 line" \
	eval '[ "$RC" -eq 1 ] && [ "$ERR" = "$SCRATCH/bad1.csv: 1 problem in 1 line" ]'
en check --layout persons "$SCRATCH/bad2.csv"
check "English plural of both counts: 2 problems in 2 lines" \
	eval '[ "$RC" -eq 1 ] && [ "$ERR" = "$SCRATCH/bad2.csv: 2 problems in 2 lines" ]'

# Japanese has one form (nplurals=1): msgstr[0] for 1 and for 2 alike.
ja check --layout persons "$SCRATCH/one.csv"
R_ONE=$OUT
ja check --layout persons "$SCRATCH/bad2.csv"
check "Japanese form of a count message, for 1 and for 2" \
	eval '[ "$R_ONE" = "$SCRATCH/one.csv: 正常、1 行、様式 persons" ] && [ "$ERR" = "$SCRATCH/bad2.csv: 2 件の問題 (2 行中)" ]'

check "the catalogue's header gives Japanese one plural form" \
	grep -qx '"Plural-Forms: nplurals=1; plural=0;\\n"' "$PO"
# msgfmt -c checks each plural entry against the header's nplurals.
check "msgfmt -c passes the catalogue" msgfmt -c -o /dev/null "$PO"

# An entry no source uses is a translation nobody sees, and often the old
# English of a message that is now untranslated. xgettext runs with the
# keywords of po/Makevars over po/POTFILES.in, as 'make update-po' would.
if command -v xgettext >/dev/null && command -v msgmerge >/dev/null; then
	KW=$(sed -n 's/^XGETTEXT_OPTIONS = //p' "${TOP_SRCDIR:-.}/po/Makevars")
	# shellcheck disable=SC2086 # the options are words
	(cd "${TOP_SRCDIR:-.}" && xgettext $KW -f po/POTFILES.in -o "$SCRATCH/src.pot")
	# msgmerge turns into "#~" (obsolete) each entry the template lacks.
	msgmerge -q --no-fuzzy-matching -o "$SCRATCH/merged.po" "$PO" "$SCRATCH/src.pot"
	STALE=$(grep -A1 '^#~ msgid' "$SCRATCH/merged.po")
	check "ja.po holds no message the sources no longer use" \
		eval '[ -z "$STALE" ] || { echo "$STALE" >&2; false; }'
	# And the other way: a message the sources mark but ja.po lacks shows
	# in English in the middle of the Japanese console.
	MISSING=$(msgattrib --untranslated --no-obsolete "$SCRATCH/merged.po" |
		grep -A1 '^msgid "[^"]' || true)
	check "ja.po translates every message the sources mark" \
		eval '[ -z "$MISSING" ] || { echo "$MISSING" >&2; false; }'
else
	skip "ja.po holds no message the sources no longer use" "no xgettext"
	skip "ja.po translates every message the sources mark" "no xgettext"
fi

finish
