// Command oauth-login-demo shows, at the end of `make demo`, that an integration created by Terraform
// works for the app behind it: it reads the integration's client id and secret as the admin (the
// SNOWFLAKE_* variables the emulator printed), runs the OAuth code flow with PKCE through the
// emulator's login form as a user, trades the code for tokens, and opens a Snowflake session with the
// access token, printing the user and role Snowflake sees.
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"

	sf "github.com/snowflakedb/gosnowflake"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest/oauthclient"
)

func main() {
	integration := flag.String("integration", "", "integration name as stored (e.g. NOTEBOOK_APP)")
	redirect := flag.String("redirect-uri", "", "the integration's redirect URI")
	role := flag.String("role", "", "role to ask for (session:role:<role>)")
	flag.Parse()
	if err := run(*integration, *redirect, *role); err != nil {
		fmt.Fprintln(os.Stderr, "oauth login failed:", err)
		os.Exit(1)
	}
}

func run(integration, redirect, role string) error {
	port, err := strconv.Atoi(os.Getenv("SNOWFLAKE_PORT"))
	if err != nil {
		return fmt.Errorf("SNOWFLAKE_PORT: %w", err)
	}
	base := sf.Config{
		Account: os.Getenv("SNOWFLAKE_ACCOUNT"), Host: os.Getenv("SNOWFLAKE_HOST"), Port: port,
		Protocol: os.Getenv("SNOWFLAKE_PROTOCOL"), DisableOCSPChecks: true, DisableTelemetry: true,
	}
	_ = sf.GetLogger().SetLogLevel("fatal")
	admin := base
	admin.User, admin.Password, admin.Role = os.Getenv("SNOWFLAKE_USER"), os.Getenv("SNOWFLAKE_PASSWORD"), os.Getenv("SNOWFLAKE_ROLE")
	db := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, admin))
	defer func() { _ = db.Close() }()
	var raw string
	if err := db.QueryRow("SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS(?)", integration).Scan(&raw); err != nil {
		return err
	}
	var secrets map[string]string
	if err := json.Unmarshal([]byte(raw), &secrets); err != nil {
		return err
	}
	c := oauthclient.Client{
		AccountURL: fmt.Sprintf("%s://%s:%d", base.Protocol, base.Host, base.Port), RedirectURI: redirect,
		ClientID: secrets["OAUTH_CLIENT_ID"], ClientSecret: secrets["OAUTH_CLIENT_SECRET"],
	}
	ar, err := c.Authorize(admin.User, admin.Password, "refresh_token session:role:"+role, false)
	if err != nil {
		return err
	}
	if ar.Code == "" {
		return fmt.Errorf("no authorization code (consent page: %v, error code: %s)", ar.ConsentPage, ar.ErrorCode)
	}
	fmt.Printf("authorize: signed in as %s, consent skipped (delegated authorization), got a code\n", admin.User)
	tok, err := c.ExchangeCode(ar.Code, ar.Verifier)
	if err != nil {
		return err
	}
	if tok.AccessToken == "" {
		return fmt.Errorf("token request refused: %s %s", tok.Error, tok.Message)
	}
	fmt.Printf("token-request: access token valid %d s, refresh token issued: %v\n", tok.ExpiresIn, tok.RefreshToken != "")
	oauth := base
	oauth.User, oauth.Authenticator, oauth.Token = admin.User, sf.AuthTypeOAuth, tok.AccessToken
	tdb := sql.OpenDB(sf.NewConnector(sf.SnowflakeDriver{}, oauth))
	defer func() { _ = tdb.Close() }()
	var user, current string
	if err := tdb.QueryRow("SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&user, &current); err != nil {
		return err
	}
	fmt.Printf("login with AUTHENTICATOR=OAUTH: CURRENT_USER()=%s CURRENT_ROLE()=%s\n", user, current)
	return nil
}
