package oauthserver

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The whole code flow: login form, consent, redirect, code exchange with PKCE and HTTP Basic, login
// check, refresh.
func TestCodeFlowWithPKCEAndBasicAuth(t *testing.T) {
	f := newFixture(t)
	s := f.secrets("APP")
	q := authzQuery(s.ID, "refresh_token session:role:REPORTER")

	form := f.getAuthorize(q)
	if form.status != http.StatusOK || !strings.Contains(form.body, `name="password"`) ||
		!strings.Contains(form.body, `name="consent" value="yes"`) || !strings.Contains(form.body, "APP") ||
		!strings.Contains(form.body, "Account: https://emulator.example") {
		t.Fatalf("login form: %d %s", form.status, form.body)
	}
	for _, p := range oauthParams {
		if !strings.Contains(form.body, `type="hidden" name="`+p+`"`) {
			t.Errorf("login form lacks hidden field %s", p)
		}
	}

	red := f.login(q, "JANE", janePassword) // login names are case-insensitive
	if red.status != http.StatusFound {
		t.Fatalf("authorize: %d %s", red.status, red.body)
	}
	if got := red.location.Scheme + "://" + red.location.Host + red.location.Path; got != redirect {
		t.Errorf("redirected to %s", got)
	}
	rq := red.location.Query()
	if rq.Get("state") != "st-42" || rq.Get("scope") != "refresh_token session:role:REPORTER" || rq.Get("code") == "" {
		t.Errorf("redirect query = %v", rq)
	}

	tok := f.exchange(s, rq.Get("code"))
	wantOK(t, tok)
	if tok.str("token_type") != "Bearer" || tok.num("expires_in") != 600 || tok.str("username") != "JANE" ||
		tok.str("scope") != "refresh_token session:role:REPORTER" || tok.body["idpInitiated"] != false ||
		tok.str("refresh_token") == "" || tok.num("refresh_token_expires_in") != 7776000 {
		t.Errorf("token response = %v", tok.body)
	}
	if !strings.HasPrefix(tok.str("access_token"), "ver:1-hint:") || !strings.HasPrefix(tok.str("refresh_token"), "ver:2-hint:") {
		t.Errorf("token shapes: %q %q", tok.str("access_token"), tok.str("refresh_token"))
	}
	if got := f.validate(tok.str("access_token"), "jane"); got != "JANE|REPORTER|" {
		t.Errorf("login check = %s", got)
	}
	if got := f.validate(tok.str("refresh_token"), ""); got != "||390303" {
		t.Errorf("a refresh token used as access token = %s", got)
	}

	// The code is single use.
	wantTokenError(t, f.exchange(s, rq.Get("code")), "invalid_grant")

	// Refresh: a new access token, no new refresh token, no username; the old access token stays valid.
	r := f.refresh(s, tok.str("refresh_token"))
	wantOK(t, r)
	if r.str("refresh_token") != "" || r.str("username") != "" || r.num("expires_in") != 600 ||
		r.str("scope") != "refresh_token session:role:REPORTER" || r.str("access_token") == tok.str("access_token") {
		t.Errorf("refresh response = %v", r.body)
	}
	if f.validate(r.str("access_token"), "") != "JANE|REPORTER|" || f.validate(tok.str("access_token"), "") != "JANE|REPORTER|" {
		t.Error("access tokens after a refresh are not both valid")
	}
	wantOK(t, f.refresh(s, tok.str("refresh_token"))) // reusable without single-use tokens
}

func TestClientSecretPostAndSecondSecret(t *testing.T) {
	f := newFixture(t)
	s := f.secrets("APP")
	code := f.code(authzQuery(s.ID, ""))
	r := f.token("", "", url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect},
		"code_verifier": {verifier}, "client_id": {s.ID}, "client_secret": {s.Secret2}})
	wantOK(t, r)
	// No role scope: the default role; no refresh_token scope: no refresh token.
	if r.str("scope") != "session:role:ANALYST" || r.str("refresh_token") != "" || r.num("refresh_token_expires_in") != 0 {
		t.Errorf("response = %v", r.body)
	}
	if got := f.validate(r.str("access_token"), ""); got != "JANE|ANALYST|" {
		t.Errorf("login check = %s", got)
	}
}

func TestRefreshTokensNotIssuedWhenIntegrationSaysNo(t *testing.T) {
	f := newFixture(t, "ALTER SECURITY INTEGRATION app SET OAUTH_ISSUE_REFRESH_TOKENS = FALSE OAUTH_ACCESS_TOKEN_VALIDITY = 120")
	s := f.secrets("APP")
	r := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
	wantOK(t, r)
	if _, has := r.body["refresh_token"]; has || r.str("scope") != "session:role:ANALYST" || r.num("expires_in") != 120 {
		t.Errorf("response = %v", r.body)
	}
}

func TestSingleUseRefreshTokensRotate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sql   []string
		optIn bool
	}{
		{"integration property", []string{"ALTER SECURITY INTEGRATION app SET OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = TRUE OAUTH_REFRESH_TOKEN_VALIDITY = 86400"}, false},
		{"client opt-in", []string{"ALTER SECURITY INTEGRATION app SET OAUTH_REFRESH_TOKEN_VALIDITY = 86400"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.sql...)
			s := f.secrets("APP")
			var extra []string
			if tc.optIn {
				extra = []string{"enable_single_use_refresh_tokens", "true"}
			}
			first := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")), extra...)
			wantOK(t, first)

			f.clk.Advance(time.Hour)
			second := f.refresh(s, first.str("refresh_token"))
			wantOK(t, second)
			if second.str("refresh_token") == "" || second.str("refresh_token") == first.str("refresh_token") ||
				second.num("refresh_token_expires_in") != 86400 {
				t.Fatalf("rotation response = %v", second.body)
			}
			// The earlier access token died with the rotation; the new one works.
			if got := f.validate(first.str("access_token"), ""); got != "||390303" {
				t.Errorf("old access token = %s", got)
			}
			if got := f.validate(second.str("access_token"), ""); got != "JANE|ANALYST|" {
				t.Errorf("new access token = %s", got)
			}
			// The new refresh token has a full validity from the rotation: alive just before 24h after it.
			f.clk.Advance(24*time.Hour - time.Second)
			third := f.refresh(s, second.str("refresh_token"))
			wantOK(t, third)

			// Replaying a spent refresh token fails and kills the whole family.
			wantTokenError(t, f.refresh(s, second.str("refresh_token")), "invalid_grant")
			if got := f.validate(third.str("access_token"), ""); got != "||390303" {
				t.Errorf("access token after replay = %s", got)
			}
			wantTokenError(t, f.refresh(s, third.str("refresh_token")), "invalid_grant")
		})
	}
}

func TestPublicClientAuthenticatesWithClientIDOnly(t *testing.T) {
	f := newFixture(t, "CREATE SECURITY INTEGRATION pub TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' "+
		"OAUTH_REDIRECT_URI = '"+redirect+"' OAUTH_ENFORCE_PKCE = TRUE")
	s := f.secrets("PUB")
	code := f.code(authzQuery(s.ID, "refresh_token"))
	r := f.token("", "", url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect},
		"code_verifier": {verifier}, "client_id": {s.ID}})
	wantOK(t, r)
	wantOK(t, f.token(s.ID, "", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {r.str("refresh_token")}}))
	// A wrong secret still fails, and a confidential client cannot omit its secret.
	wantTokenError(t, f.token(s.ID, "wrong", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {r.str("refresh_token")}}), "invalid_client")
	app := f.secrets("APP")
	wantTokenError(t, f.token("", "", url.Values{"grant_type": {"authorization_code"}, "code": {"x"}, "redirect_uri": {redirect},
		"client_id": {app.ID}}), "invalid_client")
}

func TestExpiryFollowsTheClock(t *testing.T) {
	f := newFixture(t, "ALTER SECURITY INTEGRATION app SET OAUTH_REFRESH_TOKEN_VALIDITY = 86400")
	s := f.secrets("APP")

	// Codes live 10 minutes.
	stale := f.code(authzQuery(s.ID, ""))
	f.clk.Advance(10 * time.Minute)
	wantTokenError(t, f.exchange(s, stale), "invalid_grant")
	fresh := f.code(authzQuery(s.ID, ""))
	f.clk.Advance(10*time.Minute - time.Second)
	wantOK(t, f.exchange(s, fresh))

	// Access tokens live OAUTH_ACCESS_TOKEN_VALIDITY, refresh tokens OAUTH_REFRESH_TOKEN_VALIDITY.
	tok := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
	wantOK(t, tok)
	f.clk.Advance(599 * time.Second)
	if got := f.validate(tok.str("access_token"), ""); got != "JANE|ANALYST|" {
		t.Errorf("at 599 s: %s", got)
	}
	f.clk.Advance(time.Second)
	_, _, code, msg := f.srv.ValidateAccessToken(tok.str("access_token"), "")
	if code != "390318" || msg != "OAuth access token expired. ["+tokenHint(tok.str("access_token"))+"]" || tokenHint(tok.str("access_token")) == "" {
		t.Errorf("at 600 s: %s %q", code, msg)
	}
	f.clk.Advance(86400*time.Second - 600*time.Second - time.Second)
	wantOK(t, f.refresh(s, tok.str("refresh_token")))
	f.clk.Advance(time.Second)
	wantTokenError(t, f.refresh(s, tok.str("refresh_token")), "invalid_grant")
}
