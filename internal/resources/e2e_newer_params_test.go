package resources_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest/oauthclient"
)

// e2eNewer is a custom client with the three newer parameters an app can observe, plus the secrets
// data source the app's client reads.
func e2eNewer(name, mode string, on bool) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "app" {
  name                        = %q
  oauth_client_type           = "CONFIDENTIAL"
  oauth_redirect_uri          = "https://app.example.com/cb"
  oauth_any_role_mode         = %q
  oauth_enable_role_selection = %t
  is_agentic                  = %t
}

data "snowflakeoauth_client_secrets" "app" {
  integration_name = snowflakeoauth_custom_client_integration.app.name
}
`, name, mode, on, on)
}

// newerFlow is an app signing in through the integration Terraform manages, as user <name>_JANE who
// holds <name>_ANALYST (default) and <name>_REPORTER.
type newerFlow struct {
	tg                    *acctest.Target
	user, analyst, report string
}

func (f newerFlow) client(s *terraform.State) (acctest.OAuthClient, error) {
	rs, ok := s.RootModule().Resources["data.snowflakeoauth_client_secrets.app"]
	if !ok {
		return acctest.OAuthClient{}, fmt.Errorf("client secrets data source not in state")
	}
	a := rs.Primary.Attributes
	return acctest.OAuthClient{AccountURL: f.tg.Emulator.URL(), ClientID: a["oauth_client_id"],
		ClientSecret: a["oauth_client_secret"], RedirectURI: "https://app.example.com/cb"}, nil
}

// session runs the code flow for scope (ticking roles on a role-selection page) and opens a driver
// session with the access token; it returns the session and the granted scope.
func (f newerFlow) session(c acctest.OAuthClient, scope string, roles []string) (acctest.TokenConn, string, error) {
	ar, err := c.AuthorizeLogin(oauthclient.Login{User: f.user, Password: "jane-Pw-1", Scope: scope, Consent: true, Roles: roles})
	if err != nil || ar.Code == "" {
		return acctest.TokenConn{}, "", fmt.Errorf("authorize %q: %+v, %v", scope, ar, err)
	}
	tok, err := c.ExchangeCode(ar.Code, ar.Verifier)
	if err != nil || tok.AccessToken == "" {
		return acctest.TokenConn{}, "", fmt.Errorf("exchange: %+v, %v", tok, err)
	}
	conn, err := f.tg.TokenSession(f.user, tok.AccessToken)
	return conn, tok.Scope, err
}

// query returns the single value of q in conn, or the error text.
func query(conn acctest.TokenConn, q string) string {
	var v string
	if err := conn.QueryRowContext(context.Background(), q).Scan(&v); err != nil {
		return "error: " + err.Error()
	}
	return v
}

// enabled checks what an app sees with ENABLE, role selection and IS_AGENTIC on: session:role-any is
// granted and the session switches to any role the user holds; a scope without a role gets the
// role-selection consent page offering the user's roles; sessions are agent sessions.
func (f newerFlow) enabled(s *terraform.State) error {
	c, err := f.client(s)
	if err != nil {
		return err
	}
	conn, scope, err := f.session(c, "session:role-any session:role:"+f.report, nil)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	if !strings.Contains(scope, "session:role-any") {
		return fmt.Errorf("granted scope %q lacks session:role-any", scope)
	}
	if r := query(conn, "SELECT CURRENT_ROLE()"); r != f.report {
		return fmt.Errorf("session starts in %s, want %s", r, f.report)
	}
	if _, err := conn.ExecContext(context.Background(), "USE ROLE "+f.analyst); err != nil {
		return fmt.Errorf("USE ROLE %s with session:role-any: %w", f.analyst, err)
	}
	if a := query(conn, "SELECT IS_AGENT_ACTIVATED()"); a != "true" && a != "1" {
		return fmt.Errorf("IS_AGENT_ACTIVATED() = %s in a session of an IS_AGENTIC integration", a)
	}
	ar, err := c.Authorize(f.user, "jane-Pw-1", "refresh_token", false)
	want := []string{"PUBLIC", f.analyst, f.report}
	if err != nil || !ar.ConsentPage || !slices.Equal(ar.ConsentRoles, want) {
		return fmt.Errorf("role selection consent: %+v, %v; want the roles %v offered", ar, err, want)
	}
	return nil
}

// disabled checks the same app after Terraform switched the three parameters off in place:
// session:role-any is refused before sign-in (390308), a scope without a role gets no role choice,
// and sessions are not agent sessions.
func (f newerFlow) disabled(s *terraform.State) error {
	c, err := f.client(s)
	if err != nil {
		return err
	}
	ar, err := c.Authorize(f.user, "jane-Pw-1", "session:role-any", true)
	if err != nil || ar.ErrorCode != "390308" {
		return fmt.Errorf("session:role-any with DISABLE: %+v, %v; want 390308", ar, err)
	}
	conn, _, err := f.session(c, "session:role:"+f.analyst, nil)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	if a := query(conn, "SELECT IS_AGENT_ACTIVATED()"); a != "false" && a != "0" {
		return fmt.Errorf("IS_AGENT_ACTIVATED() = %s after is_agentic = false", a)
	}
	ar, err = c.Authorize(f.user, "jane-Pw-1", "refresh_token", false)
	if err != nil || len(ar.ConsentRoles) > 1 {
		return fmt.Errorf("consent without role selection: %+v, %v; want no role choice", ar, err)
	}
	return nil
}

// TestAccEndToEndNewerParameters proves, through the Terraform CLI and a real OAuth client, that the
// newer custom-client attributes do what Snowflake documents for the apps behind the integration:
// oauth_any_role_mode (session:role-any), oauth_enable_role_selection (roles chosen at consent) and
// is_agentic (agent sessions), turned on at create and off again in place.
// use_privatelink_for_authorization_endpoint only changes which network the user's browser reaches the
// authorization server over, which nothing outside Snowflake's network can observe; its create, drift
// and import are covered by TestAccCustomClientIntegration_newerParameters.
func TestAccEndToEndNewerParameters(t *testing.T) {
	tg := acctest.Get(t)
	if !tg.IsEmulator() {
		t.Skip("drives the emulator's OAuth login form; a real account needs a browser")
	}
	name := acctest.RandomName("E2ENEW")
	f := newerFlow{tg: tg, user: name + "_JANE", analyst: name + "_ANALYST", report: name + "_REPORTER"}
	tg.CreateUser(t, f.user, "jane-Pw-1", f.analyst, f.report)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: e2eNewer(name, "ENABLE", true), Check: f.enabled},
			{
				Config: e2eNewer(name, "DISABLE", false), Check: f.disabled,
				ConfigPlanChecks: acctest.ExpectUpdate("snowflakeoauth_custom_client_integration.app"),
			},
		},
	})
}
