package engine

import (
	"testing"
)

// The built-in SNOWFLAKE$LOCAL_APPLICATION: present in a new account with Snowflake's defaults,
// alterable by SECURITYADMIN in its documented settings only, never created, replaced or dropped.
func TestLocalApplication(t *testing.T) {
	e, s := newTestEngine()
	const name = "SNOWFLAKE$LOCAL_APPLICATION"
	res := mustExec(t, e, s, "SHOW SECURITY INTEGRATIONS LIKE 'SNOWFLAKE$LOCAL_APPLICATION'")
	if got := integTestRows(res); len(got) != 1 || got[0][0] != name || got[0][1] != "OAUTH - LOCAL_APPLICATION" || got[0][3] != "true" {
		t.Fatalf("SHOW = %v", got)
	}
	rows := integTestDescribe(t, e, s, name)
	want := [][4]string{
		{"OAUTH_CLIENT_TYPE", "String", "PUBLIC", "PUBLIC"},
		{"ENABLED", "Boolean", "true", "true"},
		{"OAUTH_ISSUE_REFRESH_TOKENS", "Boolean", "true", "true"},
		{"OAUTH_ACCESS_TOKEN_VALIDITY", "Long", "600", "600"},
		{"OAUTH_REFRESH_TOKEN_VALIDITY", "Long", "7776000", "7776000"},
		{"OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", "Boolean", "false", "false"},
		{"NETWORK_POLICY", "String", "", ""},
		{"OAUTH_CLIENT_ID", "String", "LOCAL_APPLICATION", ""},
	}
	integTestWantProps(t, rows, "DESCRIBE", want)
	if len(rows) != len(want)+2 { // plus the two endpoint rows
		t.Errorf("DESCRIBE has %d rows: %v", len(rows), rows)
	}

	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('10.0.0.0/8')")
	sec := &Session{ID: 2, User: "ADMIN", Role: "SECURITYADMIN"}
	integTestStatus(t, e, sec, `ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET ENABLED = FALSE,
		OAUTH_ISSUE_REFRESH_TOKENS = FALSE OAUTH_ACCESS_TOKEN_VALIDITY = 900 OAUTH_REFRESH_TOKEN_VALIDITY = 86400
		OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = TRUE NETWORK_POLICY = 'np'`, "Statement executed successfully.")
	in, ok := e.IntegrationByClientID("LOCAL_APPLICATION")
	if !ok || in.Name != name || in.ClientSecret != "LOCAL_APPLICATION" || in.Props["ENABLED"] != "false" ||
		in.Props["OAUTH_ACCESS_TOKEN_VALIDITY"] != "900" || in.Props["NETWORK_POLICY"] != "NP" {
		t.Errorf("after SET: %+v", in)
	}
	mustExec(t, e, sec, "ALTER INTEGRATION snowflake$local_application UNSET ENABLED, NETWORK_POLICY")
	if in, _ := e.IntegrationByClientID("LOCAL_APPLICATION"); in.Props["ENABLED"] != "true" || in.Props["NETWORK_POLICY"] != "" {
		t.Errorf("after UNSET: %+v", in.Props)
	}
	integTestWantErrs(t, e, s, []errCase{
		{"ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET OAUTH_REDIRECT_URI = 'http://127.0.0.1'", "001003", "42000", "unexpected 'OAUTH_REDIRECT_URI'"},
		{"ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET COMMENT = 'x'", "001003", "42000", "unexpected 'COMMENT'"},
		{"ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET OAUTH_ACCESS_TOKEN_VALIDITY = 59", "001422", "22023", "invalid value '59'"},
		{"ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION REFRESH OAUTH_CLIENT_SECRET", "001003", "42000", "unexpected 'REFRESH'"},
		{"ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION UNSET OAUTH_ACCESS_TOKEN_VALIDITY", "000002", "0A000", "Unsupported feature 'UNSET'."},
		{"DROP SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION", "003001", "42501", "Insufficient privileges to operate on integration 'SNOWFLAKE$LOCAL_APPLICATION'"},
		{"CREATE OR REPLACE SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP", "003001", "42501", "Insufficient privileges"},
		{"CREATE SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP", "002002", "42710", "already exists"},
		{"CREATE SECURITY INTEGRATION X TYPE = OAUTH OAUTH_CLIENT = LOCAL_APPLICATION", "001003", "42000", "unexpected 'LOCAL_APPLICATION'"},
	})
	// Roles below SECURITYADMIN neither see nor change it.
	if se := mustSQLErr(t, e, &Session{ID: 3, User: "ADMIN", Role: "SYSADMIN"}, "ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET ENABLED = FALSE"); se.Code != "002003" {
		t.Errorf("SYSADMIN ALTER: %v", se)
	}
	// A snapshot from before the built-in integration existed gets it on restore.
	data, _ := e.Snapshot()
	e.mu.Lock()
	delete(e.cat.Integrations, name)
	e.mu.Unlock()
	old, _ := e.Snapshot()
	e2, _ := newTestEngine()
	if err := e2.Restore(old); err != nil {
		t.Fatal(err)
	}
	if _, ok := e2.IntegrationByClientID("LOCAL_APPLICATION"); !ok {
		t.Error("restore of an old snapshot lacks the local application")
	}
	if err := e2.Restore(data); err != nil {
		t.Fatal(err)
	}
}

// ALTER ACCOUNT SET DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION = TRUE turns it off for good: it
// stays listed, ENABLED FALSE, and cannot be enabled until the opt-out is lifted.
func TestLocalApplicationOptOut(t *testing.T) {
	e, s := newTestEngine()
	const alter = "ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET ENABLED = TRUE"
	mustExec(t, e, s, "ALTER ACCOUNT SET DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION = TRUE")
	if in, _ := e.IntegrationByClientID("LOCAL_APPLICATION"); in.Props["ENABLED"] != "false" {
		t.Errorf("ENABLED after opt-out = %s", in.Props["ENABLED"])
	}
	if se := mustSQLErr(t, e, s, alter); se.Code != "001422" {
		t.Errorf("enable under opt-out: %v", se)
	}
	if got := cell(mustExec(t, e, s, "SHOW PARAMETERS LIKE 'DISABLE_SNOWFLAKE%' IN ACCOUNT"), 0, "value"); got != "true" {
		t.Errorf("SHOW PARAMETERS value = %q", got)
	}
	mustExec(t, e, s, "ALTER ACCOUNT UNSET DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION")
	mustExec(t, e, s, alter)
	if in, _ := e.IntegrationByClientID("LOCAL_APPLICATION"); in.Props["ENABLED"] != "true" {
		t.Errorf("ENABLED after lifting the opt-out and enabling = %s", in.Props["ENABLED"])
	}
}

// RemoveLocalApplication: an account the BCR-2056 rollout has not reached has no built-in integration,
// a quoted or unquoted DESCRIBE of it is "does not exist", and restoring a snapshot does not bring it back.
func TestRemoveLocalApplication(t *testing.T) {
	e, s := newTestEngine()
	snap, err := e.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	e.RemoveLocalApplication()
	for _, sql := range []string{`DESCRIBE SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION"`,
		"ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET ENABLED = FALSE"} {
		t.Run(sql, func(t *testing.T) {
			if err := mustSQLErr(t, e, s, sql); err.Code != "002003" {
				t.Errorf("%s: %v, want 002003", sql, err)
			}
		})
	}
	if err := e.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if rows := integTestRows(mustExec(t, e, s, "SHOW SECURITY INTEGRATIONS LIKE 'SNOWFLAKE$LOCAL_APPLICATION'")); len(rows) != 0 {
		t.Errorf("after Restore: %v", rows)
	}
	if _, ok := e.OAuthClientByID("LOCAL_APPLICATION"); ok {
		t.Error("the OAuth server still knows LOCAL_APPLICATION")
	}
}
