package resources_test

// A name's spelling never replaces an object (issue 9, DESIGN.md identifier rule): import keeps the
// spelling given, a config that spells the same object differently is at most an in-place update
// that sends no statement.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// writesMentioning counts the logged statements that name the object and change something (not
// DESCRIBE, SHOW or SELECT). Against a real account it returns -1.
func writesMentioning(tg *acctest.Target, name string) int {
	if !tg.IsEmulator() {
		return -1
	}
	n := 0
	for _, e := range tg.Emulator.StatementLog() {
		sql := strings.ToUpper(strings.TrimSpace(e.SQL))
		if !strings.Contains(sql, strings.ToUpper(name)) {
			continue
		}
		if strings.HasPrefix(sql, "DESCRIBE") || strings.HasPrefix(sql, "SHOW") || strings.HasPrefix(sql, "SELECT") {
			continue
		}
		n++
	}
	return n
}

// noWrites returns a PreConfig that records the write count and a state check that it did not grow.
func noWrites(tg *acctest.Target, name string) (func(), statecheck.StateCheck) {
	before := -1
	return func() { before = writesMentioning(tg, name) }, acctest.CheckFunc(func() error {
		if after := writesMentioning(tg, name); after != before {
			return fmt.Errorf("a spelling change sent %d statements naming %s, want 0", after-before, name)
		}
		return nil
	})
}

// ccImportable is the configuration matching createCustomClient's integration.
func ccImportable(name string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "test" {
  name               = %q
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "https://example.com/cb"
}
`, name)
}

// An upper-case object imported with the configuration's lower-case spelling plans nothing, with an
// import block and with `terraform import`; imported with the upper-case spelling, the plan respells
// the name in place and the apply sends no statement.
func TestAccSpelling_importLowerCaseConfig(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("SPI")
	lower := strings.ToLower(name)
	createCustomClient(t, tg, name)
	before, unchanged := noWrites(tg, name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: ccImportable(lower), ResourceName: ccAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithID, ImportStateId: lower},
			{Config: ccImportable(lower), ResourceName: ccAddr, ImportState: true, ImportStateId: name,
				ImportStatePersist: true, ImportStateCheck: importKept(map[string]string{"name": name, "id": name})},
			{Config: ccImportable(lower), ResourceName: ccAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithID, ImportStateId: name, ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ccAddr, plancheck.ResourceActionUpdate)}}},
			{PreConfig: before, Config: ccImportable(lower), ConfigPlanChecks: acctest.ExpectUpdate(ccAddr),
				ConfigStateChecks: append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"name": knownvalue.StringExact(lower), "id": knownvalue.StringExact(name)}), unchanged)},
			{Config: ccImportable(lower), ConfigPlanChecks: acctest.ExpectNoChange(ccAddr)},
		},
	})
}

// A name that is not a plain identifier ("Legacy App ...") is imported as written and plans nothing,
// including through `terraform plan -generate-config-out`.
func TestAccSpelling_importExactName(t *testing.T) {
	tg := acctest.Get(t)
	name := "Legacy App " + strings.ToLower(acctest.RandomName("SPX"))
	createCustomClient(t, tg, `"`+name+`"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: "# the resource block is generated\n", ResourceName: ccAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithID, ImportStateId: name, GenerateConfig: true},
			{Config: ccImportable(name), ResourceName: ccAddr, ImportState: true, ImportStateId: name,
				ImportStatePersist: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					if len(s) != 1 || s[0].Attributes["name"] != name || s[0].Attributes["id"] != `"`+name+`"` {
						return fmt.Errorf("imported name/id = %q/%q, want %q/%q", s[0].Attributes["name"], s[0].Attributes["id"], name, `"`+name+`"`)
					}
					return nil
				}},
			{Config: ccImportable(name), ConfigPlanChecks: acctest.ExpectNoChange(ccAddr)},
		},
	})
}

// NOTEBOOK_APP -> notebook_app in configuration: an in-place update without a statement, for an
// integration, a network policy, a binding, a delegated authorization and a secret rotation.
func TestAccSpelling_configRespelled(t *testing.T) {
	tg := acctest.Get(t)
	f := newOAuthFixture(t, tg, "SPC")
	integ := acctest.RandomName("SPC_NB")
	policy := acctest.RandomName("SPC_NP")
	cfg := func(spell func(string) string) string {
		return fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "test" {
  name               = %[1]q
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "https://example.com/callback"
}
resource "snowflakeoauth_network_policy" "test" {
  name            = %[2]q
  allowed_ip_list = ["10.0.0.0/8"]
}
resource "snowflakeoauth_integration_network_policy" "test" {
  integration_name    = %[1]q
  network_policy_name = %[2]q
  depends_on          = [snowflakeoauth_custom_client_integration.test, snowflakeoauth_network_policy.test]
}
resource "snowflakeoauth_delegated_authorization" "test" {
  user_name        = %[3]q
  role_name        = %[4]q
  integration_name = %[5]q
}
resource "snowflakeoauth_client_secret_rotation" "test" {
  integration_name = %[5]q
  secret           = "OAUTH_CLIENT_SECRET_2"
}
`, spell(integ), spell(policy), spell(f.User), spell(f.Role), spell(f.Integration))
	}
	same := func(s string) string { return s }
	addrs := []string{ccAddr, "snowflakeoauth_network_policy.test", "snowflakeoauth_integration_network_policy.test",
		"snowflakeoauth_delegated_authorization.test", "snowflakeoauth_client_secret_rotation.test"}
	var respelled []plancheck.PlanCheck
	for _, a := range addrs {
		respelled = append(respelled, plancheck.ExpectResourceAction(a, plancheck.ResourceActionUpdate))
	}
	var checks []statecheck.StateCheck
	var pre []func()
	for _, n := range []string{integ, policy, f.User, f.Integration} {
		p, c := noWrites(tg, n)
		pre, checks = append(pre, p), append(checks, c)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg(same)},
			{
				PreConfig: func() {
					for _, p := range pre {
						p()
					}
				},
				Config:           cfg(strings.ToLower),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: respelled},
				ConfigStateChecks: append(checks, acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"name": knownvalue.StringExact(strings.ToLower(integ)), "id": knownvalue.StringExact(integ)})...),
			},
			{Config: cfg(strings.ToLower), ConfigPlanChecks: acctest.ExpectEmptyPlan()},
		},
	})
}

// importKept is an ImportStateCheck: the imported instance holds exactly the given spellings (the
// import ID's, not the canonical form nor the configuration's).
func importKept(want map[string]string) resource.ImportStateCheckFunc {
	return func(s []*terraform.InstanceState) error {
		if len(s) != 1 {
			return fmt.Errorf("imported %d instances, want 1", len(s))
		}
		for k, v := range want {
			if got := s[0].Attributes[k]; got != v {
				return fmt.Errorf("imported %s = %q, want the spelling given %q", k, got, v)
			}
		}
		return nil
	}
}
