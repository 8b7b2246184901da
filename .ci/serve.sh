#!/usr/bin/env bash
# End-to-end check of rota serve with real clients: two users at once with
# the real OpenSSH client in tmux (one, a PA, records an absence; the other,
# an AD, sees it without a key pressed, and is refused an undo; removed by
# rota user remove, his session is told and closed; then SIGTERM with four
# sessions open tells each that the server is stopping and closes it); an
# unknown key refused; then a calendar feed fetched with curl (a repeat
# with its ETag is 304; gzipped when asked, the same calendar) and read
# back with ical.js, which must find events and no absence reason; a feed
# of two months, which ical.js finds are the finished plan's last two;
# revoked by the command line, it answers 404. Listens on 127.0.0.1 only; every wait is bounded.
# Runs from the repository root; installs what it lacks; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

ICALJS_VERSION=2.2.1
out=$(mktemp -d)
sock="$out/tmux.sock"
cleanup() {
  tmux -S "$sock" kill-server 2>/dev/null || true
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

apt_updated=
need_apt() { # need_apt COMMAND PACKAGE...
  command -v "$1" >/dev/null && return
  shift
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  echo "== apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
need_apt ssh openssh-client
need_apt tmux tmux
need_apt curl curl
need_apt node nodejs
need_apt npm npm

echo "== build rota"
go build -o "$out/rota" ./cmd/rota
export ROTA_DB="$out/rota.db"
rota() { "$out/rota" "$@"; }
rota save configs/cumbria-cccs-2022.toml --name cccs >/dev/null
rota edit cccs@1 absent tracy 2022-11-07 2022-11-11 --reason "surgery, confidential" >/dev/null
for u in jo paul kim lee stranger; do ssh-keygen -q -t ed25519 -N "" -C "$u@ci" -f "$out/$u"; done
rota user add jo --role pa --key "$out/jo.pub" >/dev/null
rota user add paul --role ad --person paul --key "$out/paul.pub" >/dev/null
rota user add kim --role manager --key "$out/kim.pub" >/dev/null
rota user add lee --role pa --key "$out/lee.pub" >/dev/null

port=$((20000 + RANDOM % 20000)); hport=$((port + 1))
"$out/rota" serve --ssh "127.0.0.1:$port" --http "127.0.0.1:$hport" --host-key "$out/host" >"$out/serve.out" 2>"$out/serve.log" &
server=$!
up=
for _ in $(seq 150); do grep -q "rota serve: SSH on" "$out/serve.out" 2>/dev/null && { up=1; break; }; sleep 0.2; done
[ -n "$up" ] || { echo "FAIL: rota serve did not start within 30 s"; cat "$out/serve.out" "$out/serve.log"; exit 1; }

sshcmd() { # sshcmd USER: the OpenSSH command line for USER's key
  echo "ssh -tt -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o LogLevel=ERROR -i $out/$1 -p $port rota@127.0.0.1 cccs"
}
panecmd() { # panecmd USER [SESSION]: sshcmd for a tmux pane. The pane's
  # terminal stays open a second after ssh exits: tmux may mark a pane dead
  # before it has read the last of its output (the server's goodbye). ssh's
  # exit status goes to $out/SESSION.status, which tmux does not always keep.
  echo "sh -c '$(sshcmd "$1"); echo \$? > $out/${2:-$1}.status; sleep 1'"
}
waitfor() { # waitfor SESSION TEXT: the pane shows TEXT within 10 s
  for _ in $(seq 100); do
    tmux -S "$sock" capture-pane -p -t "$1" | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  echo "FAIL: session $1 does not show: $2"; tmux -S "$sock" capture-pane -p -t "$1"; cat "$out/serve.log"; exit 1
}

echo "== an unknown key is refused"
if $(sshcmd stranger) true </dev/null >"$out/stranger.txt" 2>&1; then echo "FAIL: an unknown key logged in"; exit 1; fi
grep -q "Permission denied (publickey)" "$out/stranger.txt" || { echo "FAIL: the unknown key was not refused as such:"; cat "$out/stranger.txt"; exit 1; }

echo "== two users at once with OpenSSH"
tmux -S "$sock" new-session -d -s jo -x 110 -y 32 "$(panecmd jo)"
tmux -S "$sock" new-session -d -s paul -x 110 -y 32 "$(panecmd paul)"
tmux -S "$sock" set-option -t paul remain-on-exit on # his pane outlives his removal below
waitfor jo "jo (pa) on plan cccs"
waitfor paul "paul (ad) on plan cccs"
tmux -S "$sock" send-keys -t jo a
waitfor jo "Record an absence"
tmux -S "$sock" send-keys -t jo paul C-s
waitfor jo "v3"
waitfor paul "version 3 by jo: absence: paul"
tmux -S "$sock" send-keys -t paul u
waitfor paul "role ad may not undo"
grep -q '"msg":"change","plan":"cccs","version":3,"by":"jo"' "$out/serve.log"

echo "== rota user remove, another process, ends the user's session"
rota user remove paul >/dev/null
waitfor paul "your access to rota was removed"
for _ in $(seq 50); do # a bound for a failing check, not a measure
  [ "$(tmux -S "$sock" display-message -p -t paul '#{pane_dead}')" = 1 ] && break
  sleep 0.1
done
[ "$(tmux -S "$sock" display-message -p -t paul '#{pane_dead}')" = 1 ] || { echo "FAIL: paul's ssh is still connected"; exit 1; }
if $(sshcmd paul) true </dev/null >"$out/paul.txt" 2>&1; then echo "FAIL: a removed user logged in"; exit 1; fi
grep -q '"msg":"session ended","reason":"access removed","user":"paul"' "$out/serve.log"
tmux -S "$sock" send-keys -t jo 2 # jo's session goes on
waitfor jo "[2 Month]"

echo "== a calendar feed, read back with ical.js"
made=$(rota feed new cccs --person tracy --url "http://127.0.0.1:$hport")
url=$(echo "$made" | grep -o 'http://[^ ]*\.ics')
feed=$(echo "$made" | sed -n 's/^Feed \([0-9]*\):.*/\1/p')
curl -sf -D "$out/h1" -o "$out/feed.ics" "$url"
grep -qi '^content-type: text/calendar; charset=utf-8' "$out/h1"
etag=$(grep -i '^etag:' "$out/h1" | cut -d' ' -f2 | tr -d '\r')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
[ "$code" = 304 ] || { echo "FAIL: a repeat with the ETag got $code, not 304"; exit 1; }
curl -sf --compressed -D "$out/h2" -o "$out/feed-gz.ics" "$url"
grep -qi '^content-encoding: gzip' "$out/h2" || { echo "FAIL: no gzip for a client that asks"; exit 1; }
cmp -s "$out/feed.ics" "$out/feed-gz.ics" || { echo "FAIL: the gzipped feed is another calendar"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$hport/feed/unknown.ics")
[ "$code" = 404 ] || { echo "FAIL: an unknown feed got $code, not 404"; exit 1; }
if grep -qi "surgery\|confidential" "$out/feed.ics"; then echo "FAIL: the feed carries a reason"; exit 1; fi
if [ "$(node -p "try{require('./.ci/node/node_modules/ical.js/package.json').version}catch(e){''}")" != "$ICALJS_VERSION" ]; then
  mkdir -p .ci/node
  npm install --prefix .ci/node --no-audit --no-fund --loglevel=error "ical.js@$ICALJS_VERSION" >/dev/null
fi
node --input-type=module -e '
import ICAL from "./.ci/node/node_modules/ical.js/dist/ical.js";
import { readFileSync } from "node:fs";
const cal = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], "utf8")));
const events = cal.getAllSubcomponents("vevent").map(v => new ICAL.Event(v));
if (events.length === 0) throw new Error("no events in the feed");
if (!cal.getFirstPropertyValue("refresh-interval")) throw new Error("no REFRESH-INTERVAL");
for (const e of events) if (/surgery|confidential/i.test(e.summary + " " + (e.description || ""))) throw new Error("a reason in " + e.uid);
const away = events.filter(e => /away/i.test(e.summary + " " + (e.description || "")));
console.log(`ical.js: ${events.length} events, ${away.length} say "away", no reason`);
' "$out/feed.ics"

echo "== a feed's window: two months of the finished 2022 plan are its last two"
made=$(rota feed new cccs --team --past 0 --ahead 1 --url "http://127.0.0.1:$hport")
echo "$made" | grep -q "0 months back, 1 ahead, now Feb 2023 to Mar 2023" || { echo "FAIL: rota feed new says: $made"; exit 1; }
wurl=$(echo "$made" | grep -o 'http://[^ ]*\.ics')
for _ in $(seq 50); do # a new feed by another process reaches the server within 0.2 s; a bound, not a measure
  code=$(curl -s -o "$out/window.ics" -w '%{http_code}' "$wurl")
  [ "$code" = 200 ] && break
  sleep 0.1
done
[ "$code" = 200 ] || { echo "FAIL: the windowed feed got $code"; exit 1; }
rota feed list | grep -q "0 months back, 1 ahead *Feb 2023 to Mar 2023" || { echo "FAIL: rota feed list does not show the window"; exit 1; }
node --input-type=module -e '
import ICAL from "./.ci/node/node_modules/ical.js/dist/ical.js";
import { readFileSync } from "node:fs";
const cal = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], "utf8")));
const events = cal.getAllSubcomponents("vevent").map(v => new ICAL.Event(v));
if (events.length === 0) throw new Error("no events in the windowed feed");
for (const e of events) {
  const d = e.startDate.toString();
  if (d < "2023-02-01" || d > "2023-03-31") throw new Error(`${e.uid} on ${d}, outside Feb to Mar 2023`);
}
console.log(`ical.js: ${events.length} events, all in Feb and Mar 2023`);
' "$out/window.ics"

echo "== a feed revoked by the command line (another process) answers 404 within 0.2 s"
rota feed revoke "$feed" >/dev/null
for _ in $(seq 50); do # a bound for a failing check, not a measure
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  [ "$code" = 404 ] && break
  sleep 0.1
done
[ "$code" = 404 ] || { echo "FAIL: a revoked feed still got $code after 5 s"; exit 1; }

echo "== SIGTERM tells every open session (four, OpenSSH) and closes it"
tmux -S "$sock" set-option -t jo remain-on-exit on
for u in kim lee; do
  tmux -S "$sock" new-session -d -s "$u" -x 110 -y 32 "$(panecmd "$u")"
  tmux -S "$sock" set-option -t "$u" remain-on-exit on
done
tmux -S "$sock" new-session -d -s jo2 -x 80 -y 24 "$(panecmd jo jo2)"
tmux -S "$sock" set-option -t jo2 remain-on-exit on
waitfor kim "kim (manager) on plan cccs"
waitfor lee "lee (pa) on plan cccs"
waitfor jo2 "jo (pa) on plan cccs"
kill -TERM "$server"
for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server" 2>/dev/null; then echo "FAIL: rota serve did not stop"; exit 1; fi
server=
for s in jo kim lee jo2; do
  waitfor "$s" "rota serve is stopping: every change you made was saved."
  waitfor "$s" "Connect again in a minute."
  # ssh's own status: 1 from the server, not 255 (the connection cut).
  for _ in $(seq 50); do [ "$(tmux -S "$sock" display-message -p -t "$s" '#{pane_dead}')" = 1 ] && break; sleep 0.1; done
  [ "$(tmux -S "$sock" display-message -p -t "$s" '#{pane_dead}')" = 1 ] || { echo "FAIL: $s's ssh is still connected"; exit 1; }
  st=$(cat "$out/$s.status" 2>/dev/null || true)
  [ "$st" = 1 ] || { echo "FAIL: $s's ssh exited '$st'"; tmux -S "$sock" capture-pane -p -t "$s"; exit 1; }
done
[ "$(grep -c '"msg":"logout"' "$out/serve.log")" = 5 ] || { echo "FAIL: not every logout logged"; cat "$out/serve.log"; exit 1; } # paul's, then four
grep -q '"msg":"stopped"' "$out/serve.log" || { echo "FAIL: no clean stop in the log"; tail -5 "$out/serve.log"; exit 1; }
echo "serve: ok"
