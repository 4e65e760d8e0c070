package engine

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Network rules (https://docs.snowflake.com/en/sql-reference/sql/create-network-rule and the ALTER,
// DESC, SHOW and DROP pages; facts in the README's fidelity table): schema objects named db.schema.rule
// that network policies reference in their rule lists.

// NetworkRule is a Snowflake network rule.
type NetworkRule struct {
	Database  string    `json:"database"`
	Schema    string    `json:"schema"`
	Name      string    `json:"name"`
	CreatedOn time.Time `json:"created_on"`
	Owner     string    `json:"owner"`
	Type      string    `json:"type"`
	Mode      string    `json:"mode"`
	ValueList []string  `json:"value_list"`
	Comment   *string   `json:"comment,omitempty"`
}

func (r *NetworkRule) key() string { return qualified(r.Database, r.Schema, r.Name) }

func (r *NetworkRule) clone() *NetworkRule {
	c := *r
	c.ValueList = append([]string{}, r.ValueList...)
	c.Comment = strOrNil(r.Comment)
	return &c
}

// ruleModes lists, per TYPE, the modes Snowflake accepts (create-network-rule docs; POSTGRES_INGRESS
// and POSTGRES_EGRESS are in the official provider's enum for Snowflake Postgres and accepted with the
// types that take INGRESS and EGRESS).
var ruleModes = map[string][]string{
	"IPV4":              {"INGRESS", "POSTGRES_INGRESS"},
	"IPV6":              {"INGRESS"},
	"AWSVPCEID":         {"INGRESS", "INTERNAL_STAGE", "SNOWFLAKE_MANAGED_STORAGE_VOLUME"},
	"AZURELINKID":       {"INGRESS"},
	"GCPPSCID":          {"INGRESS"},
	"COMPUTE_POOL":      {"INGRESS"},
	"HOST_PORT":         {"EGRESS", "POSTGRES_EGRESS"},
	"PRIVATE_HOST_PORT": {"EGRESS"},
}

// policyModes are the modes a network policy accepts in its rule lists (network-policies docs: a
// policy restricts incoming traffic, so EGRESS rules have no place in it).
var policyModes = map[string]bool{"INGRESS": true, "INTERNAL_STAGE": true, "POSTGRES_INGRESS": true}

// typeShown is how Snowflake spells a type in the type/mode mismatch message ("IPv4").
func typeShown(t string) string {
	return strings.NewReplacer("IPV4", "IPv4", "IPV6", "IPv6").Replace(t)
}

func errRuleMode(typ, mode string) *SQLError {
	return &SQLError{"001422", "22023", fmt.Sprintf("SQL compilation error:\nThe network rule mode %s is not supported by the network rule type %s. The network rule mode must be one of [%s].",
		mode, typeShown(typ), strings.Join(ruleModes[typ], ", "))}
}

// errRuleInUse refuses DROP of a rule a policy uses. Snowflake refuses it; its code and text were not
// found, so this follows the database/schema variants (098507/098508, SQLSTATE 2BP01).
func errRuleInUse(rule, policy string) *SQLError {
	return &SQLError{"098506", "2BP01", fmt.Sprintf("Cannot drop network rule %s as it is associated with network policy %s. Remove the rule from the policy and try again.", rule, displayName(policy))}
}

// ruleSpec is the parsed body of CREATE / ALTER ... SET: which clauses were given, and their values.
type ruleSpec struct {
	seen    map[string]bool
	typ     string
	mode    string
	values  []string
	comment string
}

// parseRuleClauses reads `NAME = value` clauses of the allowed names, in any order, each once,
// separated by whitespace or commas, to the end of the statement.
func parseRuleClauses(p *parser, allowed ...string) (*ruleSpec, *SQLError) {
	spec := &ruleSpec{seen: map[string]bool{}}
	for p.peek().Kind != tokEOF {
		t := p.peek()
		if t.Kind != tokIdent || !contains(allowed, t.Value) || spec.seen[t.Value] {
			return nil, p.unexpected()
		}
		p.next()
		if err := p.expectEquals(); err != nil {
			return nil, err
		}
		if err := spec.read(p, t.Value); err != nil {
			return nil, err
		}
		spec.seen[t.Value] = true
		if p.acceptSymbol(",") && p.peek().Kind == tokEOF {
			return nil, p.unexpected()
		}
	}
	return spec, nil
}

func (spec *ruleSpec) read(p *parser, clause string) *SQLError {
	var err *SQLError
	switch clause {
	case "TYPE", "MODE":
		t := p.peek()
		var w string
		if w, err = p.wordValue(); err == nil && clause == "TYPE" {
			if _, ok := ruleModes[w]; !ok {
				return errSyntax(t.Line, t.Pos, t.Text)
			}
			spec.typ = w
		} else if err == nil {
			spec.mode = w
		}
	case "VALUE_LIST":
		spec.values, err = p.stringList()
	case "COMMENT":
		spec.comment, err = p.stringLiteral()
	}
	return err
}

// validateRule checks the type/mode pair and each value against the type: IPV4 and IPV6 values
// must be addresses or CIDR ranges of their family (create-network-rule and network-rules docs; the
// error for a bad value is assumed, as for IPv4).
func validateRule(r *NetworkRule) *SQLError {
	if !contains(ruleModes[r.Type], r.Mode) {
		return errRuleMode(r.Type, r.Mode)
	}
	for _, v := range r.ValueList {
		if r.Type == "IPV4" && !validIPv4Entry(v) || r.Type == "IPV6" && !validIPv6Entry(v) || strings.TrimSpace(v) == "" {
			return errInvalidProperty(v, "VALUE_LIST")
		}
	}
	return nil
}

// parseRuleName reads db.schema.rule; fewer parts need a current database/schema, which emulator
// sessions never have.
func parseRuleName(p *parser, op string) ([]string, *SQLError) {
	parts, err := p.qualifiedParts()
	if err != nil {
		return nil, err
	}
	switch len(parts) {
	case 3:
		return parts, nil
	case 2:
		return nil, errNoCurrent(op, "DATABASE")
	}
	return nil, errNoCurrent(op, "SCHEMA")
}

// createNetworkRule handles CREATE [OR REPLACE] NETWORK RULE [IF NOT EXISTS] db.sc.name TYPE = t
// [VALUE_LIST = (...)] [MODE = m] [COMMENT = '...']. VALUE_LIST may be left out (live tests create
// rules without it); MODE defaults to INGRESS.
func createNetworkRule(x *execCtx) (*Result, *SQLError) {
	p := x.p
	readName := func() ([]string, *SQLError) { return parseRuleName(p, "CREATE NETWORK RULE") }
	parts, ifNotExists, err := parseCreateHead(p, x.orReplace, readName)
	if err != nil {
		return nil, err
	}
	spec, err := parseRuleClauses(p, "TYPE", "VALUE_LIST", "MODE", "COMMENT")
	if err != nil {
		return nil, err
	}
	if !spec.seen["TYPE"] {
		return nil, errMissingOption("TYPE")
	}
	sc, err := x.lookupSchema(parts[0], parts[1])
	if err != nil {
		return nil, err
	}
	if !x.ownerOrManageGrants(sc.Owner) {
		return nil, errPrivileges("schema", parts[1])
	}
	r := &NetworkRule{Database: parts[0], Schema: parts[1], Name: parts[2], CreatedOn: x.now, Owner: x.s.Role,
		Type: spec.typ, Mode: "INGRESS", ValueList: append([]string{}, spec.values...)}
	if spec.seen["MODE"] {
		r.Mode = spec.mode
	}
	if spec.seen["COMMENT"] {
		r.Comment = &spec.comment
	}
	if res, err := x.replaceRule(r, ifNotExists); res != nil || err != nil {
		return res, err
	}
	x.cat.NetworkRules[r.key()] = r
	return x.created("Network rule", r.Name), nil
}

// replaceRule decides CREATE over an existing rule and validates the new one. A rule in use keeps its
// policy references (they are by name), so its replacement must still suit a policy.
func (x *execCtx) replaceRule(r *NetworkRule, ifNotExists bool) (*Result, *SQLError) {
	if old, exists := x.cat.NetworkRules[r.key()]; exists {
		if res, err := existsOutcome(r.Name, ifNotExists, x.orReplace); res != nil || err != nil {
			return res, err
		}
		if !x.cat.roleIncludes(x.s.Role, old.Owner) {
			return nil, errPrivileges("network_rule", r.Name)
		}
		if _, used := x.ruleUsedBy(r.key()); used && !policyModes[r.Mode] {
			return nil, errInvalidProperty(r.key(), "MODE")
		}
	}
	return nil, validateRule(r)
}

// lookupRuleIfExists is lookupRule for ALTER and DROP ... IF EXISTS: with ifExists, a rule that does not
// exist (002003) answers the statement with missing (returned as res) instead of the error.
func (x *execCtx) lookupRuleIfExists(parts []string, ifExists bool, missing *Result) (r *NetworkRule, res *Result, err *SQLError) {
	r, err = x.lookupRule(parts)
	if err != nil && ifExists && err.Code == "002003" {
		return nil, missing, nil
	}
	return r, nil, err
}

// parseRuleNameEOF reads a statement that ends with the rule's name (DROP, DESCRIBE).
func parseRuleNameEOF(p *parser, op string) ([]string, *SQLError) {
	return untilEOF(p, func() ([]string, *SQLError) { return parseRuleName(p, op) })
}

// lookupRule finds a rule for ALTER / DESC / DROP: the schema must exist, then the rule; a rule the
// role does not own is 003001 (even for ACCOUNTADMIN, as the desc-network-rule docs' example shows).
func (x *execCtx) lookupRule(parts []string) (*NetworkRule, *SQLError) {
	if _, err := x.lookupSchema(parts[0], parts[1]); err != nil {
		return nil, err
	}
	r, ok := x.cat.NetworkRules[qualified(parts...)]
	if !ok {
		return nil, errNotExistQualified("Network rule", parts...)
	}
	if !x.cat.roleIncludes(x.s.Role, r.Owner) {
		return nil, &SQLError{"003001", "42501", fmt.Sprintf("SQL access control error:\nInsufficient privileges to operate on network_rule '%s'. Your primary role %s must have OWNERSHIP granted on NETWORK RULE %s.", displayName(r.Name), displayName(x.s.Role), r.key())}
	}
	return r, nil
}

// ruleUsedBy returns the first policy (by name) whose allowed or blocked rule list holds the rule.
func (x *execCtx) ruleUsedBy(key string) (string, bool) {
	var users []string
	for name, n := range x.cat.NetworkPolicies {
		if contains(n.AllowedNetworkRuleList, key) || contains(n.BlockedNetworkRuleList, key) {
			users = append(users, name)
		}
	}
	sort.Strings(users)
	if len(users) == 0 {
		return "", false
	}
	return users[0], true
}

// alterNetworkRule handles ALTER NETWORK RULE [IF EXISTS] name SET VALUE_LIST = (...) [,] COMMENT =
// '...' and UNSET VALUE_LIST [, COMMENT]. TYPE, MODE and the name cannot change (no RENAME).
func alterNetworkRule(x *execCtx) (*Result, *SQLError) {
	p := x.p
	ifExists := p.acceptKeyword("IF", "EXISTS")
	parts, err := parseRuleName(p, "ALTER NETWORK RULE")
	if err != nil {
		return nil, err
	}
	change, err := parseRuleChange(p)
	if err != nil {
		return nil, err
	}
	r, res, err := x.lookupRuleIfExists(parts, ifExists, executedOK())
	if res != nil || err != nil {
		return res, err
	}
	next := r.clone()
	change(next)
	if err := validateRule(next); err != nil {
		return nil, err
	}
	x.cat.NetworkRules[next.key()] = next
	x.changed = true
	return executedOK(), nil
}

// parseRuleChange parses SET or UNSET to the end of the statement.
func parseRuleChange(p *parser) (func(r *NetworkRule), *SQLError) {
	if p.acceptKeyword("SET") {
		spec, err := parseRuleClauses(p, "VALUE_LIST", "COMMENT")
		if err != nil {
			return nil, err
		}
		if len(spec.seen) == 0 {
			return nil, p.unexpected()
		}
		return func(r *NetworkRule) {
			if spec.seen["VALUE_LIST"] {
				r.ValueList = append([]string{}, spec.values...)
			}
			if spec.seen["COMMENT"] {
				r.Comment = str(spec.comment)
			}
		}, nil
	}
	if !p.acceptKeyword("UNSET") {
		return nil, p.unexpected()
	}
	var props []string
	for {
		t := p.peek()
		if t.Kind != tokIdent || t.Value != "VALUE_LIST" && t.Value != "COMMENT" {
			return nil, p.unexpected()
		}
		props = append(props, p.next().Value)
		if !p.acceptSymbol(",") {
			break
		}
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	return func(r *NetworkRule) {
		for _, prop := range props {
			if prop == "VALUE_LIST" {
				r.ValueList = []string{}
			} else {
				r.Comment = nil
			}
		}
	}, nil
}

// dropNetworkRule handles DROP NETWORK RULE [IF EXISTS] name; a rule a policy uses is refused.
func dropNetworkRule(x *execCtx) (*Result, *SQLError) {
	p := x.p
	ifExists := p.acceptKeyword("IF", "EXISTS")
	parts, err := parseRuleNameEOF(p, "DROP NETWORK RULE")
	if err != nil {
		return nil, err
	}
	r, res, err := x.lookupRuleIfExists(parts, ifExists, alreadyDroppedResult(parts[2]))
	if res != nil || err != nil {
		return res, err
	}
	if policy, used := x.ruleUsedBy(r.key()); used {
		return nil, errRuleInUse(r.key(), policy)
	}
	delete(x.cat.NetworkRules, r.key())
	return x.dropped(r.Name), nil
}

// describeNetworkRule handles DESC NETWORK RULE name: one row; value_list joined by "," with no
// spaces (what the official provider's live test parses), "" when empty.
func describeNetworkRule(x *execCtx) (*Result, *SQLError) {
	p := x.p
	parts, err := parseRuleNameEOF(p, "DESCRIBE NETWORK RULE")
	if err != nil {
		return nil, err
	}
	r, err := x.lookupRule(parts)
	if err != nil {
		return nil, err
	}
	res := &Result{StatementTypeID: StatementDesc, Columns: ruleColumns(textCol("value_list"))}
	res.Rows = [][]*string{ruleRow(r, str(strings.Join(r.ValueList, ",")))}
	return res, nil
}

// ruleColumns are the columns SHOW and DESC share, then the last one of each.
func ruleColumns(last Column) []Column {
	return []Column{createdOnCol(), textCol("name"), textCol("database_name"), textCol("schema_name"),
		textCol("owner"), textCol("comment"), textCol("type"), textCol("mode"), last}
}

// ruleRow is one rule's row; comment is "" when unset (the official provider scans it as a string).
func ruleRow(r *NetworkRule, last *string) []*string {
	comment := ""
	if r.Comment != nil {
		comment = *r.Comment
	}
	return []*string{timeCell(r.CreatedOn), str(r.Name), str(r.Database), str(r.Schema), str(r.Owner),
		str(comment), str(r.Type), str(r.Mode), last}
}

// checkPolicyRules requires every rule a policy references to exist and to be of a mode a policy
// accepts. Snowflake's error for a missing rule was not found; this is its usual does-not-exist error.
func (x *execCtx) checkPolicyRules(n *NetworkPolicy) *SQLError {
	for _, prop := range []string{npAllowedRules, npBlockedRules} {
		for _, key := range *npList(n, prop) {
			r, ok := x.cat.NetworkRules[key]
			if !ok {
				return &SQLError{"002003", "02000", fmt.Sprintf("SQL compilation error:\nNetwork rule '%s' does not exist or not authorized.", key)}
			}
			if !policyModes[r.Mode] {
				return errInvalidProperty(key, prop)
			}
		}
	}
	return nil
}
