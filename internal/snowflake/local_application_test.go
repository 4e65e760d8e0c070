package snowflake

import (
	"context"
	"errors"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// The built-in integration's name has a `$`, which Snowflake allows in unquoted identifiers after the
// first character; this package still always writes it quoted, and the emulator's lexer (Snowflake's
// rules) reads the quoted form back as the same name.
// localAppDefaults is the SET of Snowflake's documented defaults, with or without ENABLED.
func localAppDefaults(withEnabled bool) IntegrationProperties {
	t, f := true, false
	access, refresh := LocalApplicationDefaultAccessTokenValidity, LocalApplicationDefaultRefreshTokenValidity
	p := IntegrationProperties{IssueRefreshTokens: &t, AccessTokenValidity: &access,
		RefreshTokenValidity: &refresh, SingleUseRefreshTokensRequired: &f}
	if withEnabled {
		p.Enabled = &t
	}
	return p
}

func TestLocalApplicationSQL(t *testing.T) {
	id := LocalApplication()
	if id.SQL() != `"SNOWFLAKE$LOCAL_APPLICATION"` || id.String() != "SNOWFLAKE$LOCAL_APPLICATION" {
		t.Fatalf("SQL %s, ID %s", id.SQL(), id.String())
	}
	if got, ok := engine.DecodeIdentifier(id.SQL()); !ok || got != LocalApplicationName {
		t.Fatalf("emulator reads %s as %q (%v)", id.SQL(), got, ok)
	}
	for _, spelling := range []string{"SNOWFLAKE$LOCAL_APPLICATION", "snowflake$local_application", `"SNOWFLAKE$LOCAL_APPLICATION"`} {
		if p, err := ParseIdentifier(spelling); err != nil || !p.Equal(id) {
			t.Errorf("%s parses as %v, %v", spelling, p, err)
		}
	}
	if p, _ := ParseIdentifier(`"snowflake$local_application"`); p.Equal(id) {
		t.Error("the quoted lower-case spelling is another object")
	}
	for _, c := range []struct {
		got, want string
	}{
		{DescribeIntegrationSQL(id), `DESCRIBE SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION"`},
		{AlterIntegrationSetSQL(id, localAppDefaults(true)),
			`ALTER SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION" SET ENABLED = TRUE, OAUTH_ISSUE_REFRESH_TOKENS = TRUE, ` +
				`OAUTH_ACCESS_TOKEN_VALIDITY = 600, OAUTH_REFRESH_TOKEN_VALIDITY = 7776000, OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = FALSE`},
		{AlterIntegrationSetSQL(id, localAppDefaults(false)),
			`ALTER SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION" SET OAUTH_ISSUE_REFRESH_TOKENS = TRUE, ` +
				`OAUTH_ACCESS_TOKEN_VALIDITY = 600, OAUTH_REFRESH_TOKEN_VALIDITY = 7776000, OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = FALSE`},
	} {
		if c.got != c.want {
			t.Errorf("got  %s\nwant %s", c.got, c.want)
		}
	}
}

// The emulator runs the statements this package writes for the built-in integration, as
// SECURITYADMIN would on Snowflake: the defaults SET succeeds and DESCRIBE shows them.
func TestLocalApplicationSQLRunsOnEmulator(t *testing.T) {
	e := engine.New(engine.Options{})
	s := &engine.Session{ID: 1, User: "ADMIN", Role: "SECURITYADMIN"}
	for _, stmt := range []string{
		`ALTER SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION" SET ENABLED = FALSE, OAUTH_ACCESS_TOKEN_VALIDITY = 900`,
		AlterIntegrationSetSQL(LocalApplication(), localAppDefaults(true)),
	} {
		if _, err := e.Exec(s, stmt, nil); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	res, err := e.Exec(s, DescribeIntegrationSQL(LocalApplication()), nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, r := range res.Rows {
		rows[*r[0]] = *r[2]
	}
	if rows["ENABLED"] != "true" || rows["OAUTH_ACCESS_TOKEN_VALIDITY"] != "600" {
		t.Errorf("after restoring defaults: %v", rows)
	}
}

// LocalApplicationOptedOut reads the account parameter; an account that does not know it has not
// opted out, and other failures are errors.
func TestLocalApplicationOptedOut(t *testing.T) {
	ctx := context.Background()
	stmt := ShowAccountParameterSQL(ParamDisableLocalApplication)
	f := newFake()
	c := newClientWith(f)
	for _, v := range []struct {
		rows [][]any
		want bool
	}{{[][]any{{ParamDisableLocalApplication, "true"}}, true}, {[][]any{{ParamDisableLocalApplication, "false"}}, false}, {nil, false}} {
		f.tables[stmt] = table{Columns: []string{"key", "value"}, Rows: v.rows}
		if got, err := c.LocalApplicationOptedOut(ctx); err != nil || got != v.want {
			t.Errorf("rows %v: %v, %v; want %v", v.rows, got, err, v.want)
		}
	}
	f.errs[stmt] = sfErr(3001, "42501", "Insufficient privileges")
	if _, err := c.LocalApplicationOptedOut(ctx); !errors.Is(err, ErrInsufficientPrivileges) {
		t.Errorf("privilege error: %v", err)
	}
}
