package acctest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest/oauthclient"
)

// The newer custom-client parameters, end to end through the emulator's OAuth server and gosnowflake:
// the integration is set up through SQL, a real OAuth client runs the flow through the pages, and the
// access token opens a driver session whose behaviour is checked. The same behaviours through the
// Terraform CLI and the custom client resource: TestAccEndToEndNewerParameters (internal/resources).

// scopeFixture creates roles <P>_ANALYST (default) and <P>_REPORTER, user <P>_JANE holding both, and a
// confidential custom integration <P> with extra properties; it returns the user and an OAuth client.
func scopeFixture(t *testing.T, tg *Target, prefix, props string) (user string, c OAuthClient) {
	t.Helper()
	name := RandomName(prefix)
	user = name + "_JANE"
	tg.CreateUser(t, user, "jane-pw", name+"_ANALYST", name+"_REPORTER")
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+name)
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+name+" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' "+
		"OAUTH_REDIRECT_URI = 'https://app.example.com/cb' "+props)
	return user, tg.OAuthClientFor(t, name, "https://app.example.com/cb")
}

// tokenFor runs the flow for login and returns the access token and the granted scope.
func tokenFor(t *testing.T, c OAuthClient, login oauthclient.Login) TokenResponse {
	t.Helper()
	ar, err := c.AuthorizeLogin(login)
	if err != nil || ar.Code == "" {
		t.Fatalf("authorize %+v: %+v, %v", login, ar, err)
	}
	tok, err := c.ExchangeCode(ar.Code, ar.Verifier)
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("exchange: %+v, %v", tok, err)
	}
	return tok
}

// tokenSession opens a session with the access token of user and closes it when the (sub)test ends.
func tokenSession(t *testing.T, tg *Target, user, token string) TokenConn {
	t.Helper()
	conn, err := tg.TokenSession(user, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// useRoles runs USE ROLE for each role in one session and reports, per role, "" or the error.
func useRoles(t *testing.T, conn TokenConn, roles ...string) []string {
	t.Helper()
	var out []string
	for _, r := range roles {
		_, err := conn.ExecContext(context.Background(), "USE ROLE "+r)
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		out = append(out, "")
	}
	return out
}

func currentRole(t *testing.T, conn TokenConn) string {
	t.Helper()
	var role string
	if err := conn.QueryRowContext(context.Background(), "SELECT CURRENT_ROLE()").Scan(&role); err != nil {
		t.Fatal(err)
	}
	return role
}

// TestOAuthAnyRoleMode: session:role-any is refused before sign-in while OAUTH_ANY_ROLE_MODE is DISABLE;
// with ENABLE the session starts in the requested role and USE ROLE reaches any role the user holds,
// while a single-role token's session cannot switch; ENABLE_FOR_PRIVILEGE needs USE_ANY_ROLE, which no
// role holds in the emulator.
func TestOAuthAnyRoleMode(t *testing.T) {
	tg := EmulatorOnly(t, "drives the emulator's OAuth pages")
	user, c := scopeFixture(t, tg, "ANYROLE", "")
	analyst, reporter := strings.TrimSuffix(user, "_JANE")+"_ANALYST", strings.TrimSuffix(user, "_JANE")+"_REPORTER"
	name := strings.TrimSuffix(user, "_JANE")

	t.Run("DISABLE refuses the scope before sign-in", func(t *testing.T) {
		ar, err := c.Authorize(user, "jane-pw", "session:role-any", true)
		if err != nil || ar.ErrorCode != "390308" || ar.Status != 400 {
			t.Fatalf("%+v, %v; want 390308", ar, err)
		}
	})
	t.Run("a single-role token cannot switch roles", func(t *testing.T) {
		tok := tokenFor(t, c, oauthclient.Login{User: user, Password: "jane-pw", Scope: "session:role:" + analyst, Consent: true})
		conn := tokenSession(t, tg, user, tok.AccessToken)
		got := useRoles(t, conn, analyst, reporter)
		if got[0] != "" || !strings.Contains(got[1], "003013") || currentRole(t, conn) != analyst {
			t.Fatalf("USE ROLE in a single-role session: %q, role %s", got, currentRole(t, conn))
		}
	})
	tg.Exec(t, "ALTER SECURITY INTEGRATION "+name+" SET OAUTH_ANY_ROLE_MODE = 'ENABLE'")
	t.Run("ENABLE lets the session switch to any held role", func(t *testing.T) {
		tok := tokenFor(t, c, oauthclient.Login{User: user, Password: "jane-pw", Scope: "session:role-any session:role:" + reporter, Consent: true})
		if !strings.Contains(tok.Scope, "session:role-any") {
			t.Errorf("granted scope %q lacks session:role-any", tok.Scope)
		}
		conn := tokenSession(t, tg, user, tok.AccessToken)
		if r := currentRole(t, conn); r != reporter {
			t.Errorf("starting role %s, want %s", r, reporter)
		}
		got := useRoles(t, conn, analyst, "PUBLIC", "ACCOUNTADMIN")
		if got[0] != "" || got[1] != "" || !strings.Contains(got[2], "003013") {
			t.Fatalf("USE ROLE with session:role-any: %q", got)
		}
	})
	tg.Exec(t, "ALTER SECURITY INTEGRATION "+name+" SET OAUTH_ANY_ROLE_MODE = 'ENABLE_FOR_PRIVILEGE'")
	t.Run("ENABLE_FOR_PRIVILEGE without USE_ANY_ROLE", func(t *testing.T) {
		ar, err := c.Authorize(user, "jane-pw", "session:role-any", true)
		if err != nil || ar.ErrorCode != "390308" || !strings.Contains(ar.ErrorMessage, "USE_ANY_ROLE") {
			t.Fatalf("%+v, %v; want 390308 naming USE_ANY_ROLE", ar, err)
		}
	})
}

// TestOAuthRoleSelection: with OAUTH_ENABLE_ROLE_SELECTION and no role in the scope, the consent page
// offers the user's usable roles; the session is bound to the roles ticked, starting in the default
// role when it was ticked. A scope that names a role still gets the single-role consent.
func TestOAuthRoleSelection(t *testing.T) {
	tg := EmulatorOnly(t, "drives the emulator's OAuth pages")
	user, c := scopeFixture(t, tg, "ROLESEL", "OAUTH_ENABLE_ROLE_SELECTION = TRUE")
	name := strings.TrimSuffix(user, "_JANE")
	analyst, reporter := name+"_ANALYST", name+"_REPORTER"

	ar, err := c.Authorize(user, "jane-pw", "refresh_token", false)
	if err != nil || !ar.ConsentPage || !slices.Equal(ar.ConsentRoles, []string{"PUBLIC", analyst, reporter}) {
		t.Fatalf("consent page: %+v, %v; want the three roles offered", ar, err)
	}
	cases := []struct {
		name      string
		ticked    []string
		start     string
		allowed   []string
		forbidden []string
	}{
		{"one role is fixed", []string{reporter}, reporter, nil, []string{analyst, "PUBLIC"}},
		{"several roles, default first", []string{reporter, analyst}, analyst, []string{reporter, analyst}, []string{"PUBLIC"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := tokenFor(t, c, oauthclient.Login{User: user, Password: "jane-pw", Scope: "refresh_token", Consent: true, Roles: tc.ticked})
			conn := tokenSession(t, tg, user, tok.AccessToken)
			if r := currentRole(t, conn); r != tc.start {
				t.Errorf("starting role %s, want %s", r, tc.start)
			}
			for i, e := range useRoles(t, conn, tc.allowed...) {
				if e != "" {
					t.Errorf("USE ROLE %s: %s", tc.allowed[i], e)
				}
			}
			for i, e := range useRoles(t, conn, tc.forbidden...) {
				if !strings.Contains(e, "003013") {
					t.Errorf("USE ROLE %s: %q, want 003013", tc.forbidden[i], e)
				}
			}
		})
	}
	t.Run("no role ticked", func(t *testing.T) {
		ar, err := c.AuthorizeLogin(oauthclient.Login{User: user, Password: "jane-pw", Consent: true, Roles: []string{}})
		if err != nil || !ar.ConsentPage || ar.Code != "" {
			t.Fatalf("%+v, %v; want the consent page again", ar, err)
		}
	})
	t.Run("a role in the scope", func(t *testing.T) {
		ar, err := c.Authorize(user, "jane-pw", "session:role:"+reporter, false)
		if err != nil || !ar.ConsentPage || !slices.Equal(ar.ConsentRoles, []string{reporter}) {
			t.Fatalf("%+v, %v; want single-role consent for %s", ar, err, reporter)
		}
	})
}

// TestOAuthIsAgentic: sessions opened with tokens of an IS_AGENTIC integration are agent sessions
// (IS_AGENT_ACTIVATED() is TRUE); the flag is read at login, and other sessions are not agent sessions.
func TestOAuthIsAgentic(t *testing.T) {
	tg := EmulatorOnly(t, "drives the emulator's OAuth pages")
	user, c := scopeFixture(t, tg, "AGENT", "IS_AGENTIC = TRUE PRE_AUTHORIZED_ROLES_LIST = ('PUBLIC')")
	name := strings.TrimSuffix(user, "_JANE")
	agentActivated := func(token string) bool {
		t.Helper()
		conn, err := tg.TokenSession(user, token)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = conn.Close() }()
		var on bool
		if err := conn.QueryRowContext(context.Background(), "SELECT IS_AGENT_ACTIVATED()").Scan(&on); err != nil {
			t.Fatal(err)
		}
		return on
	}
	tok := tokenFor(t, c, oauthclient.Login{User: user, Password: "jane-pw", Scope: "session:role:" + name + "_ANALYST", Consent: true})
	if !agentActivated(tok.AccessToken) {
		t.Error("IS_AGENT_ACTIVATED() is FALSE in a session of an IS_AGENTIC integration")
	}
	tg.Exec(t, "ALTER SECURITY INTEGRATION "+name+" UNSET IS_AGENTIC")
	if agentActivated(tok.AccessToken) {
		t.Error("IS_AGENT_ACTIVATED() is TRUE after UNSET IS_AGENTIC")
	}
	var on bool
	if err := tg.DB.QueryRow("SELECT IS_AGENT_ACTIVATED()").Scan(&on); err != nil || on {
		t.Errorf("password session: IS_AGENT_ACTIVATED() = %v, %v", on, err)
	}
}
