# Adopt integrations, a network policy and its binding that already exist in Snowflake.
# `terraform plan -generate-config-out=generated.tf` writes the resource blocks for every import
# block below that has no resource block yet; the next `terraform plan` shows no change.
terraform {
  required_version = ">= 1.5" # import blocks
  required_providers {
    snowflakeoauth = { source = "snowflakeoauth/snowflakeoauth" }
  }
}

# The id is the object's name in any spelling of the identifier rule: TABLEAU_CLOUD,
# tableau_cloud, or "\"Legacy App\"" for an exact name.
import {
  to = snowflakeoauth_partner_integration.tableau
  id = "TABLEAU_CLOUD"
}

import {
  to = snowflakeoauth_custom_client_integration.legacy
  id = "\"Legacy App\""
}

import {
  to = snowflakeoauth_network_policy.office
  id = "OFFICE_NP"
}

# The binding of a policy to an integration is imported by the integration's name.
import {
  to = snowflakeoauth_integration_network_policy.legacy
  id = "\"Legacy App\""
}

# A delegated authorization: <user>|<role>|<integration>; a part containing "|" is double-quoted.
import {
  to = snowflakeoauth_delegated_authorization.jane_analyst
  id = "JANE|ANALYST|\"Legacy App\""
}
