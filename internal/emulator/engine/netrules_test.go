package engine

import (
	"strings"
	"testing"
)

func nrSetup(t *testing.T) (*Engine, *Session, *npClock) {
	t.Helper()
	e, s, clk := npEngine()
	mustExec(t, e, s, "CREATE DATABASE db")
	mustExec(t, e, s, "CREATE SCHEMA db.sc")
	return e, s, clk
}

// The statements the official provider's SDK sends (TF pkg/sdk/network_rules_ext_test.go) and the
// outputs its live tests assert.
func TestNetworkRuleLifecycle(t *testing.T) {
	e, s, clk := nrSetup(t)
	integTestStatus(t, e, s, `CREATE NETWORK RULE "DB"."SC"."NR" TYPE = IPV4 VALUE_LIST = ('0.0.0.0', '1.1.1.1') MODE = INGRESS`,
		"Network rule NR successfully created.")
	// Without VALUE_LIST (TF's empty-list form) and without MODE (INGRESS by default).
	mustExec(t, e, s, `CREATE NETWORK RULE db.sc.empty TYPE = IPV4`)
	res := mustExec(t, e, s, `SHOW NETWORK RULES LIKE 'nr' IN SCHEMA "DB"."SC"`)
	var cols []string
	for _, c := range res.Columns {
		cols = append(cols, c.Name)
	}
	if got := strings.Join(cols, ","); got != "created_on,name,database_name,schema_name,owner,comment,type,mode,entries_in_valuelist,owner_role_type" {
		t.Errorf("SHOW columns = %s", got)
	}
	want := []string{*timeCell(clk.t), "NR", "DB", "SC", "ACCOUNTADMIN", "", "IPV4", "INGRESS", "2", "ROLE"}
	if got := integTestRows(res); len(got) != 1 || strings.Join(got[0], "|") != strings.Join(want, "|") {
		t.Errorf("SHOW = %v, want %v", got, want)
	}
	d := mustExec(t, e, s, "DESC NETWORK RULE db.sc.nr")
	if npCol(t, d, 0, "value_list") != "0.0.0.0,1.1.1.1" || npCol(t, d, 0, "mode") != "INGRESS" || npCol(t, d, 0, "comment") != "" {
		t.Errorf("DESC = %v", integTestRows(d))
	}
	if v := npCol(t, mustExec(t, e, s, "DESCRIBE NETWORK RULE db.sc.empty"), 0, "value_list"); v != "" {
		t.Errorf("empty rule value_list = %q", v)
	}
	// SET replaces the list; UNSET of both empties it and the comment.
	mustExec(t, e, s, `ALTER NETWORK RULE IF EXISTS "DB"."SC"."NR" SET VALUE_LIST = ('10.0.0.0/8'), COMMENT = 'c'`)
	row := integTestRows(mustExec(t, e, s, "SHOW NETWORK RULES LIKE 'NR'"))[0]
	if row[5] != "c" || row[8] != "1" {
		t.Errorf("after SET: %v", row)
	}
	mustExec(t, e, s, `ALTER NETWORK RULE db.sc.nr UNSET VALUE_LIST, COMMENT`)
	row = integTestRows(mustExec(t, e, s, "SHOW NETWORK RULES LIKE 'NR' IN DATABASE db"))[0]
	if row[5] != "" || row[8] != "0" {
		t.Errorf("after UNSET: %v", row)
	}
	integTestStatus(t, e, s, "DROP NETWORK RULE db.sc.nr", "NR successfully dropped.")
	integTestStatus(t, e, s, "DROP NETWORK RULE IF EXISTS db.sc.nr", "Drop statement executed successfully (NR already dropped).")
	if n := len(mustExec(t, e, s, "SHOW NETWORK RULES IN ACCOUNT").Rows); n != 1 {
		t.Errorf("SHOW after DROP: %d rules", n)
	}
}

func TestNetworkRuleErrors(t *testing.T) {
	e, s, _ := nrSetup(t)
	mustExec(t, e, s, "CREATE NETWORK RULE db.sc.out TYPE = HOST_PORT MODE = EGRESS VALUE_LIST = ('example.com:443')")
	mustExec(t, e, s, "CREATE NETWORK RULE db.sc.v6 TYPE = IPV6 VALUE_LIST = ('2001:db8::/32', '::ffff:192.0.2.1', '2001:db8::1')")
	integTestWantErrs(t, e, s, []errCase{
		{"CREATE NETWORK RULE db.sc.r TYPE = IPV4 MODE = EGRESS", "001422", "22023",
			"The network rule mode EGRESS is not supported by the network rule type IPv4. The network rule mode must be one of [INGRESS, POSTGRES_INGRESS]."},
		{"CREATE NETWORK RULE db.sc.r TYPE = HOST_PORT", "001422", "22023", "The network rule mode INGRESS is not supported by the network rule type HOST_PORT."},
		{"CREATE NETWORK RULE db.sc.r TYPE = IPV4 VALUE_LIST = ('300.1.1.1')", "001422", "22023", "invalid value '300.1.1.1' for property 'VALUE_LIST'"},
		{"CREATE NETWORK RULE db.sc.r TYPE = IPV6 VALUE_LIST = ('10.0.0.1')", "001422", "22023", "invalid value '10.0.0.1' for property 'VALUE_LIST'"},
		{"CREATE NETWORK RULE db.sc.r TYPE = IPV6 VALUE_LIST = ('2001:db8::/129')", "001422", "22023", "invalid value '2001:db8::/129' for property 'VALUE_LIST'"},
		{"CREATE NETWORK RULE db.sc.r TYPE = BOGUS", "001003", "42000", "unexpected 'BOGUS'"},
		{"CREATE NETWORK RULE db.sc.r MODE = INGRESS", "002029", "42601", "Missing option(s): TYPE"},
		{"CREATE NETWORK RULE db.sc.r TYPE = IPV4 TYPE = IPV4", "001003", "42000", "unexpected 'TYPE'"},
		{"CREATE NETWORK RULE sc.r TYPE = IPV4", "090105", "22000", "This session does not have a current database."},
		{"CREATE NETWORK RULE r TYPE = IPV4", "090105", "22000", "This session does not have a current schema."},
		{"CREATE NETWORK RULE nodb.sc.r TYPE = IPV4", "002003", "02000", "Database 'NODB' does not exist or not authorized."},
		{"CREATE NETWORK RULE db.nosc.r TYPE = IPV4", "002003", "02000", "Schema 'DB.NOSC' does not exist or not authorized."},
		{"CREATE NETWORK RULE db.sc.out TYPE = IPV4", "002002", "42710", "Object 'OUT' already exists."},
		{"CREATE OR REPLACE NETWORK RULE IF NOT EXISTS db.sc.out TYPE = IPV4", "001003", "42000", "unexpected 'IF'"},
		{"ALTER NETWORK RULE db.sc.out SET MODE = INGRESS", "001003", "42000", "unexpected 'MODE'"},
		{"ALTER NETWORK RULE db.sc.out RENAME TO db.sc.other", "001003", "42000", "unexpected 'RENAME'"},
		{"ALTER NETWORK RULE db.sc.nope SET COMMENT = 'x'", "002003", "02000", "Network rule 'DB.SC.NOPE' does not exist or not authorized."},
		{"DESC NETWORK RULE db.sc.nope", "002003", "02000", "does not exist or not authorized."},
		{"DROP NETWORK RULE db.sc.nope", "002003", "02000", "does not exist or not authorized."},
		// A policy takes only ingress-style rules.
		{"CREATE NETWORK POLICY p ALLOWED_NETWORK_RULE_LIST = ('db.sc.out')", "001422", "22023", "invalid value 'DB.SC.OUT' for property 'ALLOWED_NETWORK_RULE_LIST'"},
		{"CREATE NETWORK POLICY p BLOCKED_NETWORK_RULE_LIST = (db.sc.missing)", "002003", "02000", "Network rule 'DB.SC.MISSING' does not exist or not authorized."},
	})
	mustExec(t, e, s, "CREATE OR REPLACE NETWORK RULE db.sc.out TYPE = IPV4 VALUE_LIST = ('1.2.3.4')")
	if got := npCol(t, mustExec(t, e, s, "DESC NETWORK RULE db.sc.out"), 0, "type"); got != "IPV4" {
		t.Errorf("OR REPLACE kept type %s", got)
	}
	mustExec(t, e, s, "CREATE NETWORK RULE IF NOT EXISTS db.sc.out TYPE = HOST_PORT MODE = EGRESS")
	// A role that does not own the database neither sees nor changes its rules.
	sys := &Session{ID: 2, User: "ADMIN", Role: "SYSADMIN"}
	integTestWantErr(t, e, sys, "DESC NETWORK RULE db.sc.out", "002003", "02000", "Database 'DB' does not exist or not authorized.")
	if n := len(mustExec(t, e, sys, "SHOW NETWORK RULES").Rows); n != 0 {
		t.Errorf("SYSADMIN sees %d rules", n)
	}
}

// A rule a policy uses cannot be dropped, nor can its schema or database (098507/098508, from the
// official provider's docs); a policy that no longer uses it frees all three.
func TestNetworkRuleInUse(t *testing.T) {
	e, s, _ := nrSetup(t)
	mkRules(t, e, s, "db.sc.office")
	mustExec(t, e, s, `CREATE NETWORK POLICY np ALLOWED_NETWORK_RULE_LIST = ("DB"."SC"."OFFICE")`)
	integTestWantErr(t, e, s, "DROP NETWORK RULE db.sc.office", "098506", "2BP01",
		"Cannot drop network rule DB.SC.OFFICE as it is associated with network policy NP.")
	integTestWantErr(t, e, s, "DROP SCHEMA db.sc", "098508", "2BP01", "Cannot drop schema SC as it includes network rule - policy associations.")
	integTestWantErr(t, e, s, "DROP DATABASE db", "098507", "2BP01", "Cannot drop database DB as it includes network rule - policy associations.")
	integTestWantErr(t, e, s, "CREATE OR REPLACE NETWORK RULE db.sc.office TYPE = HOST_PORT MODE = EGRESS", "001422", "22023", "for property 'MODE'")
	mustExec(t, e, s, "ALTER NETWORK POLICY np SET ALLOWED_NETWORK_RULE_LIST = ()")
	mustExec(t, e, s, "DROP DATABASE db")
	if len(e.cat.NetworkRules) != 0 || len(e.cat.Databases) != 0 {
		t.Errorf("DROP DATABASE left %d rules, %d databases", len(e.cat.NetworkRules), len(e.cat.Databases))
	}
	integTestWantErr(t, e, s, "SHOW NETWORK RULES IN DATABASE db", "002003", "02000", "Database 'DB' does not exist")
}

// Rules survive a snapshot and restore, as the -state file needs.
func TestNetworkRulePersistsInSnapshot(t *testing.T) {
	e, s, _ := nrSetup(t)
	mustExec(t, e, s, "CREATE NETWORK RULE db.sc.r TYPE = IPV4 VALUE_LIST = ('1.1.1.1') COMMENT = 'c'")
	fresh, _, _ := npEngine()
	e2 := restoreInto(t, e, fresh)
	if got := npCol(t, mustExec(t, e2, s, "DESC NETWORK RULE db.sc.r"), 0, "value_list"); got != "1.1.1.1" {
		t.Errorf("after restore value_list = %q", got)
	}
}
