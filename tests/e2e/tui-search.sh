#!/bin/bash
# End-to-end: the person search takes what a clerk really types (hiragana,
# half-width kana, either space, full-width digits, a birth date in the
# Western or the Japanese calendar), a long refusal wraps instead of losing
# its end at 80x24, and a number being typed is masked unless F3 shows it.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
plan 17

V=$SCRATCH/vault
A='Kokuho-2026-pass'
N1=621498320257

"$MYNADESK" init --vault "$V" --insurer 133033 --name 'テスト国保組合' --admin yamada --password-fd 3 3<<<"$A" >/dev/null
cat >"$SCRATCH/persons.csv" <<'CSV'
person_id,insurer,symbol,number,relation,member_id,name,kana,birth,sex,address,municipality,resident,employer,acquired,lost
P0001,133033,12,345,1,,山田 太郎,ヤマダ　タロウ,19750402,1,東京都千代田区千代田1-1,131016,1,,20200401,
P0002,133033,12,345,2,P0001,山田 花子,ヤマダ　ハナコ,19780115,2,東京都千代田区千代田1-1,131016,1,,20200401,
P0003,133033,12,346,1,,佐藤 次郎,サトウ　ジロウ,19720925,1,東京都中央区銀座2-2,131024,1,,20190601,
CSV
run person import "$SCRATCH/persons.csv" --vault "$V" --user yamada --password-fd 3 3<<<"$A"
check "the persons are imported for the test" eval '[ "$RC" -eq 0 ]'

JA=ja_JP.UTF-8
if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$'; then
	for i in $(seq 2 17); do skip "search step $i" "no ja_JP.UTF-8 locale"; done
	finish
fi

tm_start 80 24 "env LANG=$JA LC_ALL=$JA LANGUAGE= $MYNADESK --vault $V 2>>$SCRATCH/err; sleep 30"
tm_wait "ログイン" >/dev/null
tm_text yamada
tm_keys Tab
tm_text "$A"
tm_keys Enter
tm_wait "監査ログ" >/dev/null
tm_keys 1
tm_wait "ホーム > 加入者" >/dev/null

# search TEXT: a new search for TEXT; then the screen is read.
search() {
	tm_keys C-u
	tm_text "$1"
	tm_keys Enter
	tm_wait "件見つかりました" 10 || tm_wait "該当者なし" 1
}
found() { tm_screen | grep -c "^  P000" ; }
shows() { tm_screen | grep -q "$1"; }

search "やまだ"
check "hiragana finds the katakana kana" eval '[ "$(found)" -eq 2 ] && shows P0001 && shows P0002'
search "ﾔﾏﾀﾞ ﾀﾛｳ"
check "half-width kana with a half-width space finds the person" \
	eval '[ "$(found)" -eq 1 ] && shows P0001'
search "やまだ　はなこ"
check "hiragana with a full-width space finds the person" \
	eval '[ "$(found)" -eq 1 ] && shows P0002'
search "山田　太郎"
check "a full-width space matches a name stored with a half-width one" \
	eval '[ "$(found)" -eq 1 ] && shows P0001'
search "１２／３４６"
check "full-width digits find the symbol and number" \
	eval '[ "$(found)" -eq 1 ] && shows P0003'
for d in 1972-09-25 19720925 S47.9.25 "昭和47年9月25日" "１９７２－０９－２５"; do
	search "$d"
	check "the birth date typed as $d finds the person" \
		eval '[ "$(found)" -eq 1 ] && shows P0003'
done

# A refusal longer than the line keeps its end (what to do next).
search "山田山田山田山田山田山田山田山田山田山田山田山田山田山田山田山田山田"
check "a long refusal wraps and keeps what to do at 80x24" \
	eval 'shows "生年月日で検索してください" && [ "$(tm_screen | wc -L)" -le 80 ]'

# Narrower still (60x16): columns stop at the edge instead of wrapping onto
# the next line, and the status line keeps who is logged in whole.
tmux -L "$TMUX_SOCK" resize-window -t t -x 60 -y 16 2>/dev/null
check "at 60x16 the list's columns and the status line stay on their lines" \
	eval 'tm_wait "生年月" && ! tm_screen | grep -q "^日" && tm_screen | head -1 | grep -q " yamada(管理者)"'
tmux -L "$TMUX_SOCK" resize-window -t t -x 80 -y 24 2>/dev/null

# Number entry: the digits being typed are masked; F3 shows them.
search "やまだ　たろう"
tm_keys Enter
tm_wait "ホーム > 加入者 > 加入者情報" >/dev/null
tm_keys e
tm_wait "加入者情報 > 入力" >/dev/null
tm_keys Enter Enter
tm_text "F-2026-118"
tm_keys Enter
tm_text "$N1"
check "the number being typed is masked" \
	eval 'tm_wait "************" && ! tm_screen | grep -q "$N1" && ! tm_screen | grep -qE "[0-9]{12}"'
tm_keys F3
check "F3 shows the digits while typing" tm_wait "$N1"
tm_keys F3
check "F3 again masks them" eval 'tm_gone "$N1" && shows "************"'
tm_stop
check "the console wrote nothing to stderr" eval '[ ! -s "$SCRATCH/err" ]'
finish
