package provider

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestProviderSchema(t *testing.T) {
	ctx := context.Background()
	if diags := providerSchema().ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("schema implementation: %s", diagText(diags))
	}
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	got := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range resp.Provider.Block.Attributes {
		got[a.Name] = a
	}
	if len(got) != len(envVars) {
		t.Errorf("%d attributes, %d with environment variables", len(got), len(envVars))
	}
	for name, envs := range envVars {
		a := got[name]
		if a == nil {
			t.Errorf("attribute %s missing", name)
			continue
		}
		if !a.Optional || !strings.Contains(a.Description, "`"+envs[0]+"`") {
			t.Errorf("%s: optional=%v, description does not name %s: %q", name, a.Optional, envs[0], a.Description)
		}
		if want := name == "password" || name == "private_key" || name == "private_key_passphrase" || name == "token" ||
			name == "oauth_client_secret" || name == "oauth_refresh_token"; a.Sensitive != want {
			t.Errorf("%s: sensitive=%v, want %v", name, a.Sensitive, want)
		}
	}
}

// validate runs Terraform's provider config validation on the given attribute values.
func validate(t *testing.T, values map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	server, _ := providerserver.NewProtocol6WithError(New("test")())()
	dv, err := tfprotov6.NewDynamicValue(configType(), configValue(values))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ValidateProviderConfig(context.Background(), &tfprotov6.ValidateProviderConfigRequest{Config: &dv})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func TestSchemaValidators(t *testing.T) {
	if d := validate(t, map[string]tftypes.Value{
		"authenticator": tftypes.NewValue(tftypes.String, "snowflake_jwt"),
		"protocol":      tftypes.NewValue(tftypes.String, "HTTP"),
		"port":          tftypes.NewValue(tftypes.Number, 8443),
	}); len(d) != 0 {
		t.Errorf("valid config rejected: %v", d[0])
	}
	for attr, v := range map[string]tftypes.Value{
		"authenticator": tftypes.NewValue(tftypes.String, "EXTERNALBROWSER"),
		"protocol":      tftypes.NewValue(tftypes.String, "ftp"),
		"port":          tftypes.NewValue(tftypes.Number, 0),
	} {
		d := validate(t, map[string]tftypes.Value{attr: v})
		if len(d) != 1 || d[0].Severity != tfprotov6.DiagnosticSeverityError || d[0].Attribute.String() != tftypes.NewAttributePath().WithAttributeName(attr).String() {
			t.Errorf("%s: want one error on the attribute, got %v", attr, d)
		}
	}
}

func configType() tftypes.Object {
	typ, ok := providerSchema().Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		panic("provider schema is not an object type")
	}
	return typ
}

// configValue builds a provider configuration: the given attributes, every other one null.
func configValue(values map[string]tftypes.Value) tftypes.Value {
	typ := configType()
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
		if v, ok := values[name]; ok {
			all[name] = v
		}
	}
	return tftypes.NewValue(typ, all)
}

func clearSnowflakeEnv(t *testing.T) {
	for _, names := range envVars {
		for _, n := range names {
			t.Setenv(n, "")
		}
	}
	t.Setenv("SNOWFLAKE_HOME", t.TempDir())
}

func configure(ctx context.Context, values map[string]tftypes.Value) *provider.ConfigureResponse {
	p := New("test")()
	var resp provider.ConfigureResponse
	p.Configure(ctx, provider.ConfigureRequest{Config: tfsdk.Config{Raw: configValue(values), Schema: providerSchema()}}, &resp)
	return &resp
}

func fakeConfig(f *fakeSnowflake, t *testing.T, password string) map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"account":  tftypes.NewValue(tftypes.String, "TESTACC"),
		"user":     tftypes.NewValue(tftypes.String, "alice"),
		"password": tftypes.NewValue(tftypes.String, password),
		"host":     tftypes.NewValue(tftypes.String, "127.0.0.1"),
		"port":     tftypes.NewValue(tftypes.Number, f.port(t)),
		"protocol": tftypes.NewValue(tftypes.String, "http"),
	}
}

// One login per configuration per process; a failed login keeps Snowflake's code and is retried
// by the next Configure.
func TestConfigureLogsInOncePerConfiguration(t *testing.T) {
	clearSnowflakeEnv(t)
	f := newFakeSnowflake(t)
	f.login = func(data map[string]any) (string, string) {
		if data["PASSWORD"] != "right" {
			return "390100", "Incorrect username or password was specified."
		}
		return "", ""
	}
	ctx := context.Background()

	resp := configure(ctx, fakeConfig(f, t, "wrong"))
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Detail(), "390100 (08004): Incorrect username or password was specified.") ||
		!strings.Contains(errs[0].Detail(), `account "TESTACC" as "alice"`) {
		t.Fatalf("bad password: %s", diagText(resp.Diagnostics))
	}
	if strings.Contains(errs[0].Detail(), "wrong") {
		t.Error("diagnostic shows the password")
	}

	first := configure(ctx, fakeConfig(f, t, "right"))
	if first.Diagnostics.HasError() {
		t.Fatalf("configure: %s", diagText(first.Diagnostics))
	}
	data, ok := providerDataFor(first.ResourceData)
	if !ok || data.DB == nil || first.DataSourceData != first.ResourceData || first.EphemeralResourceData != first.ResourceData {
		t.Fatalf("provider data not handed to resources: %#v", first)
	}
	if data.Account != "TESTACC" || data.User != "alice" || data.DB.Stats().MaxOpenConnections != maxOpenConns {
		t.Errorf("provider data = %+v, max open %d", data, data.DB.Stats().MaxOpenConnections)
	}
	logins := f.loginCount()
	if logins != 2 || f.lastLogin()["LOGIN_NAME"] != "alice" {
		t.Errorf("logins = %d (want the failed one and one good one), last %v", logins, f.lastLogin())
	}
	for i := 0; i < 3; i++ {
		again := configure(ctx, fakeConfig(f, t, "right"))
		if again.ResourceData != first.ResourceData {
			t.Fatal("a new provider instance with the same configuration got a different pool")
		}
	}
	if _, err := data.DB.ExecContext(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	if f.loginCount() != logins {
		t.Errorf("logins went from %d to %d; the pool must be reused", logins, f.loginCount())
	}
}

func TestConfigureRejectsUnknownValues(t *testing.T) {
	clearSnowflakeEnv(t)
	resp := configure(context.Background(), map[string]tftypes.Value{
		"account": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"port":    tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
	})
	var got []string
	for _, d := range resp.Diagnostics.Errors() {
		got = append(got, d.Summary())
	}
	if strings.Join(got, "|") != "Unknown account|Unknown port" || resp.ResourceData != nil {
		t.Errorf("errors = %v", got)
	}
}

func TestConfigureReportsConfigurationProblems(t *testing.T) {
	clearSnowflakeEnv(t)
	t.Setenv("SNOWFLAKE_USER", "u")
	t.Setenv("SNOWFLAKE_PASSWORD", "p")
	resp := configure(context.Background(), nil)
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || errs[0].Summary() != "Missing account" {
		t.Fatalf("errors: %s", diagText(resp.Diagnostics))
	}
	if d, ok := errs[0].(interface{ Path() path.Path }); !ok || !d.Path().Equal(path.Root("account")) {
		t.Error("not an attribute diagnostic")
	}
}

func TestMasking(t *testing.T) {
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	key := pkcs8PEM(t, rsaKey(t))
	ctx = withMasking(ctx, []string{"hunter2", "AT-secret-token"})
	tflog.Info(ctx, "login with hunter2 failed", map[string]any{
		"password":            "not-in-secrets-list",
		"oauth_refresh_token": "rt-value",
		"detail":              "server said AT-secret-token is expired",
		"key":                 key,
		"account":             "TESTACC",
	})
	tflog.Debug(ctx, "pem in message "+key)
	logged := out.String()
	for _, secret := range []string{"hunter2", "not-in-secrets-list", "rt-value", "AT-secret-token", "PRIVATE KEY", strings.Split(key, "\n")[1]} {
		if strings.Contains(logged, secret) {
			t.Errorf("log contains %q:\n%s", secret, logged)
		}
	}
	if !strings.Contains(logged, "TESTACC") || strings.Count(logged, "***") < 6 {
		t.Errorf("log lost non-secret content or did not mask:\n%s", logged)
	}
	if got := redact("token AT-secret-token rejected", []string{"AT-secret-token"}); got != "token *** rejected" {
		t.Errorf("redact = %q", got)
	}
}

func TestConfigureLogsWithoutSecrets(t *testing.T) {
	clearSnowflakeEnv(t)
	f := newFakeSnowflake(t)
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	resp := configure(ctx, fakeConfig(f, t, "s3cret-pw-value"))
	if resp.Diagnostics.HasError() {
		t.Fatal(diagText(resp.Diagnostics))
	}
	logged := out.String()
	if strings.Contains(logged, "s3cret-pw-value") || !strings.Contains(logged, "Connecting to Snowflake") ||
		!strings.Contains(logged, `"source.password":"the `+"`password`"+` attribute"`) {
		t.Errorf("log:\n%s", logged)
	}
}

func TestConfigureKeyPairFromEnvironment(t *testing.T) {
	clearSnowflakeEnv(t)
	f := newFakeSnowflake(t)
	t.Setenv("SNOWFLAKE_ACCOUNT", "testacc")
	t.Setenv("SNOWFLAKE_USER", "jwt_user")
	t.Setenv("SNOWFLAKE_HOST", "127.0.0.1")
	t.Setenv("SNOWFLAKE_PORT", strconv.FormatInt(f.port(t), 10))
	t.Setenv("SNOWFLAKE_PROTOCOL", "http")
	t.Setenv("SNOWFLAKE_PRIVATE_KEY", fixture(t, "key_des3.p8"))
	t.Setenv("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", fixturePassphrase)
	resp := configure(context.Background(), map[string]tftypes.Value{"role": tftypes.NewValue(tftypes.String, "OAUTH_ADMIN")})
	if resp.Diagnostics.HasError() {
		t.Fatal(diagText(resp.Diagnostics))
	}
	login := f.lastLogin()
	if login["AUTHENTICATOR"] != "SNOWFLAKE_JWT" || login["PASSWORD"] != nil {
		t.Fatalf("login = %v", login)
	}
	jwt, _ := login["TOKEN"].(string)
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("TOKEN is not a JWT: %q", jwt)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims struct{ Iss, Sub string }
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	if claims.Sub != "TESTACC.JWT_USER" || claims.Iss != "TESTACC.JWT_USER.SHA256:"+fixtureFingerprint {
		t.Errorf("claims = %+v", claims)
	}
	if data, ok := providerDataFor(resp.ResourceData); !ok || data.Role != "OAUTH_ADMIN" {
		t.Errorf("role = %q", data.Role)
	}
}

func TestConcurrentConfigureSharesOneLogin(t *testing.T) {
	clearSnowflakeEnv(t)
	f := newFakeSnowflake(t)
	results := make(chan any, 8)
	for i := 0; i < cap(results); i++ {
		go func() { results <- configure(context.Background(), fakeConfig(f, t, "pw")).ResourceData }()
	}
	first := <-results
	for i := 1; i < cap(results); i++ {
		if got := <-results; got != first || got == nil {
			t.Fatal("concurrent Configure calls got different pools")
		}
	}
	if n := f.loginCount(); n != 1 {
		t.Errorf("%d logins, want 1", n)
	}
}
