package provider

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// tokenIssuer is a token endpoint that issues AT-n / RT-n and rotates the refresh token.
type tokenIssuer struct {
	mu      sync.Mutex
	n       int
	refresh string // the refresh token it accepts next
}

func (ti *tokenIssuer) serve(w http.ResponseWriter, r *http.Request) {
	ti.mu.Lock()
	defer ti.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if r.PostForm.Get("grant_type") != "refresh_token" || r.PostForm.Get("refresh_token") != ti.refresh {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant","error_description":"refresh token is invalid or expired"}`))
		return
	}
	ti.n++
	ti.refresh = fmt.Sprintf("RT-%d", ti.n)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": fmt.Sprintf("AT-%d", ti.n), "token_type": "Bearer", "expires_in": 600, "refresh_token": ti.refresh,
	})
}

func TestRefreshingTokensRenewBeforeExpiry(t *testing.T) {
	f := newFakeSnowflake(t)
	issuer := &tokenIssuer{refresh: "RT-0"}
	f.token = issuer.serve
	id, secret := "my client:1", "p+s/w=rd&x%"
	tokens := newRefreshingTokens(&oauthSettings{ClientID: id, ClientSecret: secret, RefreshToken: "RT-0",
		TokenEndpoint: f.URL + "/oauth/token-request"}, http.DefaultClient)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tokens.now = func() time.Time { return now }
	ctx := context.Background()

	get := func(force bool, want string, requests int) {
		t.Helper()
		got, err := tokens.accessToken(ctx, force)
		if err != nil || got != want || f.tokenRequestCount() != requests {
			t.Fatalf("token = %q, %v after %d requests; want %q after %d", got, err, f.tokenRequestCount(), want, requests)
		}
	}
	get(false, "AT-1", 1)
	// Client authentication is HTTP Basic with the URL-encoded id and secret, nothing in the form.
	req := f.tokenRequests[0]
	user, pass, ok := req.BasicAuth()
	if !ok || user != url.QueryEscape(id) || pass != url.QueryEscape(secret) {
		t.Errorf("basic auth = %q:%q, want URL-encoded id and secret", user, pass)
	}
	if req.PostForm.Has("client_secret") {
		t.Error("client secret also sent in the form")
	}
	get(false, "AT-1", 1) // cached
	now = now.Add(8 * time.Minute)
	get(false, "AT-1", 1) // still two minutes left
	now = now.Add(90 * time.Second)
	get(false, "AT-2", 2) // within the margin: renewed with the rotated refresh token RT-1
	get(true, "AT-3", 3)  // forced
	if got := f.tokenRequests[2].PostForm.Get("refresh_token"); got != "RT-2" {
		t.Errorf("third grant used refresh token %q, want the rotated RT-2", got)
	}
}

func TestRefreshingTokensPublicClient(t *testing.T) {
	f := newFakeSnowflake(t)
	f.token = (&tokenIssuer{refresh: "RT-0"}).serve
	tokens := newRefreshingTokens(&oauthSettings{ClientID: "pub", RefreshToken: "RT-0", TokenEndpoint: f.URL + "/oauth/token-request"}, http.DefaultClient)
	if _, err := tokens.accessToken(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	req := f.tokenRequests[0]
	if req.Header.Get("Authorization") != "" || req.PostForm.Get("client_id") != "pub" || req.PostForm.Has("client_secret") {
		t.Errorf("public client request: auth=%q form=%v", req.Header.Get("Authorization"), req.PostForm)
	}
}

func TestRefreshingTokensError(t *testing.T) {
	f := newFakeSnowflake(t)
	f.token = (&tokenIssuer{refresh: "other"}).serve
	endpoint := f.URL + "/oauth/token-request"
	tokens := newRefreshingTokens(&oauthSettings{ClientID: "c", ClientSecret: "s", RefreshToken: "RT-0", TokenEndpoint: endpoint}, http.DefaultClient)
	_, err := tokens.accessToken(context.Background(), false)
	want := "OAuth refresh-token grant at " + endpoint + " failed: invalid_grant: refresh token is invalid or expired"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// Every pooled connection logs in with a current access token; a token Snowflake rejects is
// replaced once.
func TestRefreshTokenConnector(t *testing.T) {
	f := newFakeSnowflake(t)
	issuer := &tokenIssuer{refresh: "RT-0"}
	f.token = issuer.serve
	var revoked sync.Map
	f.login = func(data map[string]any) (string, string) {
		tok, _ := data["TOKEN"].(string)
		if data["AUTHENTICATOR"] != "OAUTH" || !strings.HasPrefix(tok, "AT-") {
			return "390100", "Incorrect username or password was specified."
		}
		if _, bad := revoked.Load(tok); bad {
			return "390303", "Invalid OAuth access token."
		}
		return "", ""
	}
	a := f.attrs(t)
	a.OAuthRefreshToken, a.OAuthClientID, a.OAuthClientSecret = "RT-0", "cid", "csecret"
	r := mustResolve(t, a, nil, t.TempDir())
	tokens := newRefreshingTokens(r.oauth, http.DefaultClient)
	now := time.Now()
	tokens.now = func() time.Time { return now }
	c := connector(r)
	c.tokens = tokens
	db := sql.OpenDB(c)
	defer func() { _ = db.Close() }()
	ctx := context.Background()

	conn := func(wantToken string) *sql.Conn {
		t.Helper()
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatalf("login: %v", err)
		}
		if got := f.lastLogin()["TOKEN"]; got != wantToken {
			t.Fatalf("login used %v, want %s", got, wantToken)
		}
		return c
	}
	c1 := conn("AT-1")
	c2 := conn("AT-1") // a second connection reuses the still-valid token
	if n := f.tokenRequestCount(); n != 1 {
		t.Errorf("%d token requests for two logins, want 1", n)
	}
	now = now.Add(10 * time.Minute)
	c3 := conn("AT-2") // expired: renewed
	revoked.Store("AT-2", true)
	logins := f.loginCount()
	c4 := conn("AT-3") // rejected by Snowflake: renewed once and retried
	if f.tokenRequestCount() != 3 || f.loginCount() <= logins+1 {
		t.Errorf("token requests %d, logins %d->%d", f.tokenRequestCount(), logins, f.loginCount())
	}
	// Session parameters a login returns must not leak into the next login's request.
	params, _ := f.lastLogin()["SESSION_PARAMETERS"].(map[string]any)
	if _, leaked := params["TIMEZONE"]; leaked || params["CLIENT_SESSION_KEEP_ALIVE"] != "false" {
		t.Errorf("login session parameters = %v", params)
	}
	for _, c := range []*sql.Conn{c1, c2, c3, c4} {
		_ = c.Close()
	}
}

// The default token endpoint is on the host the driver logs in to, which for a legacy locator in
// one of Snowflake's China regions is under .snowflakecomputing.cn.
func TestDefaultTokenEndpointFollowsTheDriversHost(t *testing.T) {
	for account, want := range map[string]string{
		"ORG-ACC":                 "https://ORG-ACC.snowflakecomputing.com:443/oauth/token-request",
		"xy12345.us-east-2.aws":   "https://xy12345.us-east-2.aws.snowflakecomputing.com:443/oauth/token-request",
		"xy12345.cn-northwest-1":  "https://xy12345.cn-northwest-1.snowflakecomputing.cn:443/oauth/token-request",
		"xy12345.CN-NORTH-1.aws":  "https://xy12345.CN-NORTH-1.aws.snowflakecomputing.cn:443/oauth/token-request",
		"xy12345.can-central.aws": "https://xy12345.can-central.aws.snowflakecomputing.com:443/oauth/token-request",
	} {
		r := mustResolve(t, attrs{Account: account, OAuthRefreshToken: "rt", OAuthClientID: "cid"}, nil, t.TempDir())
		if r.oauth.TokenEndpoint != want {
			t.Errorf("%s: endpoint %s, want %s", account, r.oauth.TokenEndpoint, want)
		}
	}
	// An explicit host wins, as it does for the driver.
	r := mustResolve(t, attrs{Account: "xy12345.cn-northwest-1", Host: "acme-prod.snowflakecomputing.cn", OAuthRefreshToken: "rt", OAuthClientID: "cid"}, nil, t.TempDir())
	if r.oauth.TokenEndpoint != "https://acme-prod.snowflakecomputing.cn:443/oauth/token-request" {
		t.Errorf("explicit host: %s", r.oauth.TokenEndpoint)
	}
}
