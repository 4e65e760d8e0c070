# An integration managed elsewhere (another team, the Snowflake UI, or a partner client).
data "snowflakeoauth_integration" "tableau" {
  name = "TABLEAU_DESKTOP_INT"
}

output "tableau" {
  value = {
    kind           = data.snowflakeoauth_integration.tableau.kind # TABLEAU_DESKTOP
    enabled        = data.snowflakeoauth_integration.tableau.enabled
    blocked_roles  = data.snowflakeoauth_integration.tableau.blocked_roles_list
    network_policy = data.snowflakeoauth_integration.tableau.network_policy
    token_endpoint = data.snowflakeoauth_integration.tableau.oauth_token_endpoint
  }
}
