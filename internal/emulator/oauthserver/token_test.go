package oauthserver

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTokenEndpointErrors(t *testing.T) {
	f := newFixture(t, "CREATE SECURITY INTEGRATION other TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' "+
		"OAUTH_REDIRECT_URI = '"+redirect+"'")
	s, other := f.secrets("APP"), f.secrets("OTHER")
	codeForm := func(code string, kv ...string) url.Values { return overridden(codeExchangeForm(code), kv...) }

	// Grant types.
	wantTokenError(t, f.token(s.ID, s.Secret, url.Values{"grant_type": {"client_credentials"}}), "unsupported_grant_type")
	wantTokenError(t, f.token(s.ID, s.Secret, url.Values{"grant_type": {"password"}, "username": {"jane"}}), "unsupported_grant_type")
	wantTokenError(t, f.token(s.ID, s.Secret, url.Values{"code": {"x"}}), "invalid_request")

	// Malformed requests.
	wantTokenError(t, f.token(s.ID, s.Secret, codeForm("", "code", "<none>")), "invalid_request")
	wantTokenError(t, f.token(s.ID, s.Secret, codeForm("x", "redirect_uri", "<none>")), "invalid_request")
	wantTokenError(t, f.token(s.ID, s.Secret, url.Values{"grant_type": {"refresh_token"}}), "invalid_request")
	req, _ := http.NewRequest(http.MethodPost, f.hs.URL+TokenPath, strings.NewReader(`{"grant_type":"authorization_code"}`))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(url.QueryEscape(s.ID), url.QueryEscape(s.Secret))
	wantTokenError(t, f.tokenDo(req), "invalid_request")
	req, _ = http.NewRequest(http.MethodPost, f.hs.URL+TokenPath, strings.NewReader("grant_type=refresh_token&refresh_token=a&refresh_token=b"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(s.ID), url.QueryEscape(s.Secret))
	wantTokenError(t, f.tokenDo(req), "invalid_request")

	// Client authentication.
	code := f.code(authzQuery(s.ID, ""))
	wantTokenError(t, f.token(s.ID, "wrong", codeForm(code)), "invalid_client")
	wantTokenError(t, f.token("bm9wZQ==", s.Secret, codeForm(code)), "invalid_client")
	wantTokenError(t, f.token(s.ID, other.Secret, codeForm(code)), "invalid_client") // another client's secret
	wantTokenError(t, f.token("", "", codeForm(code)), "invalid_client")             // no client at all
	wantTokenError(t, f.token("", "", codeForm(code, "client_id", s.ID, "client_secret", "wrong")), "invalid_client")
	wantTokenError(t, f.token(s.ID, s.Secret, codeForm(code, "client_id", other.ID)), "invalid_client") // Basic and form disagree
	req, _ = http.NewRequest(http.MethodPost, f.hs.URL+TokenPath, strings.NewReader(codeForm(code).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("no-colon")))
	wantTokenError(t, f.tokenDo(req), "invalid_client")
	req.Header.Set("Authorization", "Bearer some.jwt.value")
	wantTokenError(t, f.tokenDo(req), "invalid_client")
	// None of the failed client authentications spent the code.
	wantOK(t, f.exchange(s, code))

	// Bad grants.
	wantTokenError(t, f.exchange(s, "not-a-code"), "invalid_grant")
	wantTokenError(t, f.exchange(s, f.code(authzQuery(s.ID, "")), "redirect_uri", redirect+"?x=1"), "invalid_grant")
	wantTokenError(t, f.exchange(s, f.code(authzQuery(s.ID, "")), "code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier-x"), "invalid_grant")
	wantTokenError(t, f.exchange(s, f.code(authzQuery(s.ID, "")), "code_verifier", "<none>"), "invalid_grant")
	wantTokenError(t, f.token(other.ID, other.Secret, codeForm(f.code(authzQuery(s.ID, "")))), "invalid_grant") // code of another client
	// A code issued without PKCE needs no verifier.
	q := authzQuery(s.ID, "")
	q.Del("code_challenge")
	q.Del("code_challenge_method")
	wantOK(t, f.exchange(s, f.code(q), "code_verifier", "<none>"))

	tok := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
	wantOK(t, tok)
	wantTokenError(t, f.refresh(s, "ver:2-hint:1-unknown"), "invalid_grant")
	wantTokenError(t, f.refresh(s, tok.str("access_token")), "invalid_grant") // an access token is no refresh token
	wantTokenError(t, f.token(other.ID, other.Secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.str("refresh_token")}}), "invalid_grant")
	wantOK(t, f.refresh(s, tok.str("refresh_token")))
}

// REFRESH OAUTH_CLIENT_SECRET invalidates that secret for client authentication only: secret 2 and the
// tokens already issued keep working.
func TestSecretRotation(t *testing.T) {
	f := newFixture(t)
	before := f.secrets("APP")
	tok := f.exchange(before, f.code(authzQuery(before.ID, "refresh_token")))
	wantOK(t, tok)

	f.exec("ALTER SECURITY INTEGRATION app REFRESH OAUTH_CLIENT_SECRET")
	after := f.secrets("APP")
	if after.Secret == before.Secret || after.Secret2 != before.Secret2 || after.ID != before.ID {
		t.Fatalf("engine rotation: %+v -> %+v", before, after)
	}
	refresh := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.str("refresh_token")}}
	wantTokenError(t, f.token(before.ID, before.Secret, refresh), "invalid_client")
	wantOK(t, f.token(before.ID, before.Secret2, refresh))
	wantOK(t, f.token(after.ID, after.Secret, refresh))
	if got := f.validate(tok.str("access_token"), ""); got != "JANE|ANALYST|" {
		t.Errorf("access token after rotation = %s", got)
	}
}

// Basic credentials are URL-encoded before base64 (ids and secrets contain + / =); the raw form
// gosnowflake's refresh call sends is accepted too.
func TestBasicAuthEncodings(t *testing.T) {
	f := newFixture(t)
	s := f.secrets("APP")
	tok := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
	wantOK(t, tok)
	body := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.str("refresh_token")}}.Encode()
	for _, pair := range [][2]string{
		{url.QueryEscape(s.ID), url.QueryEscape(s.Secret)},
		{s.ID, s.Secret},
	} {
		req, _ := http.NewRequest(http.MethodPost, f.hs.URL+TokenPath, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(pair[0], pair[1])
		wantOK(t, f.tokenDo(req))
	}
}

// The token endpoint follows the user's network policy, else the integration's, else the account's;
// a refused client address is invalid_client.
func TestTokenEndpointNetworkPolicy(t *testing.T) {
	f := newFixture(t,
		"CREATE NETWORK POLICY elsewhere ALLOWED_IP_LIST = ('10.0.0.0/8')",
		"CREATE NETWORK POLICY local ALLOWED_IP_LIST = ('127.0.0.0/8')",
		"CREATE NETWORK POLICY no_local ALLOWED_IP_LIST = ('0.0.0.0/0') BLOCKED_IP_LIST = ('127.0.0.1')",
	)
	s := f.secrets("APP")
	tok := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
	wantOK(t, tok)
	rt := tok.str("refresh_token")

	f.exec("ALTER SECURITY INTEGRATION app SET NETWORK_POLICY = 'no_local'")
	wantTokenError(t, f.refresh(s, rt), "invalid_client")
	code := f.code(authzQuery(s.ID, "")) // the browser login is not the integration's business
	wantTokenError(t, f.exchange(s, code), "invalid_client")
	wantTokenError(t, f.refresh(s, "unknown-token"), "invalid_client") // checked before the grant

	// A user policy overrides the integration's.
	f.exec("ALTER USER jane SET NETWORK_POLICY = 'local'")
	wantOK(t, f.refresh(s, rt))
	f.exec("ALTER USER jane UNSET NETWORK_POLICY", "ALTER SECURITY INTEGRATION app UNSET NETWORK_POLICY")
	wantOK(t, f.refresh(s, rt))

	// Without an integration policy the account's applies; the integration's overrides it.
	f.exec("ALTER ACCOUNT SET NETWORK_POLICY = 'elsewhere'")
	wantTokenError(t, f.refresh(s, rt), "invalid_client")
	f.exec("ALTER SECURITY INTEGRATION app SET NETWORK_POLICY = 'local'")
	wantOK(t, f.refresh(s, rt))
}
