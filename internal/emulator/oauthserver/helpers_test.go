package oauthserver

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

const (
	redirect     = "https://app.example.com/cb"
	janePassword = "jane-pw"
	adminPass    = "admin-pw"
	verifier     = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789"
)

// clock is an injectable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is an engine with roles ANALYST and REPORTER, user JANE (default role ANALYST, holds both),
// the custom confidential integration APP and an OAuth server on an httptest server.
type fixture struct {
	t     *testing.T
	e     *engine.Engine
	srv   *Server
	hs    *httptest.Server
	hc    *http.Client
	clk   *clock
	admin *engine.Session
}

func newFixture(t *testing.T, extraSQL ...string) *fixture {
	t.Helper()
	clk := &clock{t: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}
	e := engine.New(engine.Options{AdminPassword: adminPass, Now: clk.Now})
	srv := New(e, Options{Now: clk.Now, AccountURL: "https://emulator.example"})
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	f := &fixture{
		t: t, e: e, srv: srv, hs: hs, clk: clk,
		admin: &engine.Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"},
		hc: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}},
	}
	f.exec(
		"CREATE ROLE analyst",
		"CREATE ROLE reporter",
		"CREATE USER jane PASSWORD = '"+janePassword+"' DEFAULT_ROLE = analyst",
		"GRANT ROLE analyst TO USER jane",
		"GRANT ROLE reporter TO USER jane",
		"CREATE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' "+
			"OAUTH_REDIRECT_URI = '"+redirect+"'",
	)
	f.exec(extraSQL...)
	f.srv.Revoke(f.e.DrainRevocations())
	return f
}

// exec runs statements as ADMIN (ACCOUNTADMIN) and forwards revocations to the server, as the wire
// layer does after every statement.
func (f *fixture) exec(sqls ...string) {
	f.t.Helper()
	for _, sql := range sqls {
		if _, err := f.e.Exec(f.admin, sql, nil); err != nil {
			f.t.Fatalf("%s: %v", sql, err)
		}
		f.srv.Revoke(f.e.DrainRevocations())
	}
}

type secrets struct {
	ID      string `json:"OAUTH_CLIENT_ID"`
	Secret  string `json:"OAUTH_CLIENT_SECRET"`
	Secret2 string `json:"OAUTH_CLIENT_SECRET_2"`
}

func (f *fixture) secrets(integration string) secrets {
	f.t.Helper()
	res, err := f.e.Exec(f.admin, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('"+integration+"')", nil)
	if err != nil {
		f.t.Fatal(err)
	}
	var s secrets
	if err := json.Unmarshal([]byte(*res.Rows[0][0]), &s); err != nil {
		f.t.Fatal(err)
	}
	return s
}

func challengeOf(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// authzQuery is a valid authorize query for client id, with PKCE, state and scope.
func authzQuery(id, scope string) url.Values {
	return url.Values{
		"client_id": {id}, "response_type": {"code"}, "redirect_uri": {redirect}, "state": {"st-42"},
		"scope": {scope}, "code_challenge": {challengeOf(verifier)}, "code_challenge_method": {"S256"},
	}
}

type page struct {
	status   int
	body     string
	location *url.URL
}

func (f *fixture) read(resp *http.Response, err error) page {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, _ := io.ReadAll(resp.Body)
	p := page{status: resp.StatusCode, body: string(b)}
	if loc := resp.Header.Get("Location"); loc != "" {
		u, err := url.Parse(loc)
		if err != nil {
			f.t.Fatal(err)
		}
		p.location = u
	}
	return p
}

func (f *fixture) getAuthorize(q url.Values) page {
	f.t.Helper()
	return f.read(f.hc.Get(f.hs.URL + AuthorizePath + "?" + q.Encode()))
}

// postAuthorize submits the form: the authorize parameters plus the given fields.
func (f *fixture) postAuthorize(q url.Values, fields ...string) page {
	f.t.Helper()
	form := url.Values{}
	for k, v := range q {
		form[k] = v
	}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Set(fields[i], fields[i+1])
	}
	return f.read(f.hc.PostForm(f.hs.URL+AuthorizePath, form))
}

// login signs in with consent given and returns the redirect.
func (f *fixture) login(q url.Values, user, password string) page {
	f.t.Helper()
	return f.postAuthorize(q, "user", user, "password", password, "consent", "yes")
}

// code runs the browser part for jane and returns the authorization code.
func (f *fixture) code(q url.Values) string {
	f.t.Helper()
	p := f.login(q, "jane", janePassword)
	if p.status != http.StatusFound || p.location == nil {
		f.t.Fatalf("authorize: status %d, body %s", p.status, p.body)
	}
	c := p.location.Query().Get("code")
	if c == "" {
		f.t.Fatalf("no code in %s", p.location)
	}
	return c
}

type tokenReply struct {
	status int
	body   map[string]any
}

func (r tokenReply) str(k string) string {
	s, _ := r.body[k].(string)
	return s
}

func (r tokenReply) num(k string) int64 {
	n, _ := r.body[k].(float64)
	return int64(n)
}

// token POSTs form to the token endpoint; with id != "" it authenticates with HTTP Basic.
func (f *fixture) token(id, secret string, form url.Values) tokenReply {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.hs.URL+TokenPath, strings.NewReader(form.Encode()))
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	return f.tokenDo(req)
}

func (f *fixture) tokenDo(req *http.Request) tokenReply {
	f.t.Helper()
	resp, err := f.hc.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		f.t.Fatalf("token response is not JSON: %v", err)
	}
	return tokenReply{status: resp.StatusCode, body: body}
}

// exchange trades a code (with the fixture's verifier) using Basic auth; extra sets further fields
// (name, value pairs).
func (f *fixture) exchange(s secrets, code string, extra ...string) tokenReply {
	f.t.Helper()
	form := codeExchangeForm(code)
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	return f.token(s.ID, s.Secret, form)
}

// codeExchangeForm is a valid authorization_code request body for code with the fixture's verifier.
func codeExchangeForm(code string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect},
		"code_verifier": {verifier}}
}

// overridden changes q in place by name, value pairs (a value "<none>" removes the name) and returns it:
// a valid request made invalid in one respect.
func overridden(q url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "<none>" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	return q
}

func (f *fixture) refresh(s secrets, rt string) tokenReply {
	f.t.Helper()
	return f.token(s.ID, s.Secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
}

// wantTokenError asserts Snowflake's error body.
func wantTokenError(t *testing.T, r tokenReply, kind string) {
	t.Helper()
	if r.status != http.StatusBadRequest || r.str("error") != kind || r.body["success"] != false {
		t.Fatalf("got %d %v, want 400 %s", r.status, r.body, kind)
	}
	if _, ok := r.body["data"]; !ok || r.body["data"] != nil || r.body["code"] != nil {
		t.Errorf("error body shape: %v", r.body)
	}
	want := map[string]string{
		"invalid_client": "This is an invalid client.",
		"invalid_grant":  "The provided grant or refresh token is invalid.",
	}[kind]
	if want != "" && r.str("message") != want {
		t.Errorf("message = %q, want %q", r.str("message"), want)
	}
}

func wantOK(t *testing.T, r tokenReply) {
	t.Helper()
	if r.status != http.StatusOK || r.str("access_token") == "" {
		t.Fatalf("got %d %v, want a token", r.status, r.body)
	}
}

// wantPageError asserts an HTML error page with status and Snowflake code.
func wantPageError(t *testing.T, p page, status int, code string) {
	t.Helper()
	if p.status != status || !strings.Contains(p.body, `<code class="code">`+code+`</code>`) {
		t.Fatalf("got %d %s, want %d with code %s", p.status, p.body, status, code)
	}
}

// validate calls ValidateAccessToken and returns "user|role|code".
func (f *fixture) validate(tok, login string) string {
	u, r, c, _ := f.srv.ValidateAccessToken(tok, login)
	return u + "|" + r + "|" + c
}
