package snowflake

import (
	"errors"
	"strings"
	"testing"

	gosnowflake "github.com/snowflakedb/gosnowflake/v2"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/conformance"
)

// The provider's parsers run on the response shapes recorded from Snowflake (internal/conformance),
// not only on what the emulator returns.

func corpus(t *testing.T) conformance.Corpus {
	t.Helper()
	c, err := conformance.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func recorded(t *testing.T, c conformance.Corpus, file string) table {
	t.Helper()
	for _, r := range c.Results {
		if r.File == file {
			tb := table{Columns: r.Columns}
			for _, row := range r.Rows {
				cells := make([]any, len(row))
				for i, v := range row {
					if v != nil {
						cells[i] = *v
					}
				}
				tb.Rows = append(tb.Rows, cells)
			}
			return tb
		}
	}
	t.Fatalf("no recorded result %s", file)
	return table{}
}

func TestParseRecordedCustomClientDescribe(t *testing.T) {
	c := corpus(t)
	d, err := parseIntegrationDescription(MustParseIdentifier("MY_APP"), recorded(t, c, "describe_custom_client.json"))
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case d.OAuthClientType != ClientTypeConfidential, d.RedirectURI != "https://app.example.com/cb", !d.Enabled,
		d.AllowNonTLSRedirectURI, d.EnforcePKCE, d.UseSecondaryRoles != SecondaryRolesNone, !d.IssueRefreshTokens,
		d.RefreshTokenValidity != 7776000, d.Comment != "demo":
		t.Errorf("scalars misread: %+v", d)
	}
	if !SameIdentifierSet(d.PreAuthorizedRoles, ids("analyst")) || len(d.AllowedRoles) != 0 ||
		!SameIdentifierSet(d.BlockedRoles, ids("ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN")) {
		t.Errorf("role lists misread: %v / %v / %v", d.PreAuthorizedRoles, d.AllowedRoles, d.BlockedRoles)
	}
	if d.NetworkPolicy.Name() != "MY_NP" || !strings.HasPrefix(d.RSAPublicKeyFP, "SHA256:") || d.RSAPublicKey2FP != "" {
		t.Errorf("policy or fingerprints misread: %q %q %q", d.NetworkPolicy.Name(), d.RSAPublicKeyFP, d.RSAPublicKey2FP)
	}
	if d.ClientID == "" || !strings.HasSuffix(d.AuthorizationEndpoint, "/oauth/authorize") ||
		len(d.AllowedAuthorizationEndpoints) != 1 || len(d.AllowedTokenEndpoints) != 1 {
		t.Errorf("computed values misread: %+v", d)
	}
	if u := d.UnknownProperties(); len(u) != 0 {
		t.Errorf("rows the parser does not know: %v", u)
	}
	// Real outputs establish no OAUTH_ACCESS_TOKEN_VALIDITY row: the parser must say it is absent
	// rather than report 0 (the resources then keep the state value).
	if d.Has(PropAccessTokenValidity) || d.Has(PropIsAgentic) {
		t.Error("a property without a row is reported as present")
	}
}

func TestParseRecordedPartnerDescribes(t *testing.T) {
	c := corpus(t)
	for file, want := range map[string]struct {
		clientType string
		refresh    int64
		redirect   string
	}{
		"describe_tableau_desktop.json": {ClientTypePublic, 7776000, ""},
		"describe_tableau_server.json":  {"", 86400, ""},
		"describe_looker.json":          {ClientTypeConfidential, 3600, "http://example.com"},
	} {
		d, err := parseIntegrationDescription(MustParseIdentifier("P"), recorded(t, c, file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if d.OAuthClientType != want.clientType || d.RefreshTokenValidity != want.refresh || d.RedirectURI != want.redirect ||
			!d.Enabled || !SameIdentifierSet(d.BlockedRoles, ids("ACCOUNTADMIN", "SECURITYADMIN")) || !d.NetworkPolicy.IsZero() {
			t.Errorf("%s misread: %+v", file, d)
		}
	}
}

func TestParseRecordedShows(t *testing.T) {
	c := corpus(t)
	s, err := parseIntegrationSummaries(recorded(t, c, "show_security_integrations.json"))
	if err != nil || len(s) != 1 {
		t.Fatalf("%v %v", s, err)
	}
	if s[0].Name.Name() != "MY_APP" || s[0].Type != "OAUTH - CUSTOM" || !s[0].Enabled || s[0].Comment != "demo" || s[0].CreatedOn.IsZero() {
		t.Errorf("SHOW SECURITY INTEGRATIONS misread: %+v", s[0])
	}
	np, ok, err := parseNetworkPolicyShow(MustParseIdentifier("OFFICE_NP"), recorded(t, c, "show_network_policies.json"))
	if err != nil || !ok || np.Comment != "" || np.CreatedOn.IsZero() {
		t.Fatalf("SHOW NETWORK POLICIES misread: %+v %v %v", np, ok, err)
	}
	if err := applyNetworkPolicyDescribe(np, recorded(t, c, "describe_network_policy.json")); err != nil {
		t.Fatal(err)
	}
	if strings.Join(np.AllowedIPs, " ") != "125.0.0.1 124.0.0.1" || strings.Join(np.BlockedIPs, " ") != "125.0.0.9" {
		t.Errorf("DESCRIBE NETWORK POLICY misread: %v / %v", np.AllowedIPs, np.BlockedIPs)
	}
	nr, ok, err := parseNetworkRuleDescribe(recorded(t, c, "describe_network_rule.json"))
	if err != nil || !ok || nr.Name.String() != "SECURITY_DB.NETWORK.OFFICE" || nr.Type != "IPV4" || nr.Mode != "INGRESS" ||
		nr.Comment != "" || strings.Join(nr.ValueList, " ") != "0.0.0.0 1.1.1.1" || nr.Owner != "ACCOUNTADMIN" {
		t.Errorf("DESCRIBE NETWORK RULE misread: %+v %v %v", nr, ok, err)
	}
	da, err := parseDelegatedAuthorizations(recorded(t, c, "show_delegated_authorizations.json"))
	if err != nil || len(da) != 1 {
		t.Fatalf("%v %v", da, err)
	}
	if da[0].User.Name() != "JANE" || da[0].Role.Name() != "CUSTOM1" || da[0].Integration.Name() != "MYINT" || da[0].CreatedOn.IsZero() {
		t.Errorf("SHOW DELEGATED AUTHORIZATIONS misread: %+v", da[0])
	}
}

func TestParseRecordedSecrets(t *testing.T) {
	c := corpus(t)
	for _, s := range c.Secrets {
		got, err := parseClientSecrets(table{Columns: []string{s.Statement}, Rows: [][]any{{s.Value}}})
		if err != nil {
			t.Fatal(err)
		}
		if got.ClientID != "WP3jEvdWUFFYkm69qmhsfOgqBcI=" || len(got.ClientSecret) != 44 || len(got.ClientSecret2) != 44 {
			t.Errorf("secrets misread: %v", got)
		}
	}
}

// TestClassifyRecordedErrors: Snowflake's real errors keep their code and get the kind the resources
// branch on.
func TestClassifyRecordedErrors(t *testing.T) {
	kinds := map[string]error{"not_found": ErrNotFound, "already_exists": ErrAlreadyExists, "in_use": ErrInUse,
		"invalid_value": ErrInvalidValue, "privileges": ErrInsufficientPrivileges, "syntax": nil}
	for _, rec := range corpus(t).Errors {
		msg := rec.Message
		if msg == "" {
			msg = "SQL compilation error:\nsyntax error line 1 at position 62 unexpected 'BOGUS_PROPERTY'."
		}
		var n int
		for _, ch := range rec.Code {
			n = n*10 + int(ch-'0')
		}
		e := classify("op", &gosnowflake.SnowflakeError{Number: n, SQLState: rec.SQLState, Message: msg})
		want, ok := kinds[rec.Kind]
		if !ok {
			t.Fatalf("%s: unknown kind %q", rec.Name, rec.Kind)
		}
		if e.Code != rec.Code || e.SQLState != rec.SQLState || !errors.Is(e, want) && want != nil || want == nil && e.Kind != nil {
			t.Errorf("%s: classified %s (%s) kind %v, want %s kind %v", rec.Name, e.Code, e.SQLState, e.Kind, rec.Code, want)
		}
		if !strings.Contains(e.Detail(), rec.Code) {
			t.Errorf("%s: detail %q loses the code", rec.Name, e.Detail())
		}
	}
}
