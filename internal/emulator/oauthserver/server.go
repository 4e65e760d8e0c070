// Package oauthserver is Snowflake acting as an OAuth 2.0 authorization server (internal/emulator/
// FIDELITY.md, "OAuth authorization server") over the emulator's SQL engine: the browser endpoint
// /oauth/authorize (a plain HTML login and consent form), the token endpoint /oauth/token-request, and the access-token check the wire layer
// runs at login with AUTHENTICATOR=OAUTH. Codes and tokens live in memory; every decision is re-checked
// against the engine's catalog, so dropping, disabling or re-creating an integration, revoking a role or
// removing a delegated authorization takes effect at once. Behaviour, sources and assumptions are
// listed in this package's README.md.
package oauthserver

import (
	"net/http"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// Endpoint paths under the account URL (FIDELITY.md, "OAuth authorization server").
const (
	AuthorizePath = "/oauth/authorize"
	TokenPath     = "/oauth/token-request"
)

// Lifetimes Snowflake documents or that the emulator assumes.
const (
	codeValidity          = 10 * time.Minute // authorization codes (single use)
	ticketValidity        = 10 * time.Minute // a signed-in user's pending consent
	defaultAccessValidity = 600              // seconds, OAUTH_ACCESS_TOKEN_VALIDITY's default
)

// Options configure New.
type Options struct {
	// Now is the clock; nil means time.Now. Tests inject one to expire codes and tokens without sleeping.
	Now func() time.Time
	// AccountURL is the account's base URL (e.g. "http://127.0.0.1:8085"), shown on the sign-in page (optional).
	AccountURL string
}

// Server is the authorization server. All methods are safe for concurrent use.
type Server struct {
	eng        *engine.Engine
	accountURL string

	now   func() time.Time // the clock (Options.Now); tests move it to expire codes and tokens
	store *store
}

// New creates a server over the engine's catalog.
func New(e *engine.Engine, opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Server{eng: e, accountURL: opts.AccountURL, now: opts.Now, store: newStore()}
}

// Handler serves GET and POST /oauth/authorize and POST /oauth/token-request at those absolute paths,
// so it can be mounted as is under "/oauth/".
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+AuthorizePath, s.handleAuthorize)
	mux.HandleFunc("POST "+AuthorizePath, s.handleAuthorize)
	mux.HandleFunc("POST "+TokenPath, s.handleToken)
	return mux
}
