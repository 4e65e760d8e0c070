package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// Network policies (FIDELITY.md, "Network policies and rules"): CREATE [OR REPLACE], ALTER (SET, UNSET, ADD, REMOVE,
// RENAME TO), DROP, DESCRIBE and SHOW NETWORK POLICIES. Network rules are not emulated as objects: a
// rule list stores each fully-qualified rule name as resolved from the statement.

const (
	npAllowedIPs   = "ALLOWED_IP_LIST"
	npBlockedIPs   = "BLOCKED_IP_LIST"
	npAllowedRules = "ALLOWED_NETWORK_RULE_LIST"
	npBlockedRules = "BLOCKED_NETWORK_RULE_LIST"
	npComment      = "COMMENT"
	// npKind is the object word in 003001 messages; npNotFoundKind the one in 002003 messages.
	npKind         = "network policy"
	npNotFoundKind = "Network policy"
)

// npProps is every property name in the order DESCRIBE lists the lists.
var npProps = []string{npAllowedIPs, npBlockedIPs, npAllowedRules, npBlockedRules, npComment}

func isNPProp(word string) bool {
	for _, p := range npProps {
		if p == word {
			return true
		}
	}
	return false
}

// npList returns a pointer to the named list of n, so SET/UNSET/ADD/REMOVE share one code path.
func npList(n *NetworkPolicy, prop string) *[]string {
	switch prop {
	case npAllowedIPs:
		return &n.AllowedIPList
	case npBlockedIPs:
		return &n.BlockedIPList
	case npAllowedRules:
		return &n.AllowedNetworkRuleList
	case npBlockedRules:
		return &n.BlockedNetworkRuleList
	}
	return nil
}

func (n *NetworkPolicy) clone() *NetworkPolicy {
	c := *n
	c.AllowedIPList = append([]string{}, n.AllowedIPList...)
	c.BlockedIPList = append([]string{}, n.BlockedIPList...)
	c.AllowedNetworkRuleList = append([]string{}, n.AllowedNetworkRuleList...)
	c.BlockedNetworkRuleList = append([]string{}, n.BlockedNetworkRuleList...)
	c.Comment = strOrNil(n.Comment)
	return &c
}

// npVisible: only the owner (or a role inheriting it) and roles with MANAGE GRANTS (SECURITYADMIN and
// above) see a policy.
func (x *execCtx) npVisible(n *NetworkPolicy) bool {
	return x.ownerOrManageGrants(n.Owner)
}

// npLookup finds a policy for ALTER/DESC/DROP: 002003 when absent, 003001 when the role may not see it.
func (x *execCtx) npLookup(name string) (*NetworkPolicy, *SQLError) {
	n, ok := x.cat.NetworkPolicies[name]
	if !ok {
		return nil, errNotExist(npNotFoundKind, name)
	}
	if !x.npVisible(n) {
		return nil, errPrivileges(npKind, name)
	}
	return n, nil
}

// npAttachment reports the first object the policy is attached to: integrations, then users (each by
// name), then the account.
func (x *execCtx) npAttachment(policy string) (kind, name string, ok bool) {
	var integs []string
	for n, in := range x.cat.Integrations {
		if in.Props["NETWORK_POLICY"] == policy {
			integs = append(integs, n)
		}
	}
	if len(integs) > 0 {
		sort.Strings(integs)
		return "INTEGRATION", integs[0], true
	}
	var users []string
	for n, u := range x.cat.Users {
		if u.NetworkPolicy == policy {
			users = append(users, n)
		}
	}
	if len(users) > 0 {
		sort.Strings(users)
		return "USER", users[0], true
	}
	if x.cat.AccountNetworkPolicy == policy {
		return "ACCOUNT", x.e.opts.Account, true
	}
	return "", "", false
}

// errPolicyAttachedTo is 001492 (FIDELITY.md, "Network policy of an integration") for any kind of attachment: INTEGRATION, USER or ACCOUNT.
func errPolicyAttachedTo(policy, kind, name string) *SQLError {
	if kind == "INTEGRATION" {
		return errPolicyAttached(policy, name)
	}
	return &SQLError{"001492", "42601", fmt.Sprintf("SQL compilation error:\nCannot perform Drop operation on network policy %s. The policy is attached to %s with name %s. Unset the network policy from %s and try the Drop operation again.", displayName(policy), kind, displayName(name), kind)}
}

// npAssign parses one `<LIST> = (...)` or `COMMENT = '...'` into n. It returns false, without
// consuming anything, when the current token is not a property name. seen rejects a repeated property.
func npAssign(p *parser, n *NetworkPolicy, seen map[string]bool) (bool, *SQLError) {
	t := p.peek()
	if t.Kind != tokIdent || !isNPProp(t.Value) {
		return false, nil
	}
	if seen[t.Value] {
		return false, p.unexpected()
	}
	seen[t.Value] = true
	p.next()
	if err := p.expectEquals(); err != nil {
		return false, err
	}
	switch t.Value {
	case npComment:
		s, err := p.stringLiteral()
		if err != nil {
			return false, err
		}
		n.Comment = &s
	case npAllowedIPs, npBlockedIPs:
		l, err := npIPList(p, t.Value)
		if err != nil {
			return false, err
		}
		*npList(n, t.Value) = l
	default:
		l, err := npRuleList(p, t.Value, false)
		if err != nil {
			return false, err
		}
		*npList(n, t.Value) = l
	}
	return true, nil
}

// npIPList reads `( 'ip[/prefix]' [, ...] )`; only IPv4 addresses and CIDR ranges are valid.
func npIPList(p *parser, prop string) ([]string, *SQLError) {
	l, err := p.stringList()
	if err != nil {
		return nil, err
	}
	for _, v := range l {
		if !validIPv4Entry(v) {
			return nil, errInvalidProperty(v, prop)
		}
	}
	return l, nil
}

// policyToActivate resolves lit, a NETWORK_POLICY value (an identifier held in a string), to the
// stored name of a policy that may become active on a user or the account (checkActivatable).
func (x *execCtx) policyToActivate(lit string) (string, *SQLError) {
	np, ok := identifierFromString(lit)
	if !ok {
		return "", errNotExist("Network policy", lit)
	}
	return np, x.checkActivatable(np, lit)
}

// checkActivatable refuses to make policy np active when it does not exist (002003, naming it as the
// statement wrote it) or is empty (098519): the rules every NETWORK_POLICY property shares.
func (x *execCtx) checkActivatable(np, written string) *SQLError {
	pol := x.cat.NetworkPolicies[np]
	if pol == nil {
		return errNotExist("Network policy", written)
	}
	if pol.Empty() {
		return errEmptyPolicy(np)
	}
	return nil
}

// validIPv4Entry accepts an IPv4 address or CIDR range.
func validIPv4Entry(v string) bool { return validIPEntry(v, netip.Addr.Is4) }

// validIPv6Entry accepts an IPv6 address or CIDR range in full, compressed or IPv4-embedded form.
func validIPv6Entry(v string) bool { return validIPEntry(v, netip.Addr.Is6) }

// validIPEntry accepts an address or a CIDR range (a "/" marks one) of the family the predicate accepts.
func validIPEntry(v string, family func(netip.Addr) bool) bool {
	if strings.Contains(v, "/") {
		pfx, err := netip.ParsePrefix(v)
		return err == nil && family(pfx.Addr())
	}
	a, err := netip.ParseAddr(v)
	return err == nil && family(a)
}

// npRuleList reads `( rule [, ...] )` where each rule is a qualified identifier ("DB"."SC"."NR", as
// the TF SDK sends) or a string holding one ('db.sc.rule', as the docs show). With single, a lone rule
// without parentheses is accepted too (the ADD/REMOVE form in the docs).
func npRuleList(p *parser, prop string, single bool) ([]string, *SQLError) {
	if single && !p.isSymbol("(") {
		r, err := npRule(p, prop)
		if err != nil {
			return nil, err
		}
		return []string{r}, nil
	}
	return p.parenList([]string{}, func() (string, *SQLError) { return npRule(p, prop) })
}

// npRule reads one network rule name and returns it fully qualified (db.schema.rule, each part as
// Snowflake displays it). Rules are schema objects; with no current database or schema in the emulator,
// a name with fewer than three parts is an invalid value.
func npRule(p *parser, prop string) (string, *SQLError) {
	t := p.peek()
	if t.Kind == tokString {
		p.next()
		toks, lerr := tokenize(t.Value)
		if lerr != nil {
			return "", errInvalidProperty(t.Value, prop)
		}
		sp := &parser{toks: toks}
		parts, err := npQualifiedParts(sp)
		if err != nil || sp.expectEOF() != nil || len(parts) != 3 {
			return "", errInvalidProperty(t.Value, prop)
		}
		return strings.Join(parts, "."), nil
	}
	parts, err := npQualifiedParts(p)
	if err != nil {
		return "", err
	}
	if len(parts) != 3 {
		return "", errInvalidProperty(strings.Join(parts, "."), prop)
	}
	return strings.Join(parts, "."), nil
}

func npQualifiedParts(p *parser) ([]string, *SQLError) {
	var parts []string
	for {
		name, err := p.identifier()
		if err != nil {
			return nil, err
		}
		parts = append(parts, displayName(name))
		if !p.acceptSymbol(".") {
			return parts, nil
		}
	}
}

func createNetworkPolicy(x *execCtx) (*Result, *SQLError) {
	p, orReplace := x.p, x.orReplace
	name, ifNotExists, err := parseCreateHead(p, orReplace, p.identifier)
	if err != nil {
		return nil, err
	}
	n := &NetworkPolicy{Name: name, AllowedIPList: []string{}, BlockedIPList: []string{},
		AllowedNetworkRuleList: []string{}, BlockedNetworkRuleList: []string{}}
	seen := map[string]bool{}
	for {
		ok, err := npAssign(p, n, seen)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	old, exists := x.cat.NetworkPolicies[name]
	if res, err := x.accountCreateGate(roleSecurityAdmin, name, exists, ifNotExists, orReplace); res != nil || err != nil {
		return res, err
	}
	if exists {
		if !x.npVisible(old) {
			return nil, errPrivileges(npKind, name)
		}
		// Attachments are by name, so the replacement stays attached and must not be empty.
		if _, _, attached := x.npAttachment(name); attached && n.Empty() {
			return nil, errEmptyPolicy(name)
		}
	}
	if err := x.checkPolicyRules(n); err != nil {
		return nil, err
	}
	n.CreatedOn = x.now
	n.Owner = x.s.Role
	x.cat.NetworkPolicies[name] = n
	return x.created("Network policy", name), nil
}

func alterNetworkPolicy(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifExists, err := parseIfExistsName(p)
	if err != nil {
		return nil, err
	}
	// Parse the whole statement first (syntax errors win), then apply it to a copy.
	var apply func(n *NetworkPolicy)
	var renameTo string
	if p.acceptKeyword("RENAME", "TO") {
		renameTo, err = p.identifier()
	} else {
		apply, err = parseNPChange(p)
	}
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	if _, ok := x.cat.NetworkPolicies[name]; !ok && ifExists {
		return executedOK(), nil
	}
	n, serr := x.npLookup(name)
	if serr != nil {
		return nil, serr
	}
	if renameTo != "" {
		if _, taken := x.cat.NetworkPolicies[renameTo]; taken {
			return nil, errAlreadyExists(renameTo)
		}
		x.npRename(n, renameTo)
		x.changed = true
		return executedOK(), nil
	}
	upd := n.clone()
	apply(upd)
	if err := x.checkPolicyRules(upd); err != nil {
		return nil, err
	}
	if _, _, attached := x.npAttachment(name); attached && upd.Empty() {
		return nil, errEmptyPolicy(name)
	}
	x.cat.NetworkPolicies[name] = upd
	x.changed = true
	return executedOK(), nil
}

// parseNPChange parses SET, UNSET, ADD or REMOVE into the change it makes to a policy.
func parseNPChange(p *parser) (func(n *NetworkPolicy), *SQLError) {
	switch {
	case p.acceptKeyword("SET"):
		upd := &NetworkPolicy{}
		seen := map[string]bool{}
		if err := npAssignments(p, upd, seen); err != nil {
			return nil, err
		}
		return func(n *NetworkPolicy) {
			for prop := range seen {
				if prop == npComment {
					n.Comment = upd.Comment
				} else {
					*npList(n, prop) = *npList(upd, prop)
				}
			}
		}, nil
	case p.acceptKeyword("UNSET"):
		props, err := npUnsetList(p)
		if err != nil {
			return nil, err
		}
		return func(n *NetworkPolicy) {
			for _, prop := range props {
				if prop == npComment {
					n.Comment = nil
				} else {
					*npList(n, prop) = []string{}
				}
			}
		}, nil
	case p.isKeyword("ADD"), p.isKeyword("REMOVE"):
		return parseNPRuleChange(p)
	}
	return nil, p.unexpected()
}

// parseNPRuleChange parses ADD|REMOVE <rule list> = ...: each rule moves to the end of its list (ADD)
// or leaves it (REMOVE).
func parseNPRuleChange(p *parser) (func(n *NetworkPolicy), *SQLError) {
	add := p.next().Value == "ADD"
	lists, err := npRuleChanges(p)
	if err != nil {
		return nil, err
	}
	return func(n *NetworkPolicy) {
		for prop, rules := range lists {
			l := npList(n, prop)
			for _, r := range rules {
				*l = npWithout(*l, r)
				if add {
					*l = append(*l, r)
				}
			}
		}
	}, nil
}

// npAssignments reads SET's assignments, separated by whitespace or commas (at least one).
func npAssignments(p *parser, n *NetworkPolicy, seen map[string]bool) *SQLError {
	for {
		ok, err := npAssign(p, n, seen)
		if err != nil {
			return err
		}
		if !ok {
			return p.unexpected()
		}
		comma := p.acceptSymbol(",")
		if !comma && p.peek().Kind == tokEOF {
			return nil
		}
	}
}

// npUnsetList reads `prop [, prop ...]`.
func npUnsetList(p *parser) ([]string, *SQLError) {
	var props []string
	for {
		t := p.peek()
		if t.Kind != tokIdent || !isNPProp(t.Value) {
			return nil, p.unexpected()
		}
		p.next()
		props = append(props, t.Value)
		if !p.acceptSymbol(",") {
			return props, nil
		}
	}
}

// npRuleChanges reads ADD/REMOVE's `ALLOWED_NETWORK_RULE_LIST = ... [[,] BLOCKED_NETWORK_RULE_LIST = ...]`.
func npRuleChanges(p *parser) (map[string][]string, *SQLError) {
	lists := map[string][]string{}
	for {
		t := p.peek()
		if t.Kind != tokIdent || t.Value != npAllowedRules && t.Value != npBlockedRules {
			return nil, p.unexpected()
		}
		if _, dup := lists[t.Value]; dup {
			return nil, p.unexpected()
		}
		p.next()
		if err := p.expectEquals(); err != nil {
			return nil, err
		}
		rules, err := npRuleList(p, t.Value, true)
		if err != nil {
			return nil, err
		}
		lists[t.Value] = rules
		comma := p.acceptSymbol(",")
		if !comma && p.peek().Kind == tokEOF {
			return lists, nil
		}
	}
}

func npWithout(l []string, v string) []string {
	out := l[:0:0]
	for _, s := range l {
		if s != v {
			out = append(out, s)
		}
	}
	return out
}

// npRename moves the policy and every reference to it (integrations, users, the account).
func (x *execCtx) npRename(n *NetworkPolicy, to string) {
	from := n.Name
	delete(x.cat.NetworkPolicies, from)
	n.Name = to
	x.cat.NetworkPolicies[to] = n
	for _, in := range x.cat.Integrations {
		if in.Props["NETWORK_POLICY"] == from {
			in.Props["NETWORK_POLICY"] = to
		}
	}
	for _, u := range x.cat.Users {
		if u.NetworkPolicy == from {
			u.NetworkPolicy = to
		}
	}
	if x.cat.AccountNetworkPolicy == from {
		x.cat.AccountNetworkPolicy = to
	}
}

func dropNetworkPolicy(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifExists, err := parseDropName(p)
	if err != nil {
		return nil, err
	}
	if _, ok := x.cat.NetworkPolicies[name]; !ok && ifExists {
		return alreadyDroppedResult(name), nil
	}
	if _, err := x.npLookup(name); err != nil {
		return nil, err
	}
	if kind, obj, attached := x.npAttachment(name); attached {
		return nil, errPolicyAttachedTo(name, kind, obj)
	}
	delete(x.cat.NetworkPolicies, name)
	return x.dropped(name), nil
}

func describeNetworkPolicy(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, err := parseNameEOF(p)
	if err != nil {
		return nil, err
	}
	n, serr := x.npLookup(name)
	if serr != nil {
		return nil, serr
	}
	res := &Result{Columns: []Column{textCol("name"), textCol("value")}, Rows: [][]*string{}, StatementTypeID: StatementDesc}
	for _, prop := range npProps[:4] {
		l := *npList(n, prop)
		if len(l) == 0 {
			continue
		}
		value := strings.Join(l, ",")
		if prop == npAllowedRules || prop == npBlockedRules {
			value = npRulesJSON(l)
		}
		res.Rows = append(res.Rows, []*string{str(prop), str(value)})
	}
	return res, nil
}

// npRulesJSON renders a rule list as DESCRIBE does: [{"fullyQualifiedRuleName":"DB.SC.RULE"},...].
func npRulesJSON(rules []string) string {
	type entry struct {
		FullyQualifiedRuleName string `json:"fullyQualifiedRuleName"`
	}
	entries := make([]entry, len(rules))
	for i, r := range rules {
		entries[i] = entry{r}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(entries) // cannot fail for strings
	return strings.TrimSuffix(b.String(), "\n")
}

func showNetworkPolicies(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := parseShowLike(p)
	if err != nil {
		return nil, err
	}
	res := &Result{Columns: []Column{
		createdOnCol(), textCol("name"), textCol("comment"),
		fixedCol("entries_in_allowed_ip_list"), fixedCol("entries_in_blocked_ip_list"),
		fixedCol("entries_in_allowed_network_rules"), fixedCol("entries_in_blocked_network_rules"),
		textCol("owner"), textCol("owner_role_type"),
	}, Rows: [][]*string{}, StatementTypeID: StatementShow}
	names := sortedMatching(x.cat.NetworkPolicies, pattern, hasLike, func(name string) bool {
		return x.npVisible(x.cat.NetworkPolicies[name])
	})
	for _, name := range names {
		n := x.cat.NetworkPolicies[name]
		comment := ""
		if n.Comment != nil {
			comment = *n.Comment
		}
		res.Rows = append(res.Rows, []*string{
			timeCell(n.CreatedOn), str(n.Name), str(comment),
			intCell(len(n.AllowedIPList)), intCell(len(n.BlockedIPList)),
			intCell(len(n.AllowedNetworkRuleList)), intCell(len(n.BlockedNetworkRuleList)),
			str(n.Owner), str("ROLE"),
		})
	}
	return res, nil
}

// NetworkPolicy returns a copy of the stored policy with exactly this (stored) name, for the wire layer
// and the OAuth server.
func (e *Engine) NetworkPolicy(name string) (NetworkPolicy, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	n, ok := e.cat.NetworkPolicies[name]
	if !ok {
		return NetworkPolicy{}, false
	}
	return *n.clone(), true
}

// AllowsIP reports whether a client address may connect under this policy. The blocked list is applied
// first; then the address must fall in ALLOWED_IP_LIST: once a policy exists, only allowed addresses
// get in, and an empty allowed list admits no IPv4 address. Network-rule entries are not evaluated
// (rules are not emulated), so they never match. ip may carry a port ("1.2.3.4:5678") and may be an
// IPv4-mapped IPv6 address; anything unparsable is refused.
func (n NetworkPolicy) AllowsIP(ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		ap, perr := netip.ParseAddrPort(ip)
		if perr != nil {
			return false
		}
		addr = ap.Addr()
	}
	addr = addr.Unmap()
	if ipListContains(n.BlockedIPList, addr) {
		return false
	}
	return ipListContains(n.AllowedIPList, addr)
}

func ipListContains(list []string, addr netip.Addr) bool {
	for _, entry := range list {
		if strings.Contains(entry, "/") {
			if pfx, err := netip.ParsePrefix(entry); err == nil && pfx.Masked().Contains(addr) {
				return true
			}
		} else if a, err := netip.ParseAddr(entry); err == nil && a == addr {
			return true
		}
	}
	return false
}
