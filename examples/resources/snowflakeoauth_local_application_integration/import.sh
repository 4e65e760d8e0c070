# The only valid ID is the built-in integration's name (quote the $ from the shell).
terraform import snowflakeoauth_local_application_integration.this 'SNOWFLAKE$LOCAL_APPLICATION'
