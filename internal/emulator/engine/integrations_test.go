package engine

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/testkeys"
)

const integTestBaseURL = "http://127.0.0.1:8085"

// newIntegTestEngine returns an engine with roles R1..R3 and ANALYST, a non-empty policy NP, an empty
// policy EMPTY_NP and a lower-case policy lower_np, plus an ACCOUNTADMIN session.
func newIntegTestEngine(t *testing.T) (*Engine, *Session) {
	t.Helper()
	e := New(Options{AdminPassword: "pw", BaseURL: integTestBaseURL,
		Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	s := &Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}
	for _, r := range []string{"R1", "R2", "R3", "ANALYST"} {
		mustExec(t, e, s, "CREATE ROLE "+r)
	}
	// Network policies are inserted directly so these tests do not depend on netpolicies.go.
	for name, ips := range map[string][]string{"NP": {"10.0.0.0/8"}, "MY_NP": {"1.2.3.4"}, "lower_np": {"1.1.1.1"}, "EMPTY_NP": nil} {
		e.cat.NetworkPolicies[name] = &NetworkPolicy{Name: name, Owner: "ACCOUNTADMIN", AllowedIPList: ips}
	}
	return e, s
}

// integTestDescribe returns DESCRIBE rows as [property, type, value, default], checking the columns.
func integTestDescribe(t *testing.T, e *Engine, s *Session, name string) [][4]string {
	t.Helper()
	res := mustExec(t, e, s, "DESCRIBE SECURITY INTEGRATION "+name)
	wantShape(t, res, StatementDesc, "property:text,property_type:text,property_value:text,property_default:text")
	var out [][4]string
	for _, r := range res.Rows {
		var row [4]string
		for i, c := range r {
			if c == nil {
				t.Fatalf("DESCRIBE %s: NULL cell in %v", name, integTestRows(res))
			}
			row[i] = *c
		}
		out = append(out, row)
	}
	return out
}

func integTestProp(t *testing.T, rows [][4]string, prop string) [4]string {
	t.Helper()
	for _, r := range rows {
		if r[0] == prop {
			return r
		}
	}
	t.Fatalf("no DESCRIBE row %s", prop)
	return [4]string{}
}

// integTestWantProps asserts that rows hold each wanted [property, type, value, default] row; when
// names the step of the test the rows come from.
func integTestWantProps(t *testing.T, rows [][4]string, when string, want [][4]string) {
	t.Helper()
	for _, w := range want {
		if got := integTestProp(t, rows, w[0]); got != w {
			t.Errorf("%s: %s = %q, want %q", when, w[0], got, w)
		}
	}
}

// integTestWantValues asserts the property_value of each property in want.
func integTestWantValues(t *testing.T, rows [][4]string, want map[string]string) {
	t.Helper()
	for prop, val := range want {
		if got := integTestProp(t, rows, prop)[2]; got != val {
			t.Errorf("%s = %q, want %q", prop, got, val)
		}
	}
}

// integTestKey returns a fresh RSA public key as a base64 DER body and its fingerprint, computed
// independently of the engine.
func integTestKey(t *testing.T) (string, string) {
	k := testkeys.New(t)
	return k.Public, k.Fingerprint
}

var (
	integTestClientIDRe = regexp.MustCompile(`^[A-Za-z0-9+/]{27}=$`)
	integTestSecretRe   = regexp.MustCompile(`^[A-Za-z0-9+/]{43}=$`)
)

func TestIntegCreateTFSDKExactSQL(t *testing.T) {
	e, s := newIntegTestEngine(t)
	key1, fp1 := integTestKey(t)
	key2, fp2 := integTestKey(t)
	// Verbatim from the TF SDK (FIDELITY.md, "CREATE SECURITY INTEGRATION"): 42 is below every client's refresh-validity minimum,
	// so the statement parses to the end and then fails on that value.
	sdkSQL := `CREATE SECURITY INTEGRATION IF NOT EXISTS "NAME" TYPE = OAUTH OAUTH_CLIENT = CUSTOM
  OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'uri' ENABLED = true
  OAUTH_ALLOW_NON_TLS_REDIRECT_URI = true OAUTH_ENFORCE_PKCE = true OAUTH_USE_SECONDARY_ROLES = NONE
  PRE_AUTHORIZED_ROLES_LIST = ("R1") ALLOWED_ROLES_LIST = ("R2") BLOCKED_ROLES_LIST = ("R3")
  OAUTH_ISSUE_REFRESH_TOKENS = true OAUTH_REFRESH_TOKEN_VALIDITY = 42
  NETWORK_POLICY = '\"NP\"' OAUTH_CLIENT_RSA_PUBLIC_KEY = 'key' OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = 'key2' COMMENT = 'a'`
	integTestWantErr(t, e, s, sdkSQL, "001422", "22023", "SQL compilation error: invalid value 'uri' for property 'OAUTH_REDIRECT_URI'")
	sdkSQL = strings.Replace(sdkSQL, "'uri'", "'http://localhost:8080/cb'", 1)
	integTestWantErr(t, e, s, sdkSQL, "001422", "22023", "invalid value '42' for property 'OAUTH_REFRESH_TOKEN_VALIDITY'")
	sdkSQL = strings.Replace(sdkSQL, "= 42", "= 12345", 1)
	integTestWantErr(t, e, s, sdkSQL, "001422", "22023", "invalid value 'key' for property 'OAUTH_CLIENT_RSA_PUBLIC_KEY'")
	sdkSQL = strings.Replace(sdkSQL, "'key'", "'"+key1+"'", 1)
	sdkSQL = strings.Replace(sdkSQL, "'key2'", "'"+key2+"'", 1)
	if len(e.cat.Integrations) != 1 { // the built-in SNOWFLAKE$LOCAL_APPLICATION
		t.Fatal("failed CREATE statements left an integration behind")
	}
	integTestStatus(t, e, s, sdkSQL, "Integration NAME successfully created.")
	integTestStatus(t, e, s, sdkSQL, "NAME already exists, statement succeeded.")

	rows := integTestDescribe(t, e, s, `"NAME"`)
	want := [][4]string{
		{"OAUTH_CLIENT_TYPE", "String", "PUBLIC", "CONFIDENTIAL"},
		{"OAUTH_REDIRECT_URI", "String", "http://localhost:8080/cb", ""},
		{"ENABLED", "Boolean", "true", "true"},
		{"OAUTH_ALLOW_NON_TLS_REDIRECT_URI", "Boolean", "true", "false"},
		{"OAUTH_ENFORCE_PKCE", "Boolean", "true", "false"},
		{"OAUTH_USE_SECONDARY_ROLES", "String", "NONE", "NONE"},
		{"PRE_AUTHORIZED_ROLES_LIST", "List", "R1", "[]"},
		{"ALLOWED_ROLES_LIST", "List", "R2", "[]"},
		{"BLOCKED_ROLES_LIST", "List", "ACCOUNTADMIN,SECURITYADMIN,R3", "[]"},
		{"OAUTH_ISSUE_REFRESH_TOKENS", "Boolean", "true", "true"},
		{"OAUTH_REFRESH_TOKEN_VALIDITY", "Long", "12345", "7776000"},
		{"NETWORK_POLICY", "String", "NP", ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", fp1, ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", fp2, ""},
		{"COMMENT", "String", "a", ""},
	}
	integTestWantProps(t, rows, "DESCRIBE", want)
}

// The custom-client DESCRIBE example (FIDELITY.md, "DESCRIBE SECURITY INTEGRATION"), compared row by row and in order.
func TestIntegDescribeCustomRowByRow(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, "CREATE ROLE SYSADMIN_LIKE")
	key, fp := integTestKey(t)
	// The key is given with embedded newlines, as PEM bodies usually are.
	wrapped := key[:40] + "\n" + key[40:80] + "\n" + key[80:]
	integTestStatus(t, e, s, `CREATE SECURITY INTEGRATION MY_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM
  OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'
  PRE_AUTHORIZED_ROLES_LIST = ('ANALYST') BLOCKED_ROLES_LIST = ('SYSADMIN')
  NETWORK_POLICY = 'MY_NP' OAUTH_CLIENT_RSA_PUBLIC_KEY = '`+wrapped+`' COMMENT = 'demo';`,
		"Integration MY_APP successfully created.")
	rows := integTestDescribe(t, e, s, "my_app")
	clientID := integTestProp(t, rows, "OAUTH_CLIENT_ID")[2]
	if !integTestClientIDRe.MatchString(clientID) {
		t.Errorf("OAUTH_CLIENT_ID %q is not 28-char base64", clientID)
	}
	want := [][4]string{
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
		{"NETWORK_POLICY", "String", "MY_NP", ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", fp, ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", "", ""},
		{"COMMENT", "String", "demo", ""},
		{"OAUTH_CLIENT_ID", "String", clientID, ""},
		{"OAUTH_AUTHORIZATION_ENDPOINT", "String", integTestBaseURL + "/oauth/authorize", ""},
		{"OAUTH_TOKEN_ENDPOINT", "String", integTestBaseURL + "/oauth/token-request", ""},
		{"OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS", "List", integTestBaseURL + "/oauth/authorize", "[]"},
		{"OAUTH_ALLOWED_TOKEN_ENDPOINTS", "List", integTestBaseURL + "/oauth/token-request", "[]"},
		{"USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT", "Boolean", "false", "false"},
		{"OAUTH_ACCESS_TOKEN_VALIDITY", "Long", "600", "600"},
		{"OAUTH_ALTERNATE_REDIRECT_URIS", "List", "", "[]"},
		{"OAUTH_ANY_ROLE_MODE", "String", "DISABLE", "DISABLE"},
		{"OAUTH_ENABLE_ROLE_SELECTION", "Boolean", "false", "false"},
		{"IS_AGENTIC", "Boolean", "false", "false"},
	}
	if len(rows) != len(want) {
		t.Fatalf("DESCRIBE has %d rows, want %d: %v", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
}

func TestIntegDescribeEveryCustomPropertySet(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, `CREATE SECURITY INTEGRATION full_app TYPE = oauth OAUTH_CLIENT = custom
		OAUTH_CLIENT_TYPE = public, OAUTH_REDIRECT_URI = 'myapp://cb', OAUTH_ALLOW_NON_TLS_REDIRECT_URI = TRUE,
		OAUTH_ALTERNATE_REDIRECT_URIS = ('https://a.example.com/cb', 'http://b.example.com/cb'),
		ENABLED = False OAUTH_ENFORCE_PKCE = 'true' OAUTH_ENABLE_ROLE_SELECTION = true
		OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = true OAUTH_USE_SECONDARY_ROLES = 'implicit'
		PRE_AUTHORIZED_ROLES_LIST = (r1, 'R2', "R1") BLOCKED_ROLES_LIST = () OAUTH_ANY_ROLE_MODE = 'ENABLE_FOR_PRIVILEGE'
		OAUTH_ISSUE_REFRESH_TOKENS = false OAUTH_ACCESS_TOKEN_VALIDITY = 3600 OAUTH_REFRESH_TOKEN_VALIDITY = 3600
		IS_AGENTIC = true USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT = true`)
	rows := integTestDescribe(t, e, s, "FULL_APP")
	integTestWantValues(t, rows, map[string]string{
		"OAUTH_CLIENT_TYPE": "PUBLIC", "OAUTH_REDIRECT_URI": "myapp://cb", "OAUTH_ALLOW_NON_TLS_REDIRECT_URI": "true",
		"OAUTH_ALTERNATE_REDIRECT_URIS": "https://a.example.com/cb,http://b.example.com/cb",
		"ENABLED":                       "false", "OAUTH_ENFORCE_PKCE": "true", "OAUTH_ENABLE_ROLE_SELECTION": "true",
		"OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "true", "OAUTH_USE_SECONDARY_ROLES": "IMPLICIT",
		"PRE_AUTHORIZED_ROLES_LIST": "R1,R2", "BLOCKED_ROLES_LIST": "ACCOUNTADMIN,SECURITYADMIN",
		"OAUTH_ANY_ROLE_MODE": "ENABLE_FOR_PRIVILEGE", "OAUTH_ISSUE_REFRESH_TOKENS": "false",
		"OAUTH_ACCESS_TOKEN_VALIDITY": "3600", "OAUTH_REFRESH_TOKEN_VALIDITY": "3600", "IS_AGENTIC": "true",
		"USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT": "true", "COMMENT": "", "NETWORK_POLICY": "",
	})
}

func TestIntegDescribePartners(t *testing.T) {
	e, s := newIntegTestEngine(t)
	integTestStatus(t, e, s, "CREATE SECURITY INTEGRATION TD TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP",
		"Integration TD successfully created.")
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION TS TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER COMMENT = 'cloud'")
	// Looker accepts a non-TLS redirect URI (TF live test AlterOauthPartner uses http://example.com).
	mustExec(t, e, s, `CREATE SECURITY INTEGRATION LK TYPE = OAUTH OAUTH_CLIENT = LOOKER
		OAUTH_REDIRECT_URI = 'http://example.com' BLOCKED_ROLES_LIST = (R1) ENABLED = true
		OAUTH_ISSUE_REFRESH_TOKENS = true OAUTH_REFRESH_TOKEN_VALIDITY = 12345 OAUTH_USE_SECONDARY_ROLES = IMPLICIT
		NETWORK_POLICY = 'np'`)
	wantNames := []string{"OAUTH_CLIENT_TYPE", "OAUTH_REDIRECT_URI", "ENABLED", "OAUTH_USE_SECONDARY_ROLES",
		"PRE_AUTHORIZED_ROLES_LIST", "ALLOWED_ROLES_LIST", "BLOCKED_ROLES_LIST", "OAUTH_ISSUE_REFRESH_TOKENS",
		"OAUTH_REFRESH_TOKEN_VALIDITY", "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", "NETWORK_POLICY", "COMMENT",
		"OAUTH_CLIENT_ID", "OAUTH_AUTHORIZATION_ENDPOINT", "OAUTH_TOKEN_ENDPOINT", "OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS",
		"OAUTH_ALLOWED_TOKEN_ENDPOINTS", "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT", "OAUTH_ACCESS_TOKEN_VALIDITY"}
	for _, c := range []struct {
		name, clientType, refresh, refreshDefault, comment string
	}{
		{"TD", "PUBLIC", "7776000", "7776000", ""},
		{"TS", "PUBLIC", "7776000", "7776000", "cloud"},
		{"LK", "CONFIDENTIAL", "12345", "7776000", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows := integTestDescribe(t, e, s, c.name)
			var names []string
			for _, r := range rows {
				names = append(names, r[0])
			}
			if strings.Join(names, ",") != strings.Join(wantNames, ",") {
				t.Errorf("%s rows = %v", c.name, names)
			}
			if got := integTestProp(t, rows, "OAUTH_CLIENT_TYPE"); got[2] != c.clientType || got[3] != c.clientType {
				t.Errorf("%s OAUTH_CLIENT_TYPE = %q", c.name, got)
			}
			if got := integTestProp(t, rows, "OAUTH_REFRESH_TOKEN_VALIDITY"); got[2] != c.refresh || got[3] != c.refreshDefault {
				t.Errorf("%s OAUTH_REFRESH_TOKEN_VALIDITY = %q", c.name, got)
			}
			if got := integTestProp(t, rows, "COMMENT")[2]; got != c.comment {
				t.Errorf("%s COMMENT = %q", c.name, got)
			}
			if got := integTestProp(t, rows, "PRE_AUTHORIZED_ROLES_LIST"); got != [4]string{"PRE_AUTHORIZED_ROLES_LIST", "List", "", "[]"} {
				t.Errorf("%s PRE_AUTHORIZED_ROLES_LIST = %q", c.name, got)
			}
		})
	}
	lk := integTestDescribe(t, e, s, "LK")
	for prop, val := range map[string]string{
		"OAUTH_REDIRECT_URI": "http://example.com", "BLOCKED_ROLES_LIST": "ACCOUNTADMIN,SECURITYADMIN,R1",
		"OAUTH_USE_SECONDARY_ROLES": "IMPLICIT", "NETWORK_POLICY": "NP", "ENABLED": "true",
	} {
		if got := integTestProp(t, lk, prop)[2]; got != val {
			t.Errorf("LK %s = %q, want %q", prop, got, val)
		}
	}
}

func TestIntegCreateErrors(t *testing.T) {
	e, s := newIntegTestEngine(t)
	const pre = "CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://x.example.com/cb' "
	integTestWantErrs(t, e, s, []errCase{
		{"CREATE OR REPLACE SECURITY INTEGRATION IF NOT EXISTS X TYPE = OAUTH OAUTH_CLIENT = LOOKER",
			"001003", "42000", "syntax error line 1 at position 39 unexpected 'IF'."},
		{"CREATE SECURITY INTEGRATION X TYPE = SAML2", "001003", "42000", "unexpected 'SAML2'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = POWERBI", "001003", "42000", "unexpected 'POWERBI'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_REDIRECT_URI = 'https://a.b/c'",
			"002029", "42601", "SQL compilation error: Missing option(s): OAUTH_CLIENT_TYPE"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = PUBLIC",
			"002029", "42601", "Missing option(s): OAUTH_REDIRECT_URI"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = LOOKER ENABLED = TRUE",
			"002029", "42601", "Missing option(s): OAUTH_REDIRECT_URI"},
		// Custom-only parameters on a partner client: syntax error at the parameter.
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_ENFORCE_PKCE = TRUE",
			"001003", "42000", "syntax error line 1 at position 74 unexpected 'OAUTH_ENFORCE_PKCE'."},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://l' PRE_AUTHORIZED_ROLES_LIST = (R1)",
			"001003", "42000", "unexpected 'PRE_AUTHORIZED_ROLES_LIST'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER OAUTH_CLIENT_TYPE = 'PUBLIC'",
			"001003", "42000", "unexpected 'OAUTH_CLIENT_TYPE'"},
		{pre + "OAUTH_ALLOWED_AUTHORIZATION_TYPES = ('x')", "001003", "42000", "unexpected 'OAUTH_ALLOWED_AUTHORIZATION_TYPES'"},
		{pre + "ENABLED = maybe", "001003", "42000", "unexpected 'maybe'"},
		{pre + "ENABLED = 'maybe'", "001422", "22023", "invalid value 'maybe' for property 'ENABLED'"},
		{pre + "ENABLED TRUE", "001003", "42000", "unexpected 'TRUE'"},
		{pre + "COMMENT = 'a',", "001003", "42000", "unexpected '<EOF>'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'SECRETIVE' OAUTH_REDIRECT_URI = 'https://a'",
			"001422", "22023", "invalid value 'SECRETIVE' for property 'OAUTH_CLIENT_TYPE'"},
		{pre + "OAUTH_USE_SECONDARY_ROLES = ALL", "001422", "22023", "invalid value 'ALL' for property 'OAUTH_USE_SECONDARY_ROLES'"},
		{pre + "OAUTH_ANY_ROLE_MODE = SOMETIMES", "001422", "22023", "for property 'OAUTH_ANY_ROLE_MODE'"},
		// TLS.
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = PUBLIC OAUTH_REDIRECT_URI = 'http://x.example.com/cb'",
			"001422", "22023", "invalid value 'http://x.example.com/cb' for property 'OAUTH_REDIRECT_URI'"},
		{pre + "OAUTH_ALTERNATE_REDIRECT_URIS = ('https://ok.example.com', 'http://plain.example.com')",
			"001422", "22023", "invalid value 'http://plain.example.com' for property 'OAUTH_ALTERNATE_REDIRECT_URIS'"},
		{pre + "OAUTH_ALTERNATE_REDIRECT_URIS = ('not a uri')", "001422", "22023", "invalid value 'not a uri'"},
		// Ranges.
		{pre + "OAUTH_ACCESS_TOKEN_VALIDITY = 59", "001422", "22023", "invalid value '59' for property 'OAUTH_ACCESS_TOKEN_VALIDITY'"},
		{pre + "OAUTH_ACCESS_TOKEN_VALIDITY = 3601", "001422", "22023", "invalid value '3601'"},
		{pre + "OAUTH_ACCESS_TOKEN_VALIDITY = -600", "001422", "22023", "invalid value '-600'"},
		{pre + "OAUTH_ACCESS_TOKEN_VALIDITY = 60.5", "001422", "22023", "invalid value '60.5'"},
		{pre + "OAUTH_ACCESS_TOKEN_VALIDITY = 'abc'", "001003", "42000", "unexpected ''abc''"},
		{pre + "OAUTH_REFRESH_TOKEN_VALIDITY = 3599", "001422", "22023", "invalid value '3599' for property 'OAUTH_REFRESH_TOKEN_VALIDITY'"},
		{pre + "OAUTH_REFRESH_TOKEN_VALIDITY = 7776001", "001422", "22023", "invalid value '7776001'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_REFRESH_TOKEN_VALIDITY = 59",
			"001422", "22023", "invalid value '59'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER OAUTH_REFRESH_TOKEN_VALIDITY = 59",
			"001422", "22023", "invalid value '59'"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://l' OAUTH_REFRESH_TOKEN_VALIDITY = 3599",
			"001422", "22023", "invalid value '3599'"},
		// Roles.
		{pre + "PRE_AUTHORIZED_ROLES_LIST = (R1, ACCOUNTADMIN)", "001422", "22023", "invalid value 'ACCOUNTADMIN' for property 'PRE_AUTHORIZED_ROLES_LIST'"},
		{pre + "PRE_AUTHORIZED_ROLES_LIST = ('securityadmin')", "001422", "22023", "invalid value 'SECURITYADMIN'"},
		{pre + "PRE_AUTHORIZED_ROLES_LIST = (ORGADMIN)", "001422", "22023", "invalid value 'ORGADMIN'"},
		{pre + "PRE_AUTHORIZED_ROLES_LIST = (GLOBALORGADMIN)", "001422", "22023", "invalid value 'GLOBALORGADMIN'"},
		{pre + "BLOCKED_ROLES_LIST = (R1, NOPE)", "002003", "02000", "SQL compilation error:\nRole 'NOPE' does not exist or not authorized."},
		{pre + `ALLOWED_ROLES_LIST = ("r1")`, "002003", "02000", `Role '"r1"' does not exist or not authorized.`},
		{pre + "ALLOWED_ROLES_LIST = (R1) OAUTH_USE_SECONDARY_ROLES = IMPLICIT", "001425", "22023",
			"SQL compilation error:\ninvalid property combination 'ALLOWED_ROLES_LIST'='R1' and 'OAUTH_USE_SECONDARY_ROLES'='IMPLICIT'"},
		// Network policies.
		{pre + "NETWORK_POLICY = 'NOPE'", "002003", "02000", "Network policy 'NOPE' does not exist or not authorized."},
		{pre + "NETWORK_POLICY = 'EMPTY_NP'", "098519", "22023", "Empty network policy EMPTY_NP cannot be active."},
		{pre + `NETWORK_POLICY = "lower_np"`, "002003", "02000", "does not exist or not authorized."},
		// Keys.
		{pre + "OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = 'not base64!'", "001422", "22023", "for property 'OAUTH_CLIENT_RSA_PUBLIC_KEY_2'"},
	})
	if n := len(e.cat.Integrations) - 1; n != 0 { // less the built-in SNOWFLAKE$LOCAL_APPLICATION
		t.Fatalf("failed statements created %d integrations", n)
	}
}

func TestIntegCreateNetworkPolicyForms(t *testing.T) {
	e, s := newIntegTestEngine(t)
	const pre = "CREATE SECURITY INTEGRATION %s TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER NETWORK_POLICY = "
	for name, c := range map[string]struct{ value, want string }{
		"A": {"'np'", "NP"},
		"B": {`'\"lower_np\"'`, "lower_np"},
		"C": {`'"lower_np"'`, "lower_np"},
		"D": {"np", "NP"},
	} {
		mustExec(t, e, s, strings.Replace(pre, "%s", name, 1)+c.value)
		if got := integTestProp(t, integTestDescribe(t, e, s, name), "NETWORK_POLICY")[2]; got != c.want {
			t.Errorf("NETWORK_POLICY = %s shows %q, want %q", c.value, got, c.want)
		}
	}
}

func TestIntegCreateReplaceAndExists(t *testing.T) {
	e, s := newIntegTestEngine(t)
	const sql = "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://a.example.com/cb'"
	integTestStatus(t, e, s, sql, "Integration APP successfully created.")
	integTestWantErr(t, e, s, sql, "002002", "42710", "SQL compilation error:\nObject 'APP' already exists.")
	integTestWantErr(t, e, s, strings.Replace(sql, "APP", `"APP"`, 1), "002002", "42710", "Object 'APP' already exists.")
	old := *e.cat.Integrations["APP"]
	integTestStatus(t, e, s, strings.Replace(sql, "INTEGRATION APP", "INTEGRATION IF NOT EXISTS app", 1), "APP already exists, statement succeeded.")
	if e.cat.Integrations["APP"].ClientID != old.ClientID {
		t.Fatal("IF NOT EXISTS changed the integration")
	}
	e.cat.Delegated = append(e.cat.Delegated, &DelegatedAuthorization{User: "ADMIN", Role: "R1", Integration: "APP"},
		&DelegatedAuthorization{User: "ADMIN", Role: "R1", Integration: "OTHER"})
	integTestStatus(t, e, s, strings.Replace(sql, "CREATE", "CREATE OR REPLACE", 1)+" COMMENT = 'v2'", "Integration APP successfully created.")
	now := e.cat.Integrations["APP"]
	if now.ClientID == old.ClientID || now.ClientSecret == old.ClientSecret || now.ClientSecret2 == old.ClientSecret2 {
		t.Error("OR REPLACE kept the old client id or secrets")
	}
	if now.Comment == nil || *now.Comment != "v2" {
		t.Error("OR REPLACE did not apply the new properties")
	}
	if len(e.cat.Delegated) != 1 || e.cat.Delegated[0].Integration != "OTHER" {
		t.Errorf("OR REPLACE left delegated authorizations %v", e.cat.Delegated)
	}
}

func TestIntegRefreshValidityCeiling(t *testing.T) {
	e, s := newIntegTestEngine(t)
	sql := "CREATE OR REPLACE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://a' OAUTH_REFRESH_TOKEN_VALIDITY = 157784630"
	integTestWantErr(t, e, s, sql, "001422", "22023", "invalid value '157784630'")
	e.SetMaxRefreshTokenValidity(157784630)
	mustExec(t, e, s, sql)
	integTestWantErr(t, e, s, strings.Replace(sql, "157784630", "157784631", 1), "001422", "22023", "invalid value '157784631'")
	// Tableau follows the account's ceiling too (live tests set 86400 on TABLEAU_DESKTOP).
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION TD TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP OAUTH_REFRESH_TOKEN_VALIDITY = 157784630")
	e.SetMaxRefreshTokenValidity(0)
	integTestWantErr(t, e, s, sql, "001422", "22023", "invalid value '157784630'")
}

func TestIntegPrivilegedRolesParameter(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP BLOCKED_ROLES_LIST = (R3, SECURITYADMIN, R1)")
	blocked := func() string { return integTestProp(t, integTestDescribe(t, e, s, "APP"), "BLOCKED_ROLES_LIST")[2] }
	if got := blocked(); got != "ACCOUNTADMIN,SECURITYADMIN,R3,R1" {
		t.Errorf("default parameter: BLOCKED_ROLES_LIST = %q", got)
	}
	if got := strings.Join(e.EffectiveBlockedRoles("APP"), ","); got != "ACCOUNTADMIN,SECURITYADMIN,R3,R1" {
		t.Errorf("EffectiveBlockedRoles = %q", got)
	}
	e.cat.AccountParams[paramPrivilegedRoles] = "false"
	if got := blocked(); got != "R3,SECURITYADMIN,R1" {
		t.Errorf("parameter FALSE: BLOCKED_ROLES_LIST = %q", got)
	}
	if got := strings.Join(e.EffectiveBlockedRoles("APP"), ","); got != "R3,SECURITYADMIN,R1" {
		t.Errorf("EffectiveBlockedRoles = %q", got)
	}
	delete(e.cat.AccountParams, paramPrivilegedRoles)
	mustExec(t, e, s, "ALTER INTEGRATION APP SET BLOCKED_ROLES_LIST = ()")
	if got := blocked(); got != "ACCOUNTADMIN,SECURITYADMIN" {
		t.Errorf("after clearing: BLOCKED_ROLES_LIST = %q", got)
	}
	if e.EffectiveBlockedRoles("NOPE") != nil {
		t.Error("EffectiveBlockedRoles of a missing integration is not nil")
	}
}

func TestIntegDroppedRoleLeavesLists(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, "CREATE ROLE TEMP")
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = PUBLIC OAUTH_REDIRECT_URI = 'https://a' PRE_AUTHORIZED_ROLES_LIST = (TEMP, R1)")
	mustExec(t, e, s, "DROP ROLE TEMP")
	if got := integTestProp(t, integTestDescribe(t, e, s, "APP"), "PRE_AUTHORIZED_ROLES_LIST")[2]; got != "R1" {
		t.Errorf("PRE_AUTHORIZED_ROLES_LIST after DROP ROLE = %q", got)
	}
}
