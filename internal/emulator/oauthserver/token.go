package oauthserver

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// tokenError is a token-endpoint failure (FIDELITY.md, "OAuth authorization server"): HTTP 400 with Snowflake's JSON body.
type tokenError struct{ kind, message string }

var (
	errInvalidClient    = &tokenError{"invalid_client", "This is an invalid client."}
	errInvalidGrant     = &tokenError{"invalid_grant", "The provided grant or refresh token is invalid."}
	errUnsupportedGrant = &tokenError{"unsupported_grant_type", "The provided grant type is not supported."}
)

func errInvalidRequest(msg string) *tokenError { return &tokenError{"invalid_request", msg} }

const (
	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
	defaultRefreshValidity = 7776000 // seconds, when the property is unreadable
)

// tokenResponse is the success body (FIDELITY.md, "OAuth authorization server"; the last three fields as in gosnowflake's mock).
type tokenResponse struct {
	AccessToken           string `json:"access_token"`
	RefreshToken          string `json:"refresh_token,omitempty"`
	TokenType             string `json:"token_type"`
	Username              string `json:"username,omitempty"`
	Scope                 string `json:"scope"`
	RefreshTokenExpiresIn int64  `json:"refresh_token_expires_in,omitempty"`
	ExpiresIn             int64  `json:"expires_in"`
	IdpInitiated          bool   `json:"idpInitiated"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeTokenError(w http.ResponseWriter, e *tokenError) {
	writeJSON(w, http.StatusBadRequest, struct {
		Data    any    `json:"data"`
		Message string `json:"message"`
		Code    any    `json:"code"`
		Success bool   `json:"success"`
		Error   string `json:"error"`
		Headers any    `json:"headers"`
	}{Message: e.message, Error: e.kind})
}

// handleToken serves POST /oauth/token-request. Checks run in this order: form encoding and repeated
// parameters (invalid_request), grant_type (invalid_request when missing, unsupported_grant_type when
// unknown), client authentication (invalid_client), the grant's required parameters (invalid_request),
// the network policy (invalid_client), then the grant itself (invalid_grant).
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		writeTokenError(w, errInvalidRequest("The request must be application/x-www-form-urlencoded."))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeTokenError(w, errInvalidRequest("The request body is not a valid form."))
		return
	}
	form := r.PostForm
	for k, vs := range form {
		if len(vs) > 1 {
			writeTokenError(w, errInvalidRequest("The parameter "+k+" is repeated."))
			return
		}
	}
	gt := form.Get("grant_type")
	switch gt {
	case grantAuthorizationCode, grantRefreshToken:
	case "":
		writeTokenError(w, errInvalidRequest("Missing parameter: grant_type."))
		return
	default:
		writeTokenError(w, errUnsupportedGrant)
		return
	}
	in, terr := s.authenticateClient(r)
	if terr != nil {
		writeTokenError(w, terr)
		return
	}
	var resp *tokenResponse
	if gt == grantAuthorizationCode {
		resp, terr = s.exchangeCode(r, in, form)
	} else {
		resp, terr = s.refresh(r, in, form)
	}
	if terr != nil {
		writeTokenError(w, terr)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// tokenPolicyAllows applies the network policy of a token request: the user's when the grant names a
// user that has one, else the integration's, else the account's (Snowflake's precedence: a user policy
// overrides the integration's, which overrides the account's).
func (s *Server) tokenPolicyAllows(r *http.Request, in engine.OAuthClient, user string) bool {
	userPolicy := ""
	if user != "" {
		if u, ok := s.eng.UserByName(user); ok {
			userPolicy = u.NetworkPolicy
		}
	}
	return s.policyAllows(clientIP(r), userPolicy, in.NetworkPolicy, s.eng.AccountNetworkPolicy())
}

// exchangeCode runs the authorization_code grant.
func (s *Server) exchangeCode(r *http.Request, client engine.OAuthClient, form url.Values) (*tokenResponse, *tokenError) {
	code, redirect := form.Get("code"), form.Get("redirect_uri")
	if code == "" {
		return nil, errInvalidRequest("Missing parameter: code.")
	}
	if redirect == "" {
		return nil, errInvalidRequest("Missing parameter: redirect_uri.")
	}
	now := s.now()
	c, ok := s.store.takeCode(code, now)
	if !s.tokenPolicyAllows(r, client, c.User) {
		return nil, errInvalidClient
	}
	switch {
	case !ok, c.ClientID != client.ClientID, c.Integration != client.Name, c.RedirectURI != redirect:
		return nil, errInvalidGrant
	case c.Challenge != "" && !verifierMatches(form.Get("code_verifier"), c.Challenge):
		return nil, errInvalidGrant
	}
	in, _, why := s.liveGrant(c.grant)
	if why != "" {
		return nil, errInvalidGrant
	}
	g := c.grant
	issueRefresh := g.Refresh && in.IssueRefreshTokens
	g.Scope = grantedScope(g, issueRefresh)
	family := newFamily()
	accessTTL := orDefault(in.AccessTokenValidity, defaultAccessValidity)
	resp := &tokenResponse{
		AccessToken: s.store.issue(&token{grant: g, Kind: kindAccess, Family: family, Expires: now.Add(seconds(accessTTL))}, now),
		TokenType:   "Bearer", Username: g.User, Scope: g.Scope, ExpiresIn: accessTTL,
	}
	if issueRefresh {
		singleUse := in.SingleUseRefreshTokens ||
			strings.EqualFold(form.Get("enable_single_use_refresh_tokens"), "true")
		refreshTTL := orDefault(in.RefreshTokenValidity, defaultRefreshValidity)
		resp.RefreshToken = s.store.issue(&token{grant: g, Kind: kindRefresh, Family: family, SingleUse: singleUse,
			Expires: now.Add(seconds(refreshTTL))}, now)
		resp.RefreshTokenExpiresIn = refreshTTL
	}
	return resp, nil
}

// refresh runs the refresh_token grant. With single-use refresh tokens (the integration's
// OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED, or the client's opt-in at the code exchange) it also returns a
// new refresh token with a full validity, and the old one and the family's earlier access tokens die; a
// replayed single-use refresh token kills the whole family. The scope parameter is ignored: the grant
// keeps the role it was consented with.
func (s *Server) refresh(r *http.Request, client engine.OAuthClient, form url.Values) (*tokenResponse, *tokenError) {
	raw := form.Get("refresh_token")
	if raw == "" {
		return nil, errInvalidRequest("Missing parameter: refresh_token.")
	}
	now := s.now()
	t, ok := s.store.lookup(raw)
	if !s.tokenPolicyAllows(r, client, t.User) {
		return nil, errInvalidClient
	}
	switch {
	case !ok, t.Kind != kindRefresh, t.ClientID != client.ClientID, t.Integration != client.Name:
		return nil, errInvalidGrant
	case t.Used:
		s.store.killFamily(t.Family)
		return nil, errInvalidGrant
	case !now.Before(t.Expires):
		return nil, errInvalidGrant
	}
	in, _, why := s.liveGrant(t.grant)
	if why != "" {
		return nil, errInvalidGrant
	}
	accessTTL := orDefault(in.AccessTokenValidity, defaultAccessValidity)
	access := &token{grant: t.grant, Kind: kindAccess, Family: t.Family, Expires: now.Add(seconds(accessTTL))}
	resp := &tokenResponse{TokenType: "Bearer", Scope: t.Scope, ExpiresIn: accessTTL}
	if !t.SingleUse && !in.SingleUseRefreshTokens {
		resp.AccessToken = s.store.issue(access, now)
		return resp, nil
	}
	refreshTTL := orDefault(in.RefreshTokenValidity, defaultRefreshValidity)
	next := &token{grant: t.grant, Kind: kindRefresh, Family: t.Family, SingleUse: true, Expires: now.Add(seconds(refreshTTL))}
	rt, at, ok := s.store.rotate(raw, next, access, now)
	if !ok {
		return nil, errInvalidGrant
	}
	resp.AccessToken, resp.RefreshToken, resp.RefreshTokenExpiresIn = at, rt, refreshTTL
	return resp, nil
}

// verifierMatches checks PKCE S256: BASE64URL(SHA256(ASCII(verifier))) without padding.
func verifierMatches(verifier, challenge string) bool {
	if verifier == "" {
		return false
	}
	sum := sha256.Sum256([]byte(verifier))
	got := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(got), []byte(challenge)) == 1
}

// orDefault is a validity in seconds, or def when the property was unreadable (0).
func orDefault(n, def int64) int64 {
	if n > 0 {
		return n
	}
	return def
}

func seconds(n int64) time.Duration { return time.Duration(n) * time.Second }
