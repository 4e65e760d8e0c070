package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/drivertest"
)

func TestMain(m *testing.M) { drivertest.Main(m) }

func TestRefusesRemoteListen(t *testing.T) {
	err := run(context.Background(), []string{"-listen", "0.0.0.0:0"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "-allow-remote") {
		t.Fatalf("err = %v, want a refusal mentioning -allow-remote", err)
	}
}

// TestServesUntilCancelled starts the command, connects with the printed settings and stops it.
func TestServesUntilCancelled(t *testing.T) {
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready.env")
	state := filepath.Join(dir, "state.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-admin-password", "it's secret", "-account", "DEMO",
			"-state", state, "-ready-file", ready}, &out)
	}()

	env := waitForExports(t, ready, done)
	for k, want := range map[string]string{"SNOWFLAKE_ACCOUNT": "DEMO", "SNOWFLAKE_USER": "ADMIN",
		"SNOWFLAKE_PASSWORD": "it's secret", "SNOWFLAKE_HOST": "127.0.0.1", "SNOWFLAKE_PROTOCOL": "http", "SNOWFLAKE_ROLE": "ACCOUNTADMIN"} {
		if env[k] != want {
			t.Errorf("%s = %q, want %q", k, env[k], want)
		}
	}
	cfg := &sf.Config{Account: env["SNOWFLAKE_ACCOUNT"], User: env["SNOWFLAKE_USER"], Password: env["SNOWFLAKE_PASSWORD"],
		Host: env["SNOWFLAKE_HOST"], Protocol: env["SNOWFLAKE_PROTOCOL"], Role: env["SNOWFLAKE_ROLE"],
		DisableOCSPChecks: true, DisableTelemetry: true}
	if _, err := fmt.Sscan(env["SNOWFLAKE_PORT"], &cfg.Port); err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	var role string
	if err := db.QueryRow("SELECT CURRENT_ROLE()").Scan(&role); err != nil || role != "ACCOUNTADMIN" {
		t.Fatalf("connect with the exported settings: role %q, err %v", role, err)
	}
	_ = db.Close()

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if _, err := os.Stat(ready); !os.IsNotExist(err) {
		t.Fatalf("ready file left behind: %v", err)
	}
	if _, err := os.Stat(state); err != nil {
		t.Fatalf("state file: %v", err)
	}
	for _, want := range []string{"export SNOWFLAKE_PASSWORD='it'\\''s secret'", "gosnowflake DSN", "account=DEMO", "protocol=http", "Shutting down."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// waitForExports polls for the ready file and parses its export lines.
func waitForExports(t *testing.T, path string, done <-chan error) map[string]string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, err := os.ReadFile(path)
		if err == nil {
			return parseExports(t, string(data))
		}
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("ready file never appeared")
		}
	}
}

// parseExports reads `export K=V` lines, undoing shellQuote.
func parseExports(t *testing.T, s string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !ok {
			t.Fatalf("bad export line %q", line)
		}
		if strings.HasPrefix(v, "'") {
			v = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'"), `'\''`, "'")
		}
		env[k] = v
	}
	return env
}

// TestLoginLatencyFlag: -login-latency delays the login (lower bound only; the emulator package
// tests that queries are not charged it).
func TestLoginLatencyFlag(t *testing.T) {
	const d = 40 * time.Millisecond
	ready := filepath.Join(t.TempDir(), "ready.env")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-login-latency", d.String(), "-ready-file", ready}, &bytes.Buffer{})
	}()
	env := waitForExports(t, ready, done)
	cfg := &sf.Config{Account: env["SNOWFLAKE_ACCOUNT"], User: env["SNOWFLAKE_USER"], Password: env["SNOWFLAKE_PASSWORD"],
		Host: env["SNOWFLAKE_HOST"], Protocol: env["SNOWFLAKE_PROTOCOL"], DisableOCSPChecks: true, DisableTelemetry: true}
	if _, err := fmt.Sscan(env["SNOWFLAKE_PORT"], &cfg.Port); err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	start := time.Now()
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < d {
		t.Fatalf("login took %v with -login-latency %v", elapsed, d)
	}
	_ = db.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

// TestAdminEndpointFlag: -admin-listen serves the knobs on the printed loopback URL.
func TestAdminEndpointFlag(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready.env")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-admin-listen", "127.0.0.1:0", "-ready-file", ready}, &bytes.Buffer{})
	}()
	env := waitForExports(t, ready, done)
	admin := env["SNOWFLAKE_EMULATOR_ADMIN_URL"]
	if !strings.HasPrefix(admin, "http://127.0.0.1:") {
		t.Fatalf("SNOWFLAKE_EMULATOR_ADMIN_URL = %q", admin)
	}
	resp, err := http.PostForm(admin+"/faults/fail-next", url.Values{"count": {"2"}, "mode": {"drop"}})
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Pending int `json:"pending_request_faults"`
	}
	err = json.NewDecoder(resp.Body).Decode(&st)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || st.Pending != 2 {
		t.Fatalf("POST /faults/fail-next: HTTP %d, %+v, %v", resp.StatusCode, st, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}
