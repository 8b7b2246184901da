#!/usr/bin/env bash
# Exports at scale: every format of the council decade (rota sample --size
# decade: 3,000 duties, ten years, about 550,000 calendar events) must stay
# under 150 MB of memory, measured as the peak resident set of the real
# binary by GNU time (/usr/bin/time -v). Prints time and memory per format,
# the figures the README's Speed section records.
# Runs from the repository root; installs what it lacks; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
LIMIT_MB=150

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
CGO_ENABLED=0 go build -o "$out/rota" ./cmd/rota
"$out/rota" sample --size decade --seed 1 >"$out/decade.toml"

fail=0
measure() { # measure LABEL ARGS...
  local label=$1; shift
  /usr/bin/time -v "$out/rota" export "$out/decade.toml" "$@" 2>"$out/time.txt" >/dev/null
  local kb secs cpu size
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$out/time.txt")
  size=$(stat -c %s "$out/export")
  printf '%-28s %8s elapsed %6s s CPU %5d MB peak %11d bytes\n' "$label" "$secs" "$cpu" $((kb / 1024)) "$size"
  if [ $((kb / 1024)) -ge "$LIMIT_MB" ]; then
    echo "FAIL: $label took $((kb / 1024)) MB, over $LIMIT_MB MB"; fail=1
  fi
}
for f in ics csv md html xlsx docx; do
  measure "$f" --format "$f" -o "$out/export"
done
measure "ics --gaps" --format ics --gaps -o "$out/export"
for f in md html docx; do
  measure "$f, all ten years" --format "$f" --from 2024-04 --to 2034-03 -o "$out/export"
done
[ "$fail" = 0 ] || exit 1
echo "== scale: every export of the council decade under $LIMIT_MB MB"
