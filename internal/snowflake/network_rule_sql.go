package snowflake

import "strings"

// NetworkRuleProperty names a network-rule property that ALTER NETWORK RULE ... UNSET accepts.
type NetworkRuleProperty string

// The properties ALTER NETWORK RULE can change (internal/emulator/FIDELITY.md, "Network rules"): the
// type, the mode and the name are fixed at creation.
const (
	NRValueList NetworkRuleProperty = "VALUE_LIST"
	NRComment   NetworkRuleProperty = "COMMENT"
)

// NetworkRuleOptions are the clauses of CREATE NETWORK RULE. Type and Mode are enum words (emitted
// with keyword, so no value can inject SQL); an empty ValueList leaves VALUE_LIST out, which real
// accounts accept and which gives an empty rule; a nil Comment leaves COMMENT out.
type NetworkRuleOptions struct {
	Type      string
	Mode      string
	ValueList []string
	Comment   *string
}

// CreateNetworkRuleSQL returns CREATE NETWORK RULE "DB"."SC"."NR" TYPE = t [VALUE_LIST = ('v', ...)]
// MODE = m [COMMENT = 'c']. MODE is always sent: Snowflake defaults it to INGRESS today, but older
// versions of the grammar made it required.
func CreateNetworkRuleSQL(name QualifiedName, o NetworkRuleOptions) string {
	parts := []string{"CREATE NETWORK RULE", name.SQL(), "TYPE = " + keyword(o.Type)}
	if len(o.ValueList) > 0 {
		parts = append(parts, "VALUE_LIST = "+literalList(o.ValueList))
	}
	parts = append(parts, "MODE = "+keyword(o.Mode))
	if o.Comment != nil {
		parts = append(parts, "COMMENT = "+Literal(*o.Comment))
	}
	return strings.Join(parts, " ")
}

// AlterNetworkRuleSetSQL returns ALTER NETWORK RULE ... SET VALUE_LIST = (...), COMMENT = '...' with
// the clauses given (nil is left out), or "" when both are nil. An empty non-nil list renders ().
func AlterNetworkRuleSetSQL(name QualifiedName, values []string, comment *string) string {
	var a assignments
	assignList(&a, NRValueList, values, literalList)
	assign(&a, NRComment, comment, Literal)
	return alterSQL("NETWORK RULE "+name.SQL(), "SET", a, ", ")
}

// AlterNetworkRuleUnsetSQL returns ALTER NETWORK RULE ... UNSET a, b, or "" when props is empty.
func AlterNetworkRuleUnsetSQL(name QualifiedName, props ...NetworkRuleProperty) string {
	return alterSQL("NETWORK RULE "+name.SQL(), "UNSET", keywords(props), ", ")
}

// DescribeNetworkRuleSQL reads every property of one rule in one row.
func DescribeNetworkRuleSQL(name QualifiedName) string {
	return "DESCRIBE NETWORK RULE " + name.SQL()
}

// DropNetworkRuleSQL drops the rule; absent is not an error.
func DropNetworkRuleSQL(name QualifiedName) string {
	return "DROP NETWORK RULE IF EXISTS " + name.SQL()
}
