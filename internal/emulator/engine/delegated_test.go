package engine

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// daSetup builds an account with roles ANALYST and "lower role", users JANE (ANALYST) and BOB, a custom
// integration APP, a partner integration TAB, and sessions for ADMIN (ACCOUNTADMIN) and JANE (PUBLIC).
func daSetup(t *testing.T) (e *Engine, admin, jane *Session, clk *npClock) {
	t.Helper()
	e, admin, clk = npEngine()
	for _, sql := range []string{
		"CREATE ROLE analyst",
		`CREATE ROLE "lower role"`,
		"CREATE USER jane",
		"CREATE USER bob",
		"GRANT ROLE analyst TO USER jane",
		`GRANT ROLE "lower role" TO ROLE analyst`,
		"CREATE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'",
		"CREATE SECURITY INTEGRATION tab TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP",
	} {
		mustExec(t, e, admin, sql)
	}
	e.DrainRevocations()
	return e, admin, &Session{ID: 2, User: "JANE", Role: "PUBLIC"}, clk
}

// daRows returns SHOW DELEGATED AUTHORIZATIONS rows as "user|role|integration|status" strings.
func daRows(t *testing.T, e *Engine, s *Session, sql string) []string {
	t.Helper()
	res := mustExec(t, e, s, sql)
	out := []string{}
	for i := range res.Rows {
		out = append(out, strings.Join([]string{
			npCol(t, res, i, "user_name"), npCol(t, res, i, "role_name"),
			npCol(t, res, i, "integration_name"), npCol(t, res, i, "integration_status"),
		}, "|"))
	}
	return out
}

func daWantRows(t *testing.T, e *Engine, s *Session, sql string, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if got := daRows(t, e, s, sql); !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", sql, got, want)
	}
}

func TestDelegatedAddAndShow(t *testing.T) {
	e, admin, jane, clk := daSetup(t)
	const add = "ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app"
	if got := npStatus(t, e, admin, add); got != "Statement executed successfully." {
		t.Errorf("status = %q", got)
	}
	created := clk.t
	if !e.HasDelegatedAuthorization("JANE", "ANALYST", "APP") || e.HasDelegatedAuthorization("JANE", "ANALYST", "app") {
		t.Error("HasDelegatedAuthorization does not match the stored names exactly")
	}

	res := mustExec(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER jane")
	wantShape(t, res, StatementShow, "created_on:timestamp_ltz,user_name:text,role_name:text,integration_name:text,integration_status:text")
	if len(res.Rows) != 1 || npCol(t, res, 0, "created_on") != *timeCell(created) {
		t.Fatalf("rows = %v", res.Rows)
	}
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER jane", "JANE|ANALYST|APP|ENABLED")
	// No clause: only the current user's, even under ACCOUNTADMIN.
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS")
	daWantRows(t, e, jane, "SHOW DELEGATED AUTHORIZATIONS", "JANE|ANALYST|APP|ENABLED")
	daWantRows(t, e, jane, "show delegated authorizations by user JANE;", "JANE|ANALYST|APP|ENABLED")
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION app", "JANE|ANALYST|APP|ENABLED")
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION tab")

	mustExec(t, e, admin, "ALTER SECURITY INTEGRATION app SET ENABLED = false")
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER jane", "JANE|ANALYST|APP|DISABLED")
	mustExec(t, e, admin, "ALTER SECURITY INTEGRATION app SET ENABLED = true")

	// Adding again is idempotent and keeps the first created_on.
	clk.t = clk.t.Add(time.Hour)
	mustExec(t, e, admin, add)
	res = mustExec(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER jane")
	if len(res.Rows) != 1 || npCol(t, res, 0, "created_on") != *timeCell(created) {
		t.Errorf("after a second ADD: %v", res.Rows)
	}

	// A role inherited through the hierarchy counts as granted; the user may act on themselves with the
	// user name omitted, under any role.
	mustExec(t, e, jane, `ALTER USER ADD DELEGATED AUTHORIZATION OF ROLE "lower role" TO SECURITY INTEGRATION app`)
	mustExec(t, e, jane, "ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE public TO SECURITY INTEGRATION APP")
	// Sorted by created_on, then names.
	daWantRows(t, e, jane, "SHOW DELEGATED AUTHORIZATIONS",
		"JANE|ANALYST|APP|ENABLED", "JANE|PUBLIC|APP|ENABLED", "JANE|lower role|APP|ENABLED")
}

func TestDelegatedAddErrors(t *testing.T) {
	e, admin, jane, _ := daSetup(t)
	bobSQL := "ALTER USER bob ADD DELEGATED AUTHORIZATION OF ROLE public TO SECURITY INTEGRATION app"
	npWantErr(t, e, jane, bobSQL, "003001", "42501", "SQL access control error:\nInsufficient privileges to operate on user 'BOB'")
	npWantErr(t, e, &Session{ID: 3, User: "JANE", Role: "SYSADMIN"}, bobSQL, "003001", "42501",
		"SQL access control error:\nInsufficient privileges to operate on user 'BOB'")
	mustExec(t, e, &Session{ID: 4, User: "ADMIN", Role: "SECURITYADMIN"}, bobSQL)

	npWantErrs(t, e, admin, []errCase{
		{"ALTER USER nobody ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
			"002003", "02000", "SQL compilation error:\nUser 'NOBODY' does not exist or not authorized."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE nope TO SECURITY INTEGRATION app",
			"002003", "02000", "SQL compilation error:\nRole 'NOPE' does not exist or not authorized."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION nope",
			"002003", "02000", "SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION tab",
			"001422", "22023", "SQL compilation error:\nDelegated authorization is only supported for custom OAuth clients."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE sysadmin TO SECURITY INTEGRATION app",
			"001422", "22023", "SQL compilation error:\nRole 'SYSADMIN' is not granted to user 'JANE'."},
		{"ALTER USER admin ADD DELEGATED AUTHORIZATION OF ROLE accountadmin TO SECURITY INTEGRATION app",
			"001422", "22023", "SQL compilation error:\nRole 'ACCOUNTADMIN' is blocked for integration 'APP'."},
		{"ALTER USER admin ADD DELEGATED AUTHORIZATION OF ROLE securityadmin TO SECURITY INTEGRATION app",
			"001422", "22023", "SQL compilation error:\nRole 'SECURITYADMIN' is blocked for integration 'APP'."},
		{"ALTER USER admin ADD DELEGATED AUTHORIZATION OF ROLE orgadmin TO SECURITY INTEGRATION app",
			"001422", "22023", "SQL compilation error:\nRole 'ORGADMIN' is blocked for integration 'APP'."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATIONS OF ROLE analyst TO SECURITY INTEGRATION app",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 30 unexpected 'AUTHORIZATIONS'."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst FROM SECURITY INTEGRATION app",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 60 unexpected 'FROM'."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO INTEGRATION app",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 63 unexpected 'INTEGRATION'."},
		{"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app extra",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 88 unexpected 'extra'."},
	})

	// The user's own BLOCKED_ROLES_LIST and a non-empty ALLOWED_ROLES_LIST.
	mustExec(t, e, admin, "ALTER SECURITY INTEGRATION app SET BLOCKED_ROLES_LIST = ('ANALYST')")
	npWantErr(t, e, admin, "ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
		"001422", "22023", "SQL compilation error:\nRole 'ANALYST' is blocked for integration 'APP'.")
	mustExec(t, e, admin, `ALTER SECURITY INTEGRATION app SET BLOCKED_ROLES_LIST = (), ALLOWED_ROLES_LIST = ("lower role")`)
	npWantErr(t, e, admin, "ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
		"001422", "22023", "SQL compilation error:\nRole 'ANALYST' is not in the ALLOWED_ROLES_LIST of integration 'APP'.")
	mustExec(t, e, admin, `ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE "lower role" TO SECURITY INTEGRATION app`)

	// With the account parameter off, privileged roles are no longer blocked.
	mustExec(t, e, admin, "ALTER SECURITY INTEGRATION app SET ALLOWED_ROLES_LIST = ()")
	mustExec(t, e, admin, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = false")
	mustExec(t, e, admin, "ALTER USER admin ADD DELEGATED AUTHORIZATION OF ROLE accountadmin TO SECURITY INTEGRATION app")
	mustExec(t, e, admin, "ALTER USER admin ADD DELEGATED AUTHORIZATION OF ROLE orgadmin TO SECURITY INTEGRATION app")
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS", "ADMIN|ACCOUNTADMIN|APP|ENABLED", "ADMIN|ORGADMIN|APP|ENABLED")

	if n := len(e.cat.Delegated); n != 4 {
		t.Errorf("%d delegated authorizations, want 4 (failed statements must not add any)", n)
	}
}

func TestDelegatedRemoveFormsAndRevocations(t *testing.T) {
	e, admin, jane, clk := daSetup(t)
	mustExec(t, e, admin, "CREATE SECURITY INTEGRATION app2 TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://b.example.com/cb'")
	for _, sql := range []string{
		"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
		"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE public TO SECURITY INTEGRATION app",
		`ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE "lower role" TO SECURITY INTEGRATION app`,
		"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app2",
		"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE public TO SECURITY INTEGRATION app2",
		"ALTER USER bob ADD DELEGATED AUTHORIZATION OF ROLE public TO SECURITY INTEGRATION app",
	} {
		clk.t = clk.t.Add(time.Second)
		mustExec(t, e, admin, sql)
	}
	if r := e.DrainRevocations(); len(r) != 0 {
		t.Errorf("ADD queued revocations: %v", r)
	}
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION app",
		"JANE|ANALYST|APP|ENABLED", "JANE|PUBLIC|APP|ENABLED", "JANE|lower role|APP|ENABLED", "BOB|PUBLIC|APP|ENABLED")

	if got := npStatus(t, e, admin, "ALTER USER jane REMOVE DELEGATED AUTHORIZATION OF ROLE analyst FROM SECURITY INTEGRATION app"); got != "Statement executed successfully." {
		t.Errorf("status = %q", got)
	}
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER jane",
		"JANE|PUBLIC|APP|ENABLED", "JANE|lower role|APP|ENABLED", "JANE|ANALYST|APP2|ENABLED", "JANE|PUBLIC|APP2|ENABLED")
	// The user acting on themselves, user name omitted, plural form: every role for that integration only.
	mustExec(t, e, jane, "ALTER USER REMOVE DELEGATED AUTHORIZATIONS FROM SECURITY INTEGRATION app")
	daWantRows(t, e, jane, "SHOW DELEGATED AUTHORIZATIONS", "JANE|ANALYST|APP2|ENABLED", "JANE|PUBLIC|APP2|ENABLED")
	mustExec(t, e, admin, "ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS OF ANY ROLE FROM SECURITY INTEGRATION app2")
	daWantRows(t, e, jane, "SHOW DELEGATED AUTHORIZATIONS")
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER bob", "BOB|PUBLIC|APP|ENABLED")
	// Removing what does not exist succeeds and still revokes tokens (consent given at the prompt).
	mustExec(t, e, admin, "ALTER USER jane REMOVE DELEGATED AUTHORIZATION OF ROLE analyst FROM SECURITY INTEGRATION app")
	// REMOVE is allowed on partner integrations: it only revokes.
	mustExec(t, e, admin, "ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS FROM SECURITY INTEGRATION tab")

	want := []Revocation{
		{User: "JANE", Role: "ANALYST", Integration: "APP"},
		{User: "JANE", Role: "", Integration: "APP"},
		{User: "JANE", Role: "", Integration: "APP2"},
		{User: "JANE", Role: "ANALYST", Integration: "APP"},
		{User: "JANE", Role: "", Integration: "TAB"},
	}
	if got := e.DrainRevocations(); !reflect.DeepEqual(got, want) {
		t.Errorf("revocations:\n got %+v\nwant %+v", got, want)
	}
	if got := e.DrainRevocations(); len(got) != 0 {
		t.Errorf("second drain = %+v", got)
	}

	// Errors of REMOVE: missing objects, privileges, syntax; none queues a revocation.
	npWantErrs(t, e, admin, []errCase{
		{"ALTER USER jane REMOVE DELEGATED AUTHORIZATION OF ROLE nope FROM SECURITY INTEGRATION app",
			"002003", "02000", "SQL compilation error:\nRole 'NOPE' does not exist or not authorized."},
		{"ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS FROM SECURITY INTEGRATION nope",
			"002003", "02000", "SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized."},
		{"ALTER USER jane REMOVE DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 63 unexpected 'TO'."},
		{"ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS OF ROLE analyst FROM SECURITY INTEGRATION app",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 51 unexpected 'ROLE'."},
		{"ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS OF ANY ROLE TO SECURITY INTEGRATION app",
			"001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 60 unexpected 'TO'."},
	})
	npWantErr(t, e, jane, "ALTER USER bob REMOVE DELEGATED AUTHORIZATIONS FROM SECURITY INTEGRATION app", "003001", "42501",
		"SQL access control error:\nInsufficient privileges to operate on user 'BOB'")
	if got := e.DrainRevocations(); len(got) != 0 {
		t.Errorf("failed statements queued revocations: %+v", got)
	}
	if !e.HasDelegatedAuthorization("BOB", "PUBLIC", "APP") {
		t.Error("an unprivileged REMOVE took effect")
	}
}

func TestDelegatedShowPrivilegesAndErrors(t *testing.T) {
	e, admin, jane, _ := daSetup(t)
	mustExec(t, e, admin, "ALTER USER bob ADD DELEGATED AUTHORIZATION OF ROLE public TO SECURITY INTEGRATION app")
	sec := &Session{ID: 3, User: "ADMIN", Role: "SECURITYADMIN"}

	daWantRows(t, e, sec, "SHOW DELEGATED AUTHORIZATIONS BY USER bob", "BOB|PUBLIC|APP|ENABLED")
	const toApp = "SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION app"
	noAppPrivilege := "SQL access control error:\nInsufficient privileges to operate on integration 'APP'"
	npWantErrs(t, e, jane, []errCase{
		{"SHOW DELEGATED AUTHORIZATIONS BY USER bob", "003001", "42501",
			"SQL access control error:\nInsufficient privileges to operate on user 'BOB'"},
		{toApp, "003001", "42501", noAppPrivilege},
	})
	npWantErr(t, e, sec, toApp, "003001", "42501", noAppPrivilege)
	npWantErrs(t, e, admin, []errCase{
		{"SHOW DELEGATED AUTHORIZATIONS BY USER nobody", "002003", "02000",
			"SQL compilation error:\nUser 'NOBODY' does not exist or not authorized."},
		{"SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION nope", "002003", "02000",
			"SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized."},
		{"SHOW DELEGATED AUTHORIZATIONS TO INTEGRATION app", "001003", "42000",
			"SQL compilation error:\nsyntax error line 1 at position 33 unexpected 'INTEGRATION'."},
		{"SHOW DELEGATED AUTHORIZATIONS LIKE 'x'", "001003", "42000",
			"SQL compilation error:\nsyntax error line 1 at position 30 unexpected 'LIKE'."},
	})

	// Dropping the integration takes its delegated authorizations with it.
	mustExec(t, e, admin, "DROP SECURITY INTEGRATION app")
	daWantRows(t, e, admin, "SHOW DELEGATED AUTHORIZATIONS BY USER bob")
	if e.HasDelegatedAuthorization("BOB", "PUBLIC", "APP") {
		t.Error("delegated authorization survived DROP INTEGRATION")
	}
}

// TestDelegatedDirectCall exercises alterUserDelegated as ALTER USER hands it over (parser at
// DELEGATED), independent of the ALTER USER front end.
func TestDelegatedDirectCall(t *testing.T) {
	e, _, _, _ := daSetup(t)
	run := func(s *Session, user string, add bool, rest string) *SQLError {
		p, perr := newParser(rest, nil)
		if perr != nil {
			t.Fatalf("parse %q: %v", rest, perr)
		}
		e.mu.Lock()
		defer e.mu.Unlock()
		x := &execCtx{e: e, p: p, s: s, cat: e.cat, now: e.opts.Now()}
		_, err := alterUserDelegated(x, user, add)
		if err == nil {
			e.revocations = append(e.revocations, x.revocations...)
		}
		return err
	}
	jane := &Session{ID: 5, User: "JANE", Role: "ANALYST"}
	if err := run(jane, "", true, "DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app"); err != nil {
		t.Fatal(err)
	}
	if !e.HasDelegatedAuthorization("JANE", "ANALYST", "APP") {
		t.Error("user \"\" did not mean the current user")
	}
	if err := run(jane, "", false, "DELEGATED AUTHORIZATION OF ROLE analyst FROM SECURITY INTEGRATION app"); err != nil {
		t.Fatal(err)
	}
	if e.HasDelegatedAuthorization("JANE", "ANALYST", "APP") {
		t.Error("REMOVE had no effect")
	}
	if err := run(jane, "", true, "AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app"); err == nil || err.Code != "001003" {
		t.Errorf("missing DELEGATED: %v", err)
	}
	if got := e.DrainRevocations(); !reflect.DeepEqual(got, []Revocation{{User: "JANE", Role: "ANALYST", Integration: "APP"}}) {
		t.Errorf("revocations = %+v", got)
	}
}

func TestDelegatedPersistsInSnapshot(t *testing.T) {
	e, admin, _, _ := daSetup(t)
	mustExec(t, e, admin, "ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app")
	fresh, _, _ := npEngine()
	e2 := restoreInto(t, e, fresh)
	if !e2.HasDelegatedAuthorization("JANE", "ANALYST", "APP") {
		t.Error("delegated authorization lost across snapshot/restore")
	}
}
