package resources_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

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
	tg.CreateUser(t, user, pw, role)
	for _, q := range []string{
		"CREATE SECURITY INTEGRATION " + name + " TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://terraform.example.com/cb'",
		"ALTER USER " + user + " ADD DELEGATED AUTHORIZATION OF ROLE " + role + " TO SECURITY INTEGRATION " + name,
	} {
		tg.Exec(t, q)
	}
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+name)
	c := tg.OAuthClientFor(t, name, "https://terraform.example.com/cb")
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
`, user, role, c.ClientID, c.ClientSecret, tok.RefreshToken, user)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.KnownValue("data.snowflakeoauth_delegated_authorizations.mine", "authorizations",
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{"role_name": knownvalue.StringExact(role)})})),
				acctest.CheckFunc(func() error {
					// The read ran in a session of the token's user and role, not the admin's.
					n := tg.Emulator.CountStatements(func(e emulator.Entry) bool { return e.User == user && e.Role == role && e.OK })
					if n == 0 {
						return fmt.Errorf("no statement ran as %s/%s", user, role)
					}
					return nil
				}),
			},
		}},
	})
}
