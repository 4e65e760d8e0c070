package oauthclient

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/oauthserver"
)

const redirect = "https://app.example.com/cb"

// server is the emulator's SQL engine and OAuth server on an httptest server, with user JANE (roles
// ANALYST, default, and REPORTER) and the integrations named by sql.
func server(t *testing.T, sql ...string) (*engine.Engine, string) {
	t.Helper()
	e := engine.New(engine.Options{AdminPassword: "admin-pw"})
	admin := &engine.Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}
	base := []string{
		"CREATE ROLE ANALYST", "CREATE ROLE REPORTER",
		"CREATE USER JANE PASSWORD = 'jane-pw' DEFAULT_ROLE = ANALYST",
		"GRANT ROLE ANALYST TO USER JANE", "GRANT ROLE REPORTER TO USER JANE",
	}
	for _, q := range append(base, sql...) {
		if _, err := e.Exec(admin, q, nil); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	hs := httptest.NewServer(oauthserver.New(e, oauthserver.Options{}).Handler())
	t.Cleanup(hs.Close)
	return e, hs.URL
}

// clientOf reads an integration's client id and secret as SYSTEM$SHOW_OAUTH_CLIENT_SECRETS shows them.
func clientOf(t *testing.T, e *engine.Engine, accountURL, integration string) Client {
	t.Helper()
	res, err := e.Exec(&engine.Session{ID: 2, User: "ADMIN", Role: "ACCOUNTADMIN"}, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('"+integration+"')", nil)
	if err != nil {
		t.Fatal(err)
	}
	var sec map[string]string
	if err := json.Unmarshal([]byte(*res.Rows[0][0]), &sec); err != nil {
		t.Fatal(err)
	}
	return Client{AccountURL: accountURL, ClientID: sec["OAUTH_CLIENT_ID"], ClientSecret: sec["OAUTH_CLIENT_SECRET"], RedirectURI: redirect}
}

const confidential = "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' " +
	"OAUTH_REDIRECT_URI = '" + redirect + "' OAUTH_ENFORCE_PKCE = TRUE"

// TestConsentCodeExchangeAndRefresh walks the whole flow through the pages: the consent page names the
// role, allowing it redirects with a code and the state sent, and the code (with the PKCE verifier the
// server demands) buys tokens that refresh.
func TestConsentCodeExchangeAndRefresh(t *testing.T) {
	e, u := server(t, confidential)
	c := clientOf(t, e, u, "APP")
	scope := "refresh_token session:role:REPORTER"

	t.Run("consent page", func(t *testing.T) {
		ar, err := c.Authorize("jane", "jane-pw", scope, false)
		if err != nil || !ar.ConsentPage || !slices.Equal(ar.ConsentRoles, []string{"REPORTER"}) || ar.Code != "" {
			t.Fatalf("without consent: %+v, %v; want the consent page for REPORTER", ar, err)
		}
	})
	ar, err := c.Authorize("jane", "jane-pw", scope, true)
	if err != nil || ar.Code == "" || ar.Status != 302 || !strings.HasPrefix(ar.RedirectedTo, redirect+"?") {
		t.Fatalf("with consent: %+v, %v", ar, err)
	}
	t.Run("wrong verifier", func(t *testing.T) {
		ar2, err := c.Authorize("jane", "jane-pw", scope, true)
		if err != nil || ar2.Code == "" {
			t.Fatalf("second authorize: %+v, %v", ar2, err)
		}
		tr, err := c.ExchangeCode(ar2.Code, ar.Verifier)
		if err != nil || tr.Status != 400 || tr.Error != "invalid_grant" || tr.Message == "" {
			t.Fatalf("exchange with another request's verifier: %+v, %v; want invalid_grant", tr, err)
		}
	})
	tok, err := c.ExchangeCode(ar.Code, ar.Verifier)
	if err != nil || tok.AccessToken == "" || tok.RefreshToken == "" || tok.Username != "JANE" ||
		tok.Scope != "refresh_token session:role:REPORTER" || tok.ExpiresIn != 600 || tok.Status != 200 {
		t.Fatalf("exchange: %+v, %v", tok, err)
	}
	ref, err := c.Refresh(tok.RefreshToken)
	if err != nil || ref.AccessToken == "" || ref.AccessToken == tok.AccessToken {
		t.Fatalf("refresh: %+v, %v", ref, err)
	}
	t.Run("wrong secret", func(t *testing.T) {
		bad := c
		bad.ClientSecret = "not-it"
		if tr, err := bad.Refresh(tok.RefreshToken); err != nil || tr.Error != "invalid_client" || tr.Message != "This is an invalid client." {
			t.Fatalf("wrong secret: %+v, %v", tr, err)
		}
	})
}

// TestPagesThatEndTheFlow: a wrong password shows the sign-in page again with Snowflake's message, a
// redirect URI that is not registered gets the error page with its code, and a PUBLIC client
// authenticates with client_secret_post and its id alone.
func TestPagesThatEndTheFlow(t *testing.T) {
	e, u := server(t, confidential,
		"CREATE SECURITY INTEGRATION PUB TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = '"+redirect+"' PRE_AUTHORIZED_ROLES_LIST = ('ANALYST')")
	c := clientOf(t, e, u, "APP")
	t.Run("wrong password", func(t *testing.T) {
		ar, err := c.Authorize("jane", "nope", "", true)
		if err != nil || ar.SignInError != "Incorrect username or password was specified." || ar.Status != 200 {
			t.Fatalf("%+v, %v", ar, err)
		}
	})
	t.Run("unregistered redirect URI", func(t *testing.T) {
		evil := c
		evil.RedirectURI = "https://evil.example.com/cb"
		ar, err := evil.Authorize("jane", "jane-pw", "", true)
		if err != nil || ar.ErrorCode != "390307" || ar.Status != 400 || ar.ErrorMessage == "" || ar.Code != "" {
			t.Fatalf("%+v, %v", ar, err)
		}
	})
	t.Run("public client", func(t *testing.T) {
		pub := clientOf(t, e, u, "PUB")
		pub.ClientSecret, pub.SecretInBody = "", true
		ar, err := pub.Authorize("jane", "jane-pw", "", false) // ANALYST is pre-authorized: no consent page
		if err != nil || ar.Code == "" {
			t.Fatalf("authorize: %+v, %v", ar, err)
		}
		if tok, err := pub.ExchangeCode(ar.Code, ar.Verifier); err != nil || tok.AccessToken == "" {
			t.Fatalf("exchange: %+v, %v", tok, err)
		}
	})
}

// TestFormParsing pins what the client submits for a form: hidden, text and password inputs, ticked
// checkboxes only, never buttons; a role choice must be one the page offers.
func TestFormParsing(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><body>
<form id="other"><input name="x" value="1"></form>
<form id="consent" method="post" action="authorize">
<input type="hidden" name="client_id" value="abc&amp;d">
<input type="text" name="user">
<label><input type="checkbox" name="role" value="A" checked> A</label>
<label><input type="checkbox" name="role" value="B"> B</label>
<button type="submit" name="consent" value="yes">Allow</button>
<input type="submit" name="go" value="Go">
</form></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	p := &page{doc: doc}
	f := p.form("consent")
	if f == nil || f.action != "authorize" {
		t.Fatalf("form = %+v", f)
	}
	want := url.Values{"client_id": {"abc&d"}, "user": {""}, "role": {"A"}}
	if f.values.Encode() != want.Encode() || !slices.Equal(f.options["role"], []string{"A", "B"}) {
		t.Errorf("values %v options %v", f.values, f.options)
	}
	if err := chooseRoles(f, []string{"B"}); err != nil || !slices.Equal(f.values["role"], []string{"B"}) {
		t.Errorf("choose B: %v, %v", f.values["role"], err)
	}
	if err := chooseRoles(f, []string{"C"}); err == nil {
		t.Error("a role the page does not offer was accepted")
	}
	if p.form("missing") != nil {
		t.Error("found a form that is not there")
	}
}

// TestRedirectStateMustMatch: a redirect that does not carry the state the request sent is an error.
func TestRedirectStateMustMatch(t *testing.T) {
	res := AuthorizeResult{State: "s1"}
	if err := redirectOutcome(redirect+"?code=c&state=s2", &res); err == nil {
		t.Error("a foreign state was accepted")
	}
	res = AuthorizeResult{State: "s1"}
	if err := redirectOutcome(redirect+"?error=access_denied&state=s1", &res); err != nil || res.Error != "access_denied" || res.Code != "" {
		t.Errorf("denied: %+v, %v", res, err)
	}
}
