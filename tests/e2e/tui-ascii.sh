#!/bin/bash
# End-to-end: the console for terminals that draw East Asian ambiguous-width
# glyphs in two cells (Tera Term's Japanese/UTF-8 preset). With
# MYNADESK_AMBIWIDTH=2 or --ascii, at 80x24 in Japanese, no screen of a
# short tour draws one of them: masks are '*', rules '-', boxes '+-|' and
# closed, bars '#'; without it the line-drawing glyphs are still used.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 10

V=$SCRATCH/vault
A='Kokuho-2026-pass'
S='Second-pass-2026!'
N1=621498320257
"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" user add sato --role supervisor --vault "$V" --user yamada --password-fd 3 --new-password-fd 4 3<<<"$A" 4<<<"$S" >/dev/null
first_login "$V" sato "$S"
cat >"$SCRATCH/persons.csv" <<'CSV'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20200401,
P0002,133033,12,345,2,P0001,山田 花子,ヤマダ　ハナコ,19780115,2,東京都千代田区千代田1-1,131016,1,,20200401,
CSV
"$MYNADESK" person import "$SCRATCH/persons.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" idproof record --person P0001 --channel member --mode in-person \
	--doc mynumber-card --vault "$V" --user yamada --password-fd 3 3<<<"$A" >/dev/null
"$MYNADESK" number enter --person P0001 --channel member --received 2026-11-20 --doc F-1 \
	--number-fd 4 --vault "$V" --user yamada --password-fd 3 3<<<"$A" 4<<<"$N1" >/dev/null
run number confirm --person P0001 --number-fd 4 --vault "$V" --user sato --password-fd 3 3<<<"$S" 4<<<"$N1"
check "a confirmed number for the tour" eval '[ "$RC" -eq 0 ]'

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	for i in $(seq 2 10); do skip "ascii step $i" "no ja_JP.UTF-8 locale"; done
	finish
fi

# The glyphs of East Asian width "A" the console draws (and a few more).
AMBI='[●○◎─━│┃┌┐└┘├┤═║█▓▒░←→↑↓↔※▼▲■□◆★…·×]'
clean() { ! tm_screen | grep -q "$AMBI"; }
# A box is closed: its top ('+-title---+') and bottom ('+----+') lines start
# and end at the same columns, and every line between has '|' at both.
box_closed() {
	local scr top bot
	scr=$(tm_screen | sed 's/ *$//')
	top=$(echo "$scr" | grep -m1 -E '^ *\+-.*\+$')
	bot=$(echo "$scr" | grep -E '^ *\+-+\+$' | tail -1)
	[ -n "$top" ] && [ -n "$bot" ] &&
		[ "${top%%+*}" = "${bot%%+*}" ] &&
		[ "$(echo "$top" | wc -L)" -eq "$(echo "$bot" | wc -L)" ]
}

start() {
	tm_start 80 24 "env LANG=$JA LC_ALL=$JA LANGUAGE= $* --vault $V 2>>$SCRATCH/err; sleep 30"
	tm_wait "ログイン" >/dev/null
	tm_text yamada
	tm_keys Tab
	tm_text "$A"
	tm_keys Enter
	tm_wait "監査ログ" >/dev/null
}

start "$MYNADESK"
check "without the setting the console draws line-drawing glyphs" \
	eval 'tm_screen | grep -q "─"'
tm_stop

start "MYNADESK_AMBIWIDTH=2 $MYNADESK"
check "home draws no ambiguous glyph: rules are '-', bars '#'" \
	eval 'clean && tm_screen | grep -qE "^-{80}$" && tm_screen | grep -q "\.\.\.\.\.\."'
tm_keys F1
tm_wait "ヘルプを閉じます" >/dev/null
check "the help box is drawn in ASCII and closed" eval 'clean && box_closed'
tm_keys Space
tm_keys 1
tm_wait "ホーム > 加入者" >/dev/null
tm_text "やまだ"
tm_keys Enter
check "the search list and its key bar have no ambiguous glyph" \
	eval 'tm_wait "件見つかりました" && clean && tm_screen | grep -q "\^v"'
tm_keys Enter
check "the masked number is drawn with '*'" \
	eval 'tm_wait "0257" && clean && tm_screen | grep -q "\*\*\*\* \*\*\*\* 0257"'
tm_keys Escape Escape
tm_wait "監査ログ" >/dev/null
tm_keys 7
check "the audit list has no ambiguous glyph" eval 'tm_wait "ホーム > 監査" && clean'
tm_stop

start "$MYNADESK --ascii"
check "--ascii does the same" eval 'clean && tm_screen | grep -qE "^-{80}$"'
tm_keys 1
tm_wait "ホーム > 加入者" >/dev/null
tm_text "ﾔﾏﾀﾞ"
tm_keys Enter
check "half-width kana are still drawn as they are" \
	eval 'tm_wait "件見つかりました" && tm_screen | grep -q "ﾔﾏﾀﾞ" && clean'
tm_stop
check "the consoles wrote nothing to stderr" eval '[ ! -s "$SCRATCH/err" ]'
finish
