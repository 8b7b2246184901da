#!/usr/bin/env bash
# rota notify against a real SMTP server from Debian (python3-aiosmtpd) on
# 127.0.0.1: the Cumbria plan with emails, a change with a reason, runs on
# the days the week's digests and October's reminders are due; checks what
# the server received (who by name, how many, an .ics each but the digest of
# an empty week, which is plain text alone, no reason anywhere), that running
# again delivers nothing more, and that the finished plan mails nobody in
# 2026. Then STARTTLS required of a server without it: refused in rota's
# words; and a relay that requires STARTTLS, with a certificate of its own
# authority (openssl): refused without --ca-file, the messages left due;
# sent with it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || ! command -v openssl >/dev/null; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd openssl >/dev/null
fi

work=$(mktemp -d)
bin="$work/rota"
go build -o "$bin" ./cmd/rota
export ROTA_DB="$work/rota.db"

sed -e 's/^name = "Jo Atkinson"$/&\nemail = "jo@example.gov.uk"/' \
    -e 's/^name = "Simon Higgins"$/&\nemail = "simon@example.gov.uk"/' \
    -e 's/^name = "Tracy Boustead"$/&\nemail = "tracy@example.gov.uk"/' \
    -e 's/^name = "Chief Executive"$/&\nemail = "ce@example.gov.uk"/' \
    configs/cumbria-cccs-2022.toml > "$work/cccs.toml"
"$bin" save "$work/cccs.toml" --name cccs >/dev/null
"$bin" edit cccs@1 absent tracy 2022-10-10 2022-10-14 --reason "CONFIDENTIAL-flu" >/dev/null

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/mail/tmp" "$work/mail/new" "$work/mail/cur"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$work/mail" &
server=$!
trap 'kill $server ${tls_server:-} 2>/dev/null || true; rm -rf "$work"' EXIT
listening() {
  for _ in $(seq 50); do
    /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return
    sleep 0.1
  done
  echo "no server on port $1" >&2; return 1
}
listening "$port"

# Friday 23 September: the digests for the week from 26 September; Monday 26
# September: October's reminders to its SPOC and buddy. Each day twice.
# The settings are kept once in the database (rota notify config).
"$bin" notify config --smtp "127.0.0.1:$port" --security plain --from rota@example.gov.uk
send() { "$bin" notify cccs --now "$1"; }
for day in 2022-09-23 2022-09-26; do
  send $day | tee "$work/run1.txt"
  send $day | tee "$work/run2.txt"
  grep -q '^0 new message(s) recorded, 0 sent, 0 failed' "$work/run2.txt"
done

/usr/bin/python3 - "$work/mail" <<'PY'
import mailbox, sys, collections, email.utils
box = mailbox.Maildir(sys.argv[1], create=False)
per = collections.defaultdict(list)
ids = collections.Counter()
names = {"jo@example.gov.uk": "Jo Atkinson", "simon@example.gov.uk": "Simon Higgins",
         "tracy@example.gov.uk": "Tracy Boustead", "ce@example.gov.uk": "Chief Executive"}
for m in box:
    name, addr = email.utils.parseaddr(m["To"])
    assert name == names[addr], ("To", m["To"])
    per[addr].append(" ".join(str(m["Subject"]).split()))
    ids[m["Message-ID"]] += 1
    parts = {p.get_content_type(): p for p in m.walk()}
    text = parts["text/plain"].get_payload(decode=True).decode()
    if "nothing on the rota for you" in text:
        # The digest of an empty week: plain text alone, no calendar file.
        assert list(parts) == ["text/plain"] and "rota.ics" not in m.as_string(), (m["Subject"], list(parts))
        ics = ""
    else:
        assert "text/plain" in parts and "text/calendar" in parts, (m["Subject"], list(parts))
        ics = parts["text/calendar"].get_payload(decode=True).decode()
        assert "BEGIN:VCALENDAR" in ics and "UID:" in ics, m["Subject"]
    raw = m.as_string() + text + ics
    assert "CONFIDENTIAL" not in raw and "flu" not in raw.lower(), "a reason reached " + m["To"]
assert all(n == 1 for n in ids.values()), ids
for to, subjects in sorted(per.items()):
    print(to); [print("   ", s) for s in sorted(subjects)]
assert any("you are SPOC for Oct 2022" in s for s in per["tracy@example.gov.uk"]), per
assert any("you are SPOC buddy for Oct 2022" in s for s in per["simon@example.gov.uk"]), per
assert all(any("your week from Mon 26 Sep 2022" in s for s in v) for v in per.values()), per
assert len(per["ce@example.gov.uk"]) == 1, per
print(sum(len(v) for v in per.values()), "passed, 0 failed")
PY

# The plan ended on 31 March 2023: in November 2026 nothing is due.
send 2026-11-27 | tee "$work/ended.txt"
grep -q '^0 new message(s) recorded, 0 sent, 0 failed' "$work/ended.txt"

# STARTTLS required of a server that does not offer it: refused before
# anything is written to it, in rota's words.
if "$bin" notify cccs --now 2022-09-30 --security starttls > "$work/nostarttls.txt"; then
  echo "a server without STARTTLS was written to with --security starttls" >&2; exit 1
fi
cat "$work/nostarttls.txt"
grep -q "the server at 127.0.0.1:$port does not offer STARTTLS" "$work/nostarttls.txt"
grep -q -- "--security tls" "$work/nostarttls.txt"
if grep -q "TLSMandatory" "$work/nostarttls.txt"; then echo "the mail library's words reached the user" >&2; exit 1; fi

# STARTTLS required (aiosmtpd refuses MAIL before it), a certificate for
# 127.0.0.1 from an authority of its own. Friday 30 September: the digests
# for the week from 3 October.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=relay.council.test" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/relay.key" -out "$work/relay.pem" 2>/dev/null
tls_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/tlsmail/tmp" "$work/tlsmail/new" "$work/tlsmail/cur"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$tls_port" --tlscert "$work/relay.pem" --tlskey "$work/relay.key" \
  -c aiosmtpd.handlers.Mailbox "$work/tlsmail" 2>"$work/tls-server.log" &
tls_server=$!
listening "$tls_port"
tls() { "$bin" notify cccs --now 2022-09-30 --smtp "127.0.0.1:$tls_port" --security starttls "$@"; }
if tls > "$work/untrusted.txt"; then
  echo "a certificate of an unknown authority was accepted" >&2; exit 1
fi
cat "$work/untrusted.txt"
grep -q 'certificate' "$work/untrusted.txt"
test -z "$(ls "$work/tlsmail/new")"
tls --ca-file "$work/relay.pem" | tee "$work/trusted.txt"
grep -q '^0 new message(s) recorded, 4 sent, 0 failed' "$work/trusted.txt"
test "$(ls "$work/tlsmail/new" | wc -l)" -eq 4
# (a Subject is folded where the mail library chooses, here before the year)
grep -l 'your week from Mon 3 Oct' "$work/tlsmail/new"/* | wc -l | grep -qx 4
echo "STARTTLS with --ca-file: 4 delivered, refused without it"
