package acctest

import (
	"database/sql"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// TestPrerequisitesAndSweepOnEmulator runs what a real-account run does before and after the tests,
// against a fresh emulator: the prerequisites can be created twice, a policy can name the prerequisite
// rules, and the sweep drops every TFACC object (whatever its case, and whatever depends on it) and
// nothing else.
func TestPrerequisitesAndSweepOnEmulator(t *testing.T) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Close() }()
	cfg := driverConfig(srv, srv.AdminUser(), srv.AdminPassword())
	cfg.Role = "ACCOUNTADMIN"
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	defer func() { _ = db.Close() }()
	if err := createPrerequisites(db); err != nil {
		t.Fatal(err)
	}
	if err := createPrerequisites(db); err != nil {
		t.Fatalf("prerequisites are not re-runnable: %v", err)
	}
	for _, q := range []string{
		// A policy on the prerequisite rules, bound to an integration and a user: the sweep must drop
		// them in an order Snowflake accepts (a rule or database in use cannot be dropped).
		"CREATE NETWORK POLICY TFACC_NP ALLOWED_NETWORK_RULE_LIST = (" + OfficeRule + ") BLOCKED_NETWORK_RULE_LIST = (" + BadRule + ")",
		"CREATE ROLE TFACC_ROLE", `CREATE ROLE "tfacc_lower"`, "CREATE ROLE KEEP_ME",
		"CREATE USER TFACC_USER DEFAULT_ROLE = TFACC_ROLE NETWORK_POLICY = 'TFACC_NP'", "CREATE USER KEEP_USER",
		"GRANT ROLE TFACC_ROLE TO USER TFACC_USER",
		"CREATE SECURITY INTEGRATION TFACC_INT TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://x.example/cb' NETWORK_POLICY = 'TFACC_NP'",
		"CREATE SECURITY INTEGRATION KEEP_INT TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://x.example/cb'",
		// A test rule outside the TFACC databases, used by a policy that is kept: it stays.
		"CREATE DATABASE KEEP_DB", "CREATE SCHEMA KEEP_DB.S",
		"CREATE NETWORK RULE KEEP_DB.S.TFACC_LONE TYPE = IPV4 VALUE_LIST = ('10.1.0.0/16')",
		"CREATE NETWORK RULE KEEP_DB.S.KEEP_RULE TYPE = IPV4 VALUE_LIST = ('10.2.0.0/16')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := Sweep(db); err != nil {
		t.Fatal(err)
	}
	for show, want := range map[string]int{
		"SHOW SECURITY INTEGRATIONS LIKE 'TFACC%'": 0, "SHOW NETWORK POLICIES LIKE 'TFACC%'": 0,
		"SHOW USERS LIKE 'TFACC%'": 0, "SHOW ROLES LIKE 'TFACC%'": 0, "SHOW DATABASES LIKE 'TFACC%'": 0,
		"SHOW NETWORK RULES LIKE 'TFACC%' IN ACCOUNT": 0,
		"SHOW ROLES LIKE 'KEEP_ME'":                   1, "SHOW USERS LIKE 'KEEP_USER'": 1, "SHOW DATABASES LIKE 'KEEP_DB'": 1,
		"SHOW SECURITY INTEGRATIONS LIKE 'KEEP_INT'": 1, "SHOW NETWORK RULES LIKE 'KEEP_RULE' IN ACCOUNT": 1,
	} {
		rows, err := queryRows(db, show)
		if err != nil || len(rows) != want {
			t.Errorf("%s after the sweep: %v (%v), want %d rows", show, rows, err, want)
		}
	}
	// A second sweep finds nothing to do, and the prerequisites can be created again afterwards.
	if err := Sweep(db); err != nil {
		t.Fatal(err)
	}
	if err := createPrerequisites(db); err != nil {
		t.Fatalf("prerequisites after a sweep: %v", err)
	}
}
