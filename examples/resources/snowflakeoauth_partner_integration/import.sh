# Import by name; the client kind is read from Snowflake.
terraform import snowflakeoauth_partner_integration.tableau TABLEAU_DESKTOP
