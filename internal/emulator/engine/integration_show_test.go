package engine

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func integTestNames(res *Result) string {
	var out []string
	for _, r := range res.Rows {
		out = append(out, *r[0])
	}
	return strings.Join(out, ",")
}

func TestIntegShow(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL+" COMMENT = 'custom app'")
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION tableau_int TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP ENABLED = FALSE")
	mustExec(t, e, s, `CREATE SECURITY INTEGRATION "my testing int" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER`)
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION LOOKER_TESTING TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://l.example.com'")

	res := mustExec(t, e, s, "SHOW SECURITY INTEGRATIONS")
	wantShape(t, res, StatementShow, "name:text,type:text,category:text,enabled:boolean,comment:text,created_on:timestamp_ltz")
	created := fmt.Sprintf("%d.000000000", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).Unix())
	want := [][]string{
		{"APP", "OAUTH - CUSTOM", "SECURITY", "true", "custom app", created},
		{"LOOKER_TESTING", "OAUTH - LOOKER", "SECURITY", "true", "<NULL>", created},
		{"SNOWFLAKE$LOCAL_APPLICATION", "OAUTH - LOCAL_APPLICATION", "SECURITY", "true", "<NULL>", created},
		{"TABLEAU_INT", "OAUTH - TABLEAU_DESKTOP", "SECURITY", "false", "<NULL>", created},
		{"my testing int", "OAUTH - TABLEAU_SERVER", "SECURITY", "true", "<NULL>", created},
	}
	if got := fmt.Sprint(integTestRows(res)); got != fmt.Sprint(want) {
		t.Errorf("SHOW rows =\n%v\nwant\n%v", got, want)
	}

	for pattern, names := range map[string]string{
		"%testing%":      "LOOKER_TESTING,my testing int",
		"%TESTING%":      "LOOKER_TESTING,my testing int",
		"app":            "APP",
		"ap":             "",
		"_pp":            "APP",
		"tableau\\_int":  "TABLEAU_INT",
		"%":              "APP,LOOKER_TESTING,SNOWFLAKE$LOCAL_APPLICATION,TABLEAU_INT,my testing int",
		"my testing int": "my testing int",
		"nothing%":       "",
	} {
		for _, form := range []string{"SHOW SECURITY INTEGRATIONS LIKE '%s'", "show integrations like '%s'"} {
			res := mustExec(t, e, s, fmt.Sprintf(form, strings.ReplaceAll(pattern, "\\", "\\\\")))
			if got := integTestNames(res); got != names {
				t.Errorf("LIKE %q = %q, want %q", pattern, got, names)
			}
		}
	}
	integTestWantErr(t, e, s, "SHOW SECURITY INTEGRATIONS LIKE APP", "001003", "42000", "unexpected 'APP'")
	integTestWantErr(t, e, s, "SHOW SECURITY INTEGRATIONS IN DATABASE X", "001003", "42000", "unexpected 'IN'")
}

func TestIntegDrop(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL)
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION OTHER TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP")
	e.cat.Delegated = append(e.cat.Delegated,
		&DelegatedAuthorization{User: "ADMIN", Role: "R1", Integration: "APP"},
		&DelegatedAuthorization{User: "ADMIN", Role: "R2", Integration: "APP"},
		&DelegatedAuthorization{User: "ADMIN", Role: "R1", Integration: "OTHER"})
	integTestStatus(t, e, s, "DROP SECURITY INTEGRATION app", "APP successfully dropped.")
	if _, ok := e.cat.Integrations["APP"]; ok {
		t.Fatal("integration still there")
	}
	if len(e.cat.Delegated) != 1 || e.cat.Delegated[0].Integration != "OTHER" {
		t.Errorf("delegated authorizations after DROP = %v", e.cat.Delegated)
	}
	integTestWantErr(t, e, s, "DESCRIBE SECURITY INTEGRATION APP", "002003", "02000", "Integration 'APP' does not exist or not authorized.")
	integTestStatus(t, e, s, "DROP INTEGRATION IF EXISTS APP", "Drop statement executed successfully (APP already dropped).")
	integTestWantErr(t, e, s, "DROP SECURITY INTEGRATION APP", "002003", "02000", "SQL compilation error:\nIntegration 'APP' does not exist or not authorized.")
	integTestWantErr(t, e, s, "DROP SECURITY INTEGRATION OTHER CASCADE", "001003", "42000", "unexpected 'CASCADE'")
	integTestStatus(t, e, s, "DROP INTEGRATION IF EXISTS \"OTHER\"", "OTHER successfully dropped.")
}

func TestIntegShowClientSecrets(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL)
	mustExec(t, e, s, `CREATE SECURITY INTEGRATION "Sundeck" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = PUBLIC OAUTH_REDIRECT_URI = 'https://s'`)
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION TD TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP")
	shape := regexp.MustCompile(`^\{"OAUTH_CLIENT_SECRET_2":"[A-Za-z0-9+/]{43}=","OAUTH_CLIENT_SECRET":"[A-Za-z0-9+/]{43}=","OAUTH_CLIENT_ID":"[A-Za-z0-9+/]{27}="\}$`)
	for _, name := range []string{"APP", "Sundeck", "TD"} {
		res := mustExec(t, e, s, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('"+name+"')")
		got := *res.Rows[0][0]
		if !shape.MatchString(got) {
			t.Errorf("%s: secrets JSON %s", name, got)
			continue
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(got), &m); err != nil {
			t.Fatal(err)
		}
		in := e.cat.Integrations[name]
		if m["OAUTH_CLIENT_ID"] != in.ClientID || m["OAUTH_CLIENT_SECRET"] != in.ClientSecret || m["OAUTH_CLIENT_SECRET_2"] != in.ClientSecret2 {
			t.Errorf("%s: JSON %v does not match the stored credentials", name, m)
		}
		if m["OAUTH_CLIENT_SECRET"] == m["OAUTH_CLIENT_SECRET_2"] {
			t.Errorf("%s: both secrets equal", name)
		}
		if desc := integTestProp(t, integTestDescribe(t, e, s, displayName(name)), "OAUTH_CLIENT_ID")[2]; desc != m["OAUTH_CLIENT_ID"] {
			t.Errorf("%s: DESCRIBE client id %s != %s", name, desc, m["OAUTH_CLIENT_ID"])
		}
	}
	// The argument is the exact stored name: no folding, no identifier parsing.
	for _, arg := range []string{"app", `"APP"`, `"Sundeck"`, "SUNDECK", "NOPE", ""} {
		integTestWantErr(t, e, s, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('"+strings.ReplaceAll(arg, "'", "''")+"')", "001008", "22023",
			"SQL compilation error:\ninvalid value ["+arg+"] for parameter 'OAuth Client Integration name'")
	}
}

func TestIntegPrivileges(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL)
	public := &Session{ID: 2, User: "ADMIN", Role: "PUBLIC"}
	sec := &Session{ID: 3, User: "ADMIN", Role: "SECURITYADMIN"}
	for _, sess := range []*Session{public, sec} {
		integTestWantErr(t, e, sess, "CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP",
			"003001", "42501", "SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'")
		// Without ownership the integration is invisible.
		integTestWantErr(t, e, sess, "DESCRIBE SECURITY INTEGRATION APP", "002003", "02000", "Integration 'APP' does not exist or not authorized.")
		integTestWantErr(t, e, sess, "ALTER SECURITY INTEGRATION APP SET ENABLED = FALSE", "002003", "02000", "Integration 'APP' does not exist")
		integTestWantErr(t, e, sess, "DROP SECURITY INTEGRATION APP", "002003", "02000", "Integration 'APP' does not exist")
		integTestWantErr(t, e, sess, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP')", "001008", "22023", "invalid value [APP]")
	}
	// SHOW lists what the role owns; SECURITYADMIN has MANAGE GRANTS and sees every integration.
	if got := integTestNames(mustExec(t, e, public, "SHOW SECURITY INTEGRATIONS")); got != "" {
		t.Errorf("PUBLIC sees %q", got)
	}
	if got := integTestNames(mustExec(t, e, sec, "SHOW SECURITY INTEGRATIONS")); got != "APP,SNOWFLAKE$LOCAL_APPLICATION" {
		t.Errorf("SECURITYADMIN sees %q", got)
	}
	if e.cat.Integrations["APP"].Props["ENABLED"] != "true" {
		t.Fatal("a non-owner changed the integration")
	}
	// An integration owned by a custom role is visible to that role and to roles that inherit it.
	mustExec(t, e, s, "GRANT ROLE R1 TO ROLE ACCOUNTADMIN")
	mustExec(t, e, s, "GRANT ROLE R1 TO USER ADMIN")
	e.cat.Integrations["APP"].Owner = "R1"
	r1 := &Session{ID: 4, User: "ADMIN", Role: "R1"}
	mustExec(t, e, r1, "ALTER SECURITY INTEGRATION APP SET COMMENT = 'by r1'")
	if got := integTestNames(mustExec(t, e, s, "SHOW SECURITY INTEGRATIONS")); got != "APP,SNOWFLAKE$LOCAL_APPLICATION" {
		t.Errorf("ACCOUNTADMIN (inherits R1) sees %q", got)
	}
	if got := integTestNames(mustExec(t, e, r1, "SHOW SECURITY INTEGRATIONS")); got != "APP" {
		t.Errorf("R1 sees %q", got)
	}
	// The creator's role owns a new integration.
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION MINE TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER")
	if got := e.cat.Integrations["MINE"].Owner; got != "ACCOUNTADMIN" {
		t.Errorf("owner = %s", got)
	}
	if got := integTestNames(mustExec(t, e, r1, "SHOW SECURITY INTEGRATIONS")); got != "APP" {
		t.Errorf("R1 sees %q, want only APP", got)
	}
}

func TestIntegIdentifiers(t *testing.T) {
	e, s := newIntegTestEngine(t)
	long255 := strings.Repeat("é", 255)
	for _, c := range []struct{ sqlName, stored, status string }{
		{"myint", "MYINT", "MYINT"},
		{"My_Int$2", "MY_INT$2", "MY_INT$2"},
		{`"lower"`, "lower", `"lower"`},
		{`"with space"`, "with space", `"with space"`},
		{`"quote""andunquote"""`, `quote"andunquote"`, `"quote""andunquote"""`},
		{`"Zürich ❄"`, "Zürich ❄", `"Zürich ❄"`},
		{`"` + long255 + `"`, long255, `"` + long255 + `"`},
		{strings.Repeat("A", 255), strings.Repeat("A", 255), strings.Repeat("A", 255)},
	} {
		t.Run(c.sqlName, func(t *testing.T) {
			integTestStatus(t, e, s, "CREATE SECURITY INTEGRATION "+c.sqlName+" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP",
				"Integration "+c.status+" successfully created.")
			if _, ok := e.cat.Integrations[c.stored]; !ok {
				t.Errorf("%s not stored as %q", c.sqlName, c.stored)
				return
			}
			res := mustExec(t, e, s, "SHOW SECURITY INTEGRATIONS LIKE '"+strings.ReplaceAll(strings.ReplaceAll(c.stored, `_`, `\\_`), "'", "''")+"'")
			if got := integTestNames(res); got != c.stored {
				t.Errorf("SHOW LIKE %q = %q", c.stored, got)
			}
			integTestDescribe(t, e, s, c.sqlName)
			mustExec(t, e, s, "ALTER SECURITY INTEGRATION "+c.sqlName+" SET COMMENT = 'x'")
			v, serr := showClientSecrets(&execCtx{e: e, cat: e.cat, s: s}, c.stored)
			if serr != nil || !strings.HasPrefix(*v, `{"OAUTH_CLIENT_SECRET_2":`) {
				t.Errorf("secrets of %q: %v", c.stored, serr)
			}
		})
	}
	// Unquoted and quoted upper case denote the same object.
	integTestWantErr(t, e, s, `CREATE SECURITY INTEGRATION "MYINT" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP`, "002002", "42710", "Object 'MYINT' already exists.")
	integTestWantErr(t, e, s, `CREATE SECURITY INTEGRATION "lower" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP`, "002002", "42710", `Object '"lower"' already exists.`)
	integTestWantErr(t, e, s, `DESCRIBE SECURITY INTEGRATION lower`, "002003", "02000", "Integration 'LOWER' does not exist or not authorized.")
	// 256 characters, quoted or not, and the empty quoted name are syntax errors.
	for _, name := range []string{`"` + strings.Repeat("é", 256) + `"`, strings.Repeat("B", 256), `""`} {
		integTestWantErr(t, e, s, "CREATE SECURITY INTEGRATION "+name+" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP", "001003", "42000", "syntax error line 1 at position 28")
	}
	integTestStatus(t, e, s, `DROP SECURITY INTEGRATION "quote""andunquote"""`, `"quote""andunquote""" successfully dropped.`)
}

func TestIntegIntegrationByClientID(t *testing.T) {
	e, s := newIntegTestEngine(t)
	key, _ := integTestKey(t)
	mustExec(t, e, s, integTestCustomSQL+" PRE_AUTHORIZED_ROLES_LIST = (R1, R2) OAUTH_CLIENT_RSA_PUBLIC_KEY = '"+key+"' COMMENT = 'c'")
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION TD TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP")
	id := e.cat.Integrations["APP"].ClientID
	got, ok := e.IntegrationByClientID(id)
	if !ok || got.Name != "APP" || got.Client != "CUSTOM" || got.Owner != "ACCOUNTADMIN" {
		t.Fatalf("IntegrationByClientID = %+v, %v", got, ok)
	}
	for prop, val := range map[string]string{
		"OAUTH_CLIENT_TYPE": "CONFIDENTIAL", "OAUTH_REDIRECT_URI": "https://app.example.com/cb", "ENABLED": "true",
		"OAUTH_ENFORCE_PKCE": "false", "OAUTH_ACCESS_TOKEN_VALIDITY": "600", "OAUTH_REFRESH_TOKEN_VALIDITY": "7776000",
		"OAUTH_ISSUE_REFRESH_TOKENS": "true", "OAUTH_CLIENT_RSA_PUBLIC_KEY": key, "OAUTH_CLIENT_RSA_PUBLIC_KEY_2": "",
		"OAUTH_ANY_ROLE_MODE": "DISABLE", "NETWORK_POLICY": "",
	} {
		if got.Props[prop] != val {
			t.Errorf("Props[%s] = %q, want %q", prop, got.Props[prop], val)
		}
	}
	// A deep copy: changing it does not touch the engine.
	got.Props["ENABLED"] = "false"
	got.Lists["PRE_AUTHORIZED_ROLES_LIST"][0] = "HACKED"
	*got.Comment = "changed"
	again, _ := e.IntegrationByClientID(id)
	if again.Props["ENABLED"] != "true" || again.Lists["PRE_AUTHORIZED_ROLES_LIST"][0] != "R1" || *again.Comment != "c" {
		t.Error("IntegrationByClientID returned shared state")
	}
	td, ok := e.IntegrationByClientID(e.cat.Integrations["TD"].ClientID)
	if !ok || td.Props["OAUTH_CLIENT_TYPE"] != "PUBLIC" || td.Props["OAUTH_REFRESH_TOKEN_VALIDITY"] != "7776000" {
		t.Errorf("Tableau Desktop props = %v", td.Props)
	}
	for _, bad := range []string{"", "nope", strings.ToLower(id)} {
		if _, ok := e.IntegrationByClientID(bad); ok && bad != id {
			t.Errorf("IntegrationByClientID(%q) found something", bad)
		}
	}
}

// State survives a snapshot round trip (the -state file).
func TestIntegSnapshotRoundTrip(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL+" BLOCKED_ROLES_LIST = (R3) NETWORK_POLICY = 'NP' COMMENT = 'persist'")
	before := integTestDescribe(t, e, s, "APP")
	e2 := restoreInto(t, e, New(Options{AdminPassword: "pw", BaseURL: integTestBaseURL}))
	after := integTestDescribe(t, e2, s, "APP")
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("DESCRIBE changed across snapshot:\n%v\n%v", before, after)
	}
}
