#!/usr/bin/env bash
# Checks every example offline: `terraform fmt -check`, then `terraform validate` against the provider
# built into ./bin through dev_overrides (terraform init is never run: it would query the registry).
# TERRAFORM=path/to/tofu runs the same checks with OpenTofu (make test-opentofu).
set -euo pipefail
tf=${TERRAFORM:-terraform}
# A path is taken relative to the caller's directory: the checks run elsewhere.
[[ $tf != */* ]] || tf=$(cd "$(dirname "$tf")" && pwd)/$(basename "$tf")
cd "$(dirname "$0")/.."
root=$PWD
command -v "$tf" >/dev/null || { echo "error: $tf is not on PATH" >&2; exit 1; }
echo "checking examples with $("$tf" version | head -1)"

"$tf" fmt -check -recursive -diff examples

mkdir -p bin
go build -trimpath -o bin/terraform-provider-snowflakeoauth .
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "snowflakeoauth/snowflakeoauth" = "$root/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1

# A real (throwaway) RSA public key: the provider validates keys at plan time.
placeholder_key="$work/placeholder_rsa_key.pub"
openssl genrsa 2048 2>/dev/null | openssl rsa -pubout -out "$placeholder_key" 2>/dev/null

failed=0
while IFS= read -r dir; do
  tmp="$work/$(echo "$dir" | tr '/' '_')"
  mkdir -p "$tmp"
  cp "$dir"/*.tf "$tmp"/
  # Snippets of the docs declare no required_providers; give them the source they mean.
  if ! grep -q required_providers "$tmp"/*.tf; then
    printf 'terraform {\n  required_providers {\n    snowflakeoauth = { source = "snowflakeoauth/snowflakeoauth" }\n  }\n}\n' >"$tmp/zz_providers.tf"
  fi
  # Examples that read files (keys) get a placeholder key next to them.
  for f in $(grep -ho 'file("${path.module}/[^"]*")' "$tmp"/*.tf | sed 's/.*path.module}\///; s/")$//' | sort -u); do
    cp "$placeholder_key" "$tmp/$f"
  done
  # Doc snippets refer to the notebook integration of the custom-client example; declare it for them.
  if grep -q 'snowflakeoauth_custom_client_integration\.notebook' "$tmp"/*.tf && ! grep -q 'resource "snowflakeoauth_custom_client_integration" "notebook"' "$tmp"/*.tf; then
    printf 'resource "snowflakeoauth_custom_client_integration" "notebook" {\n  name               = "notebook_app"\n  oauth_client_type  = "CONFIDENTIAL"\n  oauth_redirect_uri = "https://notebook.example.com/cb"\n}\n' >"$tmp/zz_notebook.tf"
  fi
  # Snippets that hand values to other providers cannot be validated offline (no registry): fmt only.
  if grep -hoE '^(resource|data|ephemeral) "[a-z0-9]+_' "$tmp"/*.tf | grep -v '"snowflakeoauth_' | grep -q .; then
    echo "fmt  $dir (uses another provider: formatted, not validated offline)"
    continue
  fi
  if out=$(cd "$tmp" && "$tf" validate -no-color 2>&1); then
    echo "ok   $dir"
  else
    echo "FAIL $dir"; echo "$out" | grep -v -e 'Provider development overrides' -e dev_overrides -e '^│ *$' | sed 's/^/     /'
    failed=1
  fi
done < <(find examples -name '*.tf' -exec dirname {} \; | sort -u)
exit $failed
