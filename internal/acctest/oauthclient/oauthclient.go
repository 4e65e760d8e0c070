// Package oauthclient is the test harness's OAuth client of a Snowflake OAuth integration, run as a
// notebook tool and its user's browser would run it: the authorization-code flow with PKCE through the
// emulator's sign-in and consent pages, then the token endpoint.
//
// The OAuth side is golang.org/x/oauth2 (authorize URL, PKCE S256 with GenerateVerifier, the code and
// refresh grants, HTTP Basic client authentication with URL-encoded id and secret as Snowflake
// requires). The browser side parses the pages with golang.org/x/net/html and relies only on the form
// contract that internal/emulator/oauthserver/README.md documents: form ids "signin" and "consent",
// the input names "user", "password", "consent" and "role", and the error page's code element.
package oauthclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// Client is an OAuth client of one Snowflake OAuth integration.
type Client struct {
	AccountURL   string // e.g. http://127.0.0.1:PORT
	ClientID     string
	ClientSecret string // "" for a public client
	RedirectURI  string
	// SecretInBody sends client_id and client_secret as form fields (client_secret_post) instead of
	// HTTP Basic (client_secret_basic, the default).
	SecretInBody bool
	// HTTPClient is used for every request; nil means http.DefaultClient's transport.
	HTTPClient *http.Client
}

// Login is what the user does in the browser.
type Login struct {
	User, Password string
	Scope          string // space-separated, e.g. "refresh_token session:role:ANALYST"
	// Consent says whether the user allows access on the consent page (when one is shown).
	Consent bool
	// Roles are the roles the user ticks on a role-selection consent page; nil keeps the page's choice.
	Roles []string
}

// AuthorizeResult is how the authorize step ended: a code redirected to the client, an error
// redirected to the client (error, e.g. access_denied), a consent page the user did not accept, a
// sign-in page shown again (SignInError) or a Snowflake error page (ErrorCode).
type AuthorizeResult struct {
	Code         string
	Verifier     string // the PKCE verifier for the code exchange
	State        string // the state sent; a redirect with another state is an error
	Error        string // error parameter of the redirect
	ConsentPage  bool
	ConsentRoles []string // the roles the consent page offered
	SignInError  string
	ErrorCode    string
	ErrorMessage string
	Status       int
	RedirectedTo string
}

// TokenResponse is the token endpoint's answer, success or error.
type TokenResponse struct {
	Status       int
	AccessToken  string
	RefreshToken string
	ExpiresIn    int64
	Username     string
	Scope        string
	Error        string // the error type of a failure, e.g. invalid_client
	Message      string // Snowflake's message of a failure
}

func (c Client) config(scope string) *oauth2.Config {
	style := oauth2.AuthStyleInHeader
	if c.SecretInBody {
		style = oauth2.AuthStyleInParams
	}
	cfg := &oauth2.Config{
		ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURI,
		Endpoint: oauth2.Endpoint{AuthURL: c.AccountURL + "/oauth/authorize", TokenURL: c.AccountURL + "/oauth/token-request", AuthStyle: style},
	}
	if scope != "" {
		cfg.Scopes = strings.Fields(scope)
	}
	return cfg
}

func (c Client) context() context.Context {
	ctx := context.Background()
	if c.HTTPClient != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, c.HTTPClient)
	}
	return ctx
}

// Authorize runs the browser part of the flow for user: it opens the authorize URL, signs in, and
// allows access on the consent page when consent is true. It does not follow the final redirect.
func (c Client) Authorize(user, password, scope string, consent bool) (AuthorizeResult, error) {
	return c.AuthorizeLogin(Login{User: user, Password: password, Scope: scope, Consent: consent})
}

// AuthorizeLogin is Authorize with every choice the user can make.
func (c Client) AuthorizeLogin(l Login) (AuthorizeResult, error) {
	verifier := oauth2.GenerateVerifier()
	state := oauth2.GenerateVerifier()[:16]
	res := AuthorizeResult{Verifier: verifier, State: state}
	b := newBrowser(c.HTTPClient)
	page, err := b.get(c.config(l.Scope).AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		return res, err
	}
	signin := page.form("signin")
	if signin == nil {
		return res, page.outcome(&res)
	}
	signin.set("user", l.User)
	signin.set("password", l.Password)
	if page, err = b.submit(page, signin); err != nil {
		return res, err
	}
	if form := page.form("consent"); form != nil && l.Consent {
		if err := chooseRoles(form, l.Roles); err != nil {
			return res, err
		}
		form.set("consent", "yes")
		if page, err = b.submit(page, form); err != nil {
			return res, err
		}
	}
	return res, page.outcome(&res)
}

// chooseRoles ticks exactly roles among the page's role checkboxes (nil keeps the page's choice).
func chooseRoles(f *form, roles []string) error {
	if roles == nil {
		return nil
	}
	for _, r := range roles {
		if !f.hasOption("role", r) {
			return fmt.Errorf("the consent page offers no role %q (it offers %v)", r, f.options["role"])
		}
	}
	f.values["role"] = append([]string{}, roles...)
	return nil
}

// ExchangeCode trades an authorization code and its PKCE verifier for tokens.
func (c Client) ExchangeCode(code, verifier string, opts ...oauth2.AuthCodeOption) (TokenResponse, error) {
	opts = append([]oauth2.AuthCodeOption{oauth2.VerifierOption(verifier)}, opts...)
	tok, err := c.config("").Exchange(c.context(), code, opts...)
	return tokenResponse(tok, err)
}

// Refresh trades a refresh token for a new access token (and, with single-use refresh tokens, a new
// refresh token).
func (c Client) Refresh(refreshToken string) (TokenResponse, error) {
	tok, err := c.config("").TokenSource(c.context(), &oauth2.Token{RefreshToken: refreshToken}).Token()
	return tokenResponse(tok, err)
}

// tokenResponse turns x/oauth2's result into a TokenResponse; a token-endpoint error is a response,
// not an error, so tests can assert Snowflake's error type and message.
func tokenResponse(tok *oauth2.Token, err error) (TokenResponse, error) {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		tr := TokenResponse{Error: re.ErrorCode}
		if re.Response != nil {
			tr.Status = re.Response.StatusCode
		}
		var body struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(re.Body, &body) == nil {
			tr.Message = body.Message
		}
		if tr.Error == "" {
			return tr, fmt.Errorf("token endpoint answered HTTP %d without an error type: %s", tr.Status, re.Body)
		}
		return tr, nil
	}
	if err != nil {
		return TokenResponse{}, err
	}
	tr := TokenResponse{Status: http.StatusOK, AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, ExpiresIn: tok.ExpiresIn}
	tr.Username, _ = tok.Extra("username").(string)
	tr.Scope, _ = tok.Extra("scope").(string)
	return tr, nil
}

// readBody reads a response body and closes it.
func readBody(resp *http.Response) ([]byte, error) {
	defer func() { _ = resp.Body.Close() }()
	return io.ReadAll(resp.Body)
}

// redirectOutcome reads code, state and error from the Location of a redirect to the client.
func redirectOutcome(loc string, res *AuthorizeResult) error {
	res.RedirectedTo = loc
	u, err := url.Parse(loc)
	if err != nil {
		return fmt.Errorf("redirect location %q: %w", loc, err)
	}
	q := u.Query()
	if got := q.Get("state"); got != res.State {
		return fmt.Errorf("the redirect carries state %q, the request sent %q", got, res.State)
	}
	res.Code, res.Error = q.Get("code"), q.Get("error")
	return nil
}
