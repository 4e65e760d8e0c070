package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// TestAccCustomClientIntegration_newerParameters covers OAUTH_ANY_ROLE_MODE,
// OAUTH_ENABLE_ROLE_SELECTION, IS_AGENTIC and USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT: create,
// drift, import, removal (back to Snowflake's defaults) and plan-time validation.
func TestAccCustomClientIntegration_newerParameters(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("CCNEW")
	all := ccConfig(name, "CONFIDENTIAL", `
  oauth_any_role_mode                        = "ENABLE_FOR_PRIVILEGE"
  oauth_enable_role_selection                = true
  is_agentic                                 = true
  use_privatelink_for_authorization_endpoint = true
`)
	// state checks the four attributes in state and, out of band, in DESCRIBE.
	state := func(mode string, on bool) []statecheck.StateCheck {
		return append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
			"oauth_any_role_mode": knownvalue.StringExact(mode), "oauth_enable_role_selection": knownvalue.Bool(on),
			"is_agentic": knownvalue.Bool(on), "use_privatelink_for_authorization_endpoint": knownvalue.Bool(on),
		}), tg.ExpectIntegration(`"`+name+`"`, map[string]string{
			"OAUTH_ANY_ROLE_MODE": mode, "OAUTH_ENABLE_ROLE_SELECTION": fmt.Sprint(on), "IS_AGENTIC": fmt.Sprint(on),
			"USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT": fmt.Sprint(on)}))
	}
	update := acctest.ExpectUpdate(ccAddr)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: ccConfig(name, "CONFIDENTIAL", `oauth_any_role_mode = "enable"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)oauth_any_role_mode.*must be one of`)},
			{Config: all, ConfigStateChecks: state("ENABLE_FOR_PRIVILEGE", true)},
			{Config: all, ResourceName: ccAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true},
			{ // drift made out of band is planned back
				PreConfig: tg.ExecFunc(t, `ALTER SECURITY INTEGRATION "`+name+`" SET IS_AGENTIC = FALSE, OAUTH_ANY_ROLE_MODE = DISABLE`),
				Config:    all, ConfigPlanChecks: update, ConfigStateChecks: state("ENABLE_FOR_PRIVILEGE", true),
			},
			{ // removal restores Snowflake's defaults
				Config: ccConfig(name, "CONFIDENTIAL", ""), ConfigPlanChecks: update, ConfigStateChecks: state("DISABLE", false),
			},
		},
	})
}

// olderAccount starts an emulator that behaves like an account predating the newer integration
// properties, and returns a provider block for it. The shared emulator cannot be used: the setting is
// account-wide and the other tests run in parallel.
func olderAccount(t *testing.T, unknown ...string) (*emulator.Server, string) {
	t.Helper()
	acctest.EmulatorOnly(t, "needs an account that predates some properties: only the emulator can pretend to be one")
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	srv.Engine().SetUnknownIntegrationProperties(unknown...)
	return srv, srv.ProviderBlock()
}

// The properties Snowflake added to OAuth integrations last; an older account knows none of them.
var newerProperties = []string{
	"OAUTH_ACCESS_TOKEN_VALIDITY", "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED", "OAUTH_ALTERNATE_REDIRECT_URIS",
	"OAUTH_ANY_ROLE_MODE", "OAUTH_ENABLE_ROLE_SELECTION", "IS_AGENTIC", "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT",
}

// TestAccCustomClientIntegration_olderAccount: on an account that does not know the newer properties,
// a configuration that does not use them creates, refreshes without drift (a missing DESCRIBE row is
// not read as 0 or false), updates and imports; one that uses them gets Snowflake's error.
func TestAccCustomClientIntegration_olderAccount(t *testing.T) {
	acctest.Get(t)
	srv, provider := olderAccount(t, newerProperties...)
	name := acctest.RandomName("CCOLD")
	cfg := func(extra string) string { return provider + ccConfig(name, "CONFIDENTIAL", extra) }
	creates := func() []string {
		var out []string
		for _, e := range srv.StatementLog() {
			if strings.HasPrefix(e.SQL, "CREATE SECURITY INTEGRATION") {
				out = append(out, e.SQL)
			}
		}
		return out
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg(""),
				ConfigStateChecks: append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"oauth_access_token_validity": knownvalue.Int64Exact(600), "is_agentic": knownvalue.Bool(false),
				}), acctest.CheckFunc(func() error {
					want := `CREATE SECURITY INTEGRATION "` + name + `" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' ` +
						`OAUTH_REDIRECT_URI = 'https://example.com/callback' ENABLED = TRUE`
					if got := creates(); len(got) != 1 || got[0] != want {
						return fmt.Errorf("CREATE statements:\n%q\nwant exactly:\n%q", got, want)
					}
					return nil
				})),
			},
			{Config: cfg(`comment = "old account"`), ConfigPlanChecks: acctest.ExpectUpdate(ccAddr)},
			{Config: cfg(`comment = "old account"`), ResourceName: ccAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true},
			{Config: cfg(`comment = "old account"
  oauth_access_token_validity = 900`), ExpectError: regexp.MustCompile(`001003`)},
		},
	})
}

// TestAccPartnerIntegration_olderAccount is the same promise for partner integrations.
func TestAccPartnerIntegration_olderAccount(t *testing.T) {
	acctest.Get(t)
	_, provider := olderAccount(t, newerProperties...)
	name := acctest.RandomName("PIOLD")
	cfg := provider + piConfig(name, "TABLEAU_SERVER", `comment = "old account"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigPlanChecks: acctest.ExpectEmptyPlanAfterRefresh(),
				ConfigStateChecks: acctest.KnownValues(piAddr, map[string]knownvalue.Check{
					"oauth_access_token_validity":              knownvalue.Int64Exact(600),
					"oauth_single_use_refresh_tokens_required": knownvalue.Bool(false),
				})},
			{Config: cfg, ResourceName: piAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true},
		},
	})
}
