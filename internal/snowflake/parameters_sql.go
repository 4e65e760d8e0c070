package snowflake

// ParamPrivilegedRolesBlocked is the account parameter that makes Snowflake add ACCOUNTADMIN,
// SECURITYADMIN (and ORGADMIN, GLOBALORGADMIN) to every integration's blocked roles. Default TRUE.
const ParamPrivilegedRolesBlocked = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST"

// ShowAccountParameterSQL reads one account parameter. The name is matched as a LIKE pattern without
// escaping `_` (the documented form); callers pick the row whose key equals the name.
func ShowAccountParameterSQL(name string) string {
	return "SHOW PARAMETERS LIKE " + Literal(name) + " IN ACCOUNT"
}
