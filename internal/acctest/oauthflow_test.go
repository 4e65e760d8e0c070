package acctest

import (
	"strings"
	"testing"
)

// TestOAuthFlowHelper checks the harness's OAuth client against the emulator without Terraform: a
// consented code flow logs in with the right role, and a wrong secret is refused.
func TestOAuthFlowHelper(t *testing.T) {
	tg := EmulatorOnly(t, "uses the emulator's OAuth server")
	name := RandomName("FLOW")
	for _, q := range []string{
		"CREATE ROLE IF NOT EXISTS FLOW_ANALYST",
		"CREATE USER IF NOT EXISTS FLOW_JANE PASSWORD = 'jane-pw' DEFAULT_ROLE = FLOW_ANALYST",
		"GRANT ROLE FLOW_ANALYST TO USER FLOW_JANE",
		"CREATE SECURITY INTEGRATION " + name + " TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'",
	} {
		tg.Exec(t, q)
	}
	t.Cleanup(func() { _, _ = tg.DB.Exec("DROP SECURITY INTEGRATION IF EXISTS " + name) })
	c := tg.OAuthClientFor(t, name, "https://app.example.com/cb")

	first, err := c.Authorize("FLOW_JANE", "jane-pw", "refresh_token session:role:FLOW_ANALYST", false)
	if err != nil || !first.ConsentPage {
		t.Fatalf("without consent: %+v, %v; want the consent page", first, err)
	}
	ar, err := c.Authorize("FLOW_JANE", "jane-pw", "refresh_token session:role:FLOW_ANALYST", true)
	if err != nil || ar.Code == "" {
		t.Fatalf("authorize: %+v, %v", ar, err)
	}
	tok, err := c.ExchangeCode(ar.Code, ar.Verifier)
	if err != nil || tok.AccessToken == "" || tok.RefreshToken == "" || tok.ExpiresIn != 600 {
		t.Fatalf("exchange: %+v, %v", tok, err)
	}
	user, role, err := tg.LoginWithToken("FLOW_JANE", tok.AccessToken)
	if err != nil || user != "FLOW_JANE" || role != "FLOW_ANALYST" {
		t.Fatalf("token login = %s/%s, %v", user, role, err)
	}
	bad := c
	bad.ClientSecret = "wrong"
	if tr, err := bad.Refresh(tok.RefreshToken); err != nil || tr.Status != 400 || tr.Error != "invalid_client" {
		t.Fatalf("wrong secret: %+v, %v", tr, err)
	}
	if _, _, err := tg.LoginWithToken("FLOW_JANE", "not-a-token"); err == nil || !strings.Contains(err.Error(), "390303") {
		t.Fatalf("bogus token login: %v", err)
	}
}
