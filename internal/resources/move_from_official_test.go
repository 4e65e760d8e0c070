package resources_test

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// moved is the moved block of a configuration that takes the object at from.x (an official
// provider's resource type) over into to.x.
func moved(from, to string) string {
	return fmt.Sprintf(`
moved {
  from = %s.x
  to   = %s.x
}
`, from, to)
}

// moveCase runs the two steps of a move: the official provider (the double) takes the object into
// its state, then a configuration with a `moved` block and the equivalent snowflakeoauth resource
// plans nothing, and the step sends no statement that writes to the object (name is unique to the
// test, so statements of other tests running beside it are not counted).
func moveCase(t *testing.T, tg *acctest.Target, name string, create []string, official, ours string, checks ...statecheck.StateCheck) {
	t.Helper()
	var writes []string
	reads := 0
	var moveStart time.Time // the move step starts after step 1's statements
	countWrites := func() {
		for _, e := range tg.Emulator.StatementLog() {
			if e.Time.Before(moveStart) {
				continue
			}
			s := strings.ToUpper(strings.TrimSpace(e.SQL))
			switch {
			case !strings.Contains(e.SQL, name):
			case strings.HasPrefix(s, "DESC"), strings.HasPrefix(s, "SHOW"):
				reads++
			default:
				writes = append(writes, e.SQL)
			}
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV5ProviderFactories: officialDoubleFactories(),
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{PreConfig: tg.ExecFunc(t, create...), Config: official},
			{
				PreConfig:        func() { moveStart = time.Now() },
				Config:           ours,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{movePlanCheck()}},
				ConfigStateChecks: append(checks, acctest.CheckFunc(func() error {
					countWrites()
					t.Logf("move step (plan and apply): %d reads, %d writes of %s", reads, len(writes), name)
					if len(writes) > 0 {
						return fmt.Errorf("the move sent statements that change %s: %q", name, writes)
					}
					return nil
				})),
			},
			// Whatever the first plan after the move was, the next one is empty.
			{Config: ours, ConfigPlanChecks: acctest.ExpectEmptyPlan()},
		},
	})
}

// movePlanCheck is what the plan of the move step must be. Terraform: empty. OpenTofu keeps the
// sensitivity marks the official provider's schema put in the state (its oauth_redirect_uri is
// sensitive, ours is not) and plans an update that changes only those marks: no value changes, and
// the apply sends no statement (moveCase checks that too).
func movePlanCheck() plancheck.PlanCheck {
	if acctest.OpenTofu() {
		return noValueChanges{}
	}
	return plancheck.ExpectEmptyPlan()
}

// noValueChanges fails when a planned change alters a value (sensitivity may change).
type noValueChanges struct{}

func (noValueChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Change == nil || rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
			continue
		}
		if !rc.Change.Actions.Update() || !reflect.DeepEqual(rc.Change.Before, rc.Change.After) {
			resp.Error = fmt.Errorf("%s: planned %v with value changes, want none", rc.Address, rc.Change.Actions)
			return
		}
	}
}

func TestAccMoveFromOfficial_customClient(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "the official provider is stood in for by a test double; the statement log is the emulator's")
	// A lower-case name: the official provider's names are exact, so ours is quoted.
	name := strings.ToLower(acctest.RandomName("MVCC"))
	r1, _ := ccRoles(t, tg, "MVCC")
	key, fp := ccKey(t)
	np := acctest.RandomName("MVCCNP")
	create := fmt.Sprintf(`CREATE SECURITY INTEGRATION "%s" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL'
  OAUTH_REDIRECT_URI = 'https://example.com/cb' ENABLED = FALSE OAUTH_ENFORCE_PKCE = TRUE PRE_AUTHORIZED_ROLES_LIST = ('%s')
  BLOCKED_ROLES_LIST = ('SYSADMIN') OAUTH_REFRESH_TOKEN_VALIDITY = 86400 OAUTH_CLIENT_RSA_PUBLIC_KEY = '%s' COMMENT = 'from the official provider'`,
		name, r1, key)
	official := fmt.Sprintf(`
resource "snowflake_oauth_integration_for_custom_clients" "x" {
  name                         = %[1]q
  oauth_client_type            = "CONFIDENTIAL"
  oauth_redirect_uri           = "https://example.com/cb"
  enabled                      = "false"
  oauth_enforce_pkce           = "true"
  pre_authorized_roles_list    = [%[2]q]
  blocked_roles_list           = ["SYSADMIN"]
  oauth_refresh_token_validity = 86400
  oauth_client_rsa_public_key  = %[3]q
  network_policy               = %[4]q
  comment                      = "from the official provider"
}
`, name, r1, key, np)
	ours := moved("snowflake_oauth_integration_for_custom_clients", "snowflakeoauth_custom_client_integration") + fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "x" {
  name                         = "\"%[1]s\""
  oauth_client_type            = "CONFIDENTIAL"
  oauth_redirect_uri           = "https://example.com/cb"
  enabled                      = false
  oauth_enforce_pkce           = true
  pre_authorized_roles_list    = [%[2]q]
  blocked_roles_list           = ["SYSADMIN"]
  oauth_refresh_token_validity = 86400
  oauth_client_rsa_public_key  = %[3]q
  comment                      = "from the official provider"
}

# The official network_policy attribute becomes its own resource, adopted with an import block.
import {
  to = snowflakeoauth_integration_network_policy.x
  id = "\"%[1]s\""
}

resource "snowflakeoauth_integration_network_policy" "x" {
  integration_name    = snowflakeoauth_custom_client_integration.x.name
  network_policy_name = %[4]q
}
`, name, r1, key, np)
	const addr = "snowflakeoauth_custom_client_integration.x"
	setNP := fmt.Sprintf(`ALTER SECURITY INTEGRATION "%s" SET NETWORK_POLICY = '%s'`, name, np)
	moveCase(t, tg, name, []string{"CREATE NETWORK POLICY " + np + " ALLOWED_IP_LIST = ('203.0.113.0/24')", create, setNP}, official, ours, append(acctest.KnownValues(addr, map[string]knownvalue.Check{
		"id":                               knownvalue.StringExact(`"` + name + `"`),
		"network_policy":                   knownvalue.StringExact(np),
		"enabled":                          knownvalue.Bool(false),
		"oauth_allow_non_tls_redirect_uri": knownvalue.Bool(false),
		"oauth_issue_refresh_tokens":       knownvalue.Bool(true),
		"oauth_use_secondary_roles":        knownvalue.StringExact("NONE"),
		"oauth_client_rsa_public_key_fp":   knownvalue.StringExact(fp),
		"oauth_client_id":                  knownvalue.NotNull(),
	}), acctest.KnownValue("snowflakeoauth_integration_network_policy.x", "network_policy_name", knownvalue.StringExact(np)),
		tg.ExpectIntegration(`"`+name+`"`, map[string]string{"ENABLED": "false", "OAUTH_REFRESH_TOKEN_VALIDITY": "86400"}),
	)...)
}

func TestAccMoveFromOfficial_partner(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "the official provider is stood in for by a test double; the statement log is the emulator's")
	name := acctest.RandomName("MVPI")
	create := `CREATE SECURITY INTEGRATION "` + name + `" TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://looker.example.com/oauth' OAUTH_ISSUE_REFRESH_TOKENS = FALSE OAUTH_USE_SECONDARY_ROLES = IMPLICIT`
	official := fmt.Sprintf(`
resource "snowflake_oauth_integration_for_partner_applications" "x" {
  name                       = %q
  oauth_client               = "LOOKER"
  oauth_redirect_uri         = "https://looker.example.com/oauth"
  oauth_issue_refresh_tokens = "false"
  oauth_use_secondary_roles  = "IMPLICIT"
}
`, name)
	ours := moved("snowflake_oauth_integration_for_partner_applications", "snowflakeoauth_partner_integration") + fmt.Sprintf(`
resource "snowflakeoauth_partner_integration" "x" {
  name                       = %q
  oauth_client               = "LOOKER"
  oauth_redirect_uri         = "https://looker.example.com/oauth"
  oauth_issue_refresh_tokens = false
  oauth_use_secondary_roles  = "IMPLICIT"
}
`, name)
	const addr = "snowflakeoauth_partner_integration.x"
	moveCase(t, tg, name, []string{create}, official, ours, acctest.KnownValues(addr, map[string]knownvalue.Check{
		"id": knownvalue.StringExact(name), "enabled": knownvalue.Bool(true), "oauth_refresh_token_validity": knownvalue.Int64Exact(7776000),
	})...)
}

func TestAccMoveFromOfficial_networkPolicy(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "the official provider is stood in for by a test double; the statement log is the emulator's")
	name := acctest.RandomName("MVNP")
	create := `CREATE NETWORK POLICY "` + name + `" ALLOWED_IP_LIST = ('10.0.0.0/8', '192.168.1.1') BLOCKED_IP_LIST = ('10.1.2.3') COMMENT = 'office'`
	// Both providers spell a network policy with the same arguments.
	args := fmt.Sprintf(`{
  name            = %q
  allowed_ip_list = ["10.0.0.0/8", "192.168.1.1"]
  blocked_ip_list = ["10.1.2.3"]
  comment         = "office"
}
`, name)
	official := `resource "snowflake_network_policy" "x" ` + args
	ours := moved("snowflake_network_policy", "snowflakeoauth_network_policy") + `resource "snowflakeoauth_network_policy" "x" ` + args
	moveCase(t, tg, name, []string{create}, official, ours,
		acctest.KnownValue("snowflakeoauth_network_policy.x", "id", knownvalue.StringExact(name)))
}

// TestAccMoveFromOfficial_wrongType: a move from a resource type that does not match is refused.
func TestAccMoveFromOfficial_wrongType(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "the official provider is stood in for by a test double; the statement log is the emulator's")
	name := acctest.RandomName("MVWT")
	official := fmt.Sprintf("resource \"snowflake_network_policy\" \"x\" {\n  name = %q\n}\n", name)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV5ProviderFactories: officialDoubleFactories(),
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{PreConfig: tg.ExecFunc(t, `CREATE NETWORK POLICY "`+name+`"`),
				Config: official},
			{
				Config: moved("snowflake_network_policy", "snowflakeoauth_partner_integration") + fmt.Sprintf(`
resource "snowflakeoauth_partner_integration" "x" {
  name         = %q
  oauth_client = "TABLEAU_DESKTOP"
}
`, name),
				ExpectError: regexp.MustCompile(`(?i)snowflake_network_policy`),
			},
			{ // the official state is untouched: its configuration still plans nothing
				Config:   official,
				PlanOnly: true,
			},
		},
	})
}
