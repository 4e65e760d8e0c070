# Before: the official Snowflake provider manages the integrations and the policy.
terraform {
  required_providers {
    snowflake = { source = "snowflakedb/snowflake" }
  }
}

resource "snowflake_network_policy" "notebook" {
  name            = "NOTEBOOK_NP"
  allowed_ip_list = ["203.0.113.0/24"]
}

resource "snowflake_oauth_integration_for_custom_clients" "notebook" {
  name                         = "notebook_app" # exact there: the lower-case object
  oauth_client_type            = "CONFIDENTIAL"
  oauth_redirect_uri           = "https://notebook.example.com/oauth/callback"
  enabled                      = "true"
  oauth_enforce_pkce           = "default"
  oauth_refresh_token_validity = 86400
  pre_authorized_roles_list    = ["ANALYST"]
  blocked_roles_list           = ["SYSADMIN"]
  network_policy               = snowflake_network_policy.notebook.name
  comment                      = "notebook app"
}

resource "snowflake_oauth_integration_for_partner_applications" "tableau" {
  name                         = "TABLEAU_CLOUD"
  oauth_client                 = "TABLEAU_SERVER"
  oauth_issue_refresh_tokens   = "default"
  oauth_refresh_token_validity = -1
}
