package engine

import (
	"net/url"
	"strconv"
	"strings"
)

// The property table of Snowflake OAuth security integrations. One entry per property drives CREATE
// (which properties a client kind accepts), ALTER SET/UNSET (which may change or be unset) and DESCRIBE
// (row order, property_type, property_default and value). Evidence: FIDELITY.md, "CREATE SECURITY
// INTEGRATION", "ALTER SECURITY INTEGRATION" and "DESCRIBE SECURITY INTEGRATION".

// OAUTH_CLIENT values.
const (
	clientCustom         = "CUSTOM"
	clientTableauDesktop = "TABLEAU_DESKTOP"
	clientTableauServer  = "TABLEAU_SERVER"
	clientLooker         = "LOOKER"
	// clientLocal is the built-in SNOWFLAKE$LOCAL_APPLICATION (local_app.go); CREATE cannot use it.
	clientLocal = string(ClientLocalApplication)
)

// clientSet says which client kinds a rule applies to.
type clientSet uint8

const (
	forCustom clientSet = 1 << iota
	forPartner
	forLocal
	forNone clientSet = 0
	forAll            = forCustom | forPartner
	// forEvery adds the local application to forAll.
	forEvery = forAll | forLocal
)

// has reports whether the set covers client; "" (unknown client) matches any non-empty set.
func (c clientSet) has(client string) bool {
	switch client {
	case "":
		return c != forNone
	case clientCustom:
		return c&forCustom != 0
	case clientLocal:
		return c&forLocal != 0
	}
	return c&forPartner != 0
}

// DESCRIBE property_type words.
const (
	typString = "String"
	typBool   = "Boolean"
	typLong   = "Long"
	typList   = "List"
)

// Refresh-token validity: Snowflake's documented ceiling and what Support can raise it to.
const (
	defaultMaxRefreshValidity = 7776000
	supportMaxRefreshValidity = 157784630
)

// propValue is one parsed property value: s for scalars (in DESCRIBE's string form), list for lists.
type propValue struct {
	s    string
	list []string
}

type propDef struct {
	name string
	typ  string
	row  clientSet // DESCRIBE shows a row for these clients
	in   clientSet // CREATE and ALTER SET accept it for these clients
	// fixed properties are accepted by CREATE only (OAUTH_CLIENT_TYPE cannot be altered).
	fixed bool
	unset clientSet // ALTER UNSET allowed for these clients
	roles bool      // a role list: entries must be existing roles, dropped roles are not shown
	// def is DESCRIBE's property_default and, for scalars, the value CREATE and UNSET store.
	def func(client string) string
	// read parses the value after `=` (syntax and context-free checks).
	read func(p *parser, d *propDef) (propValue, *SQLError)
	// check validates a value against the catalog and the client kind (may normalise it).
	check func(x *execCtx, client string, d *propDef, v *propValue) *SQLError
	// show computes DESCRIBE's value; nil means the stored value.
	show func(x *execCtx, in *Integration) string
}

func constDef(v string) func(string) string { return func(string) string { return v } }

var integrationProps = []*propDef{
	{name: "OAUTH_CLIENT_TYPE", typ: typString, row: forEvery, in: forCustom, fixed: true,
		def: func(client string) string {
			// Tableau Desktop and Tableau Cloud are public clients; Looker shows CONFIDENTIAL [live]; the
			// local application is public (its secret may be omitted: oauth-local-applications docs).
			if client == clientTableauDesktop || client == clientTableauServer || client == clientLocal {
				return "PUBLIC"
			}
			return "CONFIDENTIAL"
		},
		read: readEnum("CONFIDENTIAL", "PUBLIC")},
	{name: "OAUTH_REDIRECT_URI", typ: typString, row: forAll, in: forAll, def: constDef(""),
		read: readString, check: checkRedirectURI},
	{name: "ENABLED", typ: typBool, row: forEvery, in: forEvery, unset: forEvery, def: constDef("true"), read: readBool},
	{name: "OAUTH_ALLOW_NON_TLS_REDIRECT_URI", typ: typBool, row: forCustom, in: forCustom, def: constDef("false"), read: readBool},
	{name: "OAUTH_ENFORCE_PKCE", typ: typBool, row: forCustom, in: forCustom, def: constDef("false"), read: readBool},
	{name: "OAUTH_USE_SECONDARY_ROLES", typ: typString, row: forAll, in: forAll, unset: forAll, def: constDef("NONE"),
		read: readEnum("IMPLICIT", "NONE")},
	// Partner DESCRIBE output has this row too (TF live test assertOauthPartner), though only custom
	// clients accept it.
	{name: "PRE_AUTHORIZED_ROLES_LIST", typ: typList, row: forAll, in: forCustom, roles: true, def: constDef("[]"),
		read: readRoleList, check: checkRoleList},
	{name: "ALLOWED_ROLES_LIST", typ: typList, row: forAll, in: forAll, roles: true, def: constDef("[]"),
		read: readRoleList, check: checkRoleList},
	{name: "BLOCKED_ROLES_LIST", typ: typList, row: forAll, in: forAll, roles: true, def: constDef("[]"),
		read: readRoleList, check: checkRoleList,
		show: func(x *execCtx, in *Integration) string {
			return strings.Join(effectiveBlockedRoles(x.cat, in), ",")
		}},
	{name: "OAUTH_ISSUE_REFRESH_TOKENS", typ: typBool, row: forEvery, in: forEvery, def: constDef("true"), read: readBool},
	{name: "OAUTH_REFRESH_TOKEN_VALIDITY", typ: typLong, row: forEvery, in: forEvery,
		def: constDef("7776000"), read: readLong, check: checkRefreshValidity},
	{name: "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", typ: typBool, row: forEvery, in: forEvery, def: constDef("false"), read: readBool},
	{name: "NETWORK_POLICY", typ: typString, row: forEvery, in: forEvery, unset: forCustom | forLocal, def: constDef(""),
		read: readPolicyName, check: checkNetworkPolicy},
	// The keys themselves are never shown; DESCRIBE has their fingerprints.
	{name: "OAUTH_CLIENT_RSA_PUBLIC_KEY", typ: typString, in: forCustom, unset: forCustom, def: constDef(""),
		read: readString, check: checkRSAKey},
	{name: "OAUTH_CLIENT_RSA_PUBLIC_KEY_2", typ: typString, in: forCustom, unset: forCustom, def: constDef(""),
		read: readString, check: checkRSAKey},
	{name: "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", typ: typString, row: forCustom, def: constDef(""),
		show: fingerprintOf("OAUTH_CLIENT_RSA_PUBLIC_KEY")},
	{name: "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", typ: typString, row: forCustom, def: constDef(""),
		show: fingerprintOf("OAUTH_CLIENT_RSA_PUBLIC_KEY_2")},
	{name: "COMMENT", typ: typString, row: forAll, in: forAll, unset: forAll, def: constDef(""), read: readString},
	{name: "OAUTH_CLIENT_ID", typ: typString, row: forEvery, def: constDef(""),
		show: func(_ *execCtx, in *Integration) string { return in.ClientID }},
	{name: "OAUTH_AUTHORIZATION_ENDPOINT", typ: typString, row: forEvery, def: constDef(""),
		show: func(x *execCtx, _ *Integration) string { return accountURL(x.e) + authorizePath }},
	{name: "OAUTH_TOKEN_ENDPOINT", typ: typString, row: forEvery, def: constDef(""),
		show: func(x *execCtx, _ *Integration) string { return accountURL(x.e) + tokenPath }},
	// The emulator has a single account URL, so each allowed-endpoint list holds one URL (the format of
	// these lists is not established; comma-joined like the role lists).
	{name: "OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS", typ: typList, row: forAll, def: constDef("[]"),
		show: func(x *execCtx, _ *Integration) string { return accountURL(x.e) + authorizePath }},
	{name: "OAUTH_ALLOWED_TOKEN_ENDPOINTS", typ: typList, row: forAll, def: constDef("[]"),
		show: func(x *execCtx, _ *Integration) string { return accountURL(x.e) + tokenPath }},
	{name: "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT", typ: typBool, row: forAll, in: forAll, def: constDef("false"), read: readBool},
	{name: "OAUTH_ACCESS_TOKEN_VALIDITY", typ: typLong, row: forEvery, in: forEvery, def: constDef("600"),
		read: readLong, check: checkRange(60, 3600)},
	{name: "OAUTH_ALTERNATE_REDIRECT_URIS", typ: typList, row: forCustom, in: forCustom, def: constDef("[]"),
		read: readStringList, check: checkRedirectURI},
	{name: "OAUTH_ANY_ROLE_MODE", typ: typString, row: forCustom, in: forCustom, def: constDef("DISABLE"),
		read: readEnum("DISABLE", "ENABLE", "ENABLE_FOR_PRIVILEGE")},
	{name: "OAUTH_ENABLE_ROLE_SELECTION", typ: typBool, row: forCustom, in: forCustom, def: constDef("false"), read: readBool},
	{name: "IS_AGENTIC", typ: typBool, row: forCustom, in: forCustom, unset: forCustom, def: constDef("false"), read: readBool},
}

var propByName = func() map[string]*propDef {
	m := map[string]*propDef{}
	for _, d := range integrationProps {
		m[d.name] = d
	}
	return m
}()

// --- readers ---

func readBool(p *parser, d *propDef) (propValue, *SQLError) {
	b, err := p.boolValue(d.name)
	if err != nil {
		return propValue{}, err
	}
	return propValue{s: strconv.FormatBool(b)}, nil
}

func readString(p *parser, _ *propDef) (propValue, *SQLError) {
	s, err := p.stringLiteral()
	return propValue{s: s}, err
}

func readStringList(p *parser, _ *propDef) (propValue, *SQLError) {
	l, err := p.stringList()
	return propValue{list: l}, err
}

// readEnum accepts the words bare or single-quoted, case-insensitively.
func readEnum(words ...string) func(p *parser, d *propDef) (propValue, *SQLError) {
	return func(p *parser, d *propDef) (propValue, *SQLError) {
		raw := p.peek().Value
		w, err := p.wordValue()
		if err != nil {
			return propValue{}, err
		}
		for _, ok := range words {
			if w == ok {
				return propValue{s: w}, nil
			}
		}
		return propValue{}, errInvalidProperty(raw, d.name)
	}
}

// readLong reads an integer literal (a leading minus sign allowed; the range check rejects it).
func readLong(p *parser, d *propDef) (propValue, *SQLError) {
	neg := p.acceptSymbol("-")
	t := p.peek()
	if t.Kind != tokNumber {
		return propValue{}, p.unexpected()
	}
	p.next()
	text := t.Text
	if neg {
		text = "-" + text
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return propValue{}, errInvalidProperty(text, d.name)
	}
	return propValue{s: strconv.FormatInt(n, 10)}, nil
}

// readRoleList reads `(R1, "r2", 'R3')`; duplicates collapse, order is kept.
func readRoleList(p *parser, _ *propDef) (propValue, *SQLError) {
	l, err := p.nameList()
	if err != nil {
		return propValue{}, err
	}
	out := []string{}
	for _, r := range l {
		if !contains(out, r) {
			out = append(out, r)
		}
	}
	return propValue{list: out}, nil
}

// readPolicyName reads NETWORK_POLICY's value. The documented form is a string holding an identifier
// ('np' → NP, '"np"' → np). A bare identifier is taken upper-cased, quoted or not: Snowflake loses the
// case of a bare "lower_np", which then does not resolve (FIDELITY.md, "Identifiers and literals").
func readPolicyName(p *parser, d *propDef) (propValue, *SQLError) {
	t := p.peek()
	switch t.Kind {
	case tokString:
		p.next()
		name, ok := identifierFromString(t.Value)
		if !ok {
			return propValue{}, errInvalidProperty(t.Value, d.name)
		}
		return propValue{s: name}, nil
	case tokIdent, tokQuotedIdent:
		name, err := p.identifier()
		return propValue{s: strings.ToUpper(name)}, err
	}
	return propValue{}, p.unexpected()
}

// --- checks ---

func checkRange(lo, hi int64) func(*execCtx, string, *propDef, *propValue) *SQLError {
	return func(_ *execCtx, _ string, d *propDef, v *propValue) *SQLError {
		n, _ := strconv.ParseInt(v.s, 10, 64)
		if n < lo || n > hi {
			return errInvalidProperty(v.s, d.name)
		}
		return nil
	}
}

// refreshValidityRange is the allowed OAUTH_REFRESH_TOKEN_VALIDITY per client kind; the ceiling is
// the account's, which Snowflake Support can raise (Engine.SetMaxRefreshTokenValidity). Custom and
// Looker: minimum 3600 (docs say 86400, live tests set 12345; the CREATE page's partner section says
// 3600). Tableau Desktop and Tableau Cloud: minimum 60 (the ALTER page's table); the same table's
// Tableau Desktop maximum of 36000 is not enforced because live tests set 86400 on TABLEAU_DESKTOP
// (README fidelity table).
func refreshValidityRange(e *Engine, client string) (int64, int64) {
	ceiling := e.maxRefreshValidity
	if ceiling == 0 {
		ceiling = defaultMaxRefreshValidity
	}
	if client == clientTableauDesktop || client == clientTableauServer {
		return 60, ceiling
	}
	return 3600, ceiling
}

func checkRefreshValidity(x *execCtx, client string, d *propDef, v *propValue) *SQLError {
	lo, hi := refreshValidityRange(x.e, client)
	return checkRange(lo, hi)(x, client, d, v)
}

// privilegedRoles may never be pre-authorized.
var privilegedRoles = map[string]bool{roleAccountAdmin: true, roleOrgAdmin: true, "GLOBALORGADMIN": true, roleSecurityAdmin: true}

func checkRoleList(x *execCtx, _ string, d *propDef, v *propValue) *SQLError {
	for _, r := range v.list {
		if d.name == "PRE_AUTHORIZED_ROLES_LIST" && privilegedRoles[r] {
			return errInvalidProperty(r, d.name)
		}
		if _, ok := x.cat.Roles[r]; !ok {
			return errNotExist("Role", r)
		}
	}
	return nil
}

func checkNetworkPolicy(x *execCtx, _ string, _ *propDef, v *propValue) *SQLError {
	return x.checkActivatable(v.s, v.s)
}

// checkRSAKey normalises the key to its bare base64 body and rejects what does not decode.
func checkRSAKey(_ *execCtx, _ string, d *propDef, v *propValue) *SQLError {
	k := compactKey(v.s)
	if _, ok := keyFingerprint(k); !ok {
		return errInvalidProperty(v.s, d.name)
	}
	v.s = k
	return nil
}

// checkRedirectURI requires absolute URIs. Whether TLS is required depends on
// OAUTH_ALLOW_NON_TLS_REDIRECT_URI, so that is checked on the final state (validateIntegration).
func checkRedirectURI(_ *execCtx, client string, d *propDef, v *propValue) *SQLError {
	uris := v.list
	if d.typ != typList {
		if v.s == "" && client == clientTableauDesktop || v.s == "" && client == clientTableauServer {
			return nil // Tableau does not use a redirect URI
		}
		uris = []string{v.s}
	}
	for _, u := range uris {
		if !absoluteURI(u) {
			return errInvalidProperty(u, d.name)
		}
	}
	return nil
}

func absoluteURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "" || u.Path != "")
}

func fingerprintOf(prop string) func(*execCtx, *Integration) string {
	return func(_ *execCtx, in *Integration) string {
		fp, _ := keyFingerprint(in.Props[prop])
		return fp
	}
}
