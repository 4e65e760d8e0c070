package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest/oauthclient"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// SNOWFLAKE$LOCAL_APPLICATION exists once per account, so every test here uses resource.Test, never
// ParallelTest: Go runs no parallel test beside a sequential one, and no other test touches it.

const laAddr = "snowflakeoauth_local_application_integration.test"

// laConfig is the resource with body as its attributes (plus extra blocks after it).
func laConfig(body string, extra ...string) string {
	return fmt.Sprintf("resource \"snowflakeoauth_local_application_integration\" \"test\" {\n%s\n}\n%s", body, strings.Join(extra, "\n"))
}

// laDefaults are Snowflake's documented defaults, as DESCRIBE shows them.
var laDefaults = map[string]string{
	"ENABLED": "true", "OAUTH_ISSUE_REFRESH_TOKENS": "true", "OAUTH_ACCESS_TOKEN_VALIDITY": "600",
	"OAUTH_REFRESH_TOKEN_VALIDITY": "7776000", "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "false",
}

// laExpectDescribe checks raw DESCRIBE rows (not the provider's parser) against want.
func laExpectDescribe(tg *acctest.Target, want map[string]string) acctest.CheckFunc {
	return func() error {
		got, err := tg.Properties(`DESCRIBE SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION"`)
		if err != nil {
			return err
		}
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("DESCRIBE %s = %q, want %q (all rows: %v)", k, got[k], v, got)
			}
		}
		return nil
	}
}

// laState checks the five settings in state.
func laState(enabled, issue bool, refresh, access int64, single bool) []statecheck.StateCheck {
	v := func(attr string, k knownvalue.Check) statecheck.StateCheck {
		return acctest.KnownValue(laAddr, attr, k)
	}
	return []statecheck.StateCheck{
		v("id", knownvalue.StringExact("SNOWFLAKE$LOCAL_APPLICATION")),
		v("enabled", knownvalue.Bool(enabled)),
		v("oauth_issue_refresh_tokens", knownvalue.Bool(issue)),
		v("oauth_refresh_token_validity", knownvalue.Int64Exact(refresh)),
		v("oauth_access_token_validity", knownvalue.Int64Exact(access)),
		v("oauth_single_use_refresh_tokens_required", knownvalue.Bool(single)),
	}
}

// laRestore puts the integration back to Snowflake's defaults after a test, whatever happened.
func laRestore(t *testing.T, tg *acctest.Target) {
	tg.Cleanup(t, `ALTER SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION" SET ENABLED = TRUE, `+
		`OAUTH_ISSUE_REFRESH_TOKENS = TRUE, OAUTH_ACCESS_TOKEN_VALIDITY = 600, OAUTH_REFRESH_TOKEN_VALIDITY = 7776000, `+
		`OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = FALSE`)
}

// laPrivateAccount starts an emulator of its own (the built-in integration and the opt-out are
// account-wide, and the shared emulator serves the other tests) and returns its provider block.
func laPrivateAccount(t *testing.T, reason string) (*emulator.Server, string) {
	t.Helper()
	acctest.EmulatorOnly(t, reason)
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, srv.ProviderBlock()
}

// TestAccLocalApplicationIntegration_lifecycle: adopt with settings, update in place, import (only the
// built-in name, in any spelling), drift out of band planned back, removal of attributes restores
// their defaults, and destroy restores Snowflake's defaults (checked with raw DESCRIBE rows).
func TestAccLocalApplicationIntegration_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	laRestore(t, tg)
	first := laConfig(`
  oauth_issue_refresh_tokens               = false
  oauth_access_token_validity              = 900
  oauth_single_use_refresh_tokens_required = true
`)
	second := laConfig(`
  enabled                                  = false
  oauth_issue_refresh_tokens               = true
  oauth_access_token_validity              = 1800
  oauth_refresh_token_validity             = 86400
  oauth_single_use_refresh_tokens_required = true
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             laExpectDescribe(tg, laDefaults).AsTestCheck(),
		Steps: []resource.TestStep{
			{
				// Adopting manages every setting: the refresh validity someone set by hand (not in the
				// configuration) goes back to Snowflake's default, as the plan shows.
				PreConfig:        tg.ExecFunc(t, `ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET OAUTH_REFRESH_TOKEN_VALIDITY = 86400`),
				Config:           first,
				ConfigPlanChecks: acctest.ExpectCreate(laAddr),
				ConfigStateChecks: append(laState(true, false, 7776000, 900, true), acctest.KnownValue(laAddr, "network_policy", knownvalue.StringExact("")),
					laExpectDescribe(tg, map[string]string{"ENABLED": "true", "OAUTH_ISSUE_REFRESH_TOKENS": "false",
						"OAUTH_ACCESS_TOKEN_VALIDITY": "900", "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "true", "OAUTH_REFRESH_TOKEN_VALIDITY": "7776000"})),
			},
			{
				Config:           second,
				ConfigPlanChecks: acctest.ExpectUpdate(laAddr),
				ConfigStateChecks: append(laState(false, true, 86400, 1800, true),
					laExpectDescribe(tg, map[string]string{"ENABLED": "false", "OAUTH_ISSUE_REFRESH_TOKENS": "true",
						"OAUTH_ACCESS_TOKEN_VALIDITY": "1800", "OAUTH_REFRESH_TOKEN_VALIDITY": "86400"})),
			},
			{Config: second, ResourceName: laAddr, ImportState: true, ImportStateId: "MY_APP",
				ExpectError: regexp.MustCompile(`(?s)manages only the built-in\s+integration.*SNOWFLAKE\$LOCAL_APPLICATION`)},
			{Config: second, ResourceName: laAddr, ImportState: true, ImportStateId: "snowflake$local_application", ImportStateVerify: true},
			{
				// Drift made out of band shows in the plan and is set back.
				PreConfig: tg.ExecFunc(t, `ALTER SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION SET OAUTH_ACCESS_TOKEN_VALIDITY = 3600, ENABLED = TRUE`),
				Config:    second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(laAddr, plancheck.ResourceActionUpdate),
					acctest.PlannedValue(laAddr, "oauth_access_token_validity", knownvalue.Int64Exact(1800)),
					acctest.PlannedValue(laAddr, "enabled", knownvalue.Bool(false)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					laExpectDescribe(tg, map[string]string{"ENABLED": "false", "OAUTH_ACCESS_TOKEN_VALIDITY": "1800"})},
			},
			{
				// Attributes removed from the configuration go back to Snowflake's defaults.
				Config:           laConfig(`  enabled = false`),
				ConfigPlanChecks: acctest.ExpectUpdate(laAddr),
				ConfigStateChecks: append(laState(false, true, 7776000, 600, false),
					laExpectDescribe(tg, map[string]string{"ENABLED": "false", "OAUTH_ACCESS_TOKEN_VALIDITY": "600",
						"OAUTH_REFRESH_TOKEN_VALIDITY": "7776000", "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "false"})),
			},
			// The destroy that ends the test sets ENABLED back to TRUE (CheckDestroy).
		},
	})
}

// TestAccLocalApplicationIntegration_badInput: plan-time errors name the attribute.
func TestAccLocalApplicationIntegration_badInput(t *testing.T) {
	acctest.Get(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: laConfig(`  oauth_access_token_validity = 30`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)oauth_access_token_validity.*between 60 and\s+3600`)},
			{Config: laConfig(`  oauth_refresh_token_validity = 100`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)oauth_refresh_token_validity.*between 3600 and\s+157784630`)},
			{Config: laConfig(`  comment = "not a setting of this integration"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Unsupported argument.*comment`)},
		},
	})
}

// TestAccLocalApplicationIntegration_missing: an account the BCR-2056 rollout has not reached has no
// built-in integration; adopting it fails with an error that names it and says what to do. The
// emulator is a private one.
func TestAccLocalApplicationIntegration_missing(t *testing.T) {
	srv, provider := laPrivateAccount(t, "needs an account without the built-in integration")
	srv.Engine().RemoveLocalApplication()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: provider + laConfig(`  oauth_access_token_validity = 900`),
			ExpectError: regexp.MustCompile(`(?s)SNOWFLAKE\$LOCAL_APPLICATION not found.*002003.*BCR-2056.*` +
				`snowflakeoauth_custom_client_integration.*SECURITYADMIN`),
		}},
	})
}

// TestAccLocalApplicationIntegration_cost: adopt is one DESCRIBE and one ALTER ... SET, a read one
// DESCRIBE, an update one ALTER, an import one DESCRIBE, and destroy one DESCRIBE and one ALTER (no
// DROP, no CREATE, no SHOW). Counted like TestAccCustomClientIntegration_cost, from the emulator's statement log (so
// this test runs no out-of-band SQL: it would be counted; the lifecycle test checks what destroy does).
func TestAccLocalApplicationIntegration_cost(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "statement counts come from the emulator's statement log")
	laRestore(t, tg)
	l := &ccCostLog{t: t, tg: tg, admin: tg.Emulator.AdminUser()}
	// No window has a CREATE or a DROP.
	check := func(what string, alterSet, describe int) []statecheck.StateCheck {
		return []statecheck.StateCheck{acctest.CheckFunc(func() error { return l.expect(what, l.take(), 0, alterSet, 0, describe) })}
	}
	tail := func(what string) func() {
		return func() {
			if err := l.expect(what, l.take(), 0, 0, 0, 1); err != nil {
				t.Error(err)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{PreConfig: tg.ResetStatements, Config: laConfig(`  oauth_access_token_validity = 1200`),
				ConfigStateChecks: check("adopt (plan + apply)", 1, 1)},
			{PreConfig: tail("adopt step, refreshing plan after apply"),
				Config:            laConfig("  oauth_access_token_validity = 1200\n  oauth_issue_refresh_tokens = false"),
				ConfigStateChecks: check("update (plan + apply)", 1, 1)},
			{PreConfig: tail("update step, refreshing plan after apply"),
				ResourceName: laAddr, ImportState: true, ImportStateId: "SNOWFLAKE$LOCAL_APPLICATION", ImportStateVerify: true},
			{PreConfig: tail("import step"), Config: "locals {\n  removed = true\n}\n",
				ConfigStateChecks: check("destroy (plan + apply)", 1, 2)},
		},
	})
	if err := l.expect("destroy step tail and final destroy", l.take(), 0, 0, 0, 0); err != nil {
		t.Error(err)
	}
}

// TestAccLocalApplicationIntegration_oauthFlow proves the settings matter: a local client signing in
// through the built-in integration (client id LOCAL_APPLICATION, loopback redirect, PKCE) gets no
// refresh token while oauth_issue_refresh_tokens = false, gets one once it is true, and access tokens
// live oauth_access_token_validity seconds; a disabled integration signs nobody in.
func TestAccLocalApplicationIntegration_oauthFlow(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "drives the emulator's OAuth login form; a real account needs a browser")
	laRestore(t, tg)
	name := acctest.RandomName("LAFLOW")
	user, role, pw := name+"_JANE", name+"_ANALYST", "jane-Pw-1"
	tg.CreateUser(t, user, pw, role)
	local := acctest.OAuthClient{AccountURL: tg.Emulator.URL(), ClientID: "LOCAL_APPLICATION", ClientSecret: "LOCAL_APPLICATION",
		RedirectURI: "http://127.0.0.1:54321"}
	signIn := func(wantRefresh bool, wantExpiry int64) []statecheck.StateCheck {
		return []statecheck.StateCheck{acctest.CheckFunc(func() error {
			ar, err := local.AuthorizeLogin(oauthclient.Login{User: user, Password: pw, Scope: "refresh_token session:role:" + role, Consent: true})
			if err != nil || ar.Code == "" {
				return fmt.Errorf("authorize: %+v, %v", ar, err)
			}
			tok, err := local.ExchangeCode(ar.Code, ar.Verifier)
			switch {
			case err != nil || tok.AccessToken == "":
				return fmt.Errorf("token: %+v, %v", tok, err)
			case (tok.RefreshToken != "") != wantRefresh:
				return fmt.Errorf("refresh token %q, want one: %v", tok.RefreshToken, wantRefresh)
			case tok.ExpiresIn != wantExpiry:
				return fmt.Errorf("expires_in %d, want %d", tok.ExpiresIn, wantExpiry)
			}
			gotUser, gotRole, err := tg.LoginWithToken(user, tok.AccessToken)
			if err != nil || gotUser != user || gotRole != role {
				return fmt.Errorf("login with the access token: %s %s %v", gotUser, gotRole, err)
			}
			return nil
		})}
	}
	refused := acctest.CheckFunc(func() error {
		ar, err := local.AuthorizeLogin(oauthclient.Login{User: user, Password: pw, Consent: true})
		if err == nil && ar.Code != "" {
			if tok, err := local.ExchangeCode(ar.Code, ar.Verifier); err == nil && tok.AccessToken != "" {
				return fmt.Errorf("a disabled integration issued a token")
			}
		}
		return nil
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: laConfig("  oauth_issue_refresh_tokens = false\n  oauth_access_token_validity = 900"), ConfigStateChecks: signIn(false, 900)},
			{Config: laConfig("  oauth_issue_refresh_tokens = true\n  oauth_access_token_validity = 120"), ConfigStateChecks: signIn(true, 120)},
			{Config: laConfig("  enabled = false"), ConfigStateChecks: []statecheck.StateCheck{refused}},
		},
	})
}

// TestAccLocalApplicationIntegration_networkPolicy: snowflakeoauth_integration_network_policy binds a
// policy to the built-in integration (its name has a `$`, written here in lower case), this resource
// shows it read-only and never unsets it, and destroying the binding detaches the policy.
func TestAccLocalApplicationIntegration_networkPolicy(t *testing.T) {
	tg := acctest.Get(t)
	laRestore(t, tg)
	np := acctest.RandomName("LANP")
	t.Cleanup(func() {
		_, _ = tg.DB.Exec(`ALTER SECURITY INTEGRATION "SNOWFLAKE$LOCAL_APPLICATION" UNSET NETWORK_POLICY`)
	})
	policy := fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "p" {
  name            = %q
  allowed_ip_list = ["10.0.0.0/8", "127.0.0.1"]
}

resource "snowflakeoauth_integration_network_policy" "b" {
  integration_name    = "snowflake$local_application"
  network_policy_name = snowflakeoauth_network_policy.p.name
}
`, np)
	withBinding := laConfig(`  oauth_access_token_validity = 900`, policy)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             laExpectDescribe(tg, map[string]string{"NETWORK_POLICY": "", "OAUTH_ACCESS_TOKEN_VALIDITY": "600"}).AsTestCheck(),
		Steps: []resource.TestStep{
			{Config: withBinding, ConfigStateChecks: []statecheck.StateCheck{
				laExpectDescribe(tg, map[string]string{"NETWORK_POLICY": np, "OAUTH_ACCESS_TOKEN_VALIDITY": "900"})}},
			{
				// After a refresh the settings resource shows the policy, and changing a setting leaves it bound.
				Config: strings.Replace(withBinding, "= 900", "= 1000", 1),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(laAddr, "network_policy", knownvalue.StringExact(np)),
					acctest.KnownValue("snowflakeoauth_integration_network_policy.b", "id", knownvalue.StringExact("SNOWFLAKE$LOCAL_APPLICATION")),
					laExpectDescribe(tg, map[string]string{"NETWORK_POLICY": np, "OAUTH_ACCESS_TOKEN_VALIDITY": "1000"}),
				},
			},
			{
				// Destroying only the binding detaches the policy from the built-in integration.
				Config: laConfig(`  oauth_access_token_validity = 1000`, fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "p" {
  name            = %q
  allowed_ip_list = ["10.0.0.0/8", "127.0.0.1"]
}
`, np)),
				ConfigStateChecks: []statecheck.StateCheck{laExpectDescribe(tg, map[string]string{"NETWORK_POLICY": ""})},
			},
		},
	})
}

// TestAccLocalApplicationIntegration_generateConfig: `terraform plan -generate-config-out` with an
// import block writes a configuration for the built-in integration that plans no change.
func TestAccLocalApplicationIntegration_generateConfig(t *testing.T) {
	tg := acctest.Get(t)
	laRestore(t, tg)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: laConfig("  oauth_access_token_validity = 700\n  oauth_single_use_refresh_tokens_required = true")},
			{ResourceName: laAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: "SNOWFLAKE$LOCAL_APPLICATION", GenerateConfig: true},
		},
	})
}

// TestAccLocalApplicationIntegration_optedOut: on an account that opted out
// (DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION = TRUE) the integration can only be disabled. A
// configuration that leaves enabled at its default gets Snowflake's error with the way out; one with
// enabled = false applies, and destroy restores the other settings without trying to enable it.
func TestAccLocalApplicationIntegration_optedOut(t *testing.T) {
	srv, provider := laPrivateAccount(t, "opting a real account out of the built-in integration is not a test's business")
	admin := &engine.Session{ID: 1, User: srv.AdminUser(), Role: "ACCOUNTADMIN"}
	if _, err := srv.Engine().Exec(admin, "ALTER ACCOUNT SET DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION = TRUE", nil); err != nil {
		t.Fatal(err)
	}
	props := func(want map[string]string) acctest.CheckFunc {
		return func() error {
			in, ok := srv.Engine().IntegrationByClientID("LOCAL_APPLICATION")
			if !ok {
				return fmt.Errorf("no SNOWFLAKE$LOCAL_APPLICATION")
			}
			for k, v := range want {
				if in.Props[k] != v {
					return fmt.Errorf("%s = %q, want %q", k, in.Props[k], v)
				}
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             props(map[string]string{"ENABLED": "false", "OAUTH_ACCESS_TOKEN_VALIDITY": "600"}).AsTestCheck(),
		Steps: []resource.TestStep{
			{Config: provider + laConfig(`  oauth_access_token_validity = 900`),
				ExpectError: regexp.MustCompile(`(?s)001422.*opted out.*set\s+enabled\s+=\s+false`)},
			{Config: provider + laConfig("  enabled = false\n  oauth_access_token_validity = 900"),
				ConfigStateChecks: append(laState(false, true, 7776000, 900, false),
					props(map[string]string{"ENABLED": "false", "OAUTH_ACCESS_TOKEN_VALIDITY": "900"}))},
		},
	})
}

// TestAccLocalApplicationIntegration_olderAccount: on an account whose DESCRIBE has no row for a
// setting (one that predates OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED), adopting with that setting
// left out never names it, refreshes show no drift, and configuring it gets Snowflake's error.
func TestAccLocalApplicationIntegration_olderAccount(t *testing.T) {
	srv, provider := laPrivateAccount(t, "needs an account that predates a property")
	srv.Engine().SetUnknownIntegrationProperties("OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: provider + laConfig(`  oauth_access_token_validity = 900`),
				ConfigStateChecks: laState(true, true, 7776000, 900, false)},
			{Config: provider + laConfig(`  oauth_access_token_validity = 900`), PlanOnly: true},
			{Config: provider + laConfig("  oauth_access_token_validity = 900\n  oauth_single_use_refresh_tokens_required = true"),
				ExpectError: regexp.MustCompile(`(?s)001003.*OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED`)},
		},
	})
}
