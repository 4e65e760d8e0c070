package resources_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// TestAccProviderOAuthRefreshTokenLogin configures the provider with an OAuth client and a refresh
// token obtained through the emulator's real OAuth server: the provider trades it for an access token
// itself, logs in as the token's user with the consented role, and reads.
func TestAccProviderOAuthRefreshTokenLogin(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "obtains the refresh token through the emulator's login form")
	name := acctest.RandomName("RTLOGIN")
	user, role, pw := name+"_USER", name+"_ROLE", "rt-Pw-1"
	for _, q := range []string{
		"CREATE ROLE " + role,
		"CREATE USER " + user + " PASSWORD = '" + pw + "' DEFAULT_ROLE = " + role,
		"GRANT ROLE " + role + " TO USER " + user,
		"CREATE SECURITY INTEGRATION " + name + " TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://terraform.example.com/cb'",
		"ALTER USER " + user + " ADD DELEGATED AUTHORIZATION OF ROLE " + role + " TO SECURITY INTEGRATION " + name,
	} {
		tg.Exec(t, q)
	}
	t.Cleanup(func() {
		_, _ = tg.DB.Exec("DROP SECURITY INTEGRATION IF EXISTS " + name)
		_, _ = tg.DB.Exec("DROP USER IF EXISTS " + user)
		_, _ = tg.DB.Exec("DROP ROLE IF EXISTS " + role)
	})
	var raw string
	if err := tg.DB.QueryRow("SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('" + name + "')").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	var sec map[string]string
	if err := json.Unmarshal([]byte(raw), &sec); err != nil {
		t.Fatal(err)
	}
	c := acctest.OAuthClient{AccountURL: tg.Emulator.URL(), ClientID: sec["OAUTH_CLIENT_ID"], ClientSecret: sec["OAUTH_CLIENT_SECRET"], RedirectURI: "https://terraform.example.com/cb"}
	ar, err := c.Authorize(user, pw, "refresh_token session:role:"+role, false)
	if err != nil || ar.Code == "" {
		t.Fatalf("authorize: %+v, %v", ar, err)
	}
	tok, err := c.ExchangeCode(ar.Code, ar.Verifier)
	if err != nil || tok.RefreshToken == "" {
		t.Fatalf("exchange: %+v, %v", tok, err)
	}
	// The harness exports the admin's password for every other test; this provider must not see it
	// (a password next to OAuth settings is a contradiction the provider reports). The test is not
	// parallel, so no other test runs while the variable is cleared.
	t.Setenv("SNOWFLAKE_PASSWORD", "")
	t.Setenv("SNOWFLAKE_USER", "")
	t.Setenv("SNOWFLAKE_ROLE", "")

	config := fmt.Sprintf(`
provider "snowflakeoauth" {
  user                = %q
  role                = %q
  authenticator       = "OAUTH"
  oauth_client_id     = %q
  oauth_client_secret = %q
  oauth_refresh_token = %q
}

data "snowflakeoauth_delegated_authorizations" "mine" {
  user_name = %q
}
`, user, role, sec["OAUTH_CLIENT_ID"], sec["OAUTH_CLIENT_SECRET"], tok.RefreshToken, user)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.snowflakeoauth_delegated_authorizations.mine", "authorizations.#", "1"),
				resource.TestCheckResourceAttr("data.snowflakeoauth_delegated_authorizations.mine", "authorizations.0.role_name", role),
				func(*terraform.State) error {
					// The read ran in a session of the token's user and role, not the admin's.
					n := tg.Emulator.CountStatements(func(e emulator.Entry) bool { return e.User == user && e.Role == role && e.OK })
					if n == 0 {
						return fmt.Errorf("no statement ran as %s/%s", user, role)
					}
					return nil
				},
			),
		}},
	})
}
