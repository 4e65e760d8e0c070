resource "snowflakeoauth_partner_integration" "tableau" {
  name               = "tableau_desktop"
  oauth_client       = "TABLEAU_DESKTOP"
  blocked_roles_list = ["sysadmin"]
  # oauth_refresh_token_validity defaults to 36000 for Tableau Desktop
}

resource "snowflakeoauth_partner_integration" "looker" {
  name               = "looker"
  oauth_client       = "LOOKER"
  oauth_redirect_uri = "https://looker.example.com/external_oauth/redirect"
  allowed_roles_list = ["analyst"]
  comment            = "Managed by Terraform"
}
