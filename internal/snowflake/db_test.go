package snowflake

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
	"testing"
	"time"
)

// A minimal database/sql driver, so the *sql.DB path of Client (scanning by column name, driver
// values, error pass-through) is tested without a server.
type stubDriver struct {
	mu      sync.Mutex
	results map[string]*stubRows
	errs    map[string]error
	execs   []string
}

type stubRows struct {
	cols []string
	rows [][]driver.Value
	pos  int
}

func (r *stubRows) Columns() []string { return r.cols }
func (r *stubRows) Close() error      { return nil }
func (r *stubRows) Next(dest []driver.Value) error {
	if r.pos >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.pos])
	r.pos++
	return nil
}

type stubConn struct{ d *stubDriver }

func (d *stubDriver) Open(string) (driver.Conn, error) { return stubConn{d}, nil }
func (stubConn) Prepare(string) (driver.Stmt, error)   { return nil, errors.New("not supported") }
func (stubConn) Close() error                          { return nil }
func (stubConn) Begin() (driver.Tx, error)             { return nil, errors.New("not supported") }

func (c stubConn) QueryContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Rows, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	if err := c.d.errs[q]; err != nil {
		return nil, err
	}
	r, ok := c.d.results[q]
	if !ok {
		return nil, errors.New("stub: unexpected query " + q)
	}
	return &stubRows{cols: r.cols, rows: r.rows}, nil
}

func (c stubConn) ExecContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Result, error) {
	c.d.mu.Lock()
	defer c.d.mu.Unlock()
	c.d.execs = append(c.d.execs, q)
	if err := c.d.errs[q]; err != nil {
		return nil, err
	}
	return driver.RowsAffected(0), nil
}

var stubOnce sync.Once
var stub = &stubDriver{results: map[string]*stubRows{}, errs: map[string]error{}}

func openStub(t *testing.T) *sql.DB {
	stubOnce.Do(func() { sql.Register("snowflakeoauth-stub", stub) })
	db, err := sql.Open("snowflakeoauth-stub", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func TestClientOverDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	db := openStub(t)
	c := NewClient(db)
	u := MustParseIdentifier("jane")
	created := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	stub.mu.Lock()
	stub.results[ShowDelegatedAuthorizationsByUserSQL(u)] = &stubRows{
		cols: []string{"integration_status", "created_on", "role_name", "user_name", "integration_name"},
		rows: [][]driver.Value{{"ENABLED", created, []byte("ANALYST"), "JANE", "APP"}},
	}
	stub.results[ShowAccountParameterSQL(ParamPrivilegedRolesBlocked)] = &stubRows{
		cols: []string{"key", "value", "default"},
		rows: [][]driver.Value{{ParamPrivilegedRolesBlocked, "true", "true"}},
	}
	drop := DropIntegrationSQL(MustParseIdentifier("locked"))
	stub.errs[drop] = sfErr(3001, "42501", "SQL access control error:\nInsufficient privileges to operate on integration 'LOCKED'")
	stub.mu.Unlock()

	got, err := c.ShowDelegatedAuthorizationsByUser(ctx, u)
	if err != nil || len(got) != 1 {
		t.Fatalf("%v %v", got, err)
	}
	want := DelegatedAuthorization{CreatedOn: created, User: NewIdentifier("JANE"), Role: NewIdentifier("ANALYST"), Integration: NewIdentifier("APP"), IntegrationStatus: "ENABLED"}
	if got[0] != want {
		t.Errorf("got %+v\nwant %+v", got[0], want)
	}
	if v, err := c.PrivilegedRolesBlocked(ctx); err != nil || !v {
		t.Errorf("PrivilegedRolesBlocked = %v, %v", v, err)
	}
	err = c.DropIntegration(ctx, MustParseIdentifier("locked"))
	var e *Error
	if !errors.Is(err, ErrInsufficientPrivileges) || !errors.As(err, &e) || e.Code != "003001" || e.SQLState != "42501" {
		t.Fatalf("drop: %#v", err)
	}
	stub.mu.Lock()
	execs := append([]string(nil), stub.execs...)
	stub.mu.Unlock()
	if len(execs) != 1 || execs[0] != drop {
		t.Errorf("execs = %q", execs)
	}
}
