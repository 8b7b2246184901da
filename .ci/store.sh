#!/usr/bin/env bash
# Saved plans: the store's figures for the record. The store's tests (unit,
# crash, concurrency, property and the testscript end-to-end scripts) run
# with the rest under `go test -race ./...`; this prints its benchmarks:
# loading the latest of 1,000 changes against computing the same plan from
# its file (the first must stay within 2x of the second), saving one change,
# and the database's bytes per change. About 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
go test -run '^$' -bench 'Load1000|ComputeFromFile1000|Apply' -benchtime 20x ./internal/backend/
go test -run '^$' -bench 'BytesPerChange' -benchtime 1x ./internal/backend/
