# Tune the built-in SNOWFLAKE$LOCAL_APPLICATION integration that the Snowflake CLI and the drivers use
# for browser sign-in. Snowflake owns it: applying adopts it, destroying sets Snowflake's defaults back.
resource "snowflakeoauth_local_application_integration" "this" {
  oauth_access_token_validity              = 900   # seconds, 60 to 3600
  oauth_refresh_token_validity             = 86400 # users sign in again once a day
  oauth_single_use_refresh_tokens_required = true
}

# Network policies are bound by their own resource (the name is the built-in integration's).
resource "snowflakeoauth_network_policy" "office" {
  name            = "office_only"
  allowed_ip_list = ["203.0.113.0/24"]
}

resource "snowflakeoauth_integration_network_policy" "local_apps" {
  integration_name    = "SNOWFLAKE$LOCAL_APPLICATION"
  network_policy_name = snowflakeoauth_network_policy.office.name
}
