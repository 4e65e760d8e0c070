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
	e2 := restoreInto(t, e, New(Options{AdminPassword: "other"}))
	if _, ok := e2.cat.Roles["IDENTIFIER_PLACEHOLDER"]; !ok || !e2.CheckPassword("ADMIN", "pw") {
		t.Error("snapshot did not carry the catalog")
	}
	if err := e2.Restore([]byte(`{"x":1}`)); err == nil {
		t.Error("restoring garbage succeeded")
	}
}

// The context functions the official provider runs at login and in its data sources, alone and
// together, with their aliases as column names and their Snowflake types.
func TestContextFunctions(t *testing.T) {
	e, _ := newTestEngine()
	mustExec(t, e, &Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}, "CREATE ROLE analyst")
	mustExec(t, e, &Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}, "GRANT ROLE analyst TO USER admin")
	s := &Session{ID: 34359980038, User: "ADMIN", Role: "SECURITYADMIN", ClientIP: "10.1.2.3:5555", Client: "Go 1.14.0"}
	res := mustExec(t, e, s, `SELECT CURRENT_ACCOUNT() as CURRENT_ACCOUNT, CURRENT_ROLE() as CURRENT_ROLE,
		CURRENT_REGION() AS CURRENT_REGION, CURRENT_SESSION() as CURRENT_SESSION, CURRENT_USER() as CURRENT_USER,
		CURRENT_ACCOUNT_NAME() as CURRENT_ACCOUNT_NAME, CURRENT_ORGANIZATION_NAME() as CURRENT_ORGANIZATION_NAME,
		current_version(), CURRENT_CLIENT(), CURRENT_DATABASE() as current_database, CURRENT_SCHEMA(),
		CURRENT_WAREHOUSE(), CURRENT_IP_ADDRESS(), CURRENT_AVAILABLE_ROLES(), CURRENT_SECONDARY_ROLES() as CURRENT_ROLES`)
	want := map[string]string{
		"CURRENT_ACCOUNT": "EMULATOR", "CURRENT_ROLE": "SECURITYADMIN", "CURRENT_REGION": "AWS_US_WEST_2",
		"CURRENT_SESSION": "34359980038", "CURRENT_USER": "ADMIN", "CURRENT_ACCOUNT_NAME": "EMULATOR",
		"CURRENT_ORGANIZATION_NAME": "EMULATOR_ORG", "CURRENT_VERSION()": "9.0.0", "CURRENT_CLIENT()": "Go 1.14.0",
		"CURRENT_DATABASE": "<null>", "CURRENT_SCHEMA()": "<null>", "CURRENT_WAREHOUSE()": "<null>",
		"CURRENT_IP_ADDRESS()":      "10.1.2.3",
		"CURRENT_AVAILABLE_ROLES()": `["ACCOUNTADMIN","ANALYST","ORGADMIN","PUBLIC","SECURITYADMIN","SYSADMIN","USERADMIN"]`,
		"CURRENT_ROLES":             `{"roles":"","value":""}`,
	}
	if len(res.Columns) != len(want) || len(res.Rows) != 1 || res.StatementTypeID != StatementSelect {
		t.Fatalf("columns %d rows %d", len(res.Columns), len(res.Rows))
	}
	for _, c := range res.Columns {
		if c.Type != "text" || !c.Nullable {
			t.Errorf("%s: type %q nullable %v, want nullable text (VARCHAR)", c.Name, c.Type, c.Nullable)
		}
	}
	for col, v := range want {
		if got := npCol(t, res, 0, col); got != v {
			t.Errorf("%s = %q, want %q", col, got, v)
		}
	}
	// Each alone, as the TF SDK sends them at login.
	for sql, col := range map[string]string{
		"SELECT CURRENT_SESSION() as CURRENT_SESSION": "CURRENT_SESSION",
		"SELECT CURRENT_ACCOUNT() as CURRENT_ACCOUNT": "CURRENT_ACCOUNT",
		"select current_region()":                     "CURRENT_REGION()",
	} {
		if r := mustExec(t, e, s, sql); len(r.Columns) != 1 || r.Columns[0].Name != col || *r.Rows[0][0] == "" {
			t.Errorf("%s -> %+v", sql, r.Columns)
		}
	}
	// IS_ROLE_IN_SESSION is BOOLEAN; the role string is an identifier (the TF SDK sends '"R"').
	r := mustExec(t, e, s, `SELECT IS_ROLE_IN_SESSION('"USERADMIN"') AS IS_ROLE_IN_SESSION, IS_ROLE_IN_SESSION('sysadmin')`)
	if r.Columns[0].Type != "boolean" || npCol(t, r, 0, "IS_ROLE_IN_SESSION") != "true" || npCol(t, r, 0, "IS_ROLE_IN_SESSION('SYSADMIN')") != "false" {
		t.Errorf("IS_ROLE_IN_SESSION = %+v %v", r.Columns, integTestRows(r))
	}
	// Without a recorded client the driver family is shown; unknown functions keep Snowflake's code.
	if got := npCol(t, mustExec(t, e, &Session{ID: 7, User: "ADMIN", Role: "PUBLIC"}, "SELECT CURRENT_CLIENT()"), 0, "CURRENT_CLIENT()"); got != "Go" {
		t.Errorf("CURRENT_CLIENT() without a client = %q", got)
	}
	if se := mustSQLErr(t, e, s, "SELECT CURRENT_NOTHING()"); se.Code != "002140" {
		t.Errorf("unknown function: %v", se)
	}
}
