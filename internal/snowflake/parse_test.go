package snowflake

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// describeRows is the sheet's section 3.3 example (custom client), plus newer rows and one unknown row.
func describeTable() table {
	rows := [][4]string{
		{"OAUTH_CLIENT_TYPE", "String", "CONFIDENTIAL", "CONFIDENTIAL"},
		{"OAUTH_REDIRECT_URI", "String", "https://app.example.com/cb", ""},
		{"ENABLED", "Boolean", "true", "true"},
		{"OAUTH_ALLOW_NON_TLS_REDIRECT_URI", "Boolean", "false", "false"},
		{"OAUTH_ENFORCE_PKCE", "Boolean", "false", "false"},
		{"OAUTH_USE_SECONDARY_ROLES", "String", "NONE", "NONE"},
		{"PRE_AUTHORIZED_ROLES_LIST", "List", "ANALYST", "[]"},
		{"ALLOWED_ROLES_LIST", "List", "", "[]"},
		{"BLOCKED_ROLES_LIST", "List", "ACCOUNTADMIN,SECURITYADMIN,SYSADMIN", "[]"},
		{"OAUTH_ISSUE_REFRESH_TOKENS", "Boolean", "true", "true"},
		{"OAUTH_REFRESH_TOKEN_VALIDITY", "Long", "7776000", "7776000"},
		{"OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", "Boolean", "false", "false"},
		{"NETWORK_POLICY", "String", "test_ABC", ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", "SHA256:MRItnbO/abcdefghijklmnopqrstuvwxyz0123456=", ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", "", ""},
		{"COMMENT", "String", "demo", ""},
		{"OAUTH_CLIENT_ID", "String", "WP3jEvdWUFFYkm69qmhsfOgqBcI=", ""},
		{"OAUTH_AUTHORIZATION_ENDPOINT", "String", "https://acct.snowflakecomputing.com/oauth/authorize", ""},
		{"OAUTH_TOKEN_ENDPOINT", "String", "https://acct.snowflakecomputing.com/oauth/token-request", ""},
		{"OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS", "List", "https://acct.snowflakecomputing.com/oauth/authorize,https://org-acct.snowflakecomputing.com/oauth/authorize", "[]"},
		{"OAUTH_ALLOWED_TOKEN_ENDPOINTS", "List", "[https://acct.snowflakecomputing.com/oauth/token-request, https://org-acct.snowflakecomputing.com/oauth/token-request]", "[]"},
		{"USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT", "Boolean", "false", "false"},
		{"OAUTH_ACCESS_TOKEN_VALIDITY", "Long", "", "600"},
		{"OAUTH_ALTERNATE_REDIRECT_URIS", "List", "[https://a.example/cb, https://b.example/cb]", "[]"},
		{"OAUTH_ANY_ROLE_MODE", "String", "DISABLE", "DISABLE"},
		{"OAUTH_ENABLE_ROLE_SELECTION", "Boolean", "true", "false"},
		{"IS_AGENTIC", "Boolean", "false", "false"},
		{"SOME_FUTURE_PROPERTY", "String", "x", ""},
	}
	t := table{Columns: []string{"property", "property_type", "property_value", "property_default"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r[0], r[1], r[2], r[3]})
	}
	return t
}

func names(ids []Identifier) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.Name()
	}
	return out
}

func TestParseIntegrationDescription(t *testing.T) {
	d, err := parseIntegrationDescription(MustParseIdentifier("my_app"), describeTable())
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"name", d.Name.Name(), "MY_APP"},
		{"client type", d.OAuthClientType, "CONFIDENTIAL"},
		{"redirect", d.RedirectURI, "https://app.example.com/cb"},
		{"enabled", d.Enabled, true},
		{"non-tls", d.AllowNonTLSRedirectURI, false},
		{"pkce", d.EnforcePKCE, false},
		{"secondary", d.UseSecondaryRoles, "NONE"},
		{"pre", names(d.PreAuthorizedRoles), []string{"ANALYST"}},
		{"allowed", names(d.AllowedRoles), []string{}},
		{"blocked", names(d.BlockedRoles), []string{"ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN"}},
		{"refresh tokens", d.IssueRefreshTokens, true},
		{"refresh validity", d.RefreshTokenValidity, int64(7776000)},
		{"access validity from default", d.AccessTokenValidity, int64(600)},
		{"single use", d.SingleUseRefreshTokensRequired, false},
		{"network policy", d.NetworkPolicy.Name(), "test_ABC"},
		{"fp", d.RSAPublicKeyFP, "SHA256:MRItnbO/abcdefghijklmnopqrstuvwxyz0123456="},
		{"fp2", d.RSAPublicKey2FP, ""},
		{"comment", d.Comment, "demo"},
		{"client id", d.ClientID, "WP3jEvdWUFFYkm69qmhsfOgqBcI="},
		{"authz", d.AuthorizationEndpoint, "https://acct.snowflakecomputing.com/oauth/authorize"},
		{"token", d.TokenEndpoint, "https://acct.snowflakecomputing.com/oauth/token-request"},
		{"allowed authz", d.AllowedAuthorizationEndpoints, []string{"https://acct.snowflakecomputing.com/oauth/authorize", "https://org-acct.snowflakecomputing.com/oauth/authorize"}},
		{"allowed token", d.AllowedTokenEndpoints, []string{"https://acct.snowflakecomputing.com/oauth/token-request", "https://org-acct.snowflakecomputing.com/oauth/token-request"}},
		{"alternates", d.AlternateRedirectURIs, []string{"https://a.example/cb", "https://b.example/cb"}},
		{"any role", d.AnyRoleMode, "DISABLE"},
		{"role selection", d.EnableRoleSelection, true},
		{"agentic", d.IsAgentic, false},
		{"privatelink", d.UsePrivatelinkForAuthEndpoint, false},
		{"unknown", d.UnknownProperties(), []string{"SOME_FUTURE_PROPERTY"}},
		{"unknown kept", d.Properties["SOME_FUTURE_PROPERTY"], Property{Name: "SOME_FUTURE_PROPERTY", Type: "String", Value: "x"}},
		{"has", d.Has(PropIsAgentic), true},
		{"kind", d.Kind, ""},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v; want %#v", c.what, c.got, c.want)
		}
	}
}

func TestParseIntegrationDescriptionEdges(t *testing.T) {
	// Columns in another order, upper-case names, a missing row and an empty network policy.
	tb := table{Columns: []string{"PROPERTY_DEFAULT", "PROPERTY_VALUE", "PROPERTY", "PROPERTY_TYPE"}, Rows: [][]any{
		{"[]", "", "BLOCKED_ROLES_LIST", "List"},
		{"", "", "NETWORK_POLICY", "String"},
		{"7776000", "12345", "OAUTH_REFRESH_TOKEN_VALIDITY", "Integer"},
		{"[]", "[]", "OAUTH_ALTERNATE_REDIRECT_URIS", "List"},
		{"[]", `Legacy App,"Mixed"`, "ALLOWED_ROLES_LIST", "List"},
	}}
	d, err := parseIntegrationDescription(NewIdentifier("X"), tb)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.BlockedRoles) != 0 || d.BlockedRoles == nil || !d.NetworkPolicy.IsZero() || d.RefreshTokenValidity != 12345 ||
		len(d.AlternateRedirectURIs) != 0 || d.Has(PropIsAgentic) || d.IsAgentic {
		t.Errorf("unexpected description: %+v", d)
	}
	if got := names(d.AllowedRoles); !reflect.DeepEqual(got, []string{"Legacy App", `"Mixed"`}) {
		t.Errorf("allowed roles taken exactly = %q", got)
	}

	bad := table{Columns: []string{"property", "property_type", "property_value", "property_default"}, Rows: [][]any{{"ENABLED", "Boolean", "maybe", "true"}}}
	if _, err := parseIntegrationDescription(NewIdentifier("X"), bad); err == nil || !strings.Contains(err.Error(), "ENABLED") {
		t.Errorf("invalid boolean error = %v; want one naming ENABLED", err)
	}
	badInt := table{Columns: bad.Columns, Rows: [][]any{{"OAUTH_ACCESS_TOKEN_VALIDITY", "Long", "ten", ""}}}
	if _, err := parseIntegrationDescription(NewIdentifier("X"), badInt); err == nil || !strings.Contains(err.Error(), "OAUTH_ACCESS_TOKEN_VALIDITY") {
		t.Errorf("invalid integer error = %v", err)
	}
	if _, err := parseIntegrationDescription(NewIdentifier("X"), table{Columns: []string{"name", "value"}}); err == nil || !strings.Contains(err.Error(), `"property"`) {
		t.Errorf("missing column error = %v", err)
	}
}

func TestOAuthClient(t *testing.T) {
	for kind, want := range map[string]string{"OAUTH - CUSTOM": "CUSTOM", "OAUTH - TABLEAU_DESKTOP": "TABLEAU_DESKTOP", "EXTERNAL_OAUTH - CUSTOM": "", "": "", "SAML2": ""} {
		d := IntegrationDescription{Kind: kind}
		if got := d.OAuthClient(); got != want {
			t.Errorf("OAuthClient(%q) = %q; want %q", kind, got, want)
		}
	}
}

func TestParseIntegrationSummaries(t *testing.T) {
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tb := table{Columns: []string{"name", "type", "category", "enabled", "comment", "created_on"}, Rows: [][]any{
		{"MY_APP", "OAUTH - CUSTOM", "SECURITY", "true", nil, created},
		{"my_app", "OAUTH - LOOKER", "SECURITY", false, "c", created},
	}}
	got, err := parseIntegrationSummaries(tb)
	if err != nil {
		t.Fatal(err)
	}
	want := []IntegrationSummary{
		{Name: NewIdentifier("MY_APP"), Type: "OAUTH - CUSTOM", Category: "SECURITY", Enabled: true, CreatedOn: created},
		{Name: NewIdentifier("my_app"), Type: "OAUTH - LOOKER", Category: "SECURITY", Enabled: false, Comment: "c", CreatedOn: created},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestParseNetworkPolicy(t *testing.T) {
	show := table{Columns: []string{"created_on", "name", "comment", "entries_in_allowed_ip_list"}, Rows: [][]any{
		{"2026-01-01 00:00:00.000 -0000", "OFFICE_NP", "other", "1"},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "office_np", "office", "1"},
	}}
	np, ok, err := parseNetworkPolicyShow(MustParseIdentifier(`"office_np"`), show)
	if err != nil || !ok || np.Comment != "office" {
		t.Fatalf("show: %+v %v %v", np, ok, err)
	}
	if _, ok, _ := parseNetworkPolicyShow(MustParseIdentifier("other"), show); ok {
		t.Error("found a policy SHOW did not list")
	}
	desc := table{Columns: []string{"name", "value"}, Rows: [][]any{
		{"ALLOWED_IP_LIST", "125.0.0.1,124.0.0.1"},
		{"BLOCKED_NETWORK_RULE_LIST", `[{"fullyQualifiedRuleName":"DB.SC.RULE"},{"fullyQualifiedRuleName":"DB.SC.\"r2\""}]`},
	}}
	if err := applyNetworkPolicyDescribe(np, desc); err != nil {
		t.Fatal(err)
	}
	want := &NetworkPolicy{Name: NewIdentifier("office_np"), Comment: "office", CreatedOn: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		AllowedIPs: []string{"125.0.0.1", "124.0.0.1"}, BlockedIPs: []string{},
		AllowedNetworkRules: []string{}, BlockedNetworkRules: []string{"DB.SC.RULE", `DB.SC."r2"`}}
	if !reflect.DeepEqual(np, want) {
		t.Errorf("got %+v\nwant %+v", np, want)
	}
	bad := table{Columns: []string{"name", "value"}, Rows: [][]any{{"ALLOWED_NETWORK_RULE_LIST", `[{"fully`}}}
	if err := applyNetworkPolicyDescribe(np, bad); err == nil {
		t.Error("broken rule JSON accepted")
	}
}

func TestParseDelegatedAuthorizations(t *testing.T) {
	ts := time.Date(2018, 11, 27, 15, 43, 10, 914000000, time.UTC)
	tb := table{Columns: []string{"created_on", "user_name", "role_name", "integration_name", "integration_status"}, Rows: [][]any{
		{ts, "JANE.SMITH", "CUSTOM1", "MYINT", "ENABLED"},
		{"2018-11-27 07:43:10.914 -0800", "jane", "R", "I", "DISABLED"},
		{"1543333390.914000000", "x", "R", "I", "ENABLED"},
	}}
	got, err := parseDelegatedAuthorizations(tb)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].User.Name() != "JANE.SMITH" || got[0].Role.Name() != "CUSTOM1" || got[0].Integration.Name() != "MYINT" || got[0].IntegrationStatus != "ENABLED" {
		t.Fatalf("got %+v", got)
	}
	for i, g := range got {
		if !g.CreatedOn.Equal(ts) {
			t.Errorf("row %d created_on = %v; want %v", i, g.CreatedOn, ts)
		}
	}
	tb.Rows = [][]any{{"yesterday", "a", "b", "c", "ENABLED"}}
	if _, err := parseDelegatedAuthorizations(tb); err == nil {
		t.Error("bad timestamp accepted")
	}
	empty, err := parseDelegatedAuthorizations(table{Columns: tb.Columns})
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("empty result = %v, %v; want an empty non-nil list", empty, err)
	}
}

func TestParseClientSecrets(t *testing.T) {
	col := []string{"SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('MY_APP')"}
	tb := table{Columns: col, Rows: [][]any{{`{"OAUTH_CLIENT_SECRET_2":"s2+/=","OAUTH_CLIENT_SECRET":"s1+/=","OAUTH_CLIENT_ID":"id+/="}`}}}
	s, err := parseClientSecrets(tb)
	if err != nil || s != (ClientSecrets{ClientID: "id+/=", ClientSecret: "s1+/=", ClientSecret2: "s2+/="}) {
		t.Fatalf("got %#v, %v", s, err)
	}
	for _, printed := range []string{s.String(), s.GoString()} {
		if strings.Contains(printed, "s1+/=") || strings.Contains(printed, "s2+/=") || !strings.Contains(printed, "id+/=") {
			t.Errorf("printed form %q leaks a secret or hides the id", printed)
		}
	}
	leaky := table{Columns: col, Rows: [][]any{{`{"OAUTH_CLIENT_SECRET":"topsecret"`}}}
	if _, err := parseClientSecrets(leaky); err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("broken JSON error = %v; want an error without the secret", err)
	}
	if _, err := parseClientSecrets(table{Columns: col}); err == nil {
		t.Error("no row accepted")
	}
}

func TestParsePrivilegedRolesBlocked(t *testing.T) {
	cols := []string{"key", "value", "default", "level", "description", "type"}
	for v, want := range map[string]bool{"false": false, "true": true, "FALSE": false} {
		tb := table{Columns: cols, Rows: [][]any{
			{"OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LISTX", "true", "true", "", "", "BOOLEAN"},
			{ParamPrivilegedRolesBlocked, v, "true", "ACCOUNT", "", "BOOLEAN"},
		}}
		if got, err := parsePrivilegedRolesBlocked(tb); err != nil || got != want {
			t.Errorf("value %q: got %v, %v", v, got, err)
		}
	}
	if got, err := parsePrivilegedRolesBlocked(table{Columns: cols}); err != nil || !got {
		t.Errorf("absent row: got %v, %v; want the default true", got, err)
	}
}
