package engine

import (
	"sort"
	"strconv"
	"strings"
)

// Typed, read-only views of the catalog for the login paths: the wire layer (password, key-pair, PAT
// and OAuth logins) and the OAuth authorization server (package oauthserver). Each accessor takes the
// engine's lock, so a caller sees the catalog as of one statement boundary, and returns copies.
//
// The OAuth server never reads Integration.Props by string key: OAuthClient names every property it
// acts on as a typed field, filled here from the property table's DESCRIBE names (oauthClientProps), so
// a misspelt name is a compile error in the server and a failing test here, not a silent "".

// localAppName is the built-in integration of Snowflake OAuth for local applications
// (https://docs.snowflake.com/en/user-guide/oauth-local-applications), and localAppClientID the client
// id (and client secret) the drivers send for it.
const (
	localAppName     = "SNOWFLAKE$LOCAL_APPLICATION"
	localAppClientID = "LOCAL_APPLICATION"
)

// OAuthClientKind is the kind of OAuth client an integration registers.
type OAuthClientKind string

// The client kinds: OAUTH_CLIENT's values, plus Snowflake's built-in local-application client.
const (
	ClientCustom           OAuthClientKind = clientCustom
	ClientTableauDesktop   OAuthClientKind = clientTableauDesktop
	ClientTableauServer    OAuthClientKind = clientTableauServer
	ClientLooker           OAuthClientKind = clientLooker
	ClientLocalApplication OAuthClientKind = "LOCAL_APPLICATION"
)

// OAUTH_ANY_ROLE_MODE values (https://docs.snowflake.com/en/sql-reference/sql/create-security-integration-oauth-snowflake).
const (
	AnyRoleDisable            = "DISABLE"
	AnyRoleEnable             = "ENABLE"
	AnyRoleEnableForPrivilege = "ENABLE_FOR_PRIVILEGE"
)

// OAuthClient is what the OAuth server knows about one Snowflake OAuth integration. Role lists hold
// stored role names of roles that still exist.
type OAuthClient struct {
	Name     string
	Kind     OAuthClientKind
	ClientID string
	// Secrets are the client secrets that authenticate the client now (OAUTH_CLIENT_SECRET and
	// OAUTH_CLIENT_SECRET_2; for the local application the literal LOCAL_APPLICATION).
	Secrets []string
	Enabled bool
	Public  bool // OAUTH_CLIENT_TYPE = PUBLIC: the client may authenticate with its id alone

	RedirectURI           string   // OAUTH_REDIRECT_URI ("" for Tableau, whose URI Snowflake knows)
	AlternateRedirectURIs []string // OAUTH_ALTERNATE_REDIRECT_URIS
	EnforcePKCE           bool     // OAUTH_ENFORCE_PKCE (always true for the local application)

	PreAuthorizedRoles []string // PRE_AUTHORIZED_ROLES_LIST
	AllowedRoles       []string // ALLOWED_ROLES_LIST (empty = every role not blocked)

	IssueRefreshTokens     bool  // OAUTH_ISSUE_REFRESH_TOKENS
	SingleUseRefreshTokens bool  // OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED
	AccessTokenValidity    int64 // OAUTH_ACCESS_TOKEN_VALIDITY in seconds (0 = unreadable)
	RefreshTokenValidity   int64 // OAUTH_REFRESH_TOKEN_VALIDITY in seconds (0 = unreadable)
	NetworkPolicy          string

	AnyRoleMode              string // OAUTH_ANY_ROLE_MODE: AnyRoleDisable, AnyRoleEnable or AnyRoleEnableForPrivilege
	RoleSelection            bool   // OAUTH_ENABLE_ROLE_SELECTION
	Agentic                  bool   // IS_AGENTIC
	PrivatelinkAuthorization bool   // USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT
}

// IsCustom reports whether the client is a custom client (OAUTH_CLIENT = CUSTOM).
func (c OAuthClient) IsCustom() bool { return c.Kind == ClientCustom }

// oauthClientProps are the DESCRIBE names OAuthClient is built from; a test checks that each one is
// in the property table, so a typo cannot silently read "".
var oauthClientProps = struct {
	enabled, clientType, redirectURI, alternates, enforcePKCE, preAuthorized, allowed, issueRefresh,
	singleUse, accessValidity, refreshValidity, networkPolicy, anyRoleMode, roleSelection, agentic,
	privatelink string
}{
	enabled: "ENABLED", clientType: "OAUTH_CLIENT_TYPE", redirectURI: "OAUTH_REDIRECT_URI",
	alternates: "OAUTH_ALTERNATE_REDIRECT_URIS", enforcePKCE: "OAUTH_ENFORCE_PKCE",
	preAuthorized: "PRE_AUTHORIZED_ROLES_LIST", allowed: "ALLOWED_ROLES_LIST",
	issueRefresh: "OAUTH_ISSUE_REFRESH_TOKENS", singleUse: "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED",
	accessValidity: "OAUTH_ACCESS_TOKEN_VALIDITY", refreshValidity: "OAUTH_REFRESH_TOKEN_VALIDITY",
	networkPolicy: "NETWORK_POLICY", anyRoleMode: "OAUTH_ANY_ROLE_MODE",
	roleSelection: "OAUTH_ENABLE_ROLE_SELECTION", agentic: "IS_AGENTIC",
	privatelink: "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT",
}

// OAuthClientByID finds the integration a client id belongs to. LOCAL_APPLICATION is the built-in
// SNOWFLAKE$LOCAL_APPLICATION integration when the account has it.
func (e *Engine) OAuthClientByID(clientID string) (OAuthClient, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if clientID == "" {
		return OAuthClient{}, false
	}
	if clientID == localAppClientID {
		in := e.cat.Integrations[localAppName]
		if in == nil {
			return OAuthClient{}, false
		}
		return e.cat.localApplicationClient(in), true
	}
	in := e.cat.integrationByClientID(clientID)
	if in == nil {
		return OAuthClient{}, false
	}
	return e.cat.oauthClient(in), true
}

// oauthClient builds the typed view of a custom or partner integration.
func (c *catalog) oauthClient(in *Integration) OAuthClient {
	p := oauthClientProps
	return OAuthClient{
		Name: in.Name, Kind: OAuthClientKind(in.Client), ClientID: in.ClientID,
		Secrets: nonEmpty(in.ClientSecret, in.ClientSecret2),
		Enabled: in.Props[p.enabled] == "true", Public: in.Props[p.clientType] == "PUBLIC",
		RedirectURI: in.Props[p.redirectURI], AlternateRedirectURIs: append([]string{}, in.Lists[p.alternates]...),
		EnforcePKCE:              in.Props[p.enforcePKCE] == "true",
		PreAuthorizedRoles:       liveRoles(c, in.Lists[p.preAuthorized]),
		AllowedRoles:             liveRoles(c, in.Lists[p.allowed]),
		IssueRefreshTokens:       in.Props[p.issueRefresh] == "true",
		SingleUseRefreshTokens:   in.Props[p.singleUse] == "true",
		AccessTokenValidity:      positiveInt(in.Props[p.accessValidity]),
		RefreshTokenValidity:     positiveInt(in.Props[p.refreshValidity]),
		NetworkPolicy:            in.Props[p.networkPolicy],
		AnyRoleMode:              anyRoleMode(in.Props[p.anyRoleMode]),
		RoleSelection:            in.Props[p.roleSelection] == "true",
		Agentic:                  in.Props[p.agentic] == "true",
		PrivatelinkAuthorization: in.Props[p.privatelink] == "true",
	}
}

// localApplicationClient is the built-in integration as its documentation describes the client: a
// public client whose id and secret are both LOCAL_APPLICATION, loopback redirect URIs (checked by the
// OAuth server, so none is registered here) and PKCE on every request. Its settable parameters (ENABLED,
// the refresh-token switches and both validities) and the network policy come from the catalog.
func (c *catalog) localApplicationClient(in *Integration) OAuthClient {
	out := c.oauthClient(in)
	out.Kind, out.ClientID = ClientLocalApplication, localAppClientID
	out.Secrets, out.Public, out.EnforcePKCE = []string{localAppClientID}, true, true
	out.RedirectURI, out.AlternateRedirectURIs, out.PreAuthorizedRoles = "", nil, nil
	out.AnyRoleMode, out.RoleSelection, out.Agentic = AnyRoleDisable, false, false
	return out
}

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func positiveInt(s string) int64 {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return n
	}
	return 0
}

// anyRoleMode normalises OAUTH_ANY_ROLE_MODE ("" or unknown = DISABLE, Snowflake's default).
func anyRoleMode(v string) string {
	switch v = strings.ToUpper(v); v {
	case AnyRoleEnable, AnyRoleEnableForPrivilege:
		return v
	}
	return AnyRoleDisable
}

// OAuthClientLive reports whether the integration a grant was made through still exists under name
// with the same client id (OR REPLACE issues a new one) and is enabled, and returns its view.
func (e *Engine) OAuthClientLive(name, clientID string) (OAuthClient, bool) {
	c, ok := e.OAuthClientByID(clientID)
	if !ok || c.Name != name || !c.Enabled {
		return OAuthClient{}, false
	}
	return c, true
}

// AccountNetworkPolicy returns the stored name of the account's active network policy ("" = none).
func (e *Engine) AccountNetworkPolicy() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cat.AccountNetworkPolicy
}

// OAuthRoleBlocked reports whether role (a stored name) may not be consented to or used through the
// integration: it is in the effective BLOCKED_ROLES_LIST (as DESCRIBE shows it) or, while
// OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is TRUE, is one of the privileged roles the docs name
// (ACCOUNTADMIN, SECURITYADMIN, ORGADMIN, GLOBALORGADMIN). An unknown integration blocks everything.
func (e *Engine) OAuthRoleBlocked(integration, role string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	in := e.cat.Integrations[integration]
	if in == nil {
		return true
	}
	return e.cat.daRoleBlocked(in, role)
}

// LoginUser is the one view of a user that the login paths share: the wire layer (found by login
// name) and the OAuth server (found by stored name, since tokens remember the stored name).
type LoginUser struct {
	Name          string
	LoginName     string
	DefaultRole   string
	Disabled      bool
	RSAPublicKeys []string // base64 DER SubjectPublicKeyInfo, 0 to 2 entries
	NetworkPolicy string
}

func loginUserOf(u *User) LoginUser {
	return LoginUser{Name: u.Name, LoginName: u.LoginName, DefaultRole: u.DefaultRole, Disabled: u.Disabled,
		RSAPublicKeys: nonEmpty(u.RSAPublicKey, u.RSAPublicKey2), NetworkPolicy: u.NetworkPolicy}
}

// LookupUser finds a user by login name; unquoted login names are case-insensitive in Snowflake.
func (e *Engine) LookupUser(loginName string) (LoginUser, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	u := e.cat.findLogin(loginName)
	if u == nil {
		return LoginUser{}, false
	}
	return loginUserOf(u), true
}

// UserByName finds a user by stored name.
func (e *Engine) UserByName(name string) (LoginUser, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	u, ok := e.cat.Users[name]
	if !ok {
		return LoginUser{}, false
	}
	return loginUserOf(u), true
}

func (c *catalog) findLogin(loginName string) *User {
	for _, u := range c.Users {
		if strings.EqualFold(u.LoginName, loginName) {
			return u
		}
	}
	return nil
}

// OAuthSession is what an OAuth access token allows a session to do beyond its starting role
// (https://docs.snowflake.com/en/user-guide/oauth-custom): by default USE ROLE can only name the token's
// role; with the session:role-any scope (OAUTH_ANY_ROLE_MODE) any role the user holds that the
// integration does not block; with role selection (OAUTH_ENABLE_ROLE_SELECTION) the consented roles.
type OAuthSession struct {
	Integration string   // stored name of the integration the token was issued through
	Roles       []string // the roles the token grants (stored names; the first is the starting role)
	AnyRole     bool     // session:role-any was granted
	Agentic     bool     // the integration has IS_AGENTIC = TRUE: IS_AGENT_ACTIVATED() is TRUE
}

// oauthRoleSwitch checks USE ROLE role in an OAuth session; nil when the session allows it. The error
// text is the emulator's own: Snowflake's is not documented.
func (x *execCtx) oauthRoleSwitch(role string) *SQLError {
	o := x.s.OAuth
	if o == nil || contains(o.Roles, role) {
		return nil
	}
	if o.AnyRole {
		in := x.cat.Integrations[o.Integration]
		if in != nil && !x.cat.daRoleBlocked(in, role) {
			return nil
		}
	}
	return &SQLError{"003013", "42501", "SQL execution error:\nRole '" + displayName(role) +
		"' cannot be activated in this session: the OAuth access token does not grant it."}
}

// isAgentActivated is IS_AGENT_ACTIVATED(): TRUE in sessions opened with a token of an IS_AGENTIC
// integration (https://docs.snowflake.com/en/sql-reference/sql/alter-security-integration-oauth-snowflake).
func isAgentActivated(x *execCtx) *string {
	return str(strconv.FormatBool(x.s.OAuth != nil && x.s.OAuth.Agentic))
}

// UserRoles lists, sorted, every role the user holds directly or through the hierarchy (PUBLIC
// included): the roles a role-selection consent page can offer.
func (e *Engine) UserRoles(user string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for name := range e.cat.Roles {
		if e.cat.userHasRole(user, name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
