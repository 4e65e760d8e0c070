// Package gosnowflakev2test checks that gosnowflake v2 works with the emulator as a client, alongside
// v1 (which the emulator package's own tests drive). Both major versions register the database/sql
// driver name "snowflake" at init, so one test binary cannot link both: package emulator links v1 (for
// DriverConfig), so this test runs the standalone emulator command in a subprocess instead of
// importing it, and reaches its knobs through the admin endpoint.
package gosnowflakev2test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/testkeys"
)

// binary is the emulator command, built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	if err := os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true"); err != nil {
		panic(err)
	}
	_ = sf.GetLogger().SetLogLevel("fatal")
	dir, err := os.MkdirTemp("", "emulator-v2-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "snowflake-emulator")
	out, err := exec.Command("go", "build", "-o", binary, "../cmd/snowflake-emulator").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build the emulator: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// server is a running emulator subprocess, described by the export lines it writes once ready.
type server struct {
	env map[string]string
}

// start runs the emulator command on free loopback ports (admin endpoint on) until the test ends.
func start(t *testing.T) *server {
	t.Helper()
	ready := filepath.Join(t.TempDir(), "ready.env")
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "-listen", "127.0.0.1:0", "-admin-listen", "127.0.0.1:0",
		"-admin-password", "v2-secret", "-ready-file", ready)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	deadline := time.Now().Add(time.Minute)
	for {
		data, err := os.ReadFile(ready)
		if err == nil {
			return &server{env: parseExports(string(data))}
		}
		if time.Now().After(deadline) {
			t.Fatal("the emulator did not write its ready file within a minute")
		}
		time.Sleep(20 * time.Millisecond) // polling for readiness, not timing anything
	}
}

// parseExports reads the `export K=V` lines (the values used here need no shell unquoting).
func parseExports(s string) map[string]string {
	env := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		k, v, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		env[k] = strings.Trim(v, "'")
	}
	return env
}

// pat issues a programmatic access token through the admin endpoint.
func (s *server) pat(t *testing.T, user, role string) string {
	t.Helper()
	resp, err := http.PostForm(s.env["SNOWFLAKE_EMULATOR_ADMIN_URL"]+"/users/pat", url.Values{"user": {user}, "role": {role}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var out map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out["token"] == "" {
		t.Fatalf("POST /users/pat: HTTP %d %v %v", resp.StatusCode, out, err)
	}
	return out["token"]
}

// open connects gosnowflake v2 to srv as the admin; mutate adjusts the config.
func open(t *testing.T, srv *server, mutate func(*sf.Config)) *sql.DB {
	t.Helper()
	port, err := strconv.Atoi(srv.env["SNOWFLAKE_PORT"])
	if err != nil {
		t.Fatal(err)
	}
	cfg := sf.Config{Account: srv.env["SNOWFLAKE_ACCOUNT"], User: srv.env["SNOWFLAKE_USER"], Password: srv.env["SNOWFLAKE_PASSWORD"],
		Host: srv.env["SNOWFLAKE_HOST"], Port: port, Protocol: "http", DisableOCSPChecks: true}
	if mutate != nil {
		mutate(&cfg)
	}
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, cfg))
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// count runs a query and counts its rows.
func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer func() { _ = rows.Close() }()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantCode(t *testing.T, err error, number int) {
	t.Helper()
	var se *sf.SnowflakeError
	if !errors.As(err, &se) || se.Number != number {
		t.Fatalf("want *SnowflakeError %d, got %T: %v", number, err, err)
	}
}

func TestGosnowflakeV2Client(t *testing.T) {
	srv := start(t)
	db := open(t, srv, nil)

	var user, role string
	if err := db.QueryRow("SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&user, &role); err != nil || user != "ADMIN" || role != "ACCOUNTADMIN" {
		t.Fatalf("password login: %q %q %v", user, role, err)
	}
	if _, err := db.Exec("CREATE ROLE V2_ROLE"); err != nil {
		t.Fatal(err)
	}
	var a, b string
	if err := db.QueryRow("SELECT ?, :1", "bound").Scan(&a, &b); err != nil || a != "bound" || b != "bound" {
		t.Fatalf("binds: %q %q %v", a, b, err)
	}
	if n := count(t, db, "SHOW ROLES LIKE ?", "v2_role"); n != 1 {
		t.Fatalf("SHOW ROLES LIKE ? = %d rows, want 1", n)
	}
	if n := count(t, db, "SHOW ROLES LIKE 'NONE_SUCH'"); n != 0 {
		t.Fatalf("zero-row SHOW returned %d rows", n)
	}

	_, err := db.Exec("DESCRIBE SECURITY INTEGRATION NOPE")
	wantCode(t, err, 2003)
	_, err = db.Exec("CREATE ROLE V2_ROLE")
	wantCode(t, err, 2002)
	wantCode(t, open(t, srv, func(c *sf.Config) { c.Password = "wrong" }).Ping(), 390100)
}

func TestGosnowflakeV2KeyPairAndPAT(t *testing.T) {
	srv := start(t)
	pair := testkeys.New(t)
	key := pair.Private
	admin := open(t, srv, nil)
	for _, stmt := range []string{
		fmt.Sprintf("CREATE USER V2_JWT RSA_PUBLIC_KEY = '%s'", pair.Public),
		"GRANT ROLE SYSADMIN TO USER V2_JWT",
	} {
		if _, err := admin.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	jwtDB := open(t, srv, func(c *sf.Config) {
		c.User, c.Password, c.Authenticator, c.PrivateKey = "v2_jwt", "", sf.AuthTypeJwt, key
	})
	var user string
	if err := jwtDB.QueryRow("SELECT CURRENT_USER()").Scan(&user); err != nil || user != "V2_JWT" {
		t.Fatalf("key-pair login: %q %v", user, err)
	}
	pat := srv.pat(t, "V2_JWT", "SYSADMIN")
	patDB := open(t, srv, func(c *sf.Config) {
		c.User, c.Password, c.Authenticator, c.Token = "v2_jwt", "", sf.AuthTypePat, pat
	})
	var role string
	if err := patDB.QueryRow("SELECT CURRENT_ROLE()").Scan(&role); err != nil || role != "SYSADMIN" {
		t.Fatalf("PAT login: %q %v", role, err)
	}
}
