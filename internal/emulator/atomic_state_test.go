package emulator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A statement that fails through the driver leaves the -state file exactly as it was, for every
// statement family (the engine applies a statement to a copy of its catalog and reports a change only
// when the statement succeeded; the file is rewritten only on a reported change).
func TestFailingStatementLeavesStateFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	srv, db := startWithAdmin(t, Options{StateFile: path})
	for _, stmt := range []string{
		"CREATE ROLE analyst",
		"CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('10.0.0.0/8')",
		"CREATE USER jane PASSWORD = 'old' COMMENT = 'c1'",
		"CREATE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://a.example.com/cb'",
	} {
		mustExec(t, db, stmt)
	}
	// The persister writes in the background; flush so the file holds the setup.
	if err := srv.persist.flush(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"ALTER USER JANE SET PASSWORD='new' COMMENT='c2' BOGUS_PROP=1",
		"ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE, NETWORK_POLICY = 'nope'",
		"ALTER SECURITY INTEGRATION app SET COMMENT = 'x', OAUTH_ACCESS_TOKEN_VALIDITY = 10",
		"ALTER NETWORK POLICY np SET COMMENT = 'x' ALLOWED_IP_LIST = ('not an ip')",
		"GRANT ROLE ghost TO USER jane",
	} {
		if _, err := db.Exec(stmt); err == nil {
			t.Fatalf("%s succeeded", stmt)
		}
	}
	if srv.persist.dirty.Load() {
		t.Error("a failing statement scheduled a rewrite of the state file")
	}
	if err := srv.persist.flush(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("failing statements rewrote the state file with a different content")
	}
	// And memory agrees: the old password still logs in.
	if !srv.engine.CheckPassword("JANE", "old") {
		t.Error("JANE's password changed in memory")
	}
}
