package engine

import (
	"strings"
	"testing"
	"time"
)

// npDesc returns DESCRIBE NETWORK POLICY as name → value, failing on duplicate rows.
func npDesc(t *testing.T, e *Engine, s *Session, name string) map[string]string {
	t.Helper()
	res := mustExec(t, e, s, "DESC NETWORK POLICY "+name)
	out := map[string]string{}
	for i := range res.Rows {
		k := npCol(t, res, i, "name")
		if _, dup := out[k]; dup {
			t.Fatalf("duplicate DESCRIBE row %s", k)
		}
		out[k] = npCol(t, res, i, "value")
	}
	return out
}

func npShowRow(t *testing.T, e *Engine, s *Session, name string) map[string]string {
	t.Helper()
	res := mustExec(t, e, s, "SHOW NETWORK POLICIES")
	for i := range res.Rows {
		if npCol(t, res, i, "name") == name {
			row := map[string]string{}
			for _, c := range res.Columns {
				row[c.Name] = npCol(t, res, i, c.Name)
			}
			return row
		}
	}
	t.Fatalf("SHOW NETWORK POLICIES has no %q", name)
	return nil
}

const npIntegSQL = "CREATE SECURITY INTEGRATION %s TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb' NETWORK_POLICY = '%s'"

func TestNetworkPolicyCreateDescribeShow(t *testing.T) {
	e, s, clk := npEngine()
	got := npStatus(t, e, s, `CREATE NETWORK POLICY np1 ALLOWED_IP_LIST = ('123.0.0.1') BLOCKED_IP_LIST = ('125.0.0.1', '124.0.0.1') COMMENT = 'some_comment'`)
	if got != "Network policy NP1 successfully created." {
		t.Errorf("status = %q", got)
	}
	// The sheet's [live] example: one allowed IP, two blocked IPs and a comment give exactly 2 rows.
	if d := npDesc(t, e, s, "np1"); len(d) != 2 || d["ALLOWED_IP_LIST"] != "123.0.0.1" || d["BLOCKED_IP_LIST"] != "125.0.0.1,124.0.0.1" {
		t.Errorf("DESCRIBE = %v", d)
	}
	res := mustExec(t, e, s, "DESCRIBE NETWORK POLICY NP1")
	if res.StatementTypeID != StatementDesc || len(res.Columns) != 2 || res.Columns[0].Name != "name" || res.Columns[1].Name != "value" {
		t.Errorf("DESCRIBE columns = %+v", res.Columns)
	}
	if npCol(t, res, 0, "name") != "ALLOWED_IP_LIST" || npCol(t, res, 1, "name") != "BLOCKED_IP_LIST" {
		t.Errorf("DESCRIBE row order = %v", res.Rows)
	}

	res = mustExec(t, e, s, "SHOW NETWORK POLICIES")
	wantShape(t, res, StatementShow, "created_on:timestamp_ltz,name:text,comment:text,entries_in_allowed_ip_list:fixed,entries_in_blocked_ip_list:fixed,"+
		"entries_in_allowed_network_rules:fixed,entries_in_blocked_network_rules:fixed,owner:text,owner_role_type:text")
	row := npShowRow(t, e, s, "NP1")
	want := map[string]string{
		"created_on": *timeCell(clk.t), "name": "NP1", "comment": "some_comment",
		"entries_in_allowed_ip_list": "1", "entries_in_blocked_ip_list": "2",
		"entries_in_allowed_network_rules": "0", "entries_in_blocked_network_rules": "0",
		"owner": "ACCOUNTADMIN", "owner_role_type": "ROLE",
	}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("SHOW %s = %q, want %q", k, row[k], v)
		}
	}
}

func TestNetworkPolicyRuleListsBothSyntaxes(t *testing.T) {
	e, s, _ := npEngine()
	mkRules(t, e, s, "db.sc.nr", "db.sc.rule2", `"db"."Sc"."x y"`)
	mustExec(t, e, s, `CREATE NETWORK POLICY rules
		ALLOWED_NETWORK_RULE_LIST = ("DB"."SC"."NR", 'db.sc.rule2')
		BLOCKED_NETWORK_RULE_LIST = ('"db"."Sc"."x y"')`)
	d := npDesc(t, e, s, "rules")
	if len(d) != 2 {
		t.Fatalf("DESCRIBE = %v", d)
	}
	if got := d["ALLOWED_NETWORK_RULE_LIST"]; got != `[{"fullyQualifiedRuleName":"DB.SC.NR"},{"fullyQualifiedRuleName":"DB.SC.RULE2"}]` {
		t.Errorf("allowed rules = %s", got)
	}
	if got := d["BLOCKED_NETWORK_RULE_LIST"]; got != `[{"fullyQualifiedRuleName":"\"db\".\"Sc\".\"x y\""}]` {
		t.Errorf("blocked rules = %s", got)
	}
	row := npShowRow(t, e, s, "RULES")
	if row["entries_in_allowed_network_rules"] != "2" || row["entries_in_blocked_network_rules"] != "1" || row["comment"] != "" {
		t.Errorf("SHOW = %v", row)
	}
	// Rules are schema objects and must be fully qualified (there is no current database).
	npWantErrs(t, e, s, []errCase{
		{`CREATE NETWORK POLICY bad ALLOWED_NETWORK_RULE_LIST = ('only_rule')`,
			"001422", "22023", "SQL compilation error: invalid value 'only_rule' for property 'ALLOWED_NETWORK_RULE_LIST'"},
		{`CREATE NETWORK POLICY bad BLOCKED_NETWORK_RULE_LIST = (sc.nr)`,
			"001422", "22023", "SQL compilation error: invalid value 'SC.NR' for property 'BLOCKED_NETWORK_RULE_LIST'"},
		{`CREATE NETWORK POLICY bad ALLOWED_NETWORK_RULE_LIST = ('a.b.c d')`,
			"001422", "22023", "SQL compilation error: invalid value 'a.b.c d' for property 'ALLOWED_NETWORK_RULE_LIST'"},
	})
}

func TestNetworkPolicyQuotedNames(t *testing.T) {
	e, s, _ := npEngine()
	if got := npStatus(t, e, s, `CREATE NETWORK POLICY "lower np" ALLOWED_IP_LIST = ('10.0.0.0/8')`); got != `Network policy "lower np" successfully created.` {
		t.Errorf("status = %q", got)
	}
	npShowRow(t, e, s, "lower np")
	if d := npDesc(t, e, s, `"lower np"`); d["ALLOWED_IP_LIST"] != "10.0.0.0/8" {
		t.Errorf("DESCRIBE = %v", d)
	}
	// Unquoted resolves to upper case, which is another object.
	npWantErr(t, e, s, `DESC NETWORK POLICY "LOWER NP"`, "002003", "02000",
		"SQL compilation error:\nNetwork policy '\"LOWER NP\"' does not exist or not authorized.")
	mustExec(t, e, s, `CREATE NETWORK POLICY "NP""Q" ALLOWED_IP_LIST = ('1.2.3.4')`)
	npShowRow(t, e, s, `NP"Q`)
	if got := npStatus(t, e, s, `DROP NETWORK POLICY "NP""Q"`); got != `"NP""Q" successfully dropped.` {
		t.Errorf("drop status = %q", got)
	}
}

func TestNetworkPolicyCreateVariantsAndErrors(t *testing.T) {
	e, s, clk := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('1.1.1.1')")
	npWantErr(t, e, s, "CREATE NETWORK POLICY np", "002002", "42710", "SQL compilation error:\nObject 'NP' already exists.")
	if got := npStatus(t, e, s, "CREATE NETWORK POLICY IF NOT EXISTS np BLOCKED_IP_LIST = ('2.2.2.2')"); got != "NP already exists, statement succeeded." {
		t.Errorf("IF NOT EXISTS status = %q", got)
	}
	if d := npDesc(t, e, s, "np"); len(d) != 1 || d["ALLOWED_IP_LIST"] != "1.1.1.1" {
		t.Errorf("IF NOT EXISTS changed the policy: %v", d)
	}
	clk.t = clk.t.Add(time.Hour)
	if got := npStatus(t, e, s, "CREATE OR REPLACE NETWORK POLICY np BLOCKED_IP_LIST = ('2.2.2.2') COMMENT = 'new'"); got != "Network policy NP successfully created." {
		t.Errorf("OR REPLACE status = %q", got)
	}
	row := npShowRow(t, e, s, "NP")
	if row["entries_in_allowed_ip_list"] != "0" || row["entries_in_blocked_ip_list"] != "1" || row["comment"] != "new" || row["created_on"] != *timeCell(clk.t) {
		t.Errorf("after OR REPLACE: %v", row)
	}
	// An empty policy may exist (it just cannot be active), also with explicit empty lists.
	mustExec(t, e, s, "CREATE NETWORK POLICY empty")
	mustExec(t, e, s, "CREATE NETWORK POLICY empty2 ALLOWED_IP_LIST = () BLOCKED_IP_LIST = ()")
	if d := npDesc(t, e, s, "empty2"); len(d) != 0 {
		t.Errorf("empty lists produced rows: %v", d)
	}

	npWantErrs(t, e, s, []errCase{
		{"CREATE OR REPLACE NETWORK POLICY IF NOT EXISTS x", "001003", "42000",
			"SQL compilation error:\nsyntax error line 1 at position 33 unexpected 'IF'."},
		{"CREATE NETWORK POLICY x ALLOWED_IP_LIST = ('1.1.1.1') ALLOWED_IP_LIST = ('2.2.2.2')", "001003", "42000",
			"SQL compilation error:\nsyntax error line 1 at position 54 unexpected 'ALLOWED_IP_LIST'."},
		{"CREATE NETWORK POLICY x FOO = ('1.1.1.1')", "001003", "42000",
			"SQL compilation error:\nsyntax error line 1 at position 24 unexpected 'FOO'."},
		{"CREATE NETWORK POLICY x ALLOWED_IP_LIST = (1)", "001003", "42000",
			"SQL compilation error:\nsyntax error line 1 at position 43 unexpected '1'."},
	})
	for _, bad := range []string{"300.1.1.1", "1.2.3.4/33", "::1", "2001:db8::/32", "abc", "", " 1.2.3.4", "1.2.3"} {
		t.Run("invalid "+bad, func(t *testing.T) {
			npWantErr(t, e, s, "CREATE NETWORK POLICY x BLOCKED_IP_LIST = ('9.9.9.9', '"+bad+"')", "001422", "22023",
				"SQL compilation error: invalid value '"+bad+"' for property 'BLOCKED_IP_LIST'")
		})
	}
	for _, good := range []string{"0.0.0.0/0", "192.168.0.100/24", "255.255.255.255", "10.1.2.3/32"} {
		mustExec(t, e, s, "CREATE OR REPLACE NETWORK POLICY ok ALLOWED_IP_LIST = ('"+good+"')")
	}
	if _, ok := e.cat.NetworkPolicies["X"]; ok {
		t.Error("a failed CREATE left a policy behind")
	}
}

func TestNetworkPolicyPrivileges(t *testing.T) {
	e, s, _ := npEngine()
	pub := &Session{ID: 2, User: "ADMIN", Role: "PUBLIC"}
	sec := &Session{ID: 3, User: "ADMIN", Role: "SECURITYADMIN"}
	npWantErr(t, e, pub, "CREATE NETWORK POLICY p ALLOWED_IP_LIST = ('1.1.1.1')", "003001", "42501",
		"SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'")
	npWantErr(t, e, &Session{ID: 4, User: "ADMIN", Role: "SYSADMIN"}, "CREATE NETWORK POLICY p", "003001", "42501",
		"SQL access control error:\nInsufficient privileges to operate on account 'EMULATOR'")
	mustExec(t, e, sec, "CREATE NETWORK POLICY p ALLOWED_IP_LIST = ('1.1.1.1')")
	if row := npShowRow(t, e, s, "P"); row["owner"] != "SECURITYADMIN" {
		t.Errorf("owner = %q", row["owner"])
	}
	// Only the owner's hierarchy and MANAGE GRANTS (SECURITYADMIN and above) see the policy.
	if res := mustExec(t, e, pub, "SHOW NETWORK POLICIES"); len(res.Rows) != 0 {
		t.Errorf("PUBLIC sees %d policies", len(res.Rows))
	}
	for _, sql := range []string{"DESC NETWORK POLICY p", "ALTER NETWORK POLICY p SET COMMENT = 'x'", "DROP NETWORK POLICY p", "ALTER NETWORK POLICY IF EXISTS p UNSET COMMENT"} {
		t.Run(sql, func(t *testing.T) {
			npWantErr(t, e, pub, sql, "003001", "42501", "SQL access control error:\nInsufficient privileges to operate on network policy 'P'")
		})
	}
	mustExec(t, e, s, "ALTER NETWORK POLICY p SET COMMENT = 'by accountadmin'")
	mustExec(t, e, sec, "DROP NETWORK POLICY p")
}

func TestNetworkPolicyAlterSetUnset(t *testing.T) {
	e, s, _ := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('1.1.1.1') COMMENT = 'c'")
	if got := npStatus(t, e, s, "ALTER NETWORK POLICY np SET ALLOWED_IP_LIST = ('123.0.0.1', '125.0.0.1') BLOCKED_IP_LIST = ('123.0.0.1'), COMMENT = 'altered'"); got != "Statement executed successfully." {
		t.Errorf("status = %q", got)
	}
	if d := npDesc(t, e, s, "np"); d["ALLOWED_IP_LIST"] != "123.0.0.1,125.0.0.1" || d["BLOCKED_IP_LIST"] != "123.0.0.1" {
		t.Errorf("after SET: %v", d)
	}
	mkRules(t, e, s, "a.b.c", "a.b.d")
	mustExec(t, e, s, `ALTER NETWORK POLICY np SET ALLOWED_NETWORK_RULE_LIST = ("A"."B"."C") BLOCKED_NETWORK_RULE_LIST = ('a.b.d')`)
	row := npShowRow(t, e, s, "NP")
	if row["comment"] != "altered" || row["entries_in_allowed_network_rules"] != "1" || row["entries_in_blocked_network_rules"] != "1" {
		t.Errorf("after SET rules: %v", row)
	}
	mustExec(t, e, s, "ALTER NETWORK POLICY np SET BLOCKED_IP_LIST = ()")
	if d := npDesc(t, e, s, "np"); len(d) != 3 || d["BLOCKED_IP_LIST"] != "" {
		t.Errorf("SET () kept a row: %v", d)
	}
	mustExec(t, e, s, "ALTER NETWORK POLICY np UNSET COMMENT, ALLOWED_NETWORK_RULE_LIST, BLOCKED_NETWORK_RULE_LIST")
	row = npShowRow(t, e, s, "NP")
	if row["comment"] != "" || row["entries_in_allowed_network_rules"] != "0" || row["entries_in_blocked_network_rules"] != "0" || row["entries_in_allowed_ip_list"] != "2" {
		t.Errorf("after UNSET: %v", row)
	}
	mustExec(t, e, s, "ALTER NETWORK POLICY np UNSET ALLOWED_IP_LIST")
	if d := npDesc(t, e, s, "np"); len(d) != 0 {
		t.Errorf("after UNSET of every list: %v", d)
	}

	npWantErrs(t, e, s, []errCase{
		{"ALTER NETWORK POLICY np SET", "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 27 unexpected '<EOF>'."},
		{"ALTER NETWORK POLICY np SET COMMENT = 'a',", "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 42 unexpected '<EOF>'."},
		{"ALTER NETWORK POLICY np UNSET FOO", "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 30 unexpected 'FOO'."},
		{"ALTER NETWORK POLICY np SET TAG t = 'v'", "001003", "42000", "SQL compilation error:\nsyntax error line 1 at position 28 unexpected 'TAG'."},
		{"ALTER NETWORK POLICY np SET ALLOWED_IP_LIST = ('1.1.1.1/40')", "001422", "22023",
			"SQL compilation error: invalid value '1.1.1.1/40' for property 'ALLOWED_IP_LIST'"},
		{"ALTER NETWORK POLICY nope SET COMMENT = 'x'", "002003", "02000",
			"SQL compilation error:\nNetwork policy 'NOPE' does not exist or not authorized."},
	})
	if got := npStatus(t, e, s, "ALTER NETWORK POLICY IF EXISTS nope SET COMMENT = 'x'"); got != "Statement executed successfully." {
		t.Errorf("IF EXISTS status = %q", got)
	}
	// Syntax errors come before the existence check.
	npWantErr(t, e, s, "ALTER NETWORK POLICY IF EXISTS nope SET BOGUS = 1", "001003", "42000",
		"SQL compilation error:\nsyntax error line 1 at position 40 unexpected 'BOGUS'.")
}

func TestNetworkPolicyAddRemoveRules(t *testing.T) {
	e, s, _ := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('1.1.1.1')")
	mkRules(t, e, s, "db.sc.r1", "db.sc.r2", "db.sc.r3", "db.sc.b1")
	mustExec(t, e, s, `ALTER NETWORK POLICY np ADD ALLOWED_NETWORK_RULE_LIST = ("DB"."SC"."R1")`)
	mustExec(t, e, s, `ALTER NETWORK POLICY np ADD ALLOWED_NETWORK_RULE_LIST = 'db.sc.r2'`)
	mustExec(t, e, s, `ALTER NETWORK POLICY np ADD ALLOWED_NETWORK_RULE_LIST = ('db.sc.r1', db.sc.r3), BLOCKED_NETWORK_RULE_LIST = db.sc.b1`)
	d := npDesc(t, e, s, "np")
	if d["ALLOWED_NETWORK_RULE_LIST"] != `[{"fullyQualifiedRuleName":"DB.SC.R2"},{"fullyQualifiedRuleName":"DB.SC.R1"},{"fullyQualifiedRuleName":"DB.SC.R3"}]` {
		t.Errorf("allowed after ADD = %s", d["ALLOWED_NETWORK_RULE_LIST"])
	}
	if d["BLOCKED_NETWORK_RULE_LIST"] != `[{"fullyQualifiedRuleName":"DB.SC.B1"}]` {
		t.Errorf("blocked after ADD = %s", d["BLOCKED_NETWORK_RULE_LIST"])
	}
	mustExec(t, e, s, `ALTER NETWORK POLICY np REMOVE ALLOWED_NETWORK_RULE_LIST = ("DB"."SC"."R1", 'db.sc.never_added')`)
	mustExec(t, e, s, `ALTER NETWORK POLICY np REMOVE BLOCKED_NETWORK_RULE_LIST = 'DB.SC.B1'`)
	row := npShowRow(t, e, s, "NP")
	if row["entries_in_allowed_network_rules"] != "2" || row["entries_in_blocked_network_rules"] != "0" {
		t.Errorf("after REMOVE: %v", row)
	}
	npWantErr(t, e, s, "ALTER NETWORK POLICY np ADD ALLOWED_IP_LIST = ('1.1.1.1')", "001003", "42000",
		"SQL compilation error:\nsyntax error line 1 at position 28 unexpected 'ALLOWED_IP_LIST'.")
	npWantErr(t, e, s, "ALTER NETWORK POLICY np ADD ALLOWED_NETWORK_RULE_LIST = 'x'", "001422", "22023",
		"SQL compilation error: invalid value 'x' for property 'ALLOWED_NETWORK_RULE_LIST'")
}

func TestNetworkPolicyRenamePropagates(t *testing.T) {
	e, s, _ := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('1.1.1.1') COMMENT = 'c'")
	mustExec(t, e, s, "CREATE NETWORK POLICY other ALLOWED_IP_LIST = ('2.2.2.2')")
	mustExec(t, e, s, strings.ReplaceAll(strings.ReplaceAll(npIntegSQL, "%s", "X"), "NETWORK_POLICY = 'X'", "NETWORK_POLICY = 'np'"))
	mustExec(t, e, s, "CREATE USER jane")
	mustExec(t, e, s, "ALTER USER jane SET NETWORK_POLICY = 'np'")
	mustExec(t, e, s, "ALTER ACCOUNT SET NETWORK_POLICY = 'np'")

	npWantErr(t, e, s, "ALTER NETWORK POLICY np RENAME TO other", "002002", "42710", "SQL compilation error:\nObject 'OTHER' already exists.")
	npWantErr(t, e, s, "ALTER NETWORK POLICY np RENAME TO np", "002002", "42710", "SQL compilation error:\nObject 'NP' already exists.")
	if got := npStatus(t, e, s, `ALTER NETWORK POLICY np RENAME TO "Renamed"`); got != "Statement executed successfully." {
		t.Errorf("status = %q", got)
	}
	if _, ok := e.cat.NetworkPolicies["NP"]; ok {
		t.Error("old name still present")
	}
	row := npShowRow(t, e, s, "Renamed")
	if row["comment"] != "c" || row["entries_in_allowed_ip_list"] != "1" {
		t.Errorf("renamed policy lost its content: %v", row)
	}
	if got := e.cat.Integrations["X"].Props["NETWORK_POLICY"]; got != "Renamed" {
		t.Errorf("integration NETWORK_POLICY = %q", got)
	}
	res := mustExec(t, e, s, "DESC SECURITY INTEGRATION x")
	for i := range res.Rows {
		if npCol(t, res, i, "property") == "NETWORK_POLICY" && npCol(t, res, i, "property_value") != "Renamed" {
			t.Errorf("DESCRIBE INTEGRATION NETWORK_POLICY = %q", npCol(t, res, i, "property_value"))
		}
	}
	if got := e.cat.Users["JANE"].NetworkPolicy; got != "Renamed" {
		t.Errorf("user network policy = %q", got)
	}
	if got := e.cat.AccountNetworkPolicy; got != "Renamed" {
		t.Errorf("account network policy = %q", got)
	}
	if got, ok := e.NetworkPolicy("Renamed"); !ok || got.Name != "Renamed" {
		t.Errorf("Engine.NetworkPolicy after rename = %+v, %v", got, ok)
	}
}

func TestNetworkPolicyAttachedCannotBecomeEmpty(t *testing.T) {
	e, s, _ := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('1.1.1.1')")
	mustExec(t, e, s, strings.ReplaceAll(npIntegSQL, "%s", "NP"))
	const empty = "Empty network policy NP cannot be active."
	npWantErrs(t, e, s, []errCase{
		{"ALTER NETWORK POLICY np UNSET ALLOWED_IP_LIST", "098519", "22023", empty},
		{"ALTER NETWORK POLICY np SET ALLOWED_IP_LIST = ()", "098519", "22023", empty},
		{"CREATE OR REPLACE NETWORK POLICY np COMMENT = 'nothing'", "098519", "22023", empty},
	})
	if d := npDesc(t, e, s, "np"); d["ALLOWED_IP_LIST"] != "1.1.1.1" {
		t.Errorf("a refused change was applied: %v", d)
	}
	// Swapping the list for another entry in one statement keeps it non-empty.
	mustExec(t, e, s, "ALTER NETWORK POLICY np SET ALLOWED_IP_LIST = (), BLOCKED_IP_LIST = ('6.6.6.6')")
	mustExec(t, e, s, "CREATE OR REPLACE NETWORK POLICY np ALLOWED_IP_LIST = ('7.7.7.7')")
	if got := e.cat.Integrations["NP"].Props["NETWORK_POLICY"]; got != "NP" {
		t.Errorf("OR REPLACE detached the policy: %q", got)
	}
	// Not attached: emptying is fine.
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION np UNSET NETWORK_POLICY")
	mustExec(t, e, s, "ALTER NETWORK POLICY np UNSET ALLOWED_IP_LIST")
}

func TestNetworkPolicyDrop(t *testing.T) {
	e, s, _ := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY example ALLOWED_IP_LIST = ('1.1.1.1')")
	mustExec(t, e, s, strings.ReplaceAll(npIntegSQL, "%s", "EXAMPLE"))
	// Verbatim from the official provider's guide (FIDELITY.md, "Network policy of an integration").
	npWantErr(t, e, s, "DROP NETWORK POLICY example", "001492", "42601",
		"SQL compilation error:\nCannot perform Drop operation on network policy EXAMPLE. The policy is attached to INTEGRATION with name EXAMPLE. Unset the network policy from INTEGRATION and try the Drop operation again.")
	npWantErr(t, e, s, "DROP NETWORK POLICY IF EXISTS example", "001492", "42601",
		"SQL compilation error:\nCannot perform Drop operation on network policy EXAMPLE. The policy is attached to INTEGRATION with name EXAMPLE. Unset the network policy from INTEGRATION and try the Drop operation again.")
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION example UNSET NETWORK_POLICY")

	mustExec(t, e, s, `CREATE USER "jane doe"`)
	mustExec(t, e, s, `ALTER USER "jane doe" SET NETWORK_POLICY = 'example'`)
	npWantErr(t, e, s, "DROP NETWORK POLICY example", "001492", "42601",
		"SQL compilation error:\nCannot perform Drop operation on network policy EXAMPLE. The policy is attached to USER with name \"jane doe\". Unset the network policy from USER and try the Drop operation again.")
	mustExec(t, e, s, `ALTER USER "jane doe" UNSET NETWORK_POLICY`)

	mustExec(t, e, s, "ALTER ACCOUNT SET NETWORK_POLICY = 'example'")
	npWantErr(t, e, s, "DROP NETWORK POLICY example", "001492", "42601",
		"SQL compilation error:\nCannot perform Drop operation on network policy EXAMPLE. The policy is attached to ACCOUNT with name EMULATOR. Unset the network policy from ACCOUNT and try the Drop operation again.")
	mustExec(t, e, s, "ALTER ACCOUNT UNSET NETWORK_POLICY")

	if got := npStatus(t, e, s, "DROP NETWORK POLICY example"); got != "EXAMPLE successfully dropped." {
		t.Errorf("drop status = %q", got)
	}
	if _, ok := e.NetworkPolicy("EXAMPLE"); ok {
		t.Error("policy still present after DROP")
	}
	npWantErr(t, e, s, "DROP NETWORK POLICY example", "002003", "02000",
		"SQL compilation error:\nNetwork policy 'EXAMPLE' does not exist or not authorized.")
	if got := npStatus(t, e, s, "DROP NETWORK POLICY IF EXISTS example"); got != "Drop statement executed successfully (EXAMPLE already dropped)." {
		t.Errorf("drop IF EXISTS status = %q", got)
	}
}

func TestNetworkPolicyShowLike(t *testing.T) {
	e, s, _ := npEngine()
	for _, n := range []string{"prod_np", "test_np", `"test_Lower"`, "testXnp"} {
		mustExec(t, e, s, "CREATE NETWORK POLICY "+n+" ALLOWED_IP_LIST = ('1.1.1.1')")
	}
	names := func(sql string) string {
		res := mustExec(t, e, s, sql)
		var out []string
		for i := range res.Rows {
			out = append(out, npCol(t, res, i, "name"))
		}
		return strings.Join(out, ",")
	}
	cases := map[string]string{
		"SHOW NETWORK POLICIES":                    "PROD_NP,TESTXNP,TEST_NP,test_Lower",
		"SHOW NETWORK POLICIES LIKE '%np'":         "PROD_NP,TESTXNP,TEST_NP",
		"SHOW NETWORK POLICIES LIKE 'TEST%'":       "TESTXNP,TEST_NP,test_Lower",
		"SHOW NETWORK POLICIES LIKE 'test_np'":     "TESTXNP,TEST_NP",
		"SHOW NETWORK POLICIES LIKE 'test\\\\_np'": "TEST_NP",         // SQL \\ decodes to one backslash: LIKE escape
		"SHOW NETWORK POLICIES LIKE 'test\\_np'":   "TESTXNP,TEST_NP", // an unknown escape drops the backslash
		"SHOW NETWORK POLICIES LIKE 'test_lower'":  "test_Lower",
		"SHOW NETWORK POLICIES LIKE 'nothing'":     "",
		"show network policies like 'PROD_NP';":    "PROD_NP",
	}
	for sql, want := range cases {
		if got := names(sql); got != want {
			t.Errorf("%s = %q, want %q", sql, got, want)
		}
	}
	npWantErr(t, e, s, "SHOW NETWORK POLICIES LIKE prod", "001003", "42000",
		"SQL compilation error:\nsyntax error line 1 at position 27 unexpected 'prod'.")
}

func TestNetworkPolicyEngineCopyAndAllowsIP(t *testing.T) {
	e, s, _ := npEngine()
	mustExec(t, e, s, "CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('10.0.0.0/8', '192.168.1.7') BLOCKED_IP_LIST = ('10.1.0.0/16', '10.2.3.4') COMMENT = 'c'")
	n, ok := e.NetworkPolicy("NP")
	if !ok || n.Name != "NP" || len(n.AllowedIPList) != 2 || n.Comment == nil || *n.Comment != "c" {
		t.Fatalf("NetworkPolicy = %+v, %v", n, ok)
	}
	n.AllowedIPList[0] = "0.0.0.0/0"
	*n.Comment = "changed"
	if again, _ := e.NetworkPolicy("NP"); again.AllowedIPList[0] != "10.0.0.0/8" || *again.Comment != "c" {
		t.Error("NetworkPolicy returned shared storage")
	}
	if _, ok := e.NetworkPolicy("np"); ok {
		t.Error("NetworkPolicy must match the stored name exactly")
	}
	n, _ = e.NetworkPolicy("NP")
	cases := map[string]bool{
		"10.9.9.9":            true,  // in the allowed range
		"10.9.9.9:51234":      true,  // with a port
		"::ffff:10.9.9.9":     true,  // IPv4-mapped
		"192.168.1.7":         true,  // single allowed address
		"192.168.1.8":         false, // not allowed
		"10.1.200.1":          false, // blocked range wins over allowed range
		"10.2.3.4":            false, // blocked address
		"[::ffff:10.2.3.4]:1": false,
		"127.0.0.1":           false,
		"::1":                 false,
		"not an ip":           false,
		"":                    false,
	}
	for ip, want := range cases {
		if got := n.AllowsIP(ip); got != want {
			t.Errorf("AllowsIP(%q) = %v, want %v", ip, got, want)
		}
	}
	blockedOnly := NetworkPolicy{BlockedIPList: []string{"1.2.3.4"}}
	if blockedOnly.AllowsIP("5.6.7.8") {
		t.Error("a policy without allowed entries admitted an address")
	}
	rulesOnly := NetworkPolicy{AllowedIPList: []string{}, AllowedNetworkRuleList: []string{"DB.SC.R"}}
	if rulesOnly.AllowsIP("5.6.7.8") {
		t.Error("network rules are not evaluated and must not admit anything")
	}
	if !(NetworkPolicy{AllowedIPList: []string{"0.0.0.0/0"}}).AllowsIP("8.8.8.8") {
		t.Error("0.0.0.0/0 must admit every IPv4 address")
	}
}

func TestNetworkPolicyPersistsInSnapshot(t *testing.T) {
	e, s, _ := npEngine()
	mkRules(t, e, s, "d.s.r")
	mustExec(t, e, s, `CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('1.1.1.1') ALLOWED_NETWORK_RULE_LIST = ("D"."S"."R")`)
	fresh, _, _ := npEngine()
	e2 := restoreInto(t, e, fresh)
	if d := npDesc(t, e2, s, "np"); d["ALLOWED_IP_LIST"] != "1.1.1.1" || d["ALLOWED_NETWORK_RULE_LIST"] != `[{"fullyQualifiedRuleName":"D.S.R"}]` {
		t.Errorf("after restore: %v", d)
	}
}
