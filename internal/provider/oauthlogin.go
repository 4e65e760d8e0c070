package provider

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/snowflakedb/gosnowflake/v2"
	"golang.org/x/oauth2"
)

// tokenMargin is how long before expiry an access token stops being used for new logins, so a
// login never races the expiry (Snowflake access tokens live 10 minutes by default).
const tokenMargin = time.Minute

// Snowflake login codes for an invalid or expired OAuth access token.
const (
	codeInvalidOAuthToken = 390303
	codeExpiredOAuthToken = 390318
)

// refreshingTokens hands out OAuth access tokens obtained with the refresh-token grant, renewing
// them shortly before they expire. A rotated refresh token from the server replaces ours.
type refreshingTokens struct {
	conf   oauth2.Config
	client *http.Client
	now    func() time.Time

	mu      sync.Mutex
	refresh string
	current *oauth2.Token
}

func newRefreshingTokens(o *oauthSettings, client *http.Client) *refreshingTokens {
	style := oauth2.AuthStyleInHeader // client_secret_basic with URL-encoded id and secret, as Snowflake wants
	if o.ClientSecret == "" {
		style = oauth2.AuthStyleInParams // public client: client_id in the form
	}
	return &refreshingTokens{
		conf: oauth2.Config{
			ClientID:     o.ClientID,
			ClientSecret: o.ClientSecret,
			Endpoint:     oauth2.Endpoint{TokenURL: o.TokenEndpoint, AuthStyle: style},
		},
		client:  client,
		now:     time.Now,
		refresh: o.RefreshToken,
	}
}

// accessToken returns a token valid for at least tokenMargin; force skips the cached one.
func (t *refreshingTokens) accessToken(ctx context.Context, force bool) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !force && t.current != nil && (t.current.Expiry.IsZero() || t.now().Add(tokenMargin).Before(t.current.Expiry)) {
		return t.current.AccessToken, nil
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, t.client)
	tok, err := t.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: t.refresh}).Token()
	if err != nil {
		return "", describeTokenError(t.conf.Endpoint.TokenURL, err)
	}
	// oauth2 computes Expiry from expires_in with the wall clock; re-base it on our clock.
	if tok.ExpiresIn > 0 {
		tok.Expiry = t.now().Add(time.Duration(tok.ExpiresIn) * time.Second)
	}
	if tok.RefreshToken != "" {
		t.refresh = tok.RefreshToken
	}
	t.current = tok
	return tok.AccessToken, nil
}

func describeTokenError(endpoint string, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.ErrorCode != "" {
		msg := fmt.Sprintf("OAuth refresh-token grant at %s failed: %s", endpoint, re.ErrorCode)
		if re.ErrorDescription != "" {
			msg += ": " + re.ErrorDescription
		}
		return errors.New(msg)
	}
	return fmt.Errorf("OAuth refresh-token grant at %s failed: %w", endpoint, err)
}

// connectWithRefreshToken logs a new pooled connection in with a current access token. Snowflake
// only checks the access token at login; the session then lives on its own session tokens.
func (c *sfConnector) connectWithRefreshToken(ctx context.Context) (driver.Conn, error) {
	conn, err := c.connectWithToken(ctx, false)
	var se *gosnowflake.SnowflakeError
	if errors.As(err, &se) && (se.Number == codeInvalidOAuthToken || se.Number == codeExpiredOAuthToken) {
		// Revoked or expired early: one retry with a freshly granted token.
		conn, err = c.connectWithToken(ctx, true)
	}
	return conn, err
}

func (c *sfConnector) connectWithToken(ctx context.Context, force bool) (driver.Conn, error) {
	token, err := c.tokens.accessToken(ctx, force)
	if err != nil {
		return nil, err
	}
	return c.open(ctx, token)
}
