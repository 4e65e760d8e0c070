# Import by the policy's name: a plain name is case-insensitive, a double-quoted name is exact.
terraform import snowflakeoauth_network_policy.office OFFICE_NP
terraform import snowflakeoauth_network_policy.lower '"office_np"'
