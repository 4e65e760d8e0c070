#!/usr/bin/env bash
# Builds OpenTofu from its Go module into a directory (default ./bin), for `make test-opentofu`.
#
#   scripts/install-tofu.sh [version] [bindir]      e.g. scripts/install-tofu.sh v1.12.6 bin
#
# Why from source: nothing here may download release binaries, but the Go module proxy is reachable.
# `go install github.com/opentofu/opentofu/cmd/tofu@v` refuses modules whose go.mod has replace
# directives (OpenTofu replaces hcl/v2 with its fork), so the module is downloaded and built in place.
# Idempotent: an existing binary that reports the pinned version is kept. A few CPU-minutes on 2 cores.
set -euo pipefail
version=${1:-v1.12.6}
bindir=${2:-bin}
cd "$(dirname "$0")/.."
mkdir -p "$bindir"
out=$(cd "$bindir" && pwd)/tofu

# The version as tofu reports it; TF_CLI_CONFIG_FILE=/dev/null keeps CLI-config warnings out of it.
reported() { TF_CLI_CONFIG_FILE=/dev/null "$1" version -json 2>/dev/null | sed -n 's/^ *"terraform_version": "\(.*\)",*$/v\1/p'; }

if [[ -x $out && $(reported "$out") == "$version" ]]; then
  echo "tofu ${version} already in $out"
  exit 0
fi

fail() { echo "error: install-tofu: $*" >&2; exit 1; }
command -v go >/dev/null || fail "go is not on PATH"

echo "downloading github.com/opentofu/opentofu@${version} through the Go module proxy"
# -json prints the module's directory in the module cache.
dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@${version}" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') ||
  fail "go mod download github.com/opentofu/opentofu@${version} failed (is the Go module proxy reachable?)"
[[ -n $dir && -d $dir ]] || fail "the module cache has no directory for github.com/opentofu/opentofu@${version}"

echo "building tofu ${version} into $out (a few minutes on 2 cores)"
# The module cache is read-only; -mod=mod lets go resolve the module's dependencies (from its go.sum)
# without writing into it. GOWORK=off: a go.work in a parent directory must not leak in. version.dev=no
# is what OpenTofu's release build sets: without it the binary calls itself "<version>-dev".
(cd "$dir" && GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 \
  go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$out.tmp" ./cmd/tofu) ||
  fail "go build ./cmd/tofu in $dir failed"
got=$(reported "$out.tmp")
[[ $got == "$version" ]] || { rm -f "$out.tmp"; fail "the built binary reports version '$got', expected '$version'"; }
mv "$out.tmp" "$out"
echo "installed OpenTofu $got into $out"
