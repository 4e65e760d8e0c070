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
	t, err := c.read(ctx, op, ShowNetworkPoliciesLikeSQL(name))
	if err != nil {
		return nil, err
	}
	np, ok, err := parseNetworkPolicyShow(name, t)
	if err != nil {
		return nil, classify(op, err)
	}
	if !ok {
		return nil, notFound(op, "Network policy", name)
	}
	if t, err = c.read(ctx, op, DescribeNetworkPolicySQL(name)); err != nil {
		return nil, err
	}
	if err := applyNetworkPolicyDescribe(np, t); err != nil {
		return nil, classify(op, err)
	}
	return np, nil
}

// AlterNetworkPolicy applies SET then UNSET, one statement each, none when empty.
func (c *Client) AlterNetworkPolicy(ctx context.Context, name Identifier, set NetworkPolicyOptions, unset ...NetworkPolicyProperty) error {
	op := policyOp("alter", name)
	if stmt := AlterNetworkPolicySetSQL(name, set); stmt != "" {
		if err := c.run(ctx, op, stmt); err != nil {
			return err
		}
	}
	if stmt := AlterNetworkPolicyUnsetSQL(name, unset...); stmt != "" {
		if err := c.run(ctx, op, stmt); err != nil {
			return err
		}
	}
	return nil
}

// RenameNetworkPolicy renames in place.
func (c *Client) RenameNetworkPolicy(ctx context.Context, from, to Identifier) error {
	return c.run(ctx, policyOp("rename", from)+" to "+to.String(), RenameNetworkPolicySQL(from, to))
}

// DropNetworkPolicy drops the policy if it exists; ErrInUse while it is attached.
func (c *Client) DropNetworkPolicy(ctx context.Context, name Identifier) error {
	return c.run(ctx, policyOp("drop", name), DropNetworkPolicySQL(name))
}
