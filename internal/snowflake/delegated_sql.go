package snowflake

// AddDelegatedAuthorizationSQL pre-grants a user's consent to a role for a (custom) integration.
func AddDelegatedAuthorizationSQL(user, role, integration Identifier) string {
	return "ALTER USER " + user.SQL() + " ADD DELEGATED AUTHORIZATION OF ROLE " + role.SQL() +
		" TO SECURITY INTEGRATION " + integration.SQL()
}

// RemoveDelegatedAuthorizationSQL revokes that consent and the tokens issued under it.
func RemoveDelegatedAuthorizationSQL(user, role, integration Identifier) string {
	return "ALTER USER " + user.SQL() + " REMOVE DELEGATED AUTHORIZATION OF ROLE " + role.SQL() +
		" FROM SECURITY INTEGRATION " + integration.SQL()
}

// ShowDelegatedAuthorizationsByUserSQL lists one user's delegated authorizations.
func ShowDelegatedAuthorizationsByUserSQL(user Identifier) string {
	return "SHOW DELEGATED AUTHORIZATIONS BY USER " + user.SQL()
}

// ShowDelegatedAuthorizationsToIntegrationSQL lists the delegated authorizations of one integration.
func ShowDelegatedAuthorizationsToIntegrationSQL(integration Identifier) string {
	return "SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION " + integration.SQL()
}
