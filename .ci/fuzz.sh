#!/usr/bin/env bash
# Runs each fuzz target briefly: the plan-file loader and the --absent parser.
# Go fuzzes one target per invocation. A failure leaves the crashing input in
# internal/plan/testdata/fuzz/<Target>/ and makes this script exit non-zero.
# FUZZTIME overrides the time per target (default 15s).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

fuzztime="${FUZZTIME:-15s}"
targets=(
  "./internal/plan/ FuzzParse"
  "./internal/plan/ FuzzParseAbsent"
)
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "fuzz: $name in $pkg for $fuzztime"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"
done
echo "fuzz: all targets passed"
