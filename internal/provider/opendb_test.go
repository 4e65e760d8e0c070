package provider

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// OpenDB logs in from a connections.toml profile with an encrypted key file, as the provider would,
// and the role argument replaces the profile's role: the session is the profile's user in that role.
func TestOpenDBFromKeyPairProfile(t *testing.T) {
	clearSnowflakeEnv(t)
	srv := startEmulator(t, emulator.Options{})
	admin := configuredPool(t, context.Background(), srv, nil).DB
	key, _, err := parsePrivateKey(fixture(t, "key_aes256.p8"), fixturePassphrase)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE ROLE CI_ROLE", "CREATE ROLE OTHER_ROLE",
		"CREATE USER CI_BOT DEFAULT_ROLE = OTHER_ROLE RSA_PUBLIC_KEY = '" + base64.StdEncoding.EncodeToString(der) + "'",
		"GRANT ROLE CI_ROLE TO USER CI_BOT", "GRANT ROLE OTHER_ROLE TO USER CI_BOT",
	} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	keyFile := filepath.Join(t.TempDir(), "ci.p8")
	writeFile(t, keyFile, fixture(t, "key_aes256.p8"))
	home := writeConnections(t, fmt.Sprintf(`
[ci]
account = %q
user = "ci_bot"
role = "OTHER_ROLE"
host = %q
port = %d
protocol = "http"
private_key_file = %q
private_key_file_pwd = %q
`, srv.Account(), srv.Host(), srv.Port(), keyFile, fixturePassphrase))
	t.Setenv("SNOWFLAKE_HOME", home)
	t.Setenv("SNOWFLAKE_PROFILE", "ci")

	db, err := OpenDB("CI_ROLE")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	var user, role string
	if err := db.QueryRow("SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&user, &role); err != nil {
		t.Fatal(err)
	}
	if user != "CI_BOT" || role != "CI_ROLE" {
		t.Fatalf("session is %s / %s; want CI_BOT / CI_ROLE", user, role)
	}
}

// Without usable settings OpenDB fails before any login, with the provider's own diagnostics.
func TestOpenDBReportsMissingSettings(t *testing.T) {
	clearSnowflakeEnv(t)
	t.Setenv("SNOWFLAKE_ACCOUNT", "acc")
	t.Setenv("SNOWFLAKE_USER", "u")
	_, err := OpenDB("")
	if err == nil || !strings.Contains(err.Error(), "Missing credentials") || !strings.Contains(err.Error(), "SNOWFLAKE_PASSWORD") {
		t.Fatalf("err = %v; want the provider's missing-credentials diagnostic", err)
	}
}
