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
	t, err := c.read(ctx, op, ShowAccountParameterSQL(ParamPrivilegedRolesBlocked))
	if err != nil {
		return false, err
	}
	v, err := parsePrivilegedRolesBlocked(t)
	if err != nil {
		return false, classify(op, err)
	}
	c.privLoaded, c.privValue = true, v
	return v, nil
}

// AccountParameter reads one account parameter's value (1 statement, not cached); ErrNotFound when
// Snowflake has no parameter of that name.
func (c *Client) AccountParameter(ctx context.Context, name string) (string, error) {
	op := "read account parameter " + name
	t, err := c.read(ctx, op, ShowAccountParameterSQL(name))
	if err != nil {
		return "", err
	}
	v, ok, err := parseParameter(name, t)
	if err != nil {
		return "", classify(op, err)
	}
	if !ok {
		return "", &Error{Kind: ErrNotFound, Op: op, Message: "account parameter " + name + " does not exist"}
	}
	return v, nil
}

// PrivilegedRoles returns the roles Snowflake adds to every blocked list while
// OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is TRUE (internal/emulator/FIDELITY.md, "ALTER SECURITY INTEGRATION").
func PrivilegedRoles() []Identifier {
	return []Identifier{NewIdentifier("ACCOUNTADMIN"), NewIdentifier("ORGADMIN"), NewIdentifier("GLOBALORGADMIN"), NewIdentifier("SECURITYADMIN")}
}
