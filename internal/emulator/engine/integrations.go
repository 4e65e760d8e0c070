package engine

import (
	"strings"
)

// Shared pieces of the security-integration statements (integration_create.go, integration_alter.go,
// integration_show.go, secrets.go): property assignments, state validation, visibility and the effective
// blocked-roles list.

// OAuth endpoint paths under the account URL (FIDELITY.md, "OAuth authorization server").
const (
	authorizePath = "/oauth/authorize"
	tokenPath     = "/oauth/token-request"
)

var clientKinds = map[string]bool{clientCustom: true, clientTableauDesktop: true, clientTableauServer: true, clientLooker: true}

// accountURL is the URL shown in the endpoint rows: the server's base URL, or Snowflake's URL form for
// the account when the engine runs without a server.
func accountURL(e *Engine) string {
	if e.opts.BaseURL != "" {
		return e.opts.BaseURL
	}
	return "https://" + strings.ToLower(e.opts.Account) + ".snowflakecomputing.com"
}

// visibleIntegration returns the integration if the current role owns it, directly or through the role
// hierarchy. Snowflake reports an integration the role has no privilege on as nonexistent.
func (x *execCtx) visibleIntegration(name string) *Integration {
	in := x.cat.Integrations[name]
	if in == nil || !x.cat.roleIncludes(x.s.Role, in.Owner) {
		return nil
	}
	return in
}

// propAssign is one `NAME = value` of CREATE or ALTER SET; at is the NAME token.
type propAssign struct {
	def *propDef
	at  token
	v   propValue
}

// readAssignments reads `NAME = value` pairs to the end of the statement, separated by whitespace or
// commas. A property the client kind does not accept is a syntax error at its name, as is a fixed one
// outside CREATE. client "" (ALTER ... IF EXISTS of a missing integration) accepts every property.
func readAssignments(p *parser, client string, create bool) ([]propAssign, *SQLError) {
	var out []propAssign
	for p.peek().Kind != tokEOF {
		t := p.peek()
		d := propByName[t.Value]
		if t.Kind != tokIdent || d == nil || !d.in.has(client) || d.fixed && !create || p.unknownProps[d.name] {
			return nil, p.unexpected()
		}
		p.next()
		if err := p.expectEquals(); err != nil {
			return nil, err
		}
		v, err := d.read(p, d)
		if err != nil {
			return nil, err
		}
		out = append(out, propAssign{def: d, at: t, v: v})
		if p.acceptSymbol(",") && p.peek().Kind == tokEOF {
			return nil, p.unexpected()
		}
	}
	return out, nil
}

// checkAssignments validates every value against the catalog, in statement order.
func checkAssignments(x *execCtx, client string, as []propAssign) *SQLError {
	for i := range as {
		if d := as[i].def; d.check != nil {
			if err := d.check(x, client, d, &as[i].v); err != nil {
				return err
			}
		}
	}
	return nil
}

// apply stores a value: COMMENT in Comment, lists in Lists, scalars in Props.
func (d *propDef) apply(in *Integration, v propValue) {
	switch {
	case d.name == "COMMENT":
		c := v.s
		in.Comment = &c
	case d.typ == typList:
		in.Lists[d.name] = append([]string{}, v.list...)
	default:
		in.Props[d.name] = v.s
	}
}

// reset restores the value CREATE would have given the property.
func (d *propDef) reset(in *Integration) {
	switch {
	case d.name == "COMMENT":
		in.Comment = nil
	case d.typ == typList:
		delete(in.Lists, d.name)
	default:
		in.Props[d.name] = d.def(in.Client)
	}
}

// stored reports whether the property is kept in Props for this client kind: every scalar input
// property has a value (its default until set), so readers never need the table.
func (d *propDef) stored(client string) bool {
	return d.read != nil && d.typ != typList && d.name != "COMMENT" && (d.in.has(client) || d.row.has(client))
}

func newIntegration(name, client, owner string, x *execCtx) *Integration {
	in := &Integration{
		Name: name, Client: client, CreatedOn: x.now, Owner: owner,
		Props: map[string]string{}, Lists: map[string][]string{},
	}
	for _, d := range integrationProps {
		if d.stored(client) {
			in.Props[d.name] = d.def(client)
		}
	}
	return in
}

// validateIntegration checks the rules that involve several properties, on the state a statement
// would leave behind.
func validateIntegration(in *Integration) *SQLError {
	if in.Client == clientCustom && in.Props["OAUTH_ALLOW_NON_TLS_REDIRECT_URI"] != "true" {
		if u := in.Props["OAUTH_REDIRECT_URI"]; !isHTTPS(u) {
			return errInvalidProperty(u, "OAUTH_REDIRECT_URI")
		}
		for _, u := range in.Lists["OAUTH_ALTERNATE_REDIRECT_URIS"] {
			if !isHTTPS(u) {
				return errInvalidProperty(u, "OAUTH_ALTERNATE_REDIRECT_URIS")
			}
		}
	}
	if allowed := in.Lists["ALLOWED_ROLES_LIST"]; len(allowed) > 0 && in.Props["OAUTH_USE_SECONDARY_ROLES"] == "IMPLICIT" {
		return errCombination("ALLOWED_ROLES_LIST", strings.Join(allowed, ","), "OAUTH_USE_SECONDARY_ROLES", "IMPLICIT")
	}
	return nil
}

func isHTTPS(u string) bool { return strings.HasPrefix(strings.ToLower(u), "https://") }

// liveRoles drops roles that no longer exist: Snowflake keeps role references, not names.
func liveRoles(c *catalog, roles []string) []string {
	out := []string{}
	for _, r := range roles {
		if _, ok := c.Roles[r]; ok {
			out = append(out, r)
		}
	}
	return out
}

// effectiveBlockedRoles is BLOCKED_ROLES_LIST as DESCRIBE shows it and the OAuth server enforces it:
// while OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is TRUE, ACCOUNTADMIN and SECURITYADMIN come first
// (what live test accounts show), then the user's list without repeats.
func effectiveBlockedRoles(c *catalog, in *Integration) []string {
	out := []string{}
	if c.privilegedRolesBlocked() {
		out = append(out, roleAccountAdmin, roleSecurityAdmin)
	}
	for _, r := range liveRoles(c, in.Lists["BLOCKED_ROLES_LIST"]) {
		if !contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// cloneIntegration is a deep copy, so statements can validate changes before committing them and
// readers outside the lock get a stable value.
func cloneIntegration(in *Integration) *Integration {
	out := *in
	out.Props = make(map[string]string, len(in.Props))
	for k, v := range in.Props {
		out.Props[k] = v
	}
	out.Lists = make(map[string][]string, len(in.Lists))
	for k, v := range in.Lists {
		out.Lists[k] = append([]string{}, v...)
	}
	if in.Comment != nil {
		c := *in.Comment
		out.Comment = &c
	}
	return &out
}

// dropDelegations removes every delegated authorization to the integration.
func dropDelegations(c *catalog, integration string) {
	kept := c.Delegated[:0:0]
	for _, d := range c.Delegated {
		if d.Integration != integration {
			kept = append(kept, d)
		}
	}
	c.Delegated = kept
}
