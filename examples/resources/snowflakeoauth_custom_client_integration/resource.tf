# A notebook app that signs users in with Snowflake OAuth.
resource "snowflakeoauth_custom_client_integration" "notebook" {
  name               = "notebook_app" # creates NOTEBOOK_APP
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "https://notebooks.example.com/oauth/callback"

  oauth_alternate_redirect_uris = ["https://notebooks-staging.example.com/oauth/callback"]
  oauth_enforce_pkce            = true
  pre_authorized_roles_list     = ["analyst"]
  blocked_roles_list            = ["sysadmin"] # privileged roles are added by Snowflake
  oauth_refresh_token_validity  = 86400
  oauth_access_token_validity   = 900
  oauth_client_rsa_public_key   = file("${path.module}/notebook_rsa_key.pub")
  comment                       = "Managed by Terraform"
}
