package resources_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// TestAccEndToEndOAuth proves that what Terraform applies works for the apps behind it: a real OAuth
// client completes the code flow with PKCE using the secrets the data source read, logs in to
// Snowflake with the access token and the consented role, refreshes; and blocked roles, wrong redirect
// URIs, bad or rotated secrets, a removed delegated authorization and a policy that excludes the
// client each fail with Snowflake's error. A Tableau integration asks for consent every time.
func TestAccEndToEndOAuth(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "drives the emulator's OAuth login form; a real account needs a browser")
	name := acctest.RandomName("E2E")
	user, role, pw := name+"_JANE", name+"_ANALYST", "jane-Pw-1"
	tg.CreateUser(t, user, pw, role)
	redirect := "https://notebook.example.com/cb"
	scope := "refresh_token session:role:" + role

	var firstAccess, firstSecret string
	client := func(s *terraform.State) (acctest.OAuthClient, error) {
		rs, ok := s.RootModule().Resources["data.snowflakeoauth_client_secrets.nb"]
		if !ok {
			return acctest.OAuthClient{}, fmt.Errorf("client secrets data source not in state")
		}
		a := rs.Primary.Attributes
		return acctest.OAuthClient{AccountURL: tg.Emulator.URL(), ClientID: a["oauth_client_id"], ClientSecret: a["oauth_client_secret"], RedirectURI: redirect}, nil
	}
	login := func(c acctest.OAuthClient, consent bool) (acctest.TokenResponse, error) {
		ar, err := c.Authorize(user, pw, scope, consent)
		if err != nil {
			return acctest.TokenResponse{}, err
		}
		if ar.Code == "" {
			return acctest.TokenResponse{}, fmt.Errorf("authorize gave no code: %+v", ar)
		}
		return c.ExchangeCode(ar.Code, ar.Verifier)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: e2eConfig(name, user, role, redirect, "127.0.0.1", true, false),
				Check: func(s *terraform.State) error {
					c, err := client(s)
					if err != nil {
						return err
					}
					// The delegated authorization skips consent.
					tok, err := login(c, false)
					if err != nil || tok.AccessToken == "" || tok.RefreshToken == "" {
						return fmt.Errorf("code flow: %+v, %v", tok, err)
					}
					gotUser, gotRole, err := tg.LoginWithToken(user, tok.AccessToken)
					if err != nil || gotUser != user || gotRole != role {
						return fmt.Errorf("token login as %s/%s: %v", gotUser, gotRole, err)
					}
					refreshed, err := c.Refresh(tok.RefreshToken)
					if err != nil || refreshed.AccessToken == "" {
						return fmt.Errorf("refresh: %+v, %v", refreshed, err)
					}
					if _, r, err := tg.LoginWithToken(user, refreshed.AccessToken); err != nil || r != role {
						return fmt.Errorf("login with the refreshed token: %s, %v", r, err)
					}
					firstAccess, firstSecret = tok.AccessToken, c.ClientSecret
					// A blocked (privileged) role cannot be consented to.
					adm, err := c.Authorize(tg.Emulator.AdminUser(), tg.Emulator.AdminPassword(), "session:role:ACCOUNTADMIN", true)
					if err != nil || adm.ErrorCode != "390308" {
						return fmt.Errorf("ACCOUNTADMIN scope: %+v, %v; want 390308", adm, err)
					}
					// A redirect URI that is not the integration's.
					wrong := c
					wrong.RedirectURI = "https://evil.example.com/cb"
					if ar, err := wrong.Authorize(user, pw, scope, true); err != nil || ar.ErrorCode != "390307" {
						return fmt.Errorf("wrong redirect: %+v, %v; want 390307", ar, err)
					}
					// A bad client secret.
					bad := c
					bad.ClientSecret = "not-the-secret"
					if tr, err := bad.Refresh(tok.RefreshToken); err != nil || tr.Error != "invalid_client" {
						return fmt.Errorf("bad secret: %+v, %v; want invalid_client", tr, err)
					}
					// Tableau (a partner application) asks for consent every time.
					tab := acctest.OAuthClient{AccountURL: tg.Emulator.URL(), ClientID: s.RootModule().Resources["snowflakeoauth_partner_integration.tableau"].Primary.Attributes["oauth_client_id"], RedirectURI: "http://localhost:55555/callback"}
					for i := 0; i < 2; i++ {
						ar, err := tab.Authorize(user, pw, "session:role:"+role, false)
						if err != nil || !ar.ConsentPage {
							return fmt.Errorf("tableau authorize #%d without consent: %+v, %v; want the consent page", i+1, ar, err)
						}
						if ar, err := tab.Authorize(user, pw, "session:role:"+role, true); err != nil || ar.Code == "" {
							return fmt.Errorf("tableau authorize #%d with consent: %+v, %v", i+1, ar, err)
						}
					}
					return nil
				},
			},
			{
				// Rotate the primary secret: the old one stops working, the new one works.
				Config: e2eConfig(name, user, role, redirect, "127.0.0.1", true, true),
				Check: func(s *terraform.State) error {
					sec := tg.ShowClientSecrets(t, name)
					if sec.Secret == firstSecret {
						return fmt.Errorf("the rotation did not change OAUTH_CLIENT_SECRET")
					}
					c, err := client(s)
					if err != nil {
						return err
					}
					c.ClientSecret = firstSecret
					ar, err := c.Authorize(user, pw, scope, false)
					if err != nil || ar.Code == "" {
						return fmt.Errorf("authorize: %+v, %v", ar, err)
					}
					if tr, err := c.ExchangeCode(ar.Code, ar.Verifier); err != nil || tr.Error != "invalid_client" {
						return fmt.Errorf("rotated secret: %+v, %v; want invalid_client", tr, err)
					}
					c.ClientSecret = sec.Secret
					if tok, err := login(c, false); err != nil || tok.AccessToken == "" {
						return fmt.Errorf("new secret: %+v, %v", tok, err)
					}
					return nil
				},
			},
			{
				// Remove the delegated authorization with terraform apply: its tokens die and consent is needed again.
				Config: e2eConfig(name, user, role, redirect, "127.0.0.1", false, true),
				Check: func(s *terraform.State) error {
					if _, _, err := tg.LoginWithToken(user, firstAccess); err == nil || !strings.Contains(err.Error(), "390303") {
						return fmt.Errorf("login with a revoked token: %v; want 390303", err)
					}
					c := tg.OAuthClientFor(t, name, redirect) // with the current secret
					if ar, err := c.Authorize(user, pw, scope, false); err != nil || !ar.ConsentPage {
						return fmt.Errorf("authorize after removal: %+v, %v; want the consent page", ar, err)
					}
					return nil
				},
			},
			{
				// A network policy that excludes the client's address: the token endpoint refuses it.
				Config: e2eConfig(name, user, role, redirect, "10.9.9.9", false, true),
				Check: func(s *terraform.State) error {
					c := tg.OAuthClientFor(t, name, redirect) // with the current secret
					ar, err := c.Authorize(user, pw, scope, true)
					if err != nil || ar.Code == "" {
						return fmt.Errorf("authorize: %+v, %v", ar, err)
					}
					if tr, err := c.ExchangeCode(ar.Code, ar.Verifier); err != nil || tr.Error != "invalid_client" {
						return fmt.Errorf("token request from an excluded address: %+v, %v; want invalid_client", tr, err)
					}
					return nil
				},
			},
		},
	})
}

func e2eConfig(name, user, role, redirect, allowedIP string, delegated, rotate bool) string {
	cfg := fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "nb" {
  name                         = %[1]q
  oauth_client_type            = "CONFIDENTIAL"
  oauth_redirect_uri           = %[4]q
  oauth_refresh_token_validity = 7776000
}

resource "snowflakeoauth_partner_integration" "tableau" {
  name         = "%[1]s_TABLEAU"
  oauth_client = "TABLEAU_DESKTOP"
}

resource "snowflakeoauth_network_policy" "nb" {
  name            = "%[1]s_NP"
  allowed_ip_list = [%[5]q]
}

resource "snowflakeoauth_integration_network_policy" "nb" {
  integration_name    = snowflakeoauth_custom_client_integration.nb.name
  network_policy_name = snowflakeoauth_network_policy.nb.name
}

data "snowflakeoauth_client_secrets" "nb" {
  integration_name = snowflakeoauth_custom_client_integration.nb.name
}
`, name, user, role, redirect, allowedIP)
	if delegated {
		cfg += fmt.Sprintf(`
resource "snowflakeoauth_delegated_authorization" "jane" {
  user_name        = %q
  role_name        = %q
  integration_name = snowflakeoauth_custom_client_integration.nb.name
}
`, user, role)
	}
	if rotate {
		cfg += `
resource "snowflakeoauth_client_secret_rotation" "primary" {
  integration_name  = snowflakeoauth_custom_client_integration.nb.name
  secret            = "OAUTH_CLIENT_SECRET"
  rotation_triggers = { when = "2026-11" }
}
`
	}
	return cfg
}
