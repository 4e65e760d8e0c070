# Import by the integration's name; the bound policy is read from Snowflake.
terraform import snowflakeoauth_integration_network_policy.notebook NOTEBOOK_APP
