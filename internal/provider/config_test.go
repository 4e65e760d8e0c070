package provider

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/snowflakedb/gosnowflake/v2"
)

func TestResolveFromEnvironment(t *testing.T) {
	r := mustResolve(t, attrs{}, map[string]string{
		"SNOWFLAKE_ACCOUNT": "ORG-ACC", "SNOWFLAKE_USER": "alice", "SNOWFLAKE_ROLE": "SYSADMIN",
		"SNOWFLAKE_PASSWORD": "pw", "SNOWFLAKE_HOST": "127.0.0.1", "SNOWFLAKE_PORT": "8080",
		"SNOWFLAKE_PROTOCOL": "HTTP",
	}, t.TempDir())
	c := r.cfg
	if c.Account != "ORG-ACC" || c.User != "alice" || c.Role != "SYSADMIN" || c.Password != "pw" ||
		c.Host != "127.0.0.1" || c.Port != 8080 || c.Protocol != "http" {
		t.Fatalf("config not taken from environment: %+v", c)
	}
	if r.authenticator != authSnowflake || c.Authenticator != gosnowflake.AuthTypeSnowflake {
		t.Errorf("authenticator = %s, want SNOWFLAKE inferred from the password", r.authenticator)
	}
	if r.sources["port"] != "SNOWFLAKE_PORT" || !strings.Contains(r.sources["authenticator"], "SNOWFLAKE_PASSWORD") {
		t.Errorf("sources = %v", r.sources)
	}
	if v := c.Params["client_telemetry_enabled"]; !c.DisableOCSPChecks || v == nil || *v != "false" || c.ValidateDefaultParameters != gosnowflake.ConfigBoolFalse {
		t.Errorf("driver flags: ocsp-off=%v telemetry=%v validate=%v", c.DisableOCSPChecks, v, c.ValidateDefaultParameters)
	}
	if v := c.Params["client_session_keep_alive"]; v == nil || *v != "false" {
		t.Errorf("client_session_keep_alive = %v, want false", v)
	}
}

func TestOCSPChecksStayOnForHTTPS(t *testing.T) {
	r := mustResolve(t, attrs{Account: "A", User: "u", Password: "p"}, nil, t.TempDir())
	if r.cfg.DisableOCSPChecks {
		t.Error("OCSP checks disabled for https")
	}
}

func TestPrecedenceAttributeEnvironmentProfile(t *testing.T) {
	home := writeConnections(t, `
[dev]
account = "PROFILE_ACC"
user = "profile_user"
role = "PROFILE_ROLE"
host = "profile.example"
port = 1111
protocol = "http"
password = "profile_pw"
`)
	env := map[string]string{
		"SNOWFLAKE_HOME": home, "SNOWFLAKE_PROFILE": "dev",
		"SNOWFLAKE_USER": "env_user", "SNOWFLAKE_ROLE": "ENV_ROLE", "SNOWFLAKE_PORT": "2222",
	}
	r := mustResolve(t, attrs{Role: "ATTR_ROLE"}, env, t.TempDir())
	c := r.cfg
	want := map[string][2]string{
		"account": {c.Account, "PROFILE_ACC"}, // profile only
		"user":    {c.User, "env_user"},       // env over profile
		"role":    {c.Role, "ATTR_ROLE"},      // attribute over env and profile
		"host":    {c.Host, "profile.example"},
		"pw":      {c.Password, "profile_pw"},
	}
	for k, v := range want {
		if v[0] != v[1] {
			t.Errorf("%s = %q, want %q", k, v[0], v[1])
		}
	}
	if c.Port != 2222 || c.Protocol != "http" {
		t.Errorf("port/protocol = %d/%s, want 2222/http", c.Port, c.Protocol)
	}
	if r.sources["role"] != "the `role` attribute" || r.sources["user"] != "SNOWFLAKE_USER" ||
		!strings.Contains(r.sources["account"], `connection "dev"`) {
		t.Errorf("sources = %v", r.sources)
	}
	// An attribute port beats the environment.
	r = mustResolve(t, attrs{Port: 3333}, env, t.TempDir())
	if r.cfg.Port != 3333 {
		t.Errorf("port = %d, want the attribute's 3333", r.cfg.Port)
	}
}

func TestOrganizationAndAccountName(t *testing.T) {
	// The parts of the pair may come from different layers.
	r := mustResolve(t, attrs{OrganizationName: "MYORG", User: "u", Password: "p"},
		map[string]string{"SNOWFLAKE_ACCOUNT_NAME": "MYACC"}, t.TempDir())
	if r.cfg.Account != "MYORG-MYACC" {
		t.Errorf("account = %q, want MYORG-MYACC", r.cfg.Account)
	}
	// An explicit pair overrides an account from the environment instead of clashing with it.
	r = mustResolve(t, attrs{OrganizationName: "O", AccountName: "A", User: "u", Password: "p"},
		map[string]string{"SNOWFLAKE_ACCOUNT": "ENVACC"}, t.TempDir())
	if r.cfg.Account != "O-A" {
		t.Errorf("account = %q, want O-A", r.cfg.Account)
	}
	// And an explicit account overrides a pair from the environment.
	r = mustResolve(t, attrs{Account: "X", User: "u", Password: "p"},
		map[string]string{"SNOWFLAKE_ORGANIZATION_NAME": "O", "SNOWFLAKE_ACCOUNT_NAME": "A"}, t.TempDir())
	if r.cfg.Account != "X" {
		t.Errorf("account = %q, want X", r.cfg.Account)
	}
}

func TestAuthenticatorInference(t *testing.T) {
	key := pkcs8PEM(t, rsaKey(t))
	cases := []struct {
		name string
		a    attrs
		want string
		typ  gosnowflake.AuthType
	}{
		{"password", attrs{Password: "p"}, authSnowflake, gosnowflake.AuthTypeSnowflake},
		{"private key", attrs{PrivateKey: key}, authJWT, gosnowflake.AuthTypeJwt},
		{"token", attrs{Token: "tok"}, authOAuth, gosnowflake.AuthTypeOAuth},
		{"refresh token", attrs{OAuthRefreshToken: "rt", OAuthClientID: "cid"}, authOAuth, gosnowflake.AuthTypeOAuth},
		{"explicit PAT", attrs{Token: "pat", Authenticator: "programmatic_access_token"}, authPAT, gosnowflake.AuthTypePat},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.a.Account, tc.a.User = "ACC", "u"
			r := mustResolve(t, tc.a, nil, t.TempDir())
			if r.authenticator != tc.want || r.cfg.Authenticator != tc.typ {
				t.Errorf("authenticator = %s (%v), want %s", r.authenticator, r.cfg.Authenticator, tc.want)
			}
		})
	}
}

func TestJWTKeyIsParsed(t *testing.T) {
	r := mustResolve(t, attrs{Account: "A", User: "u"}, map[string]string{
		"SNOWFLAKE_PRIVATE_KEY": fixture(t, "key_aes256.p8"), "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE": fixturePassphrase,
	}, t.TempDir())
	if got := fingerprint(t, &r.cfg.PrivateKey.PublicKey); got != fixtureFingerprint {
		t.Errorf("fingerprint = %s, want %s", got, fixtureFingerprint)
	}
}

func TestRefreshTokenSettings(t *testing.T) {
	r := mustResolve(t, attrs{Account: "ACC", Host: "127.0.0.1", Port: 8080, Protocol: "http"}, map[string]string{
		"SNOWFLAKE_OAUTH_REFRESH_TOKEN": "rt", "SNOWFLAKE_OAUTH_CLIENT_ID": "cid", "SNOWFLAKE_OAUTH_CLIENT_SECRET": "cs",
	}, t.TempDir())
	want := oauthSettings{ClientID: "cid", ClientSecret: "cs", RefreshToken: "rt", TokenEndpoint: "http://127.0.0.1:8080/oauth/token-request"}
	if r.oauth == nil || *r.oauth != want {
		t.Fatalf("oauth = %+v, want %+v", r.oauth, want)
	}
	if r.cfg.Token != "" {
		t.Error("static token set for a refresh-token login")
	}
	r = mustResolve(t, attrs{Account: "ORG-ACC", OAuthRefreshToken: "rt", OAuthClientID: "cid"}, nil, t.TempDir())
	if r.oauth.TokenEndpoint != "https://ORG-ACC.snowflakecomputing.com:443/oauth/token-request" {
		t.Errorf("default endpoint = %s", r.oauth.TokenEndpoint)
	}
	r = mustResolve(t, attrs{Account: "A", OAuthRefreshToken: "rt", OAuthClientID: "cid", OAuthTokenEndpoint: "https://idp.example/token"}, nil, t.TempDir())
	if r.oauth.TokenEndpoint != "https://idp.example/token" {
		t.Errorf("explicit endpoint = %s", r.oauth.TokenEndpoint)
	}
}

func TestConfigHash(t *testing.T) {
	base := attrs{Account: "A", User: "u", Password: "p"}
	h1 := mustResolve(t, base, nil, t.TempDir()).hash
	if h2 := mustResolve(t, base, nil, t.TempDir()).hash; h1 != h2 {
		t.Error("same configuration, different hash")
	}
	other := base
	other.Password = "q"
	if h3 := mustResolve(t, other, nil, t.TempDir()).hash; h1 == h3 {
		t.Error("a different password must not share the pool")
	}
	other = base
	other.Role = "R"
	if h4 := mustResolve(t, other, nil, t.TempDir()).hash; h1 == h4 {
		t.Error("a different role must not share the pool")
	}
}

// Each problem gives exactly one error, on the attribute, naming the attribute and its variable.
// Long because it is one table of cases.
func TestDiagnostics(t *testing.T) {
	key := pkcs8PEM(t, rsaKey(t))
	ok := attrs{Account: "A", User: "u", Password: "p"}
	with := func(f func(*attrs)) attrs { a := ok; f(&a); return a }
	cases := []struct {
		name    string
		a       attrs
		env     map[string]string
		path    string
		summary string
		detail  []string
	}{
		{"missing account", with(func(a *attrs) { a.Account = "" }), nil, "account", "Missing account",
			[]string{"`account`", "SNOWFLAKE_ACCOUNT", "organization_name"}},
		{"account with organization", with(func(a *attrs) { a.OrganizationName = "O" }), nil, "account",
			"Conflicting account settings", []string{"`account`", "SNOWFLAKE_ORGANIZATION_NAME", "`organization_name` attribute"}},
		{"account with account_name in env", with(func(a *attrs) { a.Account = "" }),
			map[string]string{"SNOWFLAKE_ACCOUNT": "A", "SNOWFLAKE_ACCOUNT_NAME": "N"}, "account",
			"Conflicting account settings", []string{"from SNOWFLAKE_ACCOUNT", "from SNOWFLAKE_ACCOUNT_NAME"}},
		{"organization without account_name", with(func(a *attrs) { a.Account, a.OrganizationName = "", "O" }), nil,
			"account_name", "Missing account_name", []string{"SNOWFLAKE_ACCOUNT_NAME"}},
		{"account_name without organization", with(func(a *attrs) { a.Account, a.AccountName = "", "N" }), nil,
			"organization_name", "Missing organization_name", []string{"SNOWFLAKE_ORGANIZATION_NAME"}},
		{"two secrets, no authenticator", ok, map[string]string{"SNOWFLAKE_PRIVATE_KEY": key}, "authenticator",
			"Ambiguous credentials", []string{"`password` (SNOWFLAKE_PASSWORD)", "`private_key` (SNOWFLAKE_PRIVATE_KEY)", "SNOWFLAKE_AUTHENTICATOR"}},
		{"no secret", with(func(a *attrs) { a.Password = "" }), nil, "authenticator", "Missing credentials",
			[]string{"SNOWFLAKE_PASSWORD", "SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_TOKEN", "SNOWFLAKE_OAUTH_REFRESH_TOKEN"}},
		{"JWT without key", with(func(a *attrs) { a.Password, a.Authenticator = "", "SNOWFLAKE_JWT" }), nil,
			"private_key", "Missing private_key", []string{"`private_key`", "SNOWFLAKE_PRIVATE_KEY"}},
		{"password with JWT", with(func(a *attrs) { a.Authenticator, a.PrivateKey = "SNOWFLAKE_JWT", key }), nil,
			"password", "Conflicting credentials", []string{"`password` (SNOWFLAKE_PASSWORD)", "SNOWFLAKE_JWT"}},
		{"OAUTH without token", with(func(a *attrs) { a.Password, a.Authenticator = "", "OAUTH" }), nil,
			"token", "Missing token", []string{"SNOWFLAKE_TOKEN", "SNOWFLAKE_OAUTH_REFRESH_TOKEN"}},
		{"OAUTH with token and refresh token", with(func(a *attrs) {
			a.Password, a.Authenticator, a.Token, a.OAuthRefreshToken, a.OAuthClientID = "", "OAUTH", "t", "r", "c"
		}), nil, "token", "Conflicting credentials", []string{"SNOWFLAKE_TOKEN", "SNOWFLAKE_OAUTH_REFRESH_TOKEN"}},
		{"refresh token without client", with(func(a *attrs) { a.Password, a.OAuthRefreshToken = "", "r" }), nil,
			"oauth_client_id", "Missing oauth_client_id", []string{"SNOWFLAKE_OAUTH_CLIENT_ID"}},
		{"SNOWFLAKE without password", with(func(a *attrs) { a.Password, a.Token, a.Authenticator = "", "", "snowflake" }), nil,
			"password", "Missing password", []string{"SNOWFLAKE_PASSWORD"}},
		{"PAT without token", with(func(a *attrs) { a.Password, a.Authenticator = "", "PROGRAMMATIC_ACCESS_TOKEN" }), nil,
			"token", "Missing token", []string{"SNOWFLAKE_TOKEN"}},
		{"missing user", with(func(a *attrs) { a.User = "" }), nil, "user", "Missing user", []string{"`user`", "SNOWFLAKE_USER"}},
		{"bad port in env", ok, map[string]string{"SNOWFLAKE_PORT": "https"}, "port", "Invalid port",
			[]string{"SNOWFLAKE_PORT", `"https"`, "65535"}},
		{"port out of range", with(func(a *attrs) { a.Port = 70000 }), nil, "port", "Invalid port",
			[]string{"`port` attribute", "70000"}},
		{"bad protocol", ok, map[string]string{"SNOWFLAKE_PROTOCOL": "ftp"}, "protocol", "Invalid protocol",
			[]string{"SNOWFLAKE_PROTOCOL", "http or https"}},
		{"bad authenticator in env", with(func(a *attrs) { a.Password = "p" }), map[string]string{"SNOWFLAKE_AUTHENTICATOR": "externalbrowser"},
			"authenticator", "Invalid authenticator", []string{"SNOWFLAKE_AUTHENTICATOR", "EXTERNALBROWSER", "SNOWFLAKE_JWT"}},
		{"unreadable key", with(func(a *attrs) { a.Password, a.PrivateKey = "", "not a key" }), nil,
			"private_key", "Invalid private_key", []string{"`private_key` attribute", "no PEM block"}},
		{"non-RSA key", with(func(a *attrs) { a.Password, a.PrivateKey = "", pkcs8PEM(t, ecKey(t)) }), nil,
			"private_key", "Invalid private_key", []string{"not an RSA key"}},
		{"wrong passphrase", with(func(a *attrs) { a.Password, a.PrivateKey = "", fixture(t, "key_aes256.p8") }),
			map[string]string{"SNOWFLAKE_PRIVATE_KEY_PASSPHRASE": "nope"}, "private_key_passphrase",
			"Wrong private_key_passphrase", []string{"SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "`private_key` attribute"}},
		{"encrypted key without passphrase", with(func(a *attrs) { a.Password, a.PrivateKey = "", fixture(t, "key_des3.p8") }), nil,
			"private_key_passphrase", "Missing private_key_passphrase", []string{"SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"}},
		{"bad token endpoint", with(func(a *attrs) { a.Password, a.OAuthRefreshToken, a.OAuthClientID = "", "r", "c" }),
			map[string]string{"SNOWFLAKE_OAUTH_TOKEN_ENDPOINT": "idp.example/token"}, "oauth_token_endpoint",
			"Invalid oauth_token_endpoint", []string{"SNOWFLAKE_OAUTH_TOKEN_ENDPOINT"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, diags := resolveConfig(tc.a, envOf(tc.env), t.TempDir())
			if r != nil {
				t.Fatal("resolved despite errors")
			}
			errs := diags.Errors()
			if len(errs) != 1 {
				t.Fatalf("want exactly one error, got:\n%s", diagText(diags))
			}
			d := errs[0]
			wp, ok := d.(diag.DiagnosticWithPath)
			if !ok || !wp.Path().Equal(path.Root(tc.path)) {
				t.Errorf("diagnostic not on attribute %s: %#v", tc.path, d)
			}
			if d.Summary() != tc.summary {
				t.Errorf("summary = %q, want %q", d.Summary(), tc.summary)
			}
			for _, want := range tc.detail {
				if !strings.Contains(d.Detail(), want) {
					t.Errorf("detail %q does not mention %q", d.Detail(), want)
				}
			}
		})
	}
}

func TestIndependentProblemsAreAllReported(t *testing.T) {
	_, diags := resolveConfig(attrs{Password: "p"}, envOf(map[string]string{"SNOWFLAKE_PORT": "x"}), t.TempDir())
	var summaries []string
	for _, d := range diags.Errors() {
		summaries = append(summaries, d.Summary())
	}
	got := strings.Join(summaries, "|")
	for _, want := range []string{"Missing account", "Missing user", "Invalid port"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors %q lack %q", got, want)
		}
	}
}

func TestWarnings(t *testing.T) {
	r, diags := resolveConfig(attrs{Account: "A", User: "u", PrivateKey: pkcs8PEM(t, rsaKey(t)), PrivateKeyPassphrase: "x",
		OAuthClientID: "cid"}, envOf(map[string]string{"SNOWFLAKE_OAUTH_CLIENT_SECRET": "from-env-is-fine"}), t.TempDir())
	if r == nil || diags.HasError() {
		t.Fatalf("unexpected errors: %s", diagText(diags))
	}
	var got []string
	for _, d := range diags.Warnings() {
		got = append(got, d.Summary())
	}
	if strings.Join(got, "|") != "Unused private_key_passphrase|Unused oauth_client_id" &&
		strings.Join(got, "|") != "Unused oauth_client_id|Unused private_key_passphrase" {
		t.Errorf("warnings = %v", got)
	}
}

func TestProfile(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "rsa_key.p8")
	writeFile(t, keyFile, fixture(t, "key_aes128_sha1.p8"))
	home := writeConnections(t, `
[default]
account = "DEFAULT_ACC"
user = "d"
password = "dp"

[jwt]
organization_name = "ORG"
AccountName = "ACC"
username = "jwt_user"
authenticator = "snowflake_jwt"
private_key_file = "`+keyFile+`"
private_key_file_pwd = "`+fixturePassphrase+`"
port = "8443"
warehouse = "ignored"
`)
	r := mustResolve(t, attrs{Profile: "jwt"}, map[string]string{"SNOWFLAKE_HOME": home}, t.TempDir())
	c := r.cfg
	if c.Account != "ORG-ACC" || c.User != "jwt_user" || c.Port != 8443 || r.authenticator != authJWT || r.profile != "jwt" {
		t.Fatalf("profile not applied: %+v auth=%s", c, r.authenticator)
	}
	if fingerprint(t, &c.PrivateKey.PublicKey) != fixtureFingerprint {
		t.Error("private_key_file not decrypted with private_key_file_pwd")
	}

	// SNOWFLAKE_DEFAULT_CONNECTION_NAME, and the default location under the home directory.
	userHome := t.TempDir()
	writeFile(t, filepath.Join(userHome, ".snowflake", "connections.toml"), "[ci]\naccount = \"CI\"\nuser = \"c\"\npassword = \"cp\"\n")
	r = mustResolve(t, attrs{}, map[string]string{"SNOWFLAKE_DEFAULT_CONNECTION_NAME": "ci"}, userHome)
	if r.cfg.Account != "CI" || r.cfg.Password != "cp" {
		t.Errorf("default location not used: %+v", r.cfg)
	}
	// SNOWFLAKE_PROFILE wins over SNOWFLAKE_DEFAULT_CONNECTION_NAME; the attribute over both.
	env := map[string]string{"SNOWFLAKE_HOME": home, "SNOWFLAKE_PROFILE": "default", "SNOWFLAKE_DEFAULT_CONNECTION_NAME": "jwt"}
	if r = mustResolve(t, attrs{}, env, t.TempDir()); r.cfg.Account != "DEFAULT_ACC" {
		t.Errorf("SNOWFLAKE_PROFILE not preferred: %s", r.cfg.Account)
	}
	if r = mustResolve(t, attrs{Profile: "jwt"}, env, t.TempDir()); r.cfg.Account != "ORG-ACC" {
		t.Errorf("profile attribute not preferred: %s", r.cfg.Account)
	}
	// An explicit account replaces the profile's organization/account pair without a conflict.
	if r = mustResolve(t, attrs{Profile: "jwt", Account: "OTHER"}, map[string]string{"SNOWFLAKE_HOME": home}, t.TempDir()); r.cfg.Account != "OTHER" {
		t.Errorf("account = %s, want OTHER", r.cfg.Account)
	}
}

func TestNoProfileNoFileRead(t *testing.T) {
	home := writeConnections(t, "this is = = not toml")
	r := mustResolve(t, attrs{Account: "A", User: "u", Password: "p"}, map[string]string{"SNOWFLAKE_HOME": home}, t.TempDir())
	if r.profile != "" {
		t.Errorf("profile %q used without being named", r.profile)
	}
}

func TestProfileErrors(t *testing.T) {
	home := writeConnections(t, "[a]\naccount = \"A\"\n[b]\naccount = \"B\"\n[c]\nport = true\n[d]\naccount = \"D\"\nuser = \"u\"\nprivate_key_file = \"/nonexistent/key.p8\"\n")
	cases := []struct{ profile, home, want string }{
		{"zzz", home, `no connection named "zzz" (connections: a, b, c, d)`},
		{"x", t.TempDir(), "cannot read"},
		{"c", home, "key port must be a string"},
	}
	for _, tc := range cases {
		_, diags := resolveConfig(attrs{Profile: tc.profile}, envOf(map[string]string{"SNOWFLAKE_HOME": tc.home}), t.TempDir())
		if len(diags.Errors()) != 1 || !strings.Contains(diags.Errors()[0].Detail(), tc.want) ||
			!strings.Contains(diags.Errors()[0].Detail(), "`profile` (from the `profile` attribute)") {
			t.Errorf("profile %s: want one error containing %q, got:\n%s", tc.profile, tc.want, diagText(diags))
		}
	}
	_, diags := resolveConfig(attrs{Profile: "d"}, envOf(map[string]string{"SNOWFLAKE_HOME": home}), t.TempDir())
	if len(diags.Errors()) != 1 || diags.Errors()[0].Summary() != "Unreadable private_key" ||
		!strings.Contains(diags.Errors()[0].Detail(), "private_key_file in connection \"d\"") {
		t.Errorf("unreadable key file: %s", diagText(diags))
	}
}
