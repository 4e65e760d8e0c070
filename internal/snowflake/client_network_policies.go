package snowflake

import "context"

func policyOp(verb string, name Identifier) string { return verb + " network policy " + name.String() }

// CreateNetworkPolicy runs CREATE NETWORK POLICY (1 statement).
func (c *Client) CreateNetworkPolicy(ctx context.Context, name Identifier, o NetworkPolicyOptions) error {
	return c.run(ctx, policyOp("create", name), CreateNetworkPolicySQL(name, o))
}

// DescribeNetworkPolicy reads a policy with SHOW (comment; ErrNotFound when absent) then DESCRIBE
// (the lists): 2 statements, as Snowflake keeps the comment out of DESCRIBE.
func (c *Client) DescribeNetworkPolicy(ctx context.Context, name Identifier) (*NetworkPolicy, error) {
	op := policyOp("describe", name)
	np, err := readFound(ctx, c, op, ShowNetworkPoliciesLikeSQL(name),
		func(t table) (*NetworkPolicy, bool, error) { return parseNetworkPolicyShow(name, t) },
		notFound(op, "Network policy", name))
	if err != nil {
		return nil, err
	}
	t, err := c.read(ctx, op, DescribeNetworkPolicySQL(name))
	if err != nil {
		return nil, err
	}
	if err := applyNetworkPolicyDescribe(np, t); err != nil {
		return nil, classify(op, err)
	}
	return np, nil
}

// AlterNetworkPolicy applies SET then UNSET, one statement each, none when empty.
func (c *Client) AlterNetworkPolicy(ctx context.Context, name Identifier, set NetworkPolicyOptions, unset ...NetworkPolicyProperty) error {
	return c.runEach(ctx, policyOp("alter", name), AlterNetworkPolicySetSQL(name, set), AlterNetworkPolicyUnsetSQL(name, unset...))
}

// RenameNetworkPolicy renames in place.
func (c *Client) RenameNetworkPolicy(ctx context.Context, from, to Identifier) error {
	return c.run(ctx, policyOp("rename", from)+" to "+to.String(), RenameNetworkPolicySQL(from, to))
}

// DropNetworkPolicy drops the policy if it exists; ErrInUse while it is attached.
func (c *Client) DropNetworkPolicy(ctx context.Context, name Identifier) error {
	return c.run(ctx, policyOp("drop", name), DropNetworkPolicySQL(name))
}
