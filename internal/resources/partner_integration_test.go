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
)

const piAddr = "snowflakeoauth_partner_integration.test"

func piConfig(name, client, extra string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_partner_integration" "test" {
  name         = %q
  oauth_client = %q
  %s
}
`, name, client, extra)
}

func TestAccPartnerIntegration_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("PI")
	lower := strings.ToLower(name)
	r1, r2 := ccRoles(t, tg, "PI")
	full := piConfig(lower, "TABLEAU_DESKTOP", fmt.Sprintf(`
  enabled                                  = false
  oauth_issue_refresh_tokens               = false
  oauth_refresh_token_validity             = 7200
  oauth_access_token_validity              = 900
  oauth_single_use_refresh_tokens_required = true
  allowed_roles_list                       = [lower(%q)]
  blocked_roles_list                       = [%q]
  comment                                  = "tableau"
`, r1, r2))
	describe := func(want map[string]string) statecheck.StateCheck { return tg.ExpectIntegration(`"`+name+`"`, want) }
	// keptID is added to every in-place step: the id never changes, the object is never replaced.
	keptID := acctest.KeptAcrossSteps(piAddr, "id")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: piConfig(lower, "TABLEAU_DESKTOP", ""),
				ConfigStateChecks: append(acctest.KnownValues(piAddr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(name),
					// Real accounts show 7776000 for Tableau Desktop too (FIDELITY.md).
					"oauth_refresh_token_validity": knownvalue.Int64Exact(7776000),
					"enabled":                      knownvalue.Bool(true),
					"oauth_client_id":              knownvalue.NotNull(),
				}), keptID(), describe(map[string]string{"OAUTH_REFRESH_TOKEN_VALIDITY": "7776000"})),
			},
			{
				Config: full, ConfigPlanChecks: acctest.ExpectUpdate(piAddr),
				ConfigStateChecks: []statecheck.StateCheck{keptID(), describe(map[string]string{
					"ENABLED": "false", "OAUTH_ISSUE_REFRESH_TOKENS": "false", "OAUTH_REFRESH_TOKEN_VALIDITY": "7200",
					"OAUTH_ACCESS_TOKEN_VALIDITY": "900", "ALLOWED_ROLES_LIST": r1, "COMMENT": "tableau"})},
			},
			{
				PreConfig: tg.ExecFunc(t, `ALTER SECURITY INTEGRATION "`+name+`" SET OAUTH_REFRESH_TOKEN_VALIDITY = 600`),
				Config:    full, PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{Config: full, ConfigPlanChecks: acctest.ExpectUpdate(piAddr),
				ConfigStateChecks: []statecheck.StateCheck{keptID(), describe(map[string]string{"OAUTH_REFRESH_TOKEN_VALIDITY": "7200"})}},
			{ResourceName: piAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"name", "allowed_roles_list"}}, // config spells them in lower case
			{ // removal restores defaults
				Config: piConfig(lower, "TABLEAU_DESKTOP", ""), ConfigPlanChecks: acctest.ExpectUpdate(piAddr),
				ConfigStateChecks: []statecheck.StateCheck{keptID(), describe(map[string]string{
					"ENABLED": "true", "OAUTH_ISSUE_REFRESH_TOKENS": "true", "OAUTH_REFRESH_TOKEN_VALIDITY": "7776000",
					"OAUTH_ACCESS_TOKEN_VALIDITY": "600", "ALLOWED_ROLES_LIST": "", "COMMENT": ""})},
			},
			{ // another client replaces; Looker takes a plain http:// redirect URI, as on real accounts
				Config:           piConfig(lower, "LOOKER", `oauth_redirect_uri = "http://looker.example.com/oauth/callback"`),
				ConfigPlanChecks: acctest.ExpectDestroyBeforeCreate(piAddr),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(piAddr, "oauth_refresh_token_validity", knownvalue.Int64Exact(7776000)),
					describe(map[string]string{"OAUTH_REDIRECT_URI": "http://looker.example.com/oauth/callback"})},
			},
			{
				PreConfig: tg.ExecFunc(t, `DROP SECURITY INTEGRATION "`+name+`"`),
				Config:    piConfig(lower, "LOOKER", `oauth_redirect_uri = "http://looker.example.com/oauth/callback"`),
				PlanOnly:  true, ExpectNonEmptyPlan: true,
			},
		},
	})
}

// A refresh costs one statement per partner integration (DESIGN.md: reads).
func TestAccPartnerIntegration_queryCount(t *testing.T) {
	expectOneReadPerRefresh(t, piConfig(acctest.RandomName("PIQC"), "TABLEAU_SERVER", ""))
}

func TestAccPartnerIntegration_validation(t *testing.T) {
	acctest.Get(t)
	for _, c := range []struct{ name, client, extra, err string }{
		{"Looker without redirect", "LOOKER", "", `required when oauth_client = "LOOKER"`},
		{"Tableau with redirect", "TABLEAU_SERVER", `oauth_redirect_uri = "https://x.example/cb"`, `only valid for oauth_client`},
		{"relative redirect", "LOOKER", `oauth_redirect_uri = "x.example/cb"`, `oauth_redirect_uri: "x.example/cb" is not an absolute URI`},
		{"Looker refresh validity", "LOOKER", `oauth_redirect_uri = "https://x.example/cb"
  oauth_refresh_token_validity = 3599`, `oauth_refresh_token_validity must be between 3600 and`},
		{"Tableau refresh validity", "TABLEAU_DESKTOP", `oauth_refresh_token_validity = 59`, `oauth_refresh_token_validity value must be between 60`},
		{"access validity", "TABLEAU_SERVER", `oauth_access_token_validity = 3601`, `oauth_access_token_validity`},
		{"unknown partner", "POWERBI", "", `oauth_client`},
	} {
		t.Run(c.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: piConfig("V", c.client, c.extra), PlanOnly: true, ExpectError: regexp.MustCompile(c.err)}},
			})
		})
	}
}
