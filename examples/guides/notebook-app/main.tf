# A hosted notebook tool (Hex-style) that signs users in with Snowflake OAuth: a confidential custom
# client, the tool's egress addresses in a network policy bound to the integration, and a
# pre-granted consent so that analysts are not asked on their first connection.
terraform {
  required_providers {
    snowflakeoauth = { source = "snowflakeoauth/snowflakeoauth" }
  }
}

variable "notebook_redirect_uri" {
  type        = string
  description = "The OAuth redirect URI the notebook tool documents for Snowflake connections."
  default     = "https://notebook.example.com/oauth/snowflake/callback"
}

variable "notebook_egress_ips" {
  type        = list(string)
  description = "The addresses the notebook tool connects from (its documentation lists them)."
  default     = ["203.0.113.10", "203.0.113.11"]
}

resource "snowflakeoauth_custom_client_integration" "notebook" {
  name               = "notebook_app"
  oauth_client_type  = "CONFIDENTIAL" # the tool keeps the client secret on its servers
  oauth_redirect_uri = var.notebook_redirect_uri
  oauth_enforce_pkce = true

  # Refresh tokens let scheduled notebook runs reconnect; 30 days, then users sign in again.
  oauth_issue_refresh_tokens   = true
  oauth_refresh_token_validity = 2592000

  # Users may consent to these roles only; the privileged roles are blocked by Snowflake anyway.
  allowed_roles_list = ["ANALYST", "DATA_SCIENTIST"]
  blocked_roles_list = ["SYSADMIN"]
  comment            = "Notebook tool (managed by Terraform)"
}

resource "snowflakeoauth_network_policy" "notebook" {
  name            = "notebook_np"
  allowed_ip_list = var.notebook_egress_ips
  comment         = "Token requests of the notebook tool"
}

# Token requests of this integration must come from the tool's addresses.
resource "snowflakeoauth_integration_network_policy" "notebook" {
  integration_name    = snowflakeoauth_custom_client_integration.notebook.name
  network_policy_name = snowflakeoauth_network_policy.notebook.name
}

# JANE connects with ANALYST without a consent screen.
resource "snowflakeoauth_delegated_authorization" "jane_analyst" {
  user_name        = "jane"
  role_name        = "analyst"
  integration_name = snowflakeoauth_custom_client_integration.notebook.name
}

# Where the tool's admin enters Snowflake's endpoints (not secret).
output "notebook_oauth_settings" {
  value = {
    client_id           = snowflakeoauth_custom_client_integration.notebook.oauth_client_id
    authorization_url   = snowflakeoauth_custom_client_integration.notebook.oauth_authorization_endpoint
    token_url           = snowflakeoauth_custom_client_integration.notebook.oauth_token_endpoint
    role_scope_template = "session:role:<ROLE>"
  }
}
