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
	return readFound(ctx, c, op, DescribeNetworkRuleSQL(name), parseNetworkRuleDescribe, notFound(op, "Network rule", name))
}

// AlterNetworkRule applies SET then UNSET, one statement each, none when empty.
func (c *Client) AlterNetworkRule(ctx context.Context, name QualifiedName, values []string, comment *string, unset ...NetworkRuleProperty) error {
	return c.runEach(ctx, ruleOp("alter", name), AlterNetworkRuleSetSQL(name, values, comment), AlterNetworkRuleUnsetSQL(name, unset...))
}

// DropNetworkRule drops the rule if it exists. Snowflake refuses while a network policy lists it.
func (c *Client) DropNetworkRule(ctx context.Context, name QualifiedName) error {
	return c.run(ctx, ruleOp("drop", name), DropNetworkRuleSQL(name))
}
