# Import by the rule's fully qualified name database.schema.name; each part follows the identifier
# rule (a plain part is case-insensitive, a double-quoted part is exact).
terraform import snowflakeoauth_network_rule.office SECURITY_DB.NETWORK.OFFICE_RANGES
terraform import snowflakeoauth_network_rule.lower '"My DB".PUBLIC."office_ranges"'
