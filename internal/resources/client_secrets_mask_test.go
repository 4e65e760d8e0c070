package resources

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	_ "github.com/snowflakedb/gosnowflake/v2" // registers the "snowflake" driver

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// TestReadClientSecretsMasksLogs reads real secrets from the emulator through the driver and then
// logs them the ways a careless line could (as a field, inside a message, inside another field);
// the captured provider log must not contain either secret.
func TestReadClientSecretsMasksLogs(t *testing.T) {
	if os.Getenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION") == "" {
		t.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	}
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	dsn, err := srv.DSN(srv.AdminUser(), srv.AdminPassword(), "")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("snowflake", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Exec("CREATE SECURITY INTEGRATION MASKED_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM " +
		"OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'"); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	m := clientSecretsModel{IntegrationName: common.NewIdentifierValue("masked_app")}
	var diags diag.Diagnostics
	ctx, ok := readClientSecrets(ctx, snowflake.NewClient(db), &m, &diags)
	if !ok || diags.HasError() {
		t.Fatalf("readClientSecrets: %v", diags)
	}
	secrets := []string{m.OAuthClientSecret.ValueString(), m.OAuthClientSecret2.ValueString()}
	for _, s := range secrets {
		if len(s) < 8 {
			t.Fatalf("secret %q too short to be a real secret", s)
		}
		tflog.Debug(ctx, "secret in the message: "+s, map[string]any{"secret": s, "wrapped": "x" + s + "y"})
	}
	out := logs.String()
	if strings.Count(out, "secret in the message") != 2 {
		t.Fatalf("the log lines were not captured:\n%s", out)
	}
	for i, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("secret %d appears in the provider log:\n%s", i+1, out)
		}
	}
}
