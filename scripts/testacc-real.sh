#!/usr/bin/env bash
# `make testacc-real`: the acceptance tests against a real Snowflake account (README.md, "Acceptance
# tests against a real account"). It refuses to start unless the run is confirmed and an account is
# named: the run creates, and then drops, objects named TFACC* in that account.
set -euo pipefail
cd "$(dirname "$0")/.."

refuse() {
  {
    echo "make testacc-real: $1"
    echo "  It runs the acceptance tests against a real Snowflake account, creating and dropping objects named TFACC*."
    echo "  Set SNOWFLAKEOAUTH_ACC_REAL=1 to confirm, and name the account the way the provider reads it:"
    echo "    SNOWFLAKE_ACCOUNT (or SNOWFLAKE_ORGANIZATION_NAME and SNOWFLAKE_ACCOUNT_NAME), SNOWFLAKE_USER and one credential"
    echo "    (SNOWFLAKE_PASSWORD, SNOWFLAKE_PRIVATE_KEY[_PASSPHRASE], SNOWFLAKE_TOKEN ...),"
    echo "    or SNOWFLAKE_PROFILE / SNOWFLAKE_DEFAULT_CONNECTION_NAME naming a connection in connections.toml."
    echo "  The user needs the role ACCOUNTADMIN. See README.md, \"Acceptance tests against a real account\"."
  } >&2
  exit 2
}

[[ ${SNOWFLAKEOAUTH_ACC_REAL:-} == 1 ]] || refuse "SNOWFLAKEOAUTH_ACC_REAL is not 1."
if [[ -z ${SNOWFLAKE_ACCOUNT:-} && ( -z ${SNOWFLAKE_ORGANIZATION_NAME:-} || -z ${SNOWFLAKE_ACCOUNT_NAME:-} ) &&
      -z ${SNOWFLAKE_PROFILE:-} && -z ${SNOWFLAKE_DEFAULT_CONNECTION_NAME:-} ]]; then
  refuse "no account: neither SNOWFLAKE_ACCOUNT, SNOWFLAKE_ORGANIZATION_NAME with SNOWFLAKE_ACCOUNT_NAME, nor a profile is set."
fi
# The emulator's host settings must not leak into a real run.
for v in SNOWFLAKE_HOST SNOWFLAKE_PORT SNOWFLAKE_PROTOCOL; do
  [[ -z ${!v:-} ]] || echo "note: $v is set (${!v}); the run connects there." >&2
done

# -p 1: each package sweeps TFACC* objects before and after its tests, so two packages must not run
# at once against one account.
TF_ACC=1 exec go test -count=1 -p 1 -timeout 180m ./internal/acctest/... ./internal/resources/... "$@"
