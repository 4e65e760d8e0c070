package snowflake

import "context"

func ruleOp(verb string, name QualifiedName) string { return verb + " network rule " + name.String() }

// CreateNetworkRule runs CREATE NETWORK RULE (1 statement).
func (c *Client) CreateNetworkRule(ctx context.Context, name QualifiedName, o NetworkRuleOptions) error {
	return c.run(ctx, ruleOp("create", name), CreateNetworkRuleSQL(name, o))
}

// DescribeNetworkRule reads a rule with one DESCRIBE; ErrNotFound when the rule, its schema or its
// database does not exist (Snowflake answers 002003 for each).
func (c *Client) DescribeNetworkRule(ctx context.Context, name QualifiedName) (*NetworkRule, error) {
	op := ruleOp("describe", name)
	t, err := c.read(ctx, op, DescribeNetworkRuleSQL(name))
	if err != nil {
		return nil, err
	}
	r, ok, err := parseNetworkRuleDescribe(t)
	if err != nil {
		return nil, classify(op, err)
	}
	if !ok {
		return nil, &Error{Kind: ErrNotFound, Op: op, Message: "Network rule " + name.String() + " does not exist or not authorized"}
	}
	return r, nil
}

// AlterNetworkRule applies SET then UNSET, one statement each, none when empty.
func (c *Client) AlterNetworkRule(ctx context.Context, name QualifiedName, values []string, comment *string, unset ...NetworkRuleProperty) error {
	op := ruleOp("alter", name)
	for _, stmt := range []string{AlterNetworkRuleSetSQL(name, values, comment), AlterNetworkRuleUnsetSQL(name, unset...)} {
		if stmt == "" {
			continue
		}
		if err := c.run(ctx, op, stmt); err != nil {
			return err
		}
	}
	return nil
}

// DropNetworkRule drops the rule if it exists. Snowflake refuses while a network policy lists it.
func (c *Client) DropNetworkRule(ctx context.Context, name QualifiedName) error {
	return c.run(ctx, ruleOp("drop", name), DropNetworkRuleSQL(name))
}
