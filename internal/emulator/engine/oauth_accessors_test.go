package engine

import (
	"reflect"
	"slices"
	"testing"
)

// TestOAuthClientPropsAreDescribeNames guards the typed view against typos: every property name the
// OAuth server's view is built from is a row of the integration property table.
func TestOAuthClientPropsAreDescribeNames(t *testing.T) {
	v := reflect.ValueOf(oauthClientProps)
	for i := 0; i < v.NumField(); i++ {
		name := v.Field(i).String()
		if propByName[name] == nil {
			t.Errorf("oauthClientProps.%s = %q is not an integration property", v.Type().Field(i).Name, name)
		}
	}
}

// TestOAuthClientByID checks the typed view of a custom and a partner integration against the SQL that
// set them, defaults included, and that role lists drop roles that no longer exist.
func TestOAuthClientByID(t *testing.T) {
	e, s := newTestEngine()
	for _, q := range []string{
		"CREATE ROLE ANALYST", "CREATE ROLE GONE", "CREATE NETWORK POLICY NP ALLOWED_IP_LIST = ('10.0.0.1')",
		`CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC'
		 OAUTH_REDIRECT_URI = 'https://app.example.com/cb' OAUTH_ALTERNATE_REDIRECT_URIS = ('https://alt.example.com/cb')
		 OAUTH_ENFORCE_PKCE = TRUE PRE_AUTHORIZED_ROLES_LIST = ('ANALYST', 'GONE') OAUTH_ISSUE_REFRESH_TOKENS = FALSE
		 OAUTH_ACCESS_TOKEN_VALIDITY = 900 OAUTH_ANY_ROLE_MODE = 'ENABLE_FOR_PRIVILEGE' OAUTH_ENABLE_ROLE_SELECTION = TRUE
		 IS_AGENTIC = TRUE USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT = TRUE NETWORK_POLICY = 'NP'`,
		"CREATE SECURITY INTEGRATION TAB TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP ENABLED = FALSE",
		"DROP ROLE GONE",
	} {
		mustExec(t, e, s, q)
	}
	app, ok := e.OAuthClientByID(e.cat.Integrations["APP"].ClientID)
	if !ok {
		t.Fatal("APP not found by its client id")
	}
	want := OAuthClient{
		Name: "APP", Kind: ClientCustom, ClientID: e.cat.Integrations["APP"].ClientID,
		Secrets: []string{e.cat.Integrations["APP"].ClientSecret, e.cat.Integrations["APP"].ClientSecret2},
		Enabled: true, Public: true, RedirectURI: "https://app.example.com/cb",
		AlternateRedirectURIs: []string{"https://alt.example.com/cb"}, EnforcePKCE: true,
		PreAuthorizedRoles: []string{"ANALYST"}, AllowedRoles: []string{}, IssueRefreshTokens: false,
		AccessTokenValidity: 900, RefreshTokenValidity: 7776000, NetworkPolicy: "NP",
		AnyRoleMode: AnyRoleEnableForPrivilege, RoleSelection: true, Agentic: true, PrivatelinkAuthorization: true,
	}
	if !reflect.DeepEqual(app, want) {
		t.Errorf("APP view:\n got %+v\nwant %+v", app, want)
	}
	tab, ok := e.OAuthClientByID(e.cat.Integrations["TAB"].ClientID)
	if !ok || tab.Kind != ClientTableauDesktop || tab.Enabled || !tab.Public || tab.IsCustom() ||
		tab.AnyRoleMode != AnyRoleDisable || tab.RefreshTokenValidity == 0 || !tab.IssueRefreshTokens {
		t.Errorf("TAB view = %+v, %v", tab, ok)
	}
	if _, ok := e.OAuthClientByID(""); ok {
		t.Error("the empty client id found an integration")
	}
	if _, ok := e.OAuthClientByID(localAppClientID); ok && e.cat.Integrations[localAppName] == nil {
		t.Error("LOCAL_APPLICATION found without the built-in integration")
	}
	if _, ok := e.OAuthClientLive("TAB", tab.ClientID); ok {
		t.Error("a disabled integration is live")
	}
	if _, ok := e.OAuthClientLive("OTHER", app.ClientID); ok {
		t.Error("a client id under another name is live")
	}
}

// TestUserViews: one user view, found by login name (case-insensitive) or by stored name (exact).
func TestUserViews(t *testing.T) {
	e, s := newTestEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY NP ALLOWED_IP_LIST = ('10.0.0.1')")
	mustExec(t, e, s, "CREATE USER JANE LOGIN_NAME = 'jane@example.com' DEFAULT_ROLE = PUBLIC NETWORK_POLICY = 'NP' DISABLED = TRUE")
	byLogin, ok := e.LookupUser("JANE@EXAMPLE.COM")
	if !ok {
		t.Fatal("LookupUser by login name failed")
	}
	byName, ok := e.UserByName("JANE")
	if !ok || !reflect.DeepEqual(byLogin, byName) {
		t.Fatalf("UserByName = %+v, %v; LookupUser = %+v", byName, ok, byLogin)
	}
	if byName.LoginName != "JANE@EXAMPLE.COM" && byName.LoginName != "jane@example.com" || !byName.Disabled ||
		byName.NetworkPolicy != "NP" || byName.DefaultRole != "PUBLIC" || len(byName.RSAPublicKeys) != 0 {
		t.Errorf("user view = %+v", byName)
	}
	if _, ok := e.UserByName("jane"); ok {
		t.Error("UserByName is not exact")
	}
	if !slices.Equal(nonEmpty("", "a", "", "b"), []string{"a", "b"}) {
		t.Error("nonEmpty")
	}
}
