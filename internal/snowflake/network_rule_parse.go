package snowflake

import "strings"

// NetworkRule is a network rule read from DESCRIBE NETWORK RULE (one row holds every property).
type NetworkRule struct {
	Name      QualifiedName
	Type      string
	Mode      string
	ValueList []string // in Snowflake's order; never nil
	Comment   string
	Owner     string
}

// parseNetworkRuleDescribe reads the single row of DESCRIBE NETWORK RULE: columns name,
// database_name, schema_name, owner, comment, type, mode, value_list (FIDELITY.md, "Network rules").
// value_list joins the values with "," and no spaces; an empty rule shows "". ok is false when the
// result has no row.
func parseNetworkRuleDescribe(t table) (*NetworkRule, bool, error) {
	const what = "DESCRIBE NETWORK RULE"
	if err := t.requireColumns(what, "name", "database_name", "schema_name", "type", "mode", "value_list"); err != nil {
		return nil, false, err
	}
	recs := t.records()
	if len(recs) == 0 {
		return nil, false, nil
	}
	r := recs[0]
	return &NetworkRule{
		Name: QualifiedName{
			Database: NewIdentifier(r.str("database_name")),
			Schema:   NewIdentifier(r.str("schema_name")),
			Name:     NewIdentifier(r.str("name")),
		},
		Type:      strings.ToUpper(r.str("type")),
		Mode:      strings.ToUpper(r.str("mode")),
		ValueList: splitList(r.str("value_list")),
		Comment:   r.str("comment"),
		Owner:     r.str("owner"),
	}, true, nil
}
