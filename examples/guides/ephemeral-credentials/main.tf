# Hand the client id and secret of an integration to a third-party tool's secret store without
# writing them to plan or state: an ephemeral resource (Terraform 1.10+) feeding a write-only
# argument (Terraform 1.11+). Here HashiCorp Vault's KV v2 store (vault provider 5.x).
terraform {
  required_version = ">= 1.11"
  required_providers {
    snowflakeoauth = { source = "snowflakeoauth/snowflakeoauth" }
    vault          = { source = "hashicorp/vault", version = ">= 5.0" }
  }
}

resource "snowflakeoauth_custom_client_integration" "etl" {
  name               = "etl_tool"
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "https://etl.example.com/oauth/callback"
}

# Opened during plan and apply, never stored. Pass the integration's id (unknown until the
# integration exists) so that Terraform opens it only once the integration is there.
ephemeral "snowflakeoauth_client_secrets" "etl" {
  integration_name = snowflakeoauth_custom_client_integration.etl.id
}

variable "credentials_version" {
  type        = number
  description = "Bump it to write the credentials again (after a secret rotation)."
  default     = 1
}

resource "vault_kv_secret_v2" "etl_snowflake_oauth" {
  mount = "secret"
  name  = "etl/snowflake-oauth"
  data_json_wo = jsonencode({
    client_id      = ephemeral.snowflakeoauth_client_secrets.etl.oauth_client_id
    client_secret  = ephemeral.snowflakeoauth_client_secrets.etl.oauth_client_secret
    token_endpoint = snowflakeoauth_custom_client_integration.etl.oauth_token_endpoint
  })
  data_json_wo_version = var.credentials_version
}
