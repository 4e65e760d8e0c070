package snowflake

import "context"

func delegationOp(verb string, user, role, integration Identifier) string {
	return verb + " delegated authorization " + JoinID(user, role, integration)
}

// AddDelegatedAuthorization pre-grants the user's consent to role for integration.
func (c *Client) AddDelegatedAuthorization(ctx context.Context, user, role, integration Identifier) error {
	return c.run(ctx, delegationOp("add", user, role, integration), AddDelegatedAuthorizationSQL(user, role, integration))
}

// RemoveDelegatedAuthorization revokes it (and the tokens issued under it).
func (c *Client) RemoveDelegatedAuthorization(ctx context.Context, user, role, integration Identifier) error {
	return c.run(ctx, delegationOp("remove", user, role, integration), RemoveDelegatedAuthorizationSQL(user, role, integration))
}

// ShowDelegatedAuthorizationsByUser lists a user's delegated authorizations (1 statement).
func (c *Client) ShowDelegatedAuthorizationsByUser(ctx context.Context, user Identifier) ([]DelegatedAuthorization, error) {
	return c.showDelegated(ctx, "show delegated authorizations by user "+user.String(), ShowDelegatedAuthorizationsByUserSQL(user))
}

// ShowDelegatedAuthorizationsToIntegration lists an integration's delegated authorizations (1 statement).
func (c *Client) ShowDelegatedAuthorizationsToIntegration(ctx context.Context, integration Identifier) ([]DelegatedAuthorization, error) {
	return c.showDelegated(ctx, "show delegated authorizations to security integration "+integration.String(), ShowDelegatedAuthorizationsToIntegrationSQL(integration))
}

// FindDelegatedAuthorization returns the exact (user, role, integration) row, or ErrNotFound
// (1 statement: SHOW ... BY USER).
func (c *Client) FindDelegatedAuthorization(ctx context.Context, user, role, integration Identifier) (*DelegatedAuthorization, error) {
	all, err := c.ShowDelegatedAuthorizationsByUser(ctx, user)
	if err != nil {
		return nil, err
	}
	for i := range all {
		a := all[i]
		if a.User.Equal(user) && a.Role.Equal(role) && a.Integration.Equal(integration) {
			return &a, nil
		}
	}
	op := delegationOp("read", user, role, integration)
	return nil, &Error{Kind: ErrNotFound, Op: op, Message: "delegated authorization " + JoinID(user, role, integration) + " does not exist"}
}

func (c *Client) showDelegated(ctx context.Context, op, stmt string) ([]DelegatedAuthorization, error) {
	return readAs(ctx, c, op, stmt, parseDelegatedAuthorizations)
}
