# Import by name; any spelling Snowflake's identifier rule accepts works.
terraform import snowflakeoauth_custom_client_integration.notebook NOTEBOOK_APP
terraform import snowflakeoauth_custom_client_integration.legacy '"Legacy App"'
