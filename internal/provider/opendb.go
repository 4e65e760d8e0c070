package provider

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// OpenDB opens a connection pool configured exactly as the provider is with an empty provider block:
// from the SNOWFLAKE_* environment variables and the connections.toml profile they name (password,
// key pair, token or refresh token), through the same resolveConfig, so there is no second parser of
// those settings. role, when not empty, replaces the configured role. The acceptance harness uses it
// for its out-of-band SQL against a real account (`make testacc-real`): a key-pair or profile setup
// that works for the provider works for the tests too. No login happens until first use.
func OpenDB(role string) (*sql.DB, error) {
	home, _ := os.UserHomeDir()
	r, diags := resolveConfig(attrs{Role: role}, os.Getenv, home)
	if diags.HasError() {
		var msgs []string
		for _, d := range diags.Errors() {
			msgs = append(msgs, d.Summary()+": "+d.Detail())
		}
		return nil, fmt.Errorf("connection settings: %s", strings.Join(msgs, "; "))
	}
	prepareDriver()
	return sql.OpenDB(connector(r)), nil
}
