package snowflake

import "strings"

// NetworkPolicyProperty names a network-policy property for SET/UNSET and DESCRIBE.
type NetworkPolicyProperty string

// Network policy properties (internal/emulator/FIDELITY.md, "Network policies and rules").
const (
	NPAllowedIPList          NetworkPolicyProperty = "ALLOWED_IP_LIST"
	NPBlockedIPList          NetworkPolicyProperty = "BLOCKED_IP_LIST"
	NPAllowedNetworkRuleList NetworkPolicyProperty = "ALLOWED_NETWORK_RULE_LIST"
	NPBlockedNetworkRuleList NetworkPolicyProperty = "BLOCKED_NETWORK_RULE_LIST"
	NPComment                NetworkPolicyProperty = "COMMENT"
)

// NetworkPolicyOptions are the settable properties of a network policy. A nil slice or pointer is
// left out; a non-nil empty slice is emitted as `()` (an empty list).
type NetworkPolicyOptions struct {
	AllowedNetworkRules []QualifiedName
	BlockedNetworkRules []QualifiedName
	AllowedIPs          []string
	BlockedIPs          []string
	Comment             *string
}

func (o NetworkPolicyOptions) assignments() []string {
	var a assignments
	assignList(&a, NPAllowedNetworkRuleList, o.AllowedNetworkRules, qualifiedList)
	assignList(&a, NPBlockedNetworkRuleList, o.BlockedNetworkRules, qualifiedList)
	assignList(&a, NPAllowedIPList, o.AllowedIPs, literalList)
	assignList(&a, NPBlockedIPList, o.BlockedIPs, literalList)
	assign(&a, NPComment, o.Comment, Literal)
	return a
}

// IsEmpty reports whether no property is set.
func (o NetworkPolicyOptions) IsEmpty() bool { return len(o.assignments()) == 0 }

// CreateNetworkPolicySQL: rule lists as quoted identifiers ("DB"."SC"."R"), IPs as strings, separated
// by spaces as in Snowflake's grammar.
func CreateNetworkPolicySQL(name Identifier, o NetworkPolicyOptions) string {
	return strings.Join(append([]string{"CREATE NETWORK POLICY", name.SQL()}, o.assignments()...), " ")
}

// AlterNetworkPolicySetSQL returns ALTER NETWORK POLICY ... SET a = x b = y, or "" when o is empty.
func AlterNetworkPolicySetSQL(name Identifier, o NetworkPolicyOptions) string {
	return alterSQL("NETWORK POLICY "+name.SQL(), "SET", o.assignments(), " ")
}

// AlterNetworkPolicyUnsetSQL returns ALTER NETWORK POLICY ... UNSET a, b, or "" when empty.
func AlterNetworkPolicyUnsetSQL(name Identifier, props ...NetworkPolicyProperty) string {
	return alterSQL("NETWORK POLICY "+name.SQL(), "UNSET", keywords(props), ", ")
}

// RenameNetworkPolicySQL renames in place; bindings follow the object.
func RenameNetworkPolicySQL(from, to Identifier) string {
	return "ALTER NETWORK POLICY " + from.SQL() + " RENAME TO " + to.SQL()
}

// DescribeNetworkPolicySQL lists the policy's non-empty lists (columns name, value).
func DescribeNetworkPolicySQL(name Identifier) string {
	return "DESCRIBE NETWORK POLICY " + name.SQL()
}

// ShowNetworkPoliciesLikeSQL matches the exact name case-insensitively; callers compare exactly.
func ShowNetworkPoliciesLikeSQL(name Identifier) string {
	return "SHOW NETWORK POLICIES LIKE " + likeLiteral(name.Name())
}

// DropNetworkPolicySQL drops the policy; absent is not an error.
func DropNetworkPolicySQL(name Identifier) string {
	return "DROP NETWORK POLICY IF EXISTS " + name.SQL()
}
