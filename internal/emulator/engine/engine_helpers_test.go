package engine

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Helpers shared by the engine's tests.

// mustExec runs sql and fails the test on error.
func mustExec(t *testing.T, e *Engine, s *Session, sql string) *Result {
	t.Helper()
	res, err := e.Exec(s, sql, nil)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return res
}

// mustSQLErr runs sql and returns its *SQLError, failing if it succeeds.
func mustSQLErr(t *testing.T, e *Engine, s *Session, sql string) *SQLError {
	t.Helper()
	_, err := e.Exec(s, sql, nil)
	var se *SQLError
	if !errors.As(err, &se) {
		t.Fatalf("%s: err = %v, want a SQL error", sql, err)
	}
	return se
}

func cell(r *Result, row int, col string) string {
	for i, c := range r.Columns {
		if c.Name == col && r.Rows[row][i] != nil {
			return *r.Rows[row][i]
		}
	}
	return "<none>"
}

func newTestEngine() (*Engine, *Session) {
	return New(Options{AdminPassword: "pw"}), &Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}
}

// npClock is a movable clock for created_on assertions.
type npClock struct{ t time.Time }

func (c *npClock) now() time.Time { return c.t }

func npEngine() (*Engine, *Session, *npClock) {
	clk := &npClock{t: time.Date(2026, 3, 1, 10, 0, 0, 123000000, time.UTC)}
	e := New(Options{AdminPassword: "pw", Now: clk.now})
	return e, &Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}, clk
}

// npWantErr asserts code, SQL state and the full message.
func npWantErr(t *testing.T, e *Engine, s *Session, sql, code, state, msg string) {
	t.Helper()
	se := mustSQLErr(t, e, s, sql)
	if se.Code != code || se.SQLState != state || se.Message != msg {
		t.Errorf("%s:\n got %s (%s): %q\nwant %s (%s): %q", sql, se.Code, se.SQLState, se.Message, code, state, msg)
	}
}

// errCase is a statement that must fail with this code and SQL state; msg is the whole message for
// npWantErrs and a part of it for integTestWantErrs.
type errCase struct{ sql, code, state, msg string }

// npWantErrs runs each case as session s in a subtest named after its statement (npWantErr).
func npWantErrs(t *testing.T, e *Engine, s *Session, cases []errCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.sql, func(t *testing.T) { npWantErr(t, e, s, c.sql, c.code, c.state, c.msg) })
	}
}

// integTestWantErrs runs each case as session s in a subtest named after its statement
// (integTestWantErr).
func integTestWantErrs(t *testing.T, e *Engine, s *Session, cases []errCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.sql, func(t *testing.T) { integTestWantErr(t, e, s, c.sql, c.code, c.state, c.msg) })
	}
}

// restoreInto carries e's catalog into fresh through a snapshot (what the -state file does) and
// returns fresh.
func restoreInto(t *testing.T, e, fresh *Engine) *Engine {
	t.Helper()
	data, err := e.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if err := fresh.Restore(data); err != nil {
		t.Fatal(err)
	}
	return fresh
}

// wantShape asserts a result's statement type and its columns, written "name:type,...": a wrong set of
// columns stops the test, as every later cell read would be meaningless.
func wantShape(t *testing.T, res *Result, statementType int, cols string) {
	t.Helper()
	var got []string
	for _, c := range res.Columns {
		got = append(got, c.Name+":"+c.Type)
	}
	if strings.Join(got, ",") != cols {
		t.Fatalf("columns = %s, want %s", strings.Join(got, ","), cols)
	}
	if res.StatementTypeID != statementType {
		t.Errorf("statement type = %#x, want %#x", res.StatementTypeID, statementType)
	}
}

func npCol(t *testing.T, r *Result, row int, col string) string {
	t.Helper()
	for i, c := range r.Columns {
		if c.Name == col {
			if r.Rows[row][i] == nil {
				return "<null>"
			}
			return *r.Rows[row][i]
		}
	}
	t.Fatalf("no column %q", col)
	return ""
}

func npStatus(t *testing.T, e *Engine, s *Session, sql string) string {
	t.Helper()
	return npCol(t, mustExec(t, e, s, sql), 0, "status")
}

// integTestWantErr checks code, SQL state and that the message contains msg.
func integTestWantErr(t *testing.T, e *Engine, s *Session, sql, code, state, msg string) {
	t.Helper()
	se := mustSQLErr(t, e, s, sql)
	if se.Code != code || se.SQLState != state || !strings.Contains(se.Message, msg) {
		t.Errorf("%s\n-> %s (%s): %q\nwant %s (%s) containing %q", sql, se.Code, se.SQLState, se.Message, code, state, msg)
	}
}

func integTestStatus(t *testing.T, e *Engine, s *Session, sql, want string) {
	t.Helper()
	res := mustExec(t, e, s, sql)
	if len(res.Rows) != 1 || len(res.Columns) != 1 || res.Columns[0].Name != "status" || *res.Rows[0][0] != want {
		t.Errorf("%s\n-> %v, want status %q", sql, integTestRows(res), want)
	}
}

func integTestRows(res *Result) [][]string {
	var out [][]string
	for _, r := range res.Rows {
		var row []string
		for _, c := range r {
			if c == nil {
				row = append(row, "<NULL>")
			} else {
				row = append(row, *c)
			}
		}
		out = append(out, row)
	}
	return out
}

// mkRules creates IPV4 ingress network rules, each given as a qualified name in SQL syntax
// (`db.sc.nr`, `"db"."Sc"."x y"`), with their databases and schemas.
func mkRules(t *testing.T, e *Engine, s *Session, names ...string) {
	t.Helper()
	for _, n := range names {
		toks, lerr := tokenize(n)
		if lerr != nil {
			t.Fatalf("rule name %q: %v", n, lerr)
		}
		parts, err := (&parser{toks: toks}).qualifiedParts()
		if err != nil || len(parts) != 3 {
			t.Fatalf("rule name %q: %v", n, err)
		}
		db, sc := quoteIdent(parts[0]), quoteIdent(parts[0])+"."+quoteIdent(parts[1])
		mustExec(t, e, s, "CREATE DATABASE IF NOT EXISTS "+db)
		mustExec(t, e, s, "CREATE SCHEMA IF NOT EXISTS "+sc)
		mustExec(t, e, s, "CREATE NETWORK RULE "+sc+"."+quoteIdent(parts[2])+" TYPE = IPV4 MODE = INGRESS")
	}
}
