# Jane never sees a consent screen when the notebook app asks for the ANALYST role.
resource "snowflakeoauth_delegated_authorization" "jane_analyst" {
  user_name        = "jane"    # the user JANE
  role_name        = "analyst" # the role ANALYST; Jane must hold it and the integration must not block it
  integration_name = snowflakeoauth_custom_client_integration.notebook.name
}

# Names created quoted (lower or mixed case) are written in double quotes.
resource "snowflakeoauth_delegated_authorization" "svc_reporting" {
  user_name        = "\"svc.reporting\""
  role_name        = "REPORTING"
  integration_name = "NOTEBOOK_APP"
}
