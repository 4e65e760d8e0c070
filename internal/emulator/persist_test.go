package emulator

import (
	"os"
	"path/filepath"
	"testing"

	sf "github.com/snowflakedb/gosnowflake"
)

func TestStatePersistsAcrossRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")

	first, err := Start(Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	password := first.AdminPassword()
	db := openDB(t, first, nil)
	mustExec(t, db, "CREATE ROLE KEEP_ME")
	pat := first.AddProgrammaticAccessToken("ADMIN", "PUBLIC")

	// Written after the change, not only at Close: a second server reading the file now sees it.
	peek := startServer(t, Options{StateFile: filepath.Join(t.TempDir(), "copy.json")})
	copyFile(t, path, peek.opts.StateFile)
	if err := peek.Close(); err != nil {
		t.Fatal(err)
	}
	peek2 := startServer(t, Options{StateFile: peek.opts.StateFile})
	if n := countRows(t, openDB(t, peek2, nil), "SHOW ROLES LIKE 'KEEP_ME'"); n != 1 {
		t.Fatalf("state file before Close holds %d KEEP_ME roles, want 1", n)
	}

	_ = db.Close()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := startServer(t, Options{StateFile: path})
	if second.AdminPassword() != password {
		t.Fatal("restart generated a new admin password instead of reusing the saved one")
	}
	db2 := openDB(t, second, nil)
	if n := countRows(t, db2, "SHOW ROLES LIKE 'KEEP_ME'"); n != 1 {
		t.Fatalf("after restart: %d KEEP_ME roles, want 1", n)
	}
	patDB := openDB(t, second, func(c *sf.Config) { c.Authenticator, c.Token, c.Password = sf.AuthTypePat, pat, "" })
	if got := queryRow(t, patDB, "SELECT CURRENT_ROLE()"); got[0] != "PUBLIC" {
		t.Fatalf("PAT after restart: role %q", got[0])
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("state directory holds %d files, want only state.json (no temp files)", len(entries))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestStateExplicitAdminPasswordWins(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	first := startServer(t, Options{StateFile: path, AdminPassword: "old"})
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := startServer(t, Options{StateFile: path, AdminPassword: "new"})
	if err := openDB(t, second, nil).Ping(); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
	wantSFError(t, openDB(t, second, func(c *sf.Config) { c.Password = "old" }).Ping(), 390100)
}

func TestCorruptStateIsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	for _, content := range []string{"not json", `{"version": 99, "engine": {}}`, `{"version": 1, "engine": {"x": 1}}`} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if srv, err := Start(Options{StateFile: path}); err == nil {
			_ = srv.Close()
			t.Fatalf("Start accepted state %q", content)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Fatalf("a refused state file was overwritten: %q", got)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
