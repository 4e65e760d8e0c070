# The ID is <user>|<role>|<integration>; each part follows the identifier rule.
terraform import snowflakeoauth_delegated_authorization.jane_analyst 'JANE|ANALYST|NOTEBOOK_APP'

# A name that contains "|" (or is lower/mixed case) is written in double quotes.
terraform import snowflakeoauth_delegated_authorization.svc_reporting '"svc.reporting"|REPORTING|"team|notebooks"'
