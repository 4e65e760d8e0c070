# Log in through a Snowflake OAuth integration with a refresh token. Access tokens live 10 minutes, so
# a static `token` breaks long applies; with a refresh token the provider obtains access tokens itself
# and renews them before they expire.
#
# The integration must not require single-use refresh tokens: a rotated refresh token would be lost
# when the provider process ends.
terraform {
  required_providers {
    snowflakeoauth = {
      source = "snowflakeoauth/snowflakeoauth"
    }
  }
}

provider "snowflakeoauth" {
  account       = "MYORG-MYACCOUNT"
  user          = "TERRAFORM_SVC"
  role          = "SECURITY_ADMIN_OAUTH"
  authenticator = "OAUTH"

  # Or SNOWFLAKE_OAUTH_CLIENT_ID, SNOWFLAKE_OAUTH_CLIENT_SECRET and SNOWFLAKE_OAUTH_REFRESH_TOKEN.
  oauth_client_id     = var.oauth_client_id
  oauth_client_secret = var.oauth_client_secret
  oauth_refresh_token = var.oauth_refresh_token
  # Defaults to https://<host>/oauth/token-request.
  # oauth_token_endpoint = "https://myorg-myaccount.snowflakecomputing.com/oauth/token-request"
}

variable "oauth_client_id" {
  type = string
}

variable "oauth_client_secret" {
  type      = string
  sensitive = true
}

variable "oauth_refresh_token" {
  type      = string
  sensitive = true
}
