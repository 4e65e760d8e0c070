package acctest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest/oauthclient"
)

// OAuthClient, AuthorizeResult and TokenResponse are the OAuth client of package oauthclient.
type (
	OAuthClient     = oauthclient.Client
	AuthorizeResult = oauthclient.AuthorizeResult
	TokenResponse   = oauthclient.TokenResponse
)

// LoginWithToken opens a gosnowflake session with AUTHENTICATOR=OAUTH and returns CURRENT_USER() and
// CURRENT_ROLE(), proving the token logs in as whom and with what role.
func (tg *Target) LoginWithToken(user, token string) (gotUser, gotRole string, err error) {
	conn, err := tg.TokenSession(user, token)
	if err != nil {
		return "", "", err
	}
	defer func() { _ = conn.Close() }()
	err = conn.QueryRowContext(context.Background(), "SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&gotUser, &gotRole)
	return gotUser, gotRole, err
}

// TokenConn is one driver session opened with an OAuth access token.
type TokenConn struct {
	*sql.Conn
	db *sql.DB
}

// Close ends the session and its connection pool.
func (c TokenConn) Close() error {
	err := c.Conn.Close()
	if cerr := c.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// TokenSession logs in through gosnowflake with AUTHENTICATOR=OAUTH and returns that one session, so a
// test can run statements in it (USE ROLE, IS_AGENT_ACTIVATED()). Close it when done.
func (tg *Target) TokenSession(user, token string) (TokenConn, error) {
	if tg.Emulator == nil {
		return TokenConn{}, fmt.Errorf("token login needs the emulator")
	}
	cfg := driverConfig(tg.Emulator, user, "")
	cfg.Authenticator = sf.AuthTypeOAuth
	cfg.Token = token
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	conn, err := db.Conn(context.Background())
	if err != nil {
		_ = db.Close()
		return TokenConn{}, err
	}
	return TokenConn{Conn: conn, db: db}, nil
}

// OAuthClientFor is an OAuth client of the integration whose stored name is exact, with the ID and
// first secret Snowflake reports for it (read out of band), talking to the emulator.
func (tg *Target) OAuthClientFor(t testing.TB, exact, redirectURI string) OAuthClient {
	t.Helper()
	s := tg.ShowClientSecrets(t, exact)
	return OAuthClient{AccountURL: tg.Emulator.URL(), ClientID: s.ID, ClientSecret: s.Secret, RedirectURI: redirectURI}
}
