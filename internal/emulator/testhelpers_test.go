package emulator

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/drivertest"
)

func TestMain(m *testing.M) { drivertest.Main(m) }

// startServer starts an emulator closed at the end of the test.
func startServer(t testing.TB, opts Options) *Server {
	t.Helper()
	srv, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

// startWithAdmin starts an emulator closed at the end of the test (startServer) and opens a handle
// on it as the admin (openDB): the fixture most of these tests begin with.
func startWithAdmin(t testing.TB, opts Options) (*Server, *sql.DB) {
	t.Helper()
	srv := startServer(t, opts)
	return srv, openDB(t, srv, nil)
}

// openDB opens a database/sql handle on srv as the admin; mutate adjusts the driver config first.
func openDB(t testing.TB, srv *Server, mutate func(*sf.Config)) *sql.DB {
	t.Helper()
	cfg := srv.DriverConfig(srv.AdminUser(), srv.AdminPassword())
	if mutate != nil {
		mutate(cfg)
	}
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// openSessionDB is openDB limited to one connection, so that every statement runs in the same
// emulator session (what tests of session tokens, faults and statement counts need).
func openSessionDB(t testing.TB, srv *Server, mutate func(*sf.Config)) *sql.DB {
	t.Helper()
	db := openDB(t, srv, mutate)
	db.SetMaxOpenConns(1)
	return db
}

// queryTable runs a query and returns its column names and every row's cells.
func queryTable(t testing.TB, db *sql.DB, query string, args ...any) ([]string, [][]sql.NullString) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer func() { _ = rows.Close() }()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]sql.NullString
	for rows.Next() {
		cells := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range cells {
			ptrs[i] = &cells[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, cells)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, out
}

// queryRow runs a query that returns rows and returns the first one's cells as strings.
func queryRow(t testing.TB, db *sql.DB, query string) []string {
	t.Helper()
	_, rows := queryTable(t, db, query)
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", query)
	}
	out := make([]string, len(rows[0]))
	for i, c := range rows[0] {
		out[i] = c.String
	}
	return out
}

// countRows runs a query and returns how many rows it produced.
func countRows(t testing.TB, db *sql.DB, query string, args ...any) int {
	t.Helper()
	_, rows := queryTable(t, db, query, args...)
	return len(rows)
}

// mustExec runs a statement that must succeed.
func mustExec(t testing.TB, db *sql.DB, stmt string) {
	t.Helper()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// wantSFError asserts that err is a *SnowflakeError with the given number.
func wantSFError(t testing.TB, err error, number int) {
	t.Helper()
	_ = asSFError(t, err, number)
}

// asSFError asserts like wantSFError and returns the error for further checks.
func asSFError(t testing.TB, err error, number int) *sf.SnowflakeError {
	t.Helper()
	var se *sf.SnowflakeError
	if !errors.As(err, &se) {
		t.Fatalf("want *SnowflakeError %d, got %T: %v", number, err, err)
	}
	if se.Number != number {
		t.Fatalf("want error number %d, got %d: %v", number, se.Number, se)
	}
	return se
}

// sqlIs filters statement-log entries by their exact text.
func sqlIs(text string) func(Entry) bool { return func(e Entry) bool { return e.SQL == text } }
