# __generated__ by Terraform (abridged to two of the five blocks; review, then move into your files)

# __generated__ by Terraform from "TABLEAU_CLOUD"
resource "snowflakeoauth_partner_integration" "tableau" {
  allowed_roles_list                       = []
  blocked_roles_list                       = []
  comment                                  = ""
  enabled                                  = true
  name                                     = "TABLEAU_CLOUD"
  oauth_access_token_validity              = 600
  oauth_client                             = "TABLEAU_SERVER"
  oauth_issue_refresh_tokens               = true
  oauth_redirect_uri                       = null
  oauth_refresh_token_validity             = 7776000
  oauth_single_use_refresh_tokens_required = false
  oauth_use_secondary_roles                = "NONE"
}

# __generated__ by Terraform from "\"Legacy App\""
resource "snowflakeoauth_custom_client_integration" "legacy" {
  allowed_roles_list                       = []
  blocked_roles_list                       = []
  comment                                  = "the old reporting app"
  enabled                                  = true
  name                                     = "\"Legacy App\""
  oauth_access_token_validity              = 600
  oauth_allow_non_tls_redirect_uri         = false
  oauth_alternate_redirect_uris            = []
  oauth_client_rsa_public_key              = null
  oauth_client_rsa_public_key_2            = null
  oauth_client_type                        = "CONFIDENTIAL"
  oauth_enforce_pkce                       = true
  oauth_issue_refresh_tokens               = true
  oauth_redirect_uri                       = "https://legacy.example.com/oauth/callback"
  oauth_refresh_token_validity             = 7776000
  oauth_single_use_refresh_tokens_required = false
  oauth_use_secondary_roles                = "NONE"
  pre_authorized_roles_list                = []
}
