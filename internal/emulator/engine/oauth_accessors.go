package engine

// Read-only accessors for the OAuth authorization server (package oauthserver). Each takes the
// engine's lock, so the server sees the catalog as of one statement boundary.

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

// OAuthUser is what the OAuth server needs to know about a user found by stored name.
type OAuthUser struct {
	Name          string
	LoginName     string
	DefaultRole   string
	Disabled      bool
	NetworkPolicy string
}

// OAuthUserByName finds a user by stored name (tokens remember the stored name, not the login name).
func (e *Engine) OAuthUserByName(name string) (OAuthUser, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	u, ok := e.cat.Users[name]
	if !ok {
		return OAuthUser{}, false
	}
	return OAuthUser{Name: u.Name, LoginName: u.LoginName, DefaultRole: u.DefaultRole, Disabled: u.Disabled,
		NetworkPolicy: u.NetworkPolicy}, true
}
