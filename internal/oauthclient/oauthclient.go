// Package oauthclient is a small OAuth client of a Snowflake OAuth integration, as a notebook tool
// would run it: the authorization-code flow with PKCE through the user's login form (the emulator's
// form), then the token endpoint with HTTP Basic client authentication. Tests and the demo use it.
package oauthclient

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Client is a real OAuth client of a Snowflake OAuth integration, as a notebook tool would run
// it: the authorization-code flow with PKCE through the user's login form, then the token endpoint
// with HTTP Basic client authentication (id and secret URL-encoded, as Snowflake requires).
type Client struct {
	AccountURL   string // e.g. http://127.0.0.1:PORT
	ClientID     string
	ClientSecret string
	RedirectURI  string
}

// AuthorizeResult is what the authorize step ended with: a code (redirected to the client), a consent
// page (consent needed and not given) or a Snowflake error page with its code.
type AuthorizeResult struct {
	Code         string
	Verifier     string
	ConsentPage  bool
	ErrorCode    string
	Status       int
	RedirectedTo string
}

var errorCodeRE = regexp.MustCompile(`<code class="code">(\d{6})</code>`)

// Authorize runs /oauth/authorize as the user's browser: it submits the login form (and consent when
// consent is true) and does not follow the final redirect.
func (c Client) Authorize(user, password, scope string, consent bool) (AuthorizeResult, error) {
	verifier := randomVerifier()
	sum := sha256.Sum256([]byte(verifier))
	form := url.Values{
		"client_id":             {c.ClientID},
		"response_type":         {"code"},
		"redirect_uri":          {c.RedirectURI},
		"state":                 {"st-" + verifier[:8]},
		"scope":                 {scope},
		"code_challenge":        {base64.RawURLEncoding.EncodeToString(sum[:])},
		"code_challenge_method": {"S256"},
		"user":                  {user},
		"password":              {password},
	}
	if consent {
		form.Set("consent", "yes")
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.PostForm(c.AccountURL+"/oauth/authorize", form)
	if err != nil {
		return AuthorizeResult{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	res := AuthorizeResult{Status: resp.StatusCode, Verifier: verifier}
	if loc := resp.Header.Get("Location"); resp.StatusCode == http.StatusFound && loc != "" {
		res.RedirectedTo = loc
		u, err := url.Parse(loc)
		if err != nil {
			return res, err
		}
		res.Code = u.Query().Get("code")
		return res, nil
	}
	if m := errorCodeRE.FindSubmatch(body); m != nil {
		res.ErrorCode = string(m[1])
		return res, nil
	}
	res.ConsentPage = strings.Contains(string(body), `name="consent"`)
	return res, nil
}

// TokenResponse is the token endpoint's answer, success or error.
type TokenResponse struct {
	Status       int    `json:"-"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
	Username     string `json:"username"`
	Error        string `json:"error"`
	Message      string `json:"message"`
}

// ExchangeCode trades an authorization code (and its PKCE verifier) for tokens.
func (c Client) ExchangeCode(code, verifier string) (TokenResponse, error) {
	return c.token(url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {c.RedirectURI}, "code_verifier": {verifier}})
}

// Refresh trades a refresh token for a new access token.
func (c Client) Refresh(refreshToken string) (TokenResponse, error) {
	return c.token(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
}

func (c Client) token(form url.Values) (TokenResponse, error) {
	req, err := http.NewRequest(http.MethodPost, c.AccountURL+"/oauth/token-request", strings.NewReader(form.Encode()))
	if err != nil {
		return TokenResponse{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(c.ClientID), url.QueryEscape(c.ClientSecret))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return TokenResponse{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	var tr TokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil {
		return TokenResponse{}, fmt.Errorf("token endpoint answered HTTP %d with a body that is not JSON: %w", resp.StatusCode, err)
	}
	tr.Status = resp.StatusCode
	return tr, nil
}

func randomVerifier() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
