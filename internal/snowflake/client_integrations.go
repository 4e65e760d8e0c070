package snowflake

import "context"

func integrationOp(verb string, name Identifier) string {
	return verb + " security integration " + name.String()
}

// CreateCustomIntegration runs CREATE SECURITY INTEGRATION ... OAUTH_CLIENT = CUSTOM (1 statement).
func (c *Client) CreateCustomIntegration(ctx context.Context, name Identifier, o CustomClientOptions) error {
	return c.run(ctx, integrationOp("create", name), CreateCustomIntegrationSQL(name, o))
}

// CreatePartnerIntegration runs CREATE SECURITY INTEGRATION for a partner client (1 statement).
func (c *Client) CreatePartnerIntegration(ctx context.Context, name Identifier, o PartnerClientOptions) error {
	return c.run(ctx, integrationOp("create", name), CreatePartnerIntegrationSQL(name, o))
}

// DescribeIntegration reads every property with one DESCRIBE. Kind stays empty (see LookupIntegration).
func (c *Client) DescribeIntegration(ctx context.Context, name Identifier) (*IntegrationDescription, error) {
	return readAs(ctx, c, integrationOp("describe", name), DescribeIntegrationSQL(name),
		func(t table) (*IntegrationDescription, error) { return parseIntegrationDescription(name, t) })
}

// ShowIntegration finds the SHOW row of exactly this integration (1 statement); ErrNotFound if absent.
func (c *Client) ShowIntegration(ctx context.Context, name Identifier) (*IntegrationSummary, error) {
	op := integrationOp("show", name)
	rows, err := readAs(ctx, c, op, ShowIntegrationsLikeSQL(name), parseIntegrationSummaries)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if rows[i].Name.Equal(name) {
			return &rows[i], nil
		}
	}
	return nil, notFound(op, "Integration", name)
}

// LookupIntegration is SHOW (for the kind) then DESCRIBE (2 statements), for integrations of unknown
// kind such as the data source and imports. Kind is set from SHOW's type column.
func (c *Client) LookupIntegration(ctx context.Context, name Identifier) (*IntegrationDescription, error) {
	s, err := c.ShowIntegration(ctx, name)
	if err != nil {
		return nil, err
	}
	d, err := c.DescribeIntegration(ctx, name)
	if err != nil {
		return nil, err
	}
	d.Kind = s.Type
	return d, nil
}

// AlterIntegration applies SET for the set properties and UNSET for the listed ones: one statement
// each, none when empty. NETWORK_POLICY is never touched (SetIntegrationNetworkPolicy owns it).
func (c *Client) AlterIntegration(ctx context.Context, name Identifier, set IntegrationProperties, unset ...IntegrationProperty) error {
	return c.runEach(ctx, integrationOp("alter", name), AlterIntegrationSetSQL(name, set), AlterIntegrationUnsetSQL(name, unset...))
}

// RefreshClientSecret regenerates one secret; the other stays valid.
func (c *Client) RefreshClientSecret(ctx context.Context, name Identifier, s Secret) error {
	return c.run(ctx, integrationOp("refresh "+string(s)+" of", name), AlterIntegrationRefreshSecretSQL(name, s))
}

// SetIntegrationNetworkPolicy binds policy to the integration.
func (c *Client) SetIntegrationNetworkPolicy(ctx context.Context, name, policy Identifier) error {
	return c.run(ctx, integrationOp("set network policy "+policy.String()+" on", name), AlterIntegrationSetNetworkPolicySQL(name, policy))
}

// UnsetIntegrationNetworkPolicy detaches the integration's policy. A missing integration returns
// ErrNotFound; callers deleting a binding may treat that as success.
func (c *Client) UnsetIntegrationNetworkPolicy(ctx context.Context, name Identifier) error {
	return c.run(ctx, integrationOp("unset network policy on", name), AlterIntegrationUnsetNetworkPolicySQL(name))
}

// DropIntegration drops the integration if it exists.
func (c *Client) DropIntegration(ctx context.Context, name Identifier) error {
	return c.run(ctx, integrationOp("drop", name), DropIntegrationSQL(name))
}

// ShowClientSecrets returns the client id and both secrets (1 statement). An unknown integration is
// ErrNotFound. The secrets are never part of an error.
func (c *Client) ShowClientSecrets(ctx context.Context, name Identifier) (ClientSecrets, error) {
	return readAs(ctx, c, integrationOp("show client secrets of", name), ShowClientSecretsSQL(name), parseClientSecrets)
}
