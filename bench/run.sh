#!/usr/bin/env bash
# bench/run.sh: build the provider and the benchmark driver, then measure refresh, apply and destroy
# through the real terraform CLI against the in-process emulator with latency per query and per login.
# Offline: dev_overrides and a CLI config of our own, never `terraform init`. Arguments go to
# bench/benchrun (e.g. -n 100 -kinds custom -parallelism 10 -query-latency 100ms -login-latency 300ms).
# BENCH_PROFILE=DIR serves the provider from the bench/profile test binary and writes one CPU
# profile per terraform command into DIR (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH" >&2
  exit 1
fi
bin=${BENCH_BIN:-$PWD/bin/bench}
mkdir -p "$bin"
echo "==> Building the provider and the benchmark driver into $bin" >&2
go build -trimpath -o "$bin/terraform-provider-snowflakeoauth" .
go build -trimpath -o "$bin/terraform-provider-benchsleep" ./bench/sleepprovider
go build -o "$bin/benchrun" ./bench/benchrun
ls -l "$bin/terraform-provider-snowflakeoauth" | awk '{printf "provider binary: %.1f MB\n", $5/1048576}' >&2

args=(-provider-dir "$bin" -sleep-provider-dir "$bin")
if [ -n "${BENCH_PROFILE:-}" ]; then
  mkdir -p "$BENCH_PROFILE"
  go test -c -o "$bin/profile.test" ./bench/profile
  args=(-sleep-provider-dir "$bin" -profile-bin "$bin/profile.test" -profile-dir "$BENCH_PROFILE")
fi
exec "$bin/benchrun" "${args[@]}" "$@"
