package snowflake

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func mustQualified(t *testing.T, s string) QualifiedName {
	t.Helper()
	q, err := ParseQualifiedName(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestNetworkRuleBuilders pins the statements, including the quoting of every name part and of the
// values: a quote or backslash in a name or value must stay inside its identifier or literal.
func TestNetworkRuleBuilders(t *testing.T) {
	plain := mustQualified(t, "analytics.net.office")
	hostile := QualifiedName{
		Database: NewIdentifier(`db"; DROP DATABASE X; --`),
		Schema:   NewIdentifier(`My "Schema"`),
		Name:     NewIdentifier(`rule.1`),
	}
	cases := []struct{ got, want string }{
		{CreateNetworkRuleSQL(plain, NetworkRuleOptions{Type: "IPV4", Mode: "INGRESS", ValueList: []string{"10.0.0.0/8", "192.168.1.1"}}),
			`CREATE NETWORK RULE "ANALYTICS"."NET"."OFFICE" TYPE = IPV4 VALUE_LIST = ('10.0.0.0/8', '192.168.1.1') MODE = INGRESS`},
		{CreateNetworkRuleSQL(plain, NetworkRuleOptions{Type: "ipv4", Mode: "ingress"}),
			`CREATE NETWORK RULE "ANALYTICS"."NET"."OFFICE" TYPE = IPV4 MODE = INGRESS`},
		{CreateNetworkRuleSQL(hostile, NetworkRuleOptions{Type: "HOST_PORT", Mode: "EGRESS", ValueList: []string{`x.com'); DROP USER Y; --`, `a\b`}, Comment: ptr("it's")}),
			`CREATE NETWORK RULE "db""; DROP DATABASE X; --"."My ""Schema"""."rule.1" TYPE = HOST_PORT VALUE_LIST = ('x.com\'); DROP USER Y; --', 'a\\b') MODE = EGRESS COMMENT = 'it\'s'`},
		// An enum that is not a plain word becomes a string literal, which Snowflake rejects: no injection.
		{CreateNetworkRuleSQL(plain, NetworkRuleOptions{Type: "IPV4 MODE = EGRESS --", Mode: "INGRESS"}),
			`CREATE NETWORK RULE "ANALYTICS"."NET"."OFFICE" TYPE = 'IPV4 MODE = EGRESS --' MODE = INGRESS`},
		{AlterNetworkRuleSetSQL(plain, []string{"0.0.0.0", "1.1.1.1"}, ptr("c")),
			`ALTER NETWORK RULE "ANALYTICS"."NET"."OFFICE" SET VALUE_LIST = ('0.0.0.0', '1.1.1.1'), COMMENT = 'c'`},
		{AlterNetworkRuleSetSQL(plain, nil, ptr("only")), `ALTER NETWORK RULE "ANALYTICS"."NET"."OFFICE" SET COMMENT = 'only'`},
		{AlterNetworkRuleSetSQL(plain, []string{}, nil), `ALTER NETWORK RULE "ANALYTICS"."NET"."OFFICE" SET VALUE_LIST = ()`},
		{AlterNetworkRuleSetSQL(plain, nil, nil), ""},
		{AlterNetworkRuleUnsetSQL(plain, NRValueList, NRComment), `ALTER NETWORK RULE "ANALYTICS"."NET"."OFFICE" UNSET VALUE_LIST, COMMENT`},
		{AlterNetworkRuleUnsetSQL(plain), ""},
		{AlterNetworkRuleUnsetSQL(plain, NetworkRuleProperty("COMMENT; DROP USER X")), `ALTER NETWORK RULE "ANALYTICS"."NET"."OFFICE" UNSET 'COMMENT; DROP USER X'`},
		{DescribeNetworkRuleSQL(hostile), `DESCRIBE NETWORK RULE "db""; DROP DATABASE X; --"."My ""Schema"""."rule.1"`},
		{DropNetworkRuleSQL(plain), `DROP NETWORK RULE IF EXISTS "ANALYTICS"."NET"."OFFICE"`},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d:\n got: %s\nwant: %s", i, c.got, c.want)
		}
	}
}

func TestSplitQualifiedNameKeepsSpellings(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"analytics.net.office", []string{"analytics", "net", "office"}},
		{`"My DB".PUBLIC."rule.1"`, []string{`"My DB"`, "PUBLIC", `"rule.1"`}},
		{`a."b""c".Legacy Rule`, []string{"a", `"b""c"`, "Legacy Rule"}},
	} {
		got, err := SplitQualifiedName(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitQualifiedName(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"a.b", "a.b.c.d", `"a.b.c`, `"a"x.b.c`} {
		if _, err := SplitQualifiedName(bad); err == nil {
			t.Errorf("SplitQualifiedName(%q) succeeded", bad)
		}
	}
}

func ruleDescribeTable(rows ...[]any) table {
	return table{Columns: []string{"created_on", "name", "database_name", "schema_name", "owner", "comment", "type", "mode", "value_list"}, Rows: rows}
}

func TestClientNetworkRules(t *testing.T) {
	ctx := context.Background()
	name := mustQualified(t, `analytics.net."office rule"`)
	f := newFake()
	f.tables[DescribeNetworkRuleSQL(name)] = ruleDescribeTable(
		[]any{nil, "office rule", "ANALYTICS", "NET", "ACCOUNTADMIN", "", "IPV4", "INGRESS", "10.0.0.0/8,192.168.1.1"})
	c := newClientWith(f)

	r, err := c.DescribeNetworkRule(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Name.Equal(name) || r.Type != "IPV4" || r.Mode != "INGRESS" || r.Comment != "" ||
		!reflect.DeepEqual(r.ValueList, []string{"10.0.0.0/8", "192.168.1.1"}) {
		t.Fatalf("describe: %+v", r)
	}
	assertRan(t, f, `DESCRIBE NETWORK RULE "ANALYTICS"."NET"."office rule"`)

	// An empty rule: value_list "" is an empty list, never nil.
	empty := mustQualified(t, "analytics.net.empty")
	f.tables[DescribeNetworkRuleSQL(empty)] = ruleDescribeTable([]any{nil, "EMPTY", "ANALYTICS", "NET", "ACCOUNTADMIN", "note", "IPV4", "INGRESS", ""})
	if r, err := c.DescribeNetworkRule(ctx, empty); err != nil || r.ValueList == nil || len(r.ValueList) != 0 || r.Comment != "note" {
		t.Fatalf("empty rule: %+v %v", r, err)
	}

	// Gone: 002003 (the rule, its schema or its database) and an empty result both mean ErrNotFound.
	gone := mustQualified(t, "analytics.net.gone")
	f.errs[DescribeNetworkRuleSQL(gone)] = sfErr(2003, "02000", "SQL compilation error:\nNetwork rule 'ANALYTICS.NET.GONE' does not exist or not authorized.")
	if _, err := c.DescribeNetworkRule(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Fatalf("gone: %v", err)
	}
	none := mustQualified(t, "analytics.net.none")
	f.tables[DescribeNetworkRuleSQL(none)] = ruleDescribeTable()
	if _, err := c.DescribeNetworkRule(ctx, none); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no row: %v", err)
	}

	f.ran = nil
	if err := c.AlterNetworkRule(ctx, name, []string{"10.0.0.1"}, nil, NRComment); err != nil {
		t.Fatal(err)
	}
	if err := c.AlterNetworkRule(ctx, name, nil, nil); err != nil {
		t.Fatal(err)
	}
	assertRan(t, f,
		`ALTER NETWORK RULE "ANALYTICS"."NET"."office rule" SET VALUE_LIST = ('10.0.0.1')`,
		`ALTER NETWORK RULE "ANALYTICS"."NET"."office rule" UNSET COMMENT`)

	// A refused drop keeps Snowflake's code.
	f.errs[DropNetworkRuleSQL(name)] = sfErr(98506, "2BP01", "Cannot drop network rule ANALYTICS.NET.\"office rule\" as it is associated with network policy NP.")
	var e *Error
	if err := c.DropNetworkRule(ctx, name); !errors.As(err, &e) || e.Code != "098506" {
		t.Fatalf("drop: %v", err)
	}
}
