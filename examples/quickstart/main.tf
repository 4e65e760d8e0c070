# The quick start: a notebook tool registered as a Snowflake OAuth custom client, with its own network
# policy bound to it, an analyst's pre-granted consent, and its secrets read without touching state.
# `make demo` applies it against the emulator; the provider reads SNOWFLAKE_* variables.

terraform {
  required_providers {
    snowflakeoauth = {
      source = "snowflakeoauth/snowflakeoauth"
    }
  }
}

provider "snowflakeoauth" {}

resource "snowflakeoauth_custom_client_integration" "notebook" {
  name                         = "notebook_app"
  oauth_client_type            = "CONFIDENTIAL"
  oauth_redirect_uri           = "https://notebook.example.com/oauth/callback"
  oauth_refresh_token_validity = 7776000 # 90 days
  pre_authorized_roles_list    = []
  comment                      = "Managed by Terraform: notebook tool"
}

resource "snowflakeoauth_network_policy" "office" {
  name            = "notebook_np"
  allowed_ip_list = ["127.0.0.1", "10.0.0.0/8"]
  comment         = "Where the notebook tool connects from"
}

resource "snowflakeoauth_integration_network_policy" "notebook" {
  integration_name    = snowflakeoauth_custom_client_integration.notebook.name
  network_policy_name = snowflakeoauth_network_policy.office.name
}

resource "snowflakeoauth_delegated_authorization" "admin_sysadmin" {
  user_name        = var.analyst_user
  role_name        = "SYSADMIN"
  integration_name = snowflakeoauth_custom_client_integration.notebook.name
}

# `.id` (not `.name`) so that Terraform opens the ephemeral resource only once the integration exists.
ephemeral "snowflakeoauth_client_secrets" "notebook" {
  integration_name = snowflakeoauth_custom_client_integration.notebook.id
}

variable "analyst_user" {
  description = "The user whose consent is pre-granted (the emulator's admin in the demo)."
  type        = string
  default     = "ADMIN"
}

output "oauth_client_id" {
  value = snowflakeoauth_custom_client_integration.notebook.oauth_client_id
}

output "oauth_authorization_endpoint" {
  value = snowflakeoauth_custom_client_integration.notebook.oauth_authorization_endpoint
}

output "network_policy" {
  value = snowflakeoauth_integration_network_policy.notebook.network_policy_name
}
