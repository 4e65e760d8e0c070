package resources_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// inpIntegrations creates a custom-client and a partner integration out of band and drops them at the end.
func inpIntegrations(t *testing.T, tg *acctest.Target, custom, custom2, partner string) func() {
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+custom, "DROP SECURITY INTEGRATION IF EXISTS "+custom2,
		"DROP SECURITY INTEGRATION IF EXISTS "+partner)
	return func() {
		for _, n := range []string{custom, custom2} {
			tg.Exec(t, "CREATE SECURITY INTEGRATION "+n+" TYPE = OAUTH OAUTH_CLIENT = CUSTOM "+
				"OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'")
		}
		tg.Exec(t, "CREATE SECURITY INTEGRATION "+partner+" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP")
	}
}

// inpBound checks, out of band, the integration's NETWORK_POLICY row of DESCRIBE (the stored name,
// "" for none); policy is in SQL form, "" meaning none.
func inpBound(tg *acctest.Target, integration, policy string) statecheck.StateCheck {
	want := ""
	if policy != "" {
		want = exactName(policy)
	}
	return acctest.CheckFunc(func() error {
		d, err := tg.Properties("DESCRIBE SECURITY INTEGRATION " + integration)
		if err != nil {
			return err
		}
		if d["NETWORK_POLICY"] != want {
			return fmt.Errorf("integration %s: NETWORK_POLICY = %q, want %q", integration, d["NETWORK_POLICY"], want)
		}
		return nil
	})
}

// inpCountStatements asserts how many logged statements mention the integration (emulator only).
func inpCountStatements(tg *acctest.Target, integration string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if tg.Emulator == nil {
			return nil
		}
		n := 0
		for _, e := range tg.Emulator.StatementLog() {
			if strings.Contains(e.SQL, `"`+integration+`"`) {
				n++
			}
		}
		if n != want {
			return fmt.Errorf("statements about %s during refresh: %d, want %d", integration, n, want)
		}
		return nil
	}
}

// inpUnsets counts the UNSET NETWORK_POLICY statements sent to the integration (emulator only, else 0).
func inpUnsets(tg *acctest.Target, integration string) int {
	if tg.Emulator == nil {
		return 0
	}
	n := 0
	for _, e := range tg.Emulator.StatementLog() {
		if strings.Contains(e.SQL, `"`+integration+`"`) && strings.Contains(e.SQL, "UNSET NETWORK_POLICY") {
			n++
		}
	}
	return n
}

type inpConfig struct {
	custom, partner      string // integration names as written in HCL
	customNP, partnerNP  string // "a" or "b": which policy each binding uses; "" leaves the binding out
	withPolicyA, withB   bool
	policyA, policyB     string
	partnerIntegrationTo string // overrides partner's integration_name (replacement test)
}

// inpBlock is a binding labelled label of integration (a name) to policy, an HCL expression: a
// reference to a policy resource, or a quoted name.
func inpBlock(label, integration, policy string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_integration_network_policy" %q {
  integration_name    = %q
  network_policy_name = %s
}
`, label, integration, policy)
}

func (c inpConfig) String() string {
	var b strings.Builder
	if c.withPolicyA {
		b.WriteString(npMinimal("a", c.policyA, "192.168.1.0/24"))
	}
	if c.withB {
		b.WriteString(npMinimal("b", c.policyB, "10.0.0.0/8"))
	}
	if c.customNP != "" {
		b.WriteString(inpBlock("custom", c.custom, "snowflakeoauth_network_policy."+c.customNP+".name"))
	}
	if c.partnerNP != "" {
		integ := c.partner
		if c.partnerIntegrationTo != "" {
			integ = c.partnerIntegrationTo
		}
		b.WriteString(inpBlock("partner", integ, "snowflakeoauth_network_policy."+c.partnerNP+".name"))
	}
	return b.String()
}

func TestAccIntegrationNetworkPolicy_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	custom, custom2, partner := acctest.RandomName("INPC"), acctest.RandomName("INPC2"), acctest.RandomName("INPT")
	// Policy A has a quoted lower-case name (the official provider's bug #3229).
	policyA := `"` + strings.ToLower(acctest.RandomName("np")) + `"`
	policyB := acctest.RandomName("NPB")
	const custAddr, partAddr = "snowflakeoauth_integration_network_policy.custom", "snowflakeoauth_integration_network_policy.partner"
	const policyBAddr = "snowflakeoauth_network_policy.b"
	base := inpConfig{custom: strings.ToLower(custom), partner: partner, customNP: "a", partnerNP: "b",
		withPolicyA: true, withB: true, policyA: policyA, policyB: policyB}
	// Both rebound in place; the custom integration respelled in upper case (no replacement).
	rebound := base
	rebound.custom, rebound.customNP, rebound.partnerNP = custom, "b", "a"
	// The custom binding moved to another integration.
	moved := rebound
	moved.custom = custom2
	// The partner binding left out.
	noPartner := moved
	noPartner.partnerNP = ""
	// Policy B and its binding left out together.
	onlyA := inpConfig{withPolicyA: true, policyA: policyA}
	bindAgain := onlyA
	bindAgain.custom, bindAgain.customNP = custom2, "a"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckFunc(func() error { return errors.Join(npGone(tg, policyA)(), npGone(tg, policyB)()) }).AsTestCheck(),
		Steps: []resource.TestStep{
			// Bind a quoted lower-case policy to a custom client and another policy to a partner.
			{
				PreConfig: inpIntegrations(t, tg, custom, custom2, partner),
				Config:    base.String(),
				ConfigStateChecks: append(acctest.KnownValues(custAddr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(custom), "integration_name": knownvalue.StringExact(strings.ToLower(custom)),
					"network_policy_name": knownvalue.StringExact(policyA),
				}), acctest.KnownValue(partAddr, "id", knownvalue.StringExact(partner)),
					inpBound(tg, custom, policyA), inpBound(tg, partner, policyB)),
			},
			// A refresh reads a binding with exactly one statement.
			{
				PreConfig:    tg.ResetStatements,
				RefreshState: true,
				Check:        inpCountStatements(tg, custom, 1),
			},
			// Rebind both in place.
			{
				Config: rebound.String(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(custAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(partAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(custAddr, "network_policy_name", knownvalue.StringExact(policyB)),
					acctest.KnownValue(partAddr, "network_policy_name", knownvalue.StringExact(policyA)),
					inpBound(tg, custom, policyB), inpBound(tg, partner, policyA),
				},
			},
			// Import by integration name (any spelling) with every attribute verified.
			{ResourceName: custAddr, ImportState: true, ImportStateVerify: true, ImportStateId: strings.ToLower(custom),
				ImportStateVerifyIgnore: []string{"integration_name"}, // keeps the spelling given:
				ImportStateCheck:        importKept(map[string]string{"integration_name": strings.ToLower(custom), "id": custom})},
			{ResourceName: partAddr, ImportState: true, ImportStateVerify: true, ImportStateId: partner},
			// Unbound by hand: removed from state, planned for creation, restored by apply.
			{
				PreConfig:         tg.ExecFunc(t, "ALTER SECURITY INTEGRATION "+custom+" UNSET NETWORK_POLICY"),
				Config:            rebound.String(),
				ConfigPlanChecks:  acctest.ExpectCreate(custAddr),
				ConfigStateChecks: []statecheck.StateCheck{inpBound(tg, custom, policyB)},
			},
			// Rebound by hand to another policy: a diff on network_policy_name, corrected in place.
			{
				PreConfig:          tg.ExecFunc(t, fmt.Sprintf("ALTER SECURITY INTEGRATION %s SET NETWORK_POLICY = '%s'", custom, policyA)),
				Config:             rebound.String(),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config: rebound.String(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(custAddr, plancheck.ResourceActionUpdate),
					acctest.PlannedValue(custAddr, "network_policy_name", knownvalue.StringExact(policyB)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{inpBound(tg, custom, policyB)},
			},
			// Another integration replaces the binding: the old one is unset, the new one set.
			{
				Config:           moved.String(),
				ConfigPlanChecks: acctest.ExpectDestroyBeforeCreate(custAddr),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(custAddr, "id", knownvalue.StringExact(custom2)),
					inpBound(tg, custom, ""), inpBound(tg, custom2, policyB),
				},
			},
			// Snowflake has no UNSET NETWORK_POLICY for partner integrations: a clear error, and no
			// statement is even tried.
			{
				PreConfig:   tg.ResetStatements,
				Config:      noPartner.String(),
				ExpectError: regexp.MustCompile(`(?s)TABLEAU_DESKTOP.*detach\s+a\s+network\s+policy\s+only\s+from\s+custom.*provider\s+sent\s+nothing`),
			},
			// Once the partner integration is dropped by hand, the binding leaves state quietly.
			{
				PreConfig: func() {
					if n := inpUnsets(tg, partner); n != 0 {
						t.Errorf("%d UNSET NETWORK_POLICY statements sent to the partner integration, want 0", n)
					}
					tg.Exec(t, "DROP SECURITY INTEGRATION "+partner)
				},
				Config: noPartner.String(),
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[partAddr]; ok {
						return fmt.Errorf("%s still in state", partAddr)
					}
					return nil
				},
			},
			// Destroying a policy and its binding in one apply: the binding is unset first.
			{
				Config: onlyA.String(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(custAddr, plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(policyBAddr, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{npGone(tg, policyB), inpBound(tg, custom2, "")},
			},
			// Integration dropped by hand: the binding leaves state and a plan wants to recreate it.
			{Config: bindAgain.String(), ConfigStateChecks: []statecheck.StateCheck{inpBound(tg, custom2, policyA)}},
			{
				PreConfig:          tg.ExecFunc(t, "DROP SECURITY INTEGRATION "+custom2),
				Config:             bindAgain.String(),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccIntegrationNetworkPolicy_planTimeValidation(t *testing.T) {
	acctest.Get(t)
	cfg := func(integ, policy string) string {
		return fmt.Sprintf(`
resource "snowflakeoauth_integration_network_policy" "bad" {
  integration_name    = %q
  network_policy_name = %q
}`, integ, policy)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg(`"unterminated`, "NP"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)integration_name.*not\s+a\s+valid\s+Snowflake\s+identifier`)},
			{Config: cfg("INT", ""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)network_policy_name.*must\s+not\s+be\s+empty`)},
		},
	})
}

// The documented examples apply as written (non-parallel: their names are fixed).
func TestAccNetworkPolicyExamples(t *testing.T) {
	// A real account may hold these names already, and the sweep would not drop them (not TFACC*).
	tg := acctest.EmulatorOnly(t, "the examples use fixed names (OFFICE_NP, NOTEBOOK_APP, SECURITY_DB...) that a real account may already hold")
	npEnsureRules(t, tg, "SECURITY_DB", "NETWORK_RULES", "CORP_PRIVATE_LINK TYPE = AWSVPCEID VALUE_LIST = ('vpce-0fa383eb170331202')")
	read := func(dir string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", dir, "resource.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS NOTEBOOK_APP")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: read("snowflakeoauth_network_policy"),
				ConfigStateChecks: []statecheck.StateCheck{
					npExpect(tg, "OFFICE_NP", npWant{allowed: []string{"192.168.1.0/24", "10.20.0.0/16"},
						blocked: []string{"192.168.1.99"}, comment: "Office and VPN egress ranges"}),
					npExpect(tg, "PRIVATE_LINK_NP", npWant{allowedRules: []string{"SECURITY_DB.NETWORK_RULES.CORP_PRIVATE_LINK"}}),
				},
			},
			{
				PreConfig: tg.ExecFunc(t, "CREATE SECURITY INTEGRATION NOTEBOOK_APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM "+
					"OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'"),
				Config:            read("snowflakeoauth_integration_network_policy"),
				ConfigStateChecks: []statecheck.StateCheck{inpBound(tg, "NOTEBOOK_APP", `"notebook_np"`)},
			},
		},
	})
}
