package snowflake

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// NetworkPolicy is a network policy read from SHOW (name, comment) and DESCRIBE (the lists).
// Lists Snowflake does not report are empty, never nil.
type NetworkPolicy struct {
	Name      Identifier
	Comment   string
	CreatedOn time.Time
	// IP lists in the order Snowflake keeps them.
	AllowedIPs []string
	BlockedIPs []string
	// Rule lists as Snowflake prints them (fullyQualifiedRuleName, e.g. DB.SC.RULE); compare them with
	// ParseQualifiedName where the spelling may differ.
	AllowedNetworkRules []string
	BlockedNetworkRules []string
}

// parseNetworkPolicyShow finds the row for exactly name in SHOW NETWORK POLICIES output.
func parseNetworkPolicyShow(name Identifier, t table) (*NetworkPolicy, bool, error) {
	if err := t.requireColumns("SHOW NETWORK POLICIES", "name"); err != nil {
		return nil, false, err
	}
	for _, r := range t.records() {
		if r.str("name") != name.Name() {
			continue
		}
		created, err := r.timestamp("created_on")
		if err != nil {
			return nil, false, fmt.Errorf("SHOW NETWORK POLICIES: %w", err)
		}
		return &NetworkPolicy{
			Name:                name,
			Comment:             r.str("comment"),
			CreatedOn:           created,
			AllowedIPs:          []string{},
			BlockedIPs:          []string{},
			AllowedNetworkRules: []string{},
			BlockedNetworkRules: []string{},
		}, true, nil
	}
	return nil, false, nil
}

// applyNetworkPolicyDescribe fills the lists from DESCRIBE NETWORK POLICY rows (name, value).
func applyNetworkPolicyDescribe(np *NetworkPolicy, t table) error {
	const what = "DESCRIBE NETWORK POLICY"
	if err := t.requireColumns(what, "name", "value"); err != nil {
		return err
	}
	for _, r := range t.records() {
		v := r.str("value")
		var err error
		switch NetworkPolicyProperty(strings.ToUpper(r.str("name"))) {
		case NPAllowedIPList:
			np.AllowedIPs = splitList(v)
		case NPBlockedIPList:
			np.BlockedIPs = splitList(v)
		case NPAllowedNetworkRuleList:
			np.AllowedNetworkRules, err = parseRuleList(v)
		case NPBlockedNetworkRuleList:
			np.BlockedNetworkRules, err = parseRuleList(v)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %s: %w", what, np.Name, r.str("name"), err)
		}
	}
	return nil
}

// parseRuleList reads [{"fullyQualifiedRuleName":"DB.SC.RULE"}, ...]; a plain comma list is tolerated.
func parseRuleList(v string) ([]string, error) {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "[{") {
		return splitList(v), nil
	}
	var rules []struct {
		FullyQualifiedRuleName string `json:"fullyQualifiedRuleName"`
	}
	if err := json.Unmarshal([]byte(v), &rules); err != nil {
		return nil, fmt.Errorf("invalid rule list %q: %w", v, err)
	}
	out := make([]string, 0, len(rules))
	for _, r := range rules {
		out = append(out, r.FullyQualifiedRuleName)
	}
	return out, nil
}
