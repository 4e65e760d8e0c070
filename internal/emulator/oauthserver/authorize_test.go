package oauthserver

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestAuthorizeRejectsBadRequestsBeforeLogin(t *testing.T) {
	f := newFixture(t,
		"CREATE SECURITY INTEGRATION pkce TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' "+
			"OAUTH_REDIRECT_URI = '"+redirect+"' OAUTH_ENFORCE_PKCE = TRUE",
		"CREATE SECURITY INTEGRATION off TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' "+
			"OAUTH_REDIRECT_URI = '"+redirect+"' ENABLED = FALSE",
	)
	app, pkce, off := f.secrets("APP").ID, f.secrets("PKCE").ID, f.secrets("OFF").ID
	with := func(id string, kv ...string) url.Values { return overridden(authzQuery(id, ""), kv...) }
	for _, tc := range []struct {
		name string
		q    url.Values
		code string
	}{
		{"unknown client", with("bm9wZQ=="), "390306"},
		{"missing client", with(app, "client_id", "<none>"), "390306"},
		{"disabled integration", with(off), "390306"},
		{"redirect mismatch", with(app, "redirect_uri", "https://evil.example.com/cb"), "390307"},
		{"redirect prefix only", with(app, "redirect_uri", redirect+"/more"), "390307"},
		{"redirect missing", with(app, "redirect_uri", "<none>"), "390307"},
		{"redirect with fragment", with(app, "redirect_uri", redirect+"#x"), "390307"},
		{"response_type token", with(app, "response_type", "token"), "390304"},
		{"response_type missing", with(app, "response_type", "<none>"), "390304"},
		{"state too long", with(app, "state", strings.Repeat("s", 2049)), "390305"},
		{"unknown scope", with(app, "scope", "openid"), "390308"},
		{"two role scopes", with(app, "scope", "session:role:ANALYST session:role:REPORTER"), "390308"},
		{"bad role encoding", with(app, "scope", "session:role-encoded:%zz"), "390308"},
		{"role-any not enabled", with(app, "scope", "session:role-any"), "390308"},
		{"challenge without method", with(app, "code_challenge_method", "<none>"), "390311"},
		{"method without challenge", with(app, "code_challenge", "<none>"), "390311"},
		{"plain method", with(app, "code_challenge_method", "plain"), "390311"},
		{"malformed challenge", with(app, "code_challenge", "short"), "390311"},
		{"PKCE enforced", with(pkce, "code_challenge", "<none>", "code_challenge_method", "<none>"), "390311"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantPageError(t, f.getAuthorize(tc.q), http.StatusBadRequest, tc.code)
			// The same checks run when the form is posted with valid credentials.
			wantPageError(t, f.login(tc.q, "jane", janePassword), http.StatusBadRequest, tc.code)
		})
	}
	p := f.getAuthorize(with("bm9wZQ=="))
	if !strings.Contains(p.body, "OAuth client integration with the given client id is not found.") {
		t.Errorf("390306 text: %s", p.body)
	}

	// Accepted variants: exactly 2048 state characters, no PKCE when not enforced, the query string
	// of the redirect URI ignored for matching and kept on the redirect.
	for _, q := range []url.Values{
		with(app, "state", strings.Repeat("s", 2048)),
		with(app, "code_challenge", "<none>", "code_challenge_method", "<none>"),
		with(app, "redirect_uri", redirect+"?tenant=a%20b"),
	} {
		if p := f.getAuthorize(q); p.status != http.StatusOK {
			t.Errorf("%v: %d %s", q, p.status, p.body)
		}
	}
	red := f.login(with(app, "redirect_uri", redirect+"?tenant=a"), "jane", janePassword)
	if red.status != http.StatusFound || red.location.Query().Get("tenant") != "a" || red.location.Query().Get("code") == "" {
		t.Errorf("redirect with query: %d %v", red.status, red.location)
	}
}

func TestAlternateRedirectURIAndRoleEncodedScope(t *testing.T) {
	f := newFixture(t,
		`CREATE ROLE "Data Team"`,
		`GRANT ROLE "Data Team" TO USER jane`,
		"ALTER SECURITY INTEGRATION app SET OAUTH_ALTERNATE_REDIRECT_URIS = ('https://alt.example.com/cb')",
	)
	s := f.secrets("APP")
	q := authzQuery(s.ID, "session:role-encoded:Data%20Team refresh_token")
	q.Set("redirect_uri", "https://alt.example.com/cb")
	code := f.code(q)
	r := f.token(s.ID, s.Secret, url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {"https://alt.example.com/cb"}, "code_verifier": {verifier}})
	wantOK(t, r)
	if r.str("scope") != "refresh_token session:role-encoded:Data%20Team" {
		t.Errorf("scope = %q", r.str("scope"))
	}
	if got := f.validate(r.str("access_token"), ""); got != "JANE|Data Team|" {
		t.Errorf("login check = %s", got)
	}
	// The role in session:role: is case-sensitive: "analyst" is not ANALYST.
	wantPageError(t, f.login(authzQuery(s.ID, "session:role:analyst"), "jane", janePassword), http.StatusBadRequest, "390308")
	// session:role-any is accepted once OAUTH_ANY_ROLE_MODE allows it; the session starts in the default role.
	f.exec("ALTER SECURITY INTEGRATION app SET OAUTH_ANY_ROLE_MODE = 'ENABLE'")
	r = f.exchange(s, f.code(authzQuery(s.ID, "session:role-any")))
	if r.str("scope") != "session:role:ANALYST session:role-any" {
		t.Errorf("role-any: %v", r.body)
	}
	// It may name the starting role [doc]; a second role scope is still refused.
	r = f.exchange(s, f.code(authzQuery(s.ID, "session:role-any session:role:REPORTER")))
	if r.str("scope") != "session:role:REPORTER session:role-any" {
		t.Errorf("role-any with a starting role: %v", r.body)
	}
	wantPageError(t, f.getAuthorize(authzQuery(s.ID, "session:role:ANALYST session:role:REPORTER")), http.StatusBadRequest, "390308")
	// gosnowflake sends "session:role:" when its connection names no role: the default role applies.
	r = f.exchange(s, f.code(authzQuery(s.ID, "session:role:")))
	if r.str("scope") != "session:role:ANALYST" {
		t.Errorf("empty role scope: %v", r.body)
	}
}

func TestAuthorizeLoginFailuresRerenderTheForm(t *testing.T) {
	f := newFixture(t, "CREATE USER off PASSWORD = 'pw' DISABLED = TRUE")
	q := authzQuery(f.secrets("APP").ID, "")
	for _, creds := range [][2]string{{"jane", "wrong"}, {"nobody", janePassword}, {"jane", ""}} {
		p := f.login(q, creds[0], creds[1])
		if p.status != http.StatusOK || !strings.Contains(p.body, "Incorrect username or password was specified.") ||
			!strings.Contains(p.body, `name="password"`) {
			t.Errorf("%v: %d %s", creds, p.status, p.body)
		}
	}
	if p := f.login(q, "off", "pw"); p.status != http.StatusOK || !strings.Contains(p.body, "User access disabled.") {
		t.Errorf("disabled user: %d %s", p.status, p.body)
	}
	// Values are escaped in the page.
	q.Set("state", `"><script>`)
	if p := f.getAuthorize(q); strings.Contains(p.body, "<script>") {
		t.Errorf("unescaped state: %s", p.body)
	}
}

var ticketField = regexp.MustCompile(`name="login_ticket" value="([^"]+)"`)

func TestConsentScreen(t *testing.T) {
	f := newFixture(t)
	s := f.secrets("APP")
	q := authzQuery(s.ID, "session:role:REPORTER")

	// Without consent the consent page lists the role; allowing it completes the flow without the
	// password, through the ticket.
	p := f.postAuthorize(q, "user", "jane", "password", janePassword)
	if p.status != http.StatusOK || !strings.Contains(p.body, `<li class="role">REPORTER</li>`) ||
		!strings.Contains(p.body, `name="consent" value="yes"`) {
		t.Fatalf("consent page: %d %s", p.status, p.body)
	}
	m := ticketField.FindStringSubmatch(p.body)
	if m == nil || strings.Contains(p.body, janePassword) {
		t.Fatalf("consent page must carry a ticket, not the password: %s", p.body)
	}
	red := f.postAuthorize(q, "login_ticket", m[1], "consent", "yes")
	if red.status != http.StatusFound || red.location.Query().Get("code") == "" || red.location.Query().Get("state") != "st-42" {
		t.Fatalf("after consent: %d %s", red.status, red.body)
	}
	// Tickets are single use and bound to the request.
	again := f.postAuthorize(q, "login_ticket", m[1], "consent", "yes")
	if again.status != http.StatusOK || !strings.Contains(again.body, "Your sign-in has expired.") {
		t.Errorf("reused ticket: %d %s", again.status, again.body)
	}
	p = f.postAuthorize(q, "user", "jane", "password", janePassword)
	m = ticketField.FindStringSubmatch(p.body)
	other := authzQuery(s.ID, "session:role:ANALYST")
	if again := f.postAuthorize(other, "login_ticket", m[1], "consent", "yes"); again.status != http.StatusOK ||
		!strings.Contains(again.body, "Your sign-in has expired.") {
		t.Errorf("ticket for another request: %d %s", again.status, again.body)
	}

	// Denying redirects with access_denied.
	p = f.postAuthorize(q, "user", "jane", "password", janePassword)
	m = ticketField.FindStringSubmatch(p.body)
	deny := f.postAuthorize(q, "login_ticket", m[1], "consent", "no")
	if deny.status != http.StatusFound || deny.location.Query().Get("error") != "access_denied" ||
		deny.location.Query().Get("code") != "" || deny.location.Query().Get("state") != "st-42" {
		t.Errorf("deny: %d %v", deny.status, deny.location)
	}
}

func TestConsentSkippedForPreAuthorizedAndDelegatedRoles(t *testing.T) {
	f := newFixture(t, "ALTER SECURITY INTEGRATION app SET PRE_AUTHORIZED_ROLES_LIST = ('ANALYST')")
	s := f.secrets("APP")
	noConsent := func(scope string) page {
		return f.postAuthorize(authzQuery(s.ID, scope), "user", "jane", "password", janePassword)
	}
	if p := noConsent("session:role:ANALYST"); p.status != http.StatusFound {
		t.Errorf("pre-authorized role: %d %s", p.status, p.body)
	}
	if p := noConsent("session:role:REPORTER"); p.status != http.StatusOK || !strings.Contains(p.body, "REPORTER") {
		t.Errorf("other role must ask: %d", p.status)
	}
	f.exec("ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE reporter TO SECURITY INTEGRATION app")
	if p := noConsent("session:role:REPORTER"); p.status != http.StatusFound {
		t.Errorf("delegated role: %d %s", p.status, p.body)
	}
	// Skipping consent never skips the login.
	if p := f.postAuthorize(authzQuery(s.ID, "session:role:REPORTER"), "user", "jane", "password", "bad"); p.status != http.StatusOK ||
		!strings.Contains(p.body, "Incorrect username or password") {
		t.Errorf("bad password with delegated role: %d", p.status)
	}
}

func TestTableauAlwaysNeedsConsent(t *testing.T) {
	f := newFixture(t,
		"CREATE SECURITY INTEGRATION tab TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP",
		"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
	)
	s := f.secrets("TAB")
	q := authzQuery(s.ID, "refresh_token")
	q.Set("redirect_uri", "http://localhost:55555/Callback") // Tableau registers no redirect URI
	for i := 0; i < 2; i++ {
		p := f.postAuthorize(q, "user", "jane", "password", janePassword)
		if p.status != http.StatusOK || !strings.Contains(p.body, `<li class="role">ANALYST</li>`) {
			t.Fatalf("attempt %d: Tableau must ask for consent: %d %s", i, p.status, p.body)
		}
	}
	red := f.login(q, "jane", janePassword)
	if red.status != http.StatusFound {
		t.Fatalf("with consent: %d %s", red.status, red.body)
	}
	// Tableau Desktop is a public client: client_id alone authenticates.
	r := f.token("", "", url.Values{"grant_type": {"authorization_code"}, "code": {red.location.Query().Get("code")},
		"redirect_uri": {"http://localhost:55555/Callback"}, "code_verifier": {verifier}, "client_id": {s.ID}})
	wantOK(t, r)
	if r.num("refresh_token_expires_in") != 7776000 {
		t.Errorf("Tableau Desktop refresh validity = %v", r.body["refresh_token_expires_in"])
	}
}

func TestRolesThatCannotBeConsentedTo(t *testing.T) {
	f := newFixture(t, "CREATE ROLE stranger")
	s := f.secrets("APP")
	// ACCOUNTADMIN is blocked by default (privileged roles), for ADMIN who holds it.
	p := f.login(authzQuery(s.ID, "session:role:ACCOUNTADMIN"), "admin", adminPass)
	wantPageError(t, p, http.StatusBadRequest, "390308")
	if !strings.Contains(p.body, "Invalid consent request.") {
		t.Errorf("message: %s", p.body)
	}
	// ADMIN's default role is ACCOUNTADMIN: no role scope does not get around the block.
	wantPageError(t, f.login(authzQuery(s.ID, ""), "admin", adminPass), http.StatusBadRequest, "390308")
	// ORGADMIN too, while the account parameter is on.
	wantPageError(t, f.login(authzQuery(s.ID, "session:role:ORGADMIN"), "admin", adminPass), http.StatusBadRequest, "390308")
	// A role the user lacks, and a role that does not exist.
	wantPageError(t, f.login(authzQuery(s.ID, "session:role:STRANGER"), "jane", janePassword), http.StatusBadRequest, "390308")
	wantPageError(t, f.login(authzQuery(s.ID, "session:role:NOPE"), "jane", janePassword), http.StatusBadRequest, "390308")
	// The integration's own blocked list, and ALLOWED_ROLES_LIST.
	f.exec("ALTER SECURITY INTEGRATION app SET BLOCKED_ROLES_LIST = ('REPORTER')")
	wantPageError(t, f.login(authzQuery(s.ID, "session:role:REPORTER"), "jane", janePassword), http.StatusBadRequest, "390308")
	f.exec("ALTER SECURITY INTEGRATION app SET BLOCKED_ROLES_LIST = ()", "ALTER SECURITY INTEGRATION app SET ALLOWED_ROLES_LIST = ('ANALYST')")
	wantPageError(t, f.login(authzQuery(s.ID, "session:role:REPORTER"), "jane", janePassword), http.StatusBadRequest, "390308")
	if p := f.login(authzQuery(s.ID, "session:role:ANALYST"), "jane", janePassword); p.status != http.StatusFound {
		t.Errorf("allowed role: %d %s", p.status, p.body)
	}

	// With OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST off, ACCOUNTADMIN can be consented to.
	f.exec("ALTER SECURITY INTEGRATION app SET ALLOWED_ROLES_LIST = ()", "ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE")
	if p := f.login(authzQuery(s.ID, "session:role:ACCOUNTADMIN"), "admin", adminPass); p.status != http.StatusFound {
		t.Errorf("ACCOUNTADMIN with the parameter off: %d %s", p.status, p.body)
	}
}

func TestAuthorizeAppliesTheUsersNetworkPolicy(t *testing.T) {
	f := newFixture(t,
		"CREATE NETWORK POLICY elsewhere ALLOWED_IP_LIST = ('10.0.0.0/8')",
		"CREATE NETWORK POLICY local ALLOWED_IP_LIST = ('127.0.0.1')",
	)
	s := f.secrets("APP")
	// The account policy applies to a user without one.
	f.exec("ALTER ACCOUNT SET NETWORK_POLICY = 'elsewhere'")
	p := f.login(authzQuery(s.ID, ""), "jane", janePassword)
	wantPageError(t, p, http.StatusForbidden, "390422")
	if !strings.Contains(p.body, "Incoming request with IP/Token 127.0.0.1 is not allowed to access Snowflake.") {
		t.Errorf("message: %s", p.body)
	}
	// The user's policy overrides the account's.
	f.exec("ALTER USER jane SET NETWORK_POLICY = 'local'")
	if p := f.login(authzQuery(s.ID, ""), "jane", janePassword); p.status != http.StatusFound {
		t.Errorf("user policy allowing 127.0.0.1: %d %s", p.status, p.body)
	}
	f.exec("ALTER USER jane SET NETWORK_POLICY = 'elsewhere'", "ALTER ACCOUNT UNSET NETWORK_POLICY")
	wantPageError(t, f.login(authzQuery(s.ID, ""), "jane", janePassword), http.StatusForbidden, "390422")
	// The integration's policy does not govern the browser login.
	f.exec("ALTER USER jane UNSET NETWORK_POLICY", "ALTER SECURITY INTEGRATION app SET NETWORK_POLICY = 'elsewhere'")
	if p := f.login(authzQuery(s.ID, ""), "jane", janePassword); p.status != http.StatusFound {
		t.Errorf("integration policy at authorize: %d %s", p.status, p.body)
	}
}
