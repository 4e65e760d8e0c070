package provider

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestMain(m *testing.M) {
	prepareDriver() // as Configure does: quiet driver, no cloud probing
	os.Exit(m.Run())
}

// protoV6Factories serves the provider under test in-process to the terraform CLI of an acceptance
// test (internal/acctest does the same for the resources' tests, but imports this package).
func protoV6Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"snowflakeoauth": providerserver.NewProtocol6WithError(New("test")()),
	}
}

// envOf turns a map into an environment lookup.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

var testKey *rsa.PrivateKey

func rsaKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	if testKey == nil {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		testKey = k
	}
	return testKey
}

func pkcs8PEM(t testing.TB, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// writeConnections writes a connections.toml into a fresh SNOWFLAKE_HOME and returns that directory.
func writeConnections(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "connections.toml"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustResolve(t *testing.T, a attrs, env map[string]string, home string) *resolved {
	t.Helper()
	r, diags := resolveConfig(a, envOf(env), home)
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diagText(diags))
	}
	return r
}

func diagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Severity().String() + ": " + d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}

// providerDataFor finds the cached ProviderData whose Client was handed to resources.
func providerDataFor(client any) (*ProviderData, bool) {
	pools.Lock()
	defer pools.Unlock()
	for _, e := range pools.m {
		if e.data != nil && any(e.data.Client) == client {
			return e.data, true
		}
	}
	return nil, false
}
