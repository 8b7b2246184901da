#!/usr/bin/env bash
# Cross-builds rota for the systems PAs and ADs use, without cgo as shipped,
# and runs go vet as each system sees the code (its own files, its own
# os/user and path rules).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for target in windows/amd64 windows/arm64 darwin/arm64 linux/arm64; do
  goos=${target%/*} goarch=${target#*/}
  ext=""
  [ "$goos" = windows ] && ext=.exe
  printf -- '-- %s: build' "$target"
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -o "$out/rota-$goos-$goarch$ext" ./cmd/rota
  printf ', vet'
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go vet ./...
  printf ', %s bytes\n' "$(stat -c %s "$out/rota-$goos-$goarch$ext")"
done
