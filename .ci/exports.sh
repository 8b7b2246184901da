#!/usr/bin/env bash
# End-to-end checks of `rota export` with independent readers:
#   - ical.js (npm, pinned) parses every iCalendar export of the real binary
#     and .ci/ical-check.mjs checks the events against the reference rota;
#   - Debian's chromium renders the HTML export headless to a PNG, which
#     .ci/pngcheck.py checks is not blank, prints it to PDF, which poppler's
#     pdftoppm renders in greyscale for .ci/printcheck.py (no mostly-blank
#     pages), and dumps the DOM of a page made from hostile names, which must
#     hold no script.
# Runs from the repository root; installs what it lacks; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

ICALJS_VERSION=2.2.1
PLAN=configs/cumbria-cccs-2022.toml
HOSTILE=internal/export/testdata/hostile.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

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
rota() { "$out/rota" "$@"; }
at() { SOURCE_DATE_EPOCH="$1" "$out/rota" "${@:2}"; }

echo "== iCalendar exports"
at 1654075800 export "$PLAN" --format ics -o "$out/team.ics"
at 1656000000 export "$PLAN" --format ics -o "$out/team-again.ics"
# The plan changed (absences written into the file): the same plan, so the
# same UIDs. The same absences as --absent make a what-if: marked, other UIDs.
absences() { # absences FILE PERSON:FROM:TO... appends [[absence]] entries
  local f=$1; shift
  cp "$PLAN" "$f"
  for a in "$@"; do
    IFS=: read -r who from to <<<"$a"
    printf '\n[[absence]]\nperson = "%s"\nfrom = %s\nto = %s\n' "$who" "$from" "$to" >>"$f"
  done
}
absences "$out/changed.toml" simon:2022-07-01:2022-07-31
absences "$out/away.toml" paul:2022-10-03:2022-10-14 tracy:2022-10-03:2022-10-07
at 1656000000 export "$out/changed.toml" --format ics -o "$out/team-changed.ics"
at 1656000000 export "$PLAN" --format ics --absent simon:2022-07-01:2022-07-31 -o "$out/team-whatif.ics"
at 1654075800 export "$PLAN" --format ics --person paul -o "$out/paul.ics"
at 1654075800 export "$out/away.toml" --format ics --gaps -o "$out/gaps.ics"
at 1654075800 export "$HOSTILE" --format ics --gaps --reasons -o "$out/hostile.ics"

need_apt node nodejs
need_apt npm npm
if [ "$(node -p "try{require('./.ci/node/node_modules/ical.js/package.json').version}catch(e){''}")" != "$ICALJS_VERSION" ]; then
  echo "== npm install ical.js@$ICALJS_VERSION into .ci/node"
  mkdir -p .ci/node
  npm install --prefix .ci/node --no-audit --no-fund --loglevel=error "ical.js@$ICALJS_VERSION" >/dev/null
fi
echo "== ical.js reads the exports back"
node .ci/ical-check.mjs "$out" "$PLAN"

echo "== HTML export in headless Chromium"
need_apt chromium chromium fonts-dejavu-core fonts-liberation
rota export "$PLAN" --format html -o "$out/cumbria.html" \
  --absent paul:2022-10-03:2022-10-14 --absent tracy:2022-10-03:2022-10-07 \
  --absent jo:2022-12-05:2022-12-23 --absent simon:2022-11-14:2022-11-18
rota export "$HOSTILE" --format html -o "$out/hostile.html"
chrome() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$out")" "$@" 2>/dev/null
}
chrome --screenshot="$out/cumbria.png" --window-size=1280,2000 "file://$out/cumbria.html" >/dev/null
python3 .ci/pngcheck.py "$out/cumbria.png"
if [ -n "${KEEP_PNG:-}" ]; then cp "$out/cumbria.png" "$KEEP_PNG"; fi
echo "== the HTML export printed to PDF in Chromium, read in greyscale"
need_apt pdftoppm poppler-utils
chrome --print-to-pdf="$out/cumbria.pdf" --no-pdf-header-footer "file://$out/cumbria.html" >/dev/null
pdftoppm -gray -r 60 -png "$out/cumbria.pdf" "$out/page"
python3 .ci/printcheck.py "$out"/page-*.png
if [ -n "${KEEP_PDF:-}" ]; then cp "$out/cumbria.pdf" "$KEEP_PDF"; fi
chrome --dump-dom "file://$out/hostile.html" >"$out/hostile.dom"
python3 - "$out/hostile.dom" <<'PY'
# Chromium's own parse of the page, serialised: count the elements it built.
import sys
from html.parser import HTMLParser

class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.text = {}, [], []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.handlers += [a for a, _ in attrs if a.startswith("on") or a in ("src", "href")]
    def handle_data(self, data):
        self.text.append(data)

t = Tags()
t.feed(open(sys.argv[1], encoding="utf-8").read())
bad = [x for x in ("script", "img", "iframe", "object", "link") if t.tags.get(x)]
if bad or t.handlers:
    sys.exit(f"FAIL: the page of hostile names has {bad} elements or {t.handlers} attributes once parsed")
if "Rota, \"Quotes\"; semi\\colon" not in "".join(t.text):
    sys.exit("FAIL: the hostile plan's name is not on its page as text")
print(f"hostile.html: {sum(t.tags.values())} elements, no script, image or handler; the names show as text")
PY
echo "== exports: all checks passed"
