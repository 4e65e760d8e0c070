package snowflake

import "context"

// PrivilegedRolesBlocked reports OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST (default TRUE). It is read
// once per Client; concurrent callers wait for that read, and a failed read is retried by the next call.
func (c *Client) PrivilegedRolesBlocked(ctx context.Context) (bool, error) {
	c.privMu.Lock()
	defer c.privMu.Unlock()
	if c.privLoaded {
		return c.privValue, nil
	}
	op := "read account parameter " + ParamPrivilegedRolesBlocked
	v, err := readAs(ctx, c, op, ShowAccountParameterSQL(ParamPrivilegedRolesBlocked), parsePrivilegedRolesBlocked)
	if err != nil {
		return false, err
	}
	c.privLoaded, c.privValue = true, v
	return v, nil
}

// AccountParameter reads one account parameter's value (1 statement, not cached); ErrNotFound when
// Snowflake has no parameter of that name.
func (c *Client) AccountParameter(ctx context.Context, name string) (string, error) {
	op := "read account parameter " + name
	return readFound(ctx, c, op, ShowAccountParameterSQL(name),
		func(t table) (string, bool, error) { return parseParameter(name, t) },
		&Error{Kind: ErrNotFound, Op: op, Message: "account parameter " + name + " does not exist"})
}

// PrivilegedRoles returns the roles Snowflake adds to every blocked list while
// OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is TRUE (internal/emulator/FIDELITY.md, "ALTER SECURITY INTEGRATION").
func PrivilegedRoles() []Identifier {
	return []Identifier{NewIdentifier("ACCOUNTADMIN"), NewIdentifier("ORGADMIN"), NewIdentifier("GLOBALORGADMIN"), NewIdentifier("SECURITYADMIN")}
}
