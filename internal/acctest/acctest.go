// Package acctest is the shared harness of the acceptance tests: it decides where they run (the
// in-process emulator by default, a real account with SNOWFLAKEOAUTH_ACC_REAL=1: `make
// testacc-real`), creates the objects the tests name before the first one runs and drops what they
// leave behind (prerequisites.go), serves the provider in-process and gives tests an admin SQL
// connection for changes made out of band.
package acctest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/provider"
)

// RealAccountEnv switches the acceptance tests from the emulator to the account that the SNOWFLAKE_*
// variables describe.
const RealAccountEnv = "SNOWFLAKEOAUTH_ACC_REAL"

// Target is where the acceptance tests of this process run.
type Target struct {
	// Emulator is the in-process emulator, or nil against a real account.
	Emulator *emulator.Server
	// DB is an admin connection (ACCOUNTADMIN) for out-of-band SQL.
	DB *sql.DB
}

var (
	once   sync.Once
	target *Target
	errTgt error
)

// Get returns the process-wide target, starting the emulator on first use. It skips the test unless
// TF_ACC is set, like every acceptance test.
func Get(t testing.TB) *Target {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests need TF_ACC=1 (make test sets it)")
	}
	once.Do(func() { target, errTgt = start() })
	if errTgt != nil {
		t.Fatalf("acceptance target: %v", errTgt)
	}
	return target
}

func start() (*Target, error) {
	if os.Getenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION") == "" {
		_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
	}
	_ = sf.GetLogger().SetLogLevel("fatal")
	if os.Getenv(RealAccountEnv) == "1" {
		return startReal()
	}
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		return nil, err
	}
	// The provider under test reads its configuration from the environment, exactly as a user's would.
	env := map[string]string{
		"SNOWFLAKE_ACCOUNT":  srv.Account(),
		"SNOWFLAKE_USER":     srv.AdminUser(),
		"SNOWFLAKE_PASSWORD": srv.AdminPassword(),
		"SNOWFLAKE_HOST":     srv.Host(),
		"SNOWFLAKE_PORT":     fmt.Sprint(srv.Port()),
		"SNOWFLAKE_PROTOCOL": "http",
		"SNOWFLAKE_ROLE":     "ACCOUNTADMIN",
	}
	for k, v := range env {
		if err := os.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	cfg := driverConfig(srv, srv.AdminUser(), srv.AdminPassword())
	cfg.Role = "ACCOUNTADMIN"
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	// The same prerequisites as on a real account, so that both targets run the same tests against
	// the same objects (a policy may only name rules that exist, on the emulator too).
	if err := createPrerequisites(db); err != nil {
		return nil, err
	}
	return &Target{Emulator: srv, DB: db}, nil
}

// driverConfig is a gosnowflake v2 configuration for srv, the counterpart of srv.DriverConfig (which
// the emulator keeps on v1 for its own tests): the harness talks to Snowflake with the provider's driver.
func driverConfig(srv *emulator.Server, user, password string) *sf.Config {
	return &sf.Config{
		Account:           srv.Account(),
		User:              user,
		Password:          password,
		Host:              srv.Host(),
		Port:              srv.Port(),
		Protocol:          "http",
		DisableOCSPChecks: true,
	}
}

// startReal connects to the account the SNOWFLAKE_* variables or the connections.toml profile they
// name describe (password, key pair, token: whatever the provider itself would use; provider.OpenDB),
// as ACCOUNTADMIN, drops what an earlier run left and creates the prerequisites. Main drops
// everything afterwards.
func startReal() (*Target, error) {
	// The connection settings themselves are checked by provider.OpenDB, with the provider's messages.
	// The provider under test must use the same role as the harness.
	if err := os.Setenv("SNOWFLAKE_ROLE", "ACCOUNTADMIN"); err != nil {
		return nil, err
	}
	db, err := provider.OpenDB("ACCOUNTADMIN")
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		return nil, fmt.Errorf("connect to the real account for out-of-band SQL: %w", err)
	}
	// What an interrupted earlier run left behind would collide with this run's prerequisites.
	if err := Sweep(db); err != nil {
		return nil, err
	}
	if err := createPrerequisites(db); err != nil {
		return nil, err
	}
	return &Target{DB: db}, nil
}

// IsEmulator reports whether the tests run against the in-process emulator.
func (tg *Target) IsEmulator() bool { return tg.Emulator != nil }

// EmulatorOnly skips the test against a real account, giving the reason: the test drives something
// only the emulator has (fault knobs, its clock, its statement log, an account pretending to predate a
// property, its OAuth pages) or asserts a value only the emulator guarantees. It returns the target.
// Every emulator-only test calls it, so that `make testacc-real` lists each skip with its reason.
func EmulatorOnly(t testing.TB, reason string) *Target {
	t.Helper()
	tg := Get(t)
	if !tg.IsEmulator() {
		t.Skip("emulator only (" + RealAccountEnv + "=1): " + reason)
	}
	return tg
}

// ProtoV6ProviderFactories serves the provider in-process for terraform-plugin-testing.
func ProtoV6ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"snowflakeoauth": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
}

// Exec runs SQL out of band as ACCOUNTADMIN and fails the test on error.
func (tg *Target) Exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if _, err := tg.DB.Exec(query, args...); err != nil {
		t.Fatalf("out-of-band SQL %q: %v", query, err)
	}
}

// ExecFunc returns a step-friendly function (PreConfig) that runs SQL out of band.
func (tg *Target) ExecFunc(t testing.TB, queries ...string) func() {
	return func() {
		for _, q := range queries {
			tg.Exec(t, q)
		}
	}
}

// RandomName returns an upper-case identifier unique to this run, e.g. TFACC_NOTEBOOK_1A2B3C4D.
func RandomName(prefix string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return strings.ToUpper("TFACC_" + prefix + "_" + hex.EncodeToString(b))
}

// ReadStatements counts the statements that the emulator logged since the last ResetStatements whose
// text starts with one of the given prefixes (case-insensitive); without prefixes it counts all.
// Against a real account it returns -1: counts are an emulator-only assertion.
func (tg *Target) CountStatements(prefixes ...string) int {
	if tg.Emulator == nil {
		return -1
	}
	n := 0
	for _, e := range tg.Emulator.StatementLog() {
		if len(prefixes) == 0 {
			n++
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(e.SQL)), strings.ToUpper(p)) {
				n++
				break
			}
		}
	}
	return n
}

// ResetStatements clears the emulator's statement log (no-op on a real account).
func (tg *Target) ResetStatements() {
	if tg.Emulator != nil {
		tg.Emulator.ResetStatementLog()
	}
}
