package acctest

import (
	"database/sql"
	"fmt"

	sf "github.com/snowflakedb/gosnowflake"

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
	if tg.Emulator == nil {
		return "", "", fmt.Errorf("token login needs the emulator")
	}
	cfg := tg.Emulator.DriverConfig(user, "")
	cfg.Password = ""
	cfg.Authenticator = sf.AuthTypeOAuth
	cfg.Token = token
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, *cfg))
	defer func() { _ = db.Close() }()
	err = db.QueryRow("SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&gotUser, &gotRole)
	return gotUser, gotRole, err
}
