package emulator

import (
	"errors"
	"strings"
	"testing"

	sf "github.com/snowflakedb/gosnowflake"
)

// TestFailStatementsSQLFailure: only statements containing the substring (any case) fail, with the
// Snowflake code through the real driver, without executing, and exactly n times.
func TestFailStatementsSQLFailure(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, nil)
	mustExec(t, db, "CREATE ROLE SQLFAULT_A")
	srv.FailStatements("show roles like 'sqlfault", 2, SQLFailure)

	mustExec(t, db, "SELECT 1") // does not match: no fault used up
	if n := srv.PendingStatementFaults("show roles like 'sqlfault"); n != 2 {
		t.Fatalf("pending = %d after a non-matching statement, want 2", n)
	}
	for i := range 2 {
		_, err := db.Query("SHOW ROLES LIKE 'SQLFAULT_A'")
		se := asSFError(t, err, 603)
		if !strings.Contains(se.Message, "injected fault") {
			t.Fatalf("attempt %d: message %q does not say the fault was injected", i, se.Message)
		}
	}
	if n := countRows(t, db, "SHOW ROLES LIKE 'SQLFAULT_A'"); n != 1 {
		t.Fatalf("third SHOW found %d roles, want 1 (the faults are used up)", n)
	}
	failed := srv.CountStatements(func(e Entry) bool { return !e.OK && e.ErrorCode == InjectedSQLErrorCode })
	if failed != 2 {
		t.Fatalf("statement log has %d injected failures, want 2", failed)
	}
}

// TestFailStatementsSQLFailureDoesNotExecute: a failed CREATE creates nothing.
func TestFailStatementsSQLFailureDoesNotExecute(t *testing.T) {
	t.Parallel()
	srv, db := startWithAdmin(t, Options{})
	srv.FailStatements("CREATE ROLE", 1, SQLFailure)
	_, err := db.Exec("CREATE ROLE NOT_CREATED")
	wantSFError(t, err, 603)
	if n := countRows(t, db, "SHOW ROLES LIKE 'NOT_CREATED'"); n != 0 {
		t.Fatalf("a CREATE failed by the knob created %d roles", n)
	}
}

// TestFailStatementsHTTP503Storm: more lost answers than the driver retries: the client gets a
// transport error although the statement ran once; the retries used up the faults.
func TestFailStatementsHTTP503Storm(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, func(c *sf.Config) { c.MaxRetryCount = 1 })
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	srv.FailStatements("CREATE ROLE STORM", 10, HTTP503)
	_, err := db.Exec("CREATE ROLE STORM")
	var se *sf.SnowflakeError
	if err == nil || errors.As(err, &se) {
		t.Fatalf("want a transport-level error, got %v", err)
	}
	if n := srv.CountStatements(sqlIs("CREATE ROLE STORM")); n != 1 {
		t.Fatalf("CREATE executed %d times, want 1", n)
	}
	used := 10 - srv.PendingStatementFaults("CREATE ROLE STORM")
	if used < 2 {
		t.Fatalf("the driver's attempts used up %d faults, want at least 2 (first try and a retry)", used)
	}
	srv.FailStatements("CREATE ROLE STORM", 0, 0) // removes the rest
	if n := srv.PendingStatementFaults("create role storm"); n != 0 {
		t.Fatalf("pending = %d after removal, want 0", n)
	}
	if n := countRows(t, db, "SHOW ROLES LIKE 'STORM'"); n != 1 {
		t.Fatalf("SHOW ROLES found %d roles, want 1", n)
	}
}

// TestFailStatementsRemoval: n <= 0 removes the rules for one substring only, "" removes all.
func TestFailStatementsRemoval(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	srv.FailStatements("DESCRIBE", 3, SQLFailure)
	srv.FailStatements("SHOW", 2, HTTP503)
	srv.FailStatements("describe", 0, 0)
	if n := srv.PendingStatementFaults("DESCRIBE"); n != 0 {
		t.Fatalf("pending DESCRIBE = %d, want 0", n)
	}
	if n := srv.PendingStatementFaults(""); n != 2 {
		t.Fatalf("pending = %d, want 2 (the SHOW rule)", n)
	}
	srv.FailStatements("", 0, 0)
	if n := srv.PendingStatementFaults(""); n != 0 {
		t.Fatalf("pending = %d, want 0", n)
	}
}
