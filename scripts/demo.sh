#!/usr/bin/env bash
# make demo: build the provider, start the emulator, apply examples/quickstart with the real terraform
# CLI, show the result, prove there is no drift, destroy, and stop the emulator (also on failure).
# Offline: terraform finds the provider through dev_overrides and `terraform init` is never run.
# TERRAFORM=path/to/tofu runs the same demo with OpenTofu (make test-opentofu).
set -euo pipefail
tfbin=${TERRAFORM:-terraform}
# A path is taken relative to the caller's directory: terraform runs in a temporary one.
[[ $tfbin != */* ]] || tfbin=$(cd "$(dirname "$tfbin")" && pwd)/$(basename "$tfbin")
cd "$(dirname "$0")/.."
root=$PWD

if ! command -v "$tfbin" >/dev/null 2>&1; then
  echo "error: $tfbin is not on PATH; install Terraform >= 1.10 and run 'make demo' again." >&2
  exit 1
fi

work=$(mktemp -d)
emu_pid=""
cleanup() {
  status=$?
  if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
    kill "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  [ $status -eq 0 ] || echo "demo failed (exit $status)" >&2
  exit $status
}
trap cleanup EXIT INT TERM

echo "==> Building the provider and the emulator"
mkdir -p bin
go build -trimpath -o bin/terraform-provider-snowflakeoauth .
go build -trimpath -o bin/snowflake-emulator ./internal/emulator/cmd/snowflake-emulator
go build -trimpath -o bin/oauth-login-demo ./internal/emulator/cmd/oauth-login-demo

# A free loopback port: let the kernel pick one.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 18085)
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)
echo "==> Starting the emulator on 127.0.0.1:$port"
bin/snowflake-emulator -listen "127.0.0.1:$port" -admin-password "$password" -ready-file "$work/ready.env" >"$work/emulator.log" 2>&1 &
emu_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/ready.env" ] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/ready.env" ] || { echo "emulator did not start" >&2; exit 1; }
# shellcheck disable=SC1091
set -a; . "$work/ready.env"; set +a

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "snowflakeoauth/snowflakeoauth" = "$root/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
mkdir -p "$work/tf"
cp -r examples/quickstart/. "$work/tf/"
cd "$work/tf"
tf() { "$tfbin" "$@" 2> >(grep -v -e 'Provider development overrides' -e 'dev_overrides' >&2); }

echo "==> terraform apply (examples/quickstart)"
tf apply -auto-approve -input=false -no-color >"$work/apply.log" || { cat "$work/apply.log"; exit 1; }
grep -E '^(Apply complete|Outputs)' "$work/apply.log" || true

echo
echo "==> What Terraform created"
"$tfbin" output -no-color
echo
echo "==> An app signs in through the new integration (OAuth code flow with PKCE, then a token login)"
"$root/bin/oauth-login-demo" -integration NOTEBOOK_APP -redirect-uri https://notebook.example.com/oauth/callback -role SYSADMIN
echo
echo "==> terraform plan -detailed-exitcode (0 = no drift)"
set +e
tf plan -detailed-exitcode -input=false -no-color >"$work/plan.log"
plan=$?
set -e
if [ $plan -ne 0 ]; then cat "$work/plan.log"; echo "unexpected drift (exit $plan)" >&2; exit 1; fi
echo "No changes: the configuration matches Snowflake."

echo
echo "==> terraform destroy"
tf destroy -auto-approve -input=false -no-color >"$work/destroy.log" || { cat "$work/destroy.log"; exit 1; }
grep -E '^Destroy complete' "$work/destroy.log"
echo "==> Demo finished; the emulator is stopped."
