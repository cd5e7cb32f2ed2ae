#!/bin/bash
# End-to-end, as root: the vault belongs to a service account that staff
# reach only through OpenSSH with a forced command (issue 15 §1). A private
# sshd on 127.0.0.1, a service account and two staff accounts made for the
# test and removed again (also on failure).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"
N=30
plan $N

skip_all() {
	local i
	for i in $(seq 1 $N); do skip "service over ssh" "$1"; done
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip_all "needs root (makes accounts, runs sshd)"
[ -x /usr/sbin/sshd ] || skip_all "sshd is not installed (openssh-server)"
command -v ssh >/dev/null || skip_all "ssh is not installed (openssh-client)"
command -v useradd >/dev/null || skip_all "useradd is missing"

CONF=$("$MYNADESK" --service-config)
MARK='# mynadesk test service-ssh.sh'
if [ -e "$CONF" ] && ! grep -qxF "$MARK" "$CONF"; then
	skip_all "a real service configuration is installed at $CONF"
fi

SVC=mdsvc$$
ST1=mdsa$$
ST2=mdsb$$
BASE=$(mktemp -d /tmp/myna-ssh-XXXXXX)
chmod 755 "$BASE"
HOMESVC=$BASE/svc
CONFDIR_MADE=""
SSHD_PID=""

ssh_cleanup() {
	if [ -n "$SSHD_PID" ]; then kill "$SSHD_PID" 2>/dev/null; fi
	for u in "$SVC" "$ST1" "$ST2"; do
		pkill -KILL -u "$u" 2>/dev/null
		userdel "$u" 2>/dev/null
	done
	rm -f "$CONF"
	if [ -n "$CONFDIR_MADE" ]; then rmdir "$CONFDIR_MADE" 2>/dev/null; fi
	rm -rf "$BASE"
	t_cleanup
}
trap ssh_cleanup EXIT

A='Admin-word-2026!'
PA='Clerk-word-2026!'
PB='Super-word-2026!'

# The service account: a shell (sshd runs the forced command with it) but
# no password; the vault, the hand-over folders and its keys in its home.
useradd -M -d "$HOMESVC" -s /bin/sh "$SVC" && usermod -p '*' "$SVC"
mkdir -m 700 "$HOMESVC" "$HOMESVC/.ssh" "$HOMESVC/inbox" "$HOMESVC/outbox"
touch "$HOMESVC/.ssh/authorized_keys"
chmod 600 "$HOMESVC/.ssh/authorized_keys"
chown -R "$SVC:" "$HOMESVC"
for u in "$ST1" "$ST2"; do
	useradd -m -d "$BASE/$u" -s /bin/sh "$u"
	chmod 700 "$BASE/$u"
	runuser -u "$u" -- ssh-keygen -q -t ed25519 -N '' -f "$BASE/$u/id"
done
mkdir -m 755 "$BASE/pub"
cp "$BASE/$ST1/id.pub" "$BASE/pub/alice.pub"
cp "$BASE/$ST2/id.pub" "$BASE/pub/bob.pub"
chmod 644 "$BASE/pub"/*

if [ ! -d "$(dirname "$CONF")" ]; then
	CONFDIR_MADE=$(dirname "$CONF")
	mkdir -p "$CONFDIR_MADE"
fi
cat >"$CONF" <<EOC
$MARK
vault = $HOMESVC/vault
inbox = $HOMESVC/inbox
outbox = $HOMESVC/outbox
authorized_keys = $HOMESVC/.ssh/authorized_keys
command = $MYNADESK
EOC
chmod 644 "$CONF"

# as_svc ARGS...: the program as the service account (the administrator's
# way on the server), the first password on fd 3, a second on fd 4.
as_svc() { runuser -u "$SVC" -- env -u MYNADESK_CONFIG HOME="$HOMESVC" "$MYNADESK" "$@"; }
as_svc init --vault "$HOMESVC/vault" --insurer 133033 --name 'テスト国保組合' --admin kanri --password-fd 3 3<<<"$A" >/dev/null
as_svc user add alice --role clerk --vault "$HOMESVC/vault" --user kanri --password-fd 3 --new-password-fd 4 3<<<"$A" 4<<<"$PA" >/dev/null
as_svc user passwd --vault "$HOMESVC/vault" --user alice --password-fd 3 --new-password-fd 4 3<<<"$PA" 4<<<"$PA" >/dev/null
as_svc user add bob --role supervisor --vault "$HOMESVC/vault" --user kanri --password-fd 3 --new-password-fd 4 --checker alice --checker-password-fd 5 3<<<"$A" 4<<<"$PB" 5<<<"$PA" >/dev/null
as_svc user passwd --vault "$HOMESVC/vault" --user bob --password-fd 3 --new-password-fd 4 3<<<"$PB" 4<<<"$PB" >/dev/null
as_svc staff-key add alice "$BASE/pub/alice.pub" --user kanri --password-fd 3 --checker bob --checker-password-fd 4 3<<<"$A" 4<<<"$PB" >/dev/null
as_svc staff-key add bob "$BASE/pub/bob.pub" --user kanri --password-fd 3 --checker alice --checker-password-fd 4 3<<<"$A" 4<<<"$PA" >/dev/null
check "staff-key add wrote two forced-command lines for the service account" \
	eval '[ "$(grep -c "^command=\"$MYNADESK --as [a-z]*\",restrict,pty ssh-ed25519 " "$HOMESVC/.ssh/authorized_keys")" -eq 2 ]'

# A private sshd on a free port of 127.0.0.1.
mkdir -p /run/sshd
mkdir -m 700 "$BASE/sshd"
ssh-keygen -q -t ed25519 -N '' -f "$BASE/sshd/hostkey"
PORT=""
for p in $(shuf -i 20000-29999 -n 40); do
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
cat >"$BASE/sshd/config" <<EOC
Port $PORT
ListenAddress 127.0.0.1
HostKey $BASE/sshd/hostkey
PidFile $BASE/sshd/pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
AllowUsers $SVC
AcceptEnv LANG LC_*
LogLevel ERROR
EOC
/usr/sbin/sshd -f "$BASE/sshd/config" -E "$BASE/sshd/log"
for i in $(seq 1 100); do [ -s "$BASE/sshd/pid" ] && break; sleep 0.05; done
SSHD_PID=$(cat "$BASE/sshd/pid" 2>/dev/null)
check "sshd runs on 127.0.0.1:$PORT" eval '[ -n "$SSHD_PID" ] && kill -0 "$SSHD_PID"'

SSHOPTS="-p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes"
# staff U ARGS...: ssh as staff member U to the service account, output
# in $OUT/$ERR/$RC like run.
staff() {
	local u=$1
	shift
	# shellcheck disable=SC2086
	runuser -u "$u" -- ssh $SSHOPTS -i "$BASE/$u/id" "$SVC@127.0.0.1" "$@" \
		>"$SCRATCH/out" 2>"$SCRATCH/err"
	RC=$?
	OUT=$(cat "$SCRATCH/out")
	ERR=$(cat "$SCRATCH/err")
}

staff "$ST1" dashboard --password-fd 0 <<<"$PA"
check "a command runs over ssh as the key's user (password on stdin)" \
	eval '[ "$RC" -eq 0 ] && [ -n "$OUT" ]'
svc_run() { as_svc "$@" >"$SCRATCH/out" 2>"$SCRATCH/err"; RC=$?; OUT=$(cat "$SCRATCH/out"); ERR=$(cat "$SCRATCH/err"); }
svc_run audit show --vault "$HOMESVC/vault" --user kanri --password-fd 3 --action login 3<<<"$A"
check "the audit log shows alice's login" eval 'echo "$OUT" | grep -qE "alice +- +login +alice"'

staff "$ST2" dashboard --password-fd 0 <<<"$PA"
check "bob's key logs in as bob: alice's password does not open it" \
	eval '[ "$RC" -ne 0 ]'

staff "$ST1" 'cat /etc/shadow'
check "'cat /etc/shadow' is refused, no shell runs it" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "unknown command" && ! contains "$OUT" "root:"'
staff "$ST1" '; sh'
check "'; sh' is refused" eval '[ "$RC" -eq 2 ] && contains "$ERR" "unknown command"'
staff "$ST1" 'dashboard; id' --password-fd 0 <<<"$PA"
check "'dashboard; id' is refused, not run in two parts" \
	eval '[ "$RC" -eq 2 ] && ! contains "$OUT" "uid="'
staff "$ST1" "dashboard --password-fd 0 '\$(id)'" <<<"$PA"
check "\$(id) is a word, not a command" eval '[ "$RC" -ne 0 ] && ! contains "$OUT$ERR" "uid="'
staff "$ST1" dashboard --vault /tmp/x --password-fd 0 <<<"$PA"
check "--vault is refused over ssh" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--vault"'
staff "$ST1" dashboard --vau=/tmp/x --password-fd 0 <<<"$PA"
check "an abbreviated --vault is refused as well" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--vault"'
staff "$ST1" dashboard --user kanri --password-fd 0 <<<"$A"
check "--user is refused: the key fixes the name" eval '[ "$RC" -eq 2 ] && contains "$ERR" "--user"'
staff "$ST1" init --vault /tmp/y --insurer 133033 --name x --admin z
check "init is not available over ssh" eval '[ "$RC" -eq 2 ] && contains "$ERR" "not available" && [ ! -e /tmp/y ]'
staff "$ST1" backup create outbox/v.bak --password-fd 0 <<<"$PA"
check "backup create is not available over ssh: a backup would carry the key" \
	eval '[ "$RC" -eq 2 ] && contains "$ERR" "not available" && [ ! -e "$HOMESVC/outbox/v.bak" ]'
staff "$ST1" "dashboard 'unclosed"
check "a malformed command line is refused" eval '[ "$RC" -eq 2 ] && contains "$ERR" "not closed"'

runuser -u "$ST1" -- cat "$HOMESVC/vault/vault.db" >/dev/null 2>&1
R1=$?
runuser -u "$ST1" -- ls "$HOMESVC" >/dev/null 2>&1
R2=$?
check "a staff account cannot read the vault's files or list the home" \
	eval '[ "$R1" -ne 0 ] && [ "$R2" -ne 0 ] && [ "$(stat -c %U:%a "$HOMESVC/vault")" = "$SVC:700" ]'

printf 'extract line 1\nline 2\n' >"$BASE/extract.csv"
chmod 644 "$BASE/extract.csv"
staff "$ST1" put inbox/extract.csv <"$BASE/extract.csv"
check "put brings a file into the inbox, the service account's and 0600" \
	eval '[ "$RC" -eq 0 ] && cmp -s "$BASE/extract.csv" "$HOMESVC/inbox/extract.csv" && [ "$(stat -c %U:%a "$HOMESVC/inbox/extract.csv")" = "$SVC:600" ]'
staff "$ST1" put inbox/extract.csv </dev/null
check "put never overwrites" eval '[ "$RC" -eq 1 ] && contains "$ERR" "exists" && cmp -s "$BASE/extract.csv" "$HOMESVC/inbox/extract.csv"'
staff "$ST1" put ../x </dev/null
R1=$RC
staff "$ST1" put inbox/../../x </dev/null
check "put refuses ../x and inbox/../../x" eval '[ "$R1" -eq 1 ] && [ "$RC" -eq 1 ] && [ ! -e "$HOMESVC/x" ] && [ ! -e "$BASE/x" ]'

staff "$ST1" audit report --out report.txt --password-fd 0 <<<"$PA"
check "a command's --out goes into the outbox" \
	eval '[ "$RC" -eq 0 ] && [ -s "$HOMESVC/outbox/report.txt" ]'
staff "$ST1" audit report --out /tmp/report-$$.txt --password-fd 0 <<<"$PA"
check "an --out outside the outbox is refused" \
	eval '[ "$RC" -eq 2 ] && [ ! -e /tmp/report-$$.txt ]'
staff "$ST1" get outbox/report.txt
check "get hands out an outbox file" eval '[ "$RC" -eq 0 ] && [ "$OUT" = "$(cat "$HOMESVC/outbox/report.txt")" ]'
staff "$ST1" get ../vault/vault.keys
R1=$RC
staff "$ST1" get outbox/../vault/vault.keys
check "get refuses ../ paths" eval '[ "$R1" -eq 1 ] && [ "$RC" -eq 1 ] && ! contains "$OUT" "slot"'
ln -s ../vault/vault.keys "$HOMESVC/outbox/keys"
staff "$ST1" get outbox/keys
check "get does not follow a link" eval '[ "$RC" -eq 1 ] && [ -z "$OUT" ]'

staff "$ST2" audit show --action 'handover.*' --password-fd 0 <<<"$PB"
check "put and get reach the audit log at the next login, under the key's user" \
	eval 'echo "$OUT" | grep -qE "alice +- +handover.put +inbox/extract.csv" && echo "$OUT" | grep -qE "alice +- +handover.get +outbox/report.txt"'

# The console through ssh -tt, as from a staff PC's terminal.
JA=ja_JP.UTF-8
locale -a 2>/dev/null | grep -qi '^ja_JP\.utf8$' || JA=C.UTF-8
tm_start 100 30 "runuser -u $ST1 -- env LANG=$JA ssh -tt $SSHOPTS -o SendEnv=LANG -i $BASE/$ST1/id $SVC@127.0.0.1; sleep 30"
if [ "$JA" = C.UTF-8 ]; then
	L_LOGIN="Log in" L_SVC="[service]" L_HOME="Home" L_EV="No evidence yet" L_PATH="File path"
else
	L_LOGIN="ログイン" L_SVC="[サービス]" L_HOME="ホーム" L_EV="証跡はまだありません" L_PATH="ファイルのパス"
fi
check "ssh with no command opens the console's login screen" tm_wait "$L_LOGIN" 15
check "the login screen says service mode and has the key's user filled in" \
	eval 'tm_screen | head -1 | grep -qF "$L_SVC" && tm_screen | grep -q alice'
tm_text "$PA"
tm_keys Enter
check "the password opens the home screen, still marked service mode" \
	eval 'tm_wait "$L_HOME" 15 && tm_screen | head -1 | grep -qF "$L_SVC" && tm_screen | head -1 | grep -q "alice"'
# A path typed in the console is confined as on the command line: the
# vault's own files cannot be taken in as evidence (and fetched later).
tm_keys 6
tm_wait "$L_EV" 10 >/dev/null
tm_keys a
tm_wait "$L_PATH" 10 >/dev/null
tm_text "$HOMESVC/vault/vault.keys"
tm_keys Enter
tm_text "keys"
tm_keys Enter
tm_text "test:x"
tm_keys Enter
check "the console refuses a file outside the inbox" eval 'tm_wait "inbox/" 10 && tm_screen | grep -q "$L_PATH"'
tm_keys C-u
tm_text "extract.csv"
tm_keys Enter Enter Enter
check "and takes a file of the inbox by its name" eval 'tm_gone "$L_PATH" 10 && tm_screen | grep -q keys'
tm_stop
finish
