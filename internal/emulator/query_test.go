package emulator

import (
	"strings"
	"testing"
)

func TestQueryResultsAndStatementLog(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, nil)

	if got := queryRow(t, db, "SELECT CURRENT_USER(), CURRENT_ROLE()"); got[0] != "ADMIN" || got[1] != "ACCOUNTADMIN" {
		t.Fatalf("got %v", got)
	}
	var one int64
	if err := db.QueryRow("SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 = %d, %v", one, err)
	}
	res, err := db.Exec("CREATE ROLE LOGGED")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := res.RowsAffected(); err == nil {
		t.Fatal("DDL must not report RowsAffected")
	}
	_, err = db.Exec("CREATE ROLE LOGGED")
	se := asSFError(t, err, 2002)
	if se.QueryID == "" || se.QueryID == "-1" || se.SQLState == "-1" {
		t.Fatalf("error lacks queryId/sqlState: %+v", se)
	}
	_, err = db.Exec("SELEC 1")
	wantSFError(t, err, 1003)
	mustExec(t, db, "USE ROLE PUBLIC")
	if got := queryRow(t, db, "SELECT CURRENT_ROLE()"); got[0] != "PUBLIC" {
		t.Fatalf("CURRENT_ROLE after USE ROLE = %q", got[0])
	}

	log := srv.StatementLog()
	want := []struct {
		sql, role, code string
		ok              bool
	}{
		{"SELECT CURRENT_USER(), CURRENT_ROLE()", "ACCOUNTADMIN", "", true},
		{"SELECT 1", "ACCOUNTADMIN", "", true},
		{"CREATE ROLE LOGGED", "ACCOUNTADMIN", "", true},
		{"CREATE ROLE LOGGED", "ACCOUNTADMIN", "002002", false},
		{"SELEC 1", "ACCOUNTADMIN", "001003", false},
		{"USE ROLE PUBLIC", "ACCOUNTADMIN", "", true},
		{"SELECT CURRENT_ROLE()", "PUBLIC", "", true},
	}
	if len(log) != len(want) {
		t.Fatalf("statement log has %d entries, want %d: %+v", len(log), len(want), log)
	}
	for i, w := range want {
		e := log[i]
		if e.SQL != w.sql || e.Role != w.role || e.OK != w.ok || e.ErrorCode != w.code || e.User != "ADMIN" || e.SessionID == 0 || e.Time.IsZero() {
			t.Errorf("entry %d = %+v, want %+v", i, e, w)
		}
	}
	if n := srv.CountStatements(func(e Entry) bool { return !e.OK }); n != 2 {
		t.Fatalf("failed statements = %d, want 2", n)
	}
	srv.ResetStatementLog()
	if n := srv.CountStatements(nil); n != 0 {
		t.Fatalf("after reset: %d entries", n)
	}
}

func TestBindings(t *testing.T) {
	t.Parallel()
	_, db := startWithAdmin(t, Options{})
	mustExec(t, db, "CREATE ROLE BOUND_ROLE")
	if n := countRows(t, db, "SHOW ROLES LIKE 'BOUND_ROLE'"); n != 1 {
		t.Fatalf("SHOW ROLES LIKE = %d rows", n)
	}
	rows, err := db.Query("SELECT ?, ?, ?", 7, "it's", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rows.Close() }()
	if !rows.Next() {
		t.Fatal("no row")
	}
	var n int64
	var s string
	var null *string
	if err := rows.Scan(&n, &s, &null); err != nil {
		t.Fatal(err)
	}
	if n != 7 || s != "it's" || null != nil {
		t.Fatalf("SELECT ?, ?, ? = %d, %q, %v", n, s, null)
	}
}

func TestOrderBindings(t *testing.T) {
	v := func(s string) wireBinding { return wireBinding{Type: "TEXT", Value: []byte(`"` + s + `"`)} }
	got, err := orderBindings(map[string]wireBinding{"2": v("b"), "1": v("a"), "10": v("j"),
		"3": {Type: "TEXT", Value: []byte("null")}, "4": v("d"), "5": v("e"), "6": v("f"), "7": v("g"), "8": v("h"), "9": v("i")})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range got {
		if b.Value == nil {
			texts = append(texts, "NULL")
		} else {
			texts = append(texts, *b.Value)
		}
	}
	if strings.Join(texts, ",") != "a,b,NULL,d,e,f,g,h,i,j" {
		t.Fatalf("ordered bindings = %v", texts)
	}
	for name, m := range map[string]map[string]wireBinding{
		"named": {"name": v("x")},
		"gap":   {"1": v("x"), "3": v("y")},
		"array": {"1": {Type: "TEXT", Value: []byte(`["a","b"]`)}},
	} {
		if _, err := orderBindings(m); err == nil {
			t.Errorf("%s bindings accepted", name)
		}
	}
}

func TestUnsupportedQueryModes(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	token, _ := rawLogin(t, srv)
	for _, body := range []map[string]any{
		{"sqlText": "SELECT 1", "asyncExec": true},
		{"sqlText": "SELECT 1", "describeOnly": true},
	} {
		r := post(t, srv, pathQuery+"?requestId="+randomToken(8), token, body)
		if r.Success || r.code() != "000002" || r.field("sqlState") != "0A000" || r.field("queryId") == "" {
			t.Errorf("%v: %+v", body, r)
		}
	}
}
