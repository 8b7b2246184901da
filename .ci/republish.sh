#!/usr/bin/env bash
# Re-publishing a calendar with real clients: a PA imports the rota's calendar,
# the plan changes, and they import `rota export PLAN --since VERSION`. Then
# exactly the new version's events must be active: khal (Debian) imports both
# files into a real calendar folder; .ci/republish-check.mjs does the same with
# ical.js, the way a client applies UID, SEQUENCE and STATUS:CANCELLED.
# Runs from the repository root; installs what it lacks; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

PLAN=configs/cumbria-cccs-2022.toml
ICALJS_VERSION=2.2.1
out=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=1654075800

apt_updated=
need_apt() { # need_apt COMMAND PACKAGE...
  command -v "$1" >/dev/null && return
  shift
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  echo "== apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

echo "== build rota"
go build -o "$out/rota" ./cmd/rota
rota() { "$out/rota" "$@" --db "$out/rota.db"; }

echo "== version 2 is published; versions 3 and 4 change it"
rota save "$PLAN" --name cccs >/dev/null
rota edit cccs@1 absent paul 2022-10-03 2022-10-14 >/dev/null   # v2: gaps, presence gaps
rota export cccs --format ics --gaps -o "$out/old.ics"
rota edit cccs@2 unabsent paul 2022-10-10 2022-10-14 >/dev/null # v3: 10–14 Oct's gaps go
rota edit cccs@3 spoc 2022-12 jo >/dev/null                     # v4: December's SPOC moves
rota export cccs --format ics --gaps --since 2 -o "$out/new.ics"
rota export cccs --format ics --gaps -o "$out/plain.ics"        # what must remain
grep -c 'STATUS:CANCELLED' "$out/new.ics" | sed 's/^/cancelled events in new.ics: /'

echo "== khal imports the old calendar, then the new"
need_apt khal khal
mkdir -p "$out/cal"
cat >"$out/khal.conf" <<CONF
[calendars]
[[rota]]
path = $out/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = rota
CONF
khal_() { HOME="$out" khal -c "$out/khal.conf" "$@"; }
khal_ import --batch -a rota "$out/old.ics"
khal_ import --batch -a rota "$out/new.ics"
khal_ list --once --day-format "" --format "{cancelled}{start-date}|{title}" 2022-07-01 2023-03-31 >"$out/khal.txt"
python3 - "$out/khal.txt" "$out/plain.ics" "$out/old.ics" <<'PY'
# Active events in khal (not CANCELLED) must be exactly the new version's.
import sys
from collections import Counter

def events(path):
    text = open(path, encoding="utf-8", newline="").read().replace("\r\n ", "")
    out, cur = [], None
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT":
            out.append(cur)
            cur = None
        elif cur is not None and ":" in line:
            k, v = line.split(":", 1)
            cur[k.split(";")[0]] = v.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\\\", "\\")
    return out

def day(v):
    return f"{v[:4]}-{v[4:6]}-{v[6:8]}"

listed = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
active = Counter(l for l in listed if not l.startswith("CANCELLED "))
cancelled = [l for l in listed if l.startswith("CANCELLED ")]
want = Counter(f"{day(e['DTSTART'])}|{e['SUMMARY']}" for e in events(sys.argv[2]))
old_only = {e["UID"] for e in events(sys.argv[3])} - {e["UID"] for e in events(sys.argv[2])}
problems = []
if active != want:
    problems.append(f"active events differ: {sorted((active - want).elements())[:5]} extra, {sorted((want - active).elements())[:5]} missing")
if len(cancelled) != len(old_only) or not old_only:
    problems.append(f"{len(cancelled)} cancelled in khal, {len(old_only)} events only in the old calendar")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print(f"khal: {sum(active.values())} events active, exactly the new version's; {len(cancelled)} cancelled")
PY

echo "== ical.js applies the same two files"
need_apt node nodejs
need_apt npm npm
if [ "$(node -p "try{require('./.ci/node/node_modules/ical.js/package.json').version}catch(e){''}")" != "$ICALJS_VERSION" ]; then
  mkdir -p .ci/node
  npm install --prefix .ci/node --no-audit --no-fund --loglevel=error "ical.js@$ICALJS_VERSION" >/dev/null
fi
node .ci/republish-check.mjs "$out/old.ics" "$out/new.ics" "$out/plain.ics"
echo "== republish: all checks passed"
