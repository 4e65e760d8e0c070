# After: the same objects under snowflakeoauth. `terraform plan` shows three moves, one import and
# no change; `terraform apply` only rewrites state (the moves send no SQL to Snowflake).
terraform {
  required_version = ">= 1.8" # moved blocks across providers
  required_providers {
    snowflakeoauth = { source = "snowflakeoauth/snowflakeoauth" }
  }
}

moved {
  from = snowflake_network_policy.notebook
  to   = snowflakeoauth_network_policy.notebook
}

moved {
  from = snowflake_oauth_integration_for_custom_clients.notebook
  to   = snowflakeoauth_custom_client_integration.notebook
}

moved {
  from = snowflake_oauth_integration_for_partner_applications.tableau
  to   = snowflakeoauth_partner_integration.tableau
}

resource "snowflakeoauth_network_policy" "notebook" {
  name            = "NOTEBOOK_NP"
  allowed_ip_list = ["203.0.113.0/24"]
}

resource "snowflakeoauth_custom_client_integration" "notebook" {
  # The official provider's names are exact; a lower-case name is quoted here.
  name               = "\"notebook_app\""
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "https://notebook.example.com/oauth/callback"
  # enabled = "true" and oauth_enforce_pkce = "default" are Snowflake's defaults: omitted.
  oauth_refresh_token_validity = 86400
  pre_authorized_roles_list    = ["ANALYST"]
  blocked_roles_list           = ["SYSADMIN"]
  comment                      = "notebook app"
}

# The official network_policy attribute becomes its own resource, adopted with an import block.
import {
  to = snowflakeoauth_integration_network_policy.notebook
  id = "\"notebook_app\""
}

resource "snowflakeoauth_integration_network_policy" "notebook" {
  integration_name    = snowflakeoauth_custom_client_integration.notebook.name
  network_policy_name = snowflakeoauth_network_policy.notebook.name
}

resource "snowflakeoauth_partner_integration" "tableau" {
  name         = "TABLEAU_CLOUD"
  oauth_client = "TABLEAU_SERVER"
  # "default" and -1 mean Snowflake's default: omitted.
}
