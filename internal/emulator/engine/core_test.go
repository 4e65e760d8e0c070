package engine

import (
	"strings"
	"testing"
)

func TestBootstrapRolesAndAdmin(t *testing.T) {
	e, s := newTestEngine()
	res := mustExec(t, e, s, "SHOW ROLES")
	var names []string
	for i := range res.Rows {
		names = append(names, cell(res, i, "name"))
	}
	if got := strings.Join(names, ","); got != "ACCOUNTADMIN,ORGADMIN,PUBLIC,SECURITYADMIN,SYSADMIN,USERADMIN" {
		t.Errorf("roles = %s", got)
	}
	for _, r := range []string{"SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC"} {
		if !e.cat.roleIncludes("ACCOUNTADMIN", r) {
			t.Errorf("ACCOUNTADMIN does not inherit %s", r)
		}
	}
	if e.cat.roleIncludes("SECURITYADMIN", "SYSADMIN") {
		t.Error("SECURITYADMIN must not inherit SYSADMIN")
	}
	if role, err := e.ResolveLoginRole("ADMIN", ""); err != nil || role != "ACCOUNTADMIN" {
		t.Errorf("default login role = %q, %v", role, err)
	}
	res = mustExec(t, e, s, "select current_user(), current_role(), CURRENT_ACCOUNT()")
	if res.Columns[0].Name != "CURRENT_USER()" || cell(res, 0, "CURRENT_USER()") != "ADMIN" || cell(res, 0, "CURRENT_ROLE()") != "ACCOUNTADMIN" || cell(res, 0, "CURRENT_ACCOUNT()") != "EMULATOR" {
		t.Errorf("context functions = %+v", res.Rows)
	}
	if res := mustExec(t, e, s, "SELECT 1;"); res.StatementTypeID != StatementSelect || res.Columns[0].Type != "fixed" || *res.Rows[0][0] != "1" {
		t.Errorf("SELECT 1 = %+v", res)
	}
}

func TestUsersRolesGrantsAndUseRole(t *testing.T) {
	e, s := newTestEngine()
	mustExec(t, e, s, "CREATE ROLE analyst")
	mustExec(t, e, s, `CREATE ROLE "lower role"`)
	if se := mustSQLErr(t, e, s, "CREATE ROLE ANALYST"); se.Code != "002002" || !strings.Contains(se.Message, "Object 'ANALYST' already exists.") {
		t.Errorf("duplicate role: %v", se)
	}
	if res := mustExec(t, e, s, "CREATE ROLE IF NOT EXISTS analyst"); cell(res, 0, "status") != "ANALYST already exists, statement succeeded." {
		t.Errorf("IF NOT EXISTS status = %q", cell(res, 0, "status"))
	}
	mustExec(t, e, s, "CREATE USER jane PASSWORD = 'p''w' DEFAULT_ROLE = analyst EMAIL = 'j@example.com'")
	mustExec(t, e, s, "GRANT ROLE analyst TO USER jane")
	if !e.CheckPassword("JANE", "p'w") || e.CheckPassword("JANE", "pw") {
		t.Error("password not stored exactly")
	}
	if role, err := e.ResolveLoginRole("JANE", ""); err != nil || role != "ANALYST" {
		t.Errorf("login role = %q, %v", role, err)
	}
	if _, err := e.ResolveLoginRole("JANE", "SYSADMIN"); err == nil {
		t.Error("login with an ungranted role succeeded")
	}
	js := &Session{ID: 2, User: "JANE", Role: "ANALYST"}
	if se := mustSQLErr(t, e, js, "CREATE ROLE x"); se.Code != "003001" || se.SQLState != "42501" {
		t.Errorf("unprivileged CREATE ROLE: %v", se)
	}
	if se := mustSQLErr(t, e, js, "USE ROLE SYSADMIN"); se.Code != "003013" {
		t.Errorf("USE ROLE not granted: %v", se)
	}
	mustExec(t, e, js, "use role public")
	if js.Role != "PUBLIC" {
		t.Errorf("role after USE ROLE = %s", js.Role)
	}
	mustExec(t, e, s, `GRANT ROLE "lower role" TO ROLE analyst`)
	if !e.UserHasRole("JANE", "lower role") {
		t.Error("role inherited through a role grant not seen")
	}
	if se := mustSQLErr(t, e, s, `GRANT ROLE analyst TO ROLE "lower role"`); se.Code != "003013" {
		t.Errorf("cycle: %v", se)
	}
	res := mustExec(t, e, s, "SHOW USERS LIKE 'j%'")
	if len(res.Rows) != 1 || cell(res, 0, "name") != "JANE" || cell(res, 0, "default_role") != "ANALYST" {
		t.Errorf("SHOW USERS = %+v", res.Rows)
	}
	mustExec(t, e, s, "REVOKE ROLE analyst FROM USER jane")
	if e.UserHasRole("JANE", "ANALYST") {
		t.Error("revoke had no effect")
	}
	if se := mustSQLErr(t, e, s, "DROP ROLE PUBLIC"); se.Code != "003006" {
		t.Errorf("drop system role: %v", se)
	}
	mustExec(t, e, s, "DROP USER jane")
	if se := mustSQLErr(t, e, s, "DROP USER jane"); se.Code != "002003" || !strings.Contains(se.Message, "User 'JANE' does not exist or not authorized.") {
		t.Errorf("drop missing user: %v", se)
	}
	if res := mustExec(t, e, s, "DROP USER IF EXISTS jane"); !strings.Contains(cell(res, 0, "status"), "already dropped") {
		t.Errorf("drop if exists status = %q", cell(res, 0, "status"))
	}
}

func TestPrivilegedRolesParameter(t *testing.T) {
	e, s := newTestEngine()
	res := mustExec(t, e, s, "SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT")
	if len(res.Rows) != 1 || cell(res, 0, "value") != "true" || cell(res, 0, "level") != "" {
		t.Fatalf("default parameter = %+v", res.Rows)
	}
	mustExec(t, e, s, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = false")
	res = mustExec(t, e, s, "SHOW PARAMETERS LIKE 'oauth_add%' IN ACCOUNT")
	if cell(res, 0, "value") != "false" || cell(res, 0, "level") != "ACCOUNT" || e.cat.privilegedRolesBlocked() {
		t.Errorf("after SET = %+v", res.Rows)
	}
	mustExec(t, e, s, "ALTER ACCOUNT UNSET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST")
	if !e.cat.privilegedRolesBlocked() {
		t.Error("UNSET did not restore the default")
	}
	sec := &Session{User: "ADMIN", Role: "SECURITYADMIN"}
	if se := mustSQLErr(t, e, sec, "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE"); se.Code != "003001" {
		t.Errorf("SECURITYADMIN altering the account: %v", se)
	}
}

func TestBindingsAndSnapshot(t *testing.T) {
	e, s := newTestEngine()
	v := "bound_role"
	if _, err := e.Exec(s, "CREATE ROLE IDENTIFIER_PLACEHOLDER COMMENT = ?", []Binding{{Type: "TEXT", Value: &v}}); err != nil {
		t.Fatal(err)
	}
	if c := e.cat.Roles["IDENTIFIER_PLACEHOLDER"].Comment; c == nil || *c != "bound_role" {
		t.Errorf("bound comment = %v", c)
	}
	if _, err := e.Exec(s, "SELECT ?", nil); err == nil {
		t.Error("missing binding accepted")
	}
	data, err := e.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	e2 := New(Options{AdminPassword: "other"})
	if err := e2.Restore(data); err != nil {
		t.Fatal(err)
	}
	if _, ok := e2.cat.Roles["IDENTIFIER_PLACEHOLDER"]; !ok || !e2.CheckPassword("ADMIN", "pw") {
		t.Error("snapshot did not carry the catalog")
	}
	if err := e2.Restore([]byte(`{"x":1}`)); err == nil {
		t.Error("restoring garbage succeeded")
	}
}
