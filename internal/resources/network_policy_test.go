package resources_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// npWant is what a policy must look like in Snowflake; lists compare as sets.
type npWant struct {
	allowed, blocked, allowedRules, blockedRules []string
	comment                                      string
}

// npCheckSnowflake reads the policy out of band and compares it with want.
func npCheckSnowflake(tg *acctest.Target, name string, want npWant) resource.TestCheckFunc {
	return func(*terraform.State) error {
		np, err := snowflake.NewClient(tg.DB).DescribeNetworkPolicy(context.Background(), snowflake.MustParseIdentifier(name))
		if err != nil {
			return err
		}
		for _, c := range []struct {
			what      string
			got, want []string
		}{
			{"allowed_ip_list", np.AllowedIPs, want.allowed},
			{"blocked_ip_list", np.BlockedIPs, want.blocked},
			{"allowed_network_rule_list", np.AllowedNetworkRules, want.allowedRules},
			{"blocked_network_rule_list", np.BlockedNetworkRules, want.blockedRules},
		} {
			if npSorted(c.got) != npSorted(c.want) {
				return fmt.Errorf("policy %s %s = %v, want %v", name, c.what, c.got, c.want)
			}
		}
		if np.Comment != want.comment {
			return fmt.Errorf("policy %s comment = %q, want %q", name, np.Comment, want.comment)
		}
		return nil
	}
}

func npSorted(s []string) string {
	c := append([]string{}, s...)
	sort.Strings(c)
	return strings.Join(c, ",")
}

// npCheckGone asserts the policy no longer exists.
func npCheckGone(tg *acctest.Target, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, err := snowflake.NewClient(tg.DB).DescribeNetworkPolicy(context.Background(), snowflake.MustParseIdentifier(name))
		if !errors.Is(err, snowflake.ErrNotFound) {
			return fmt.Errorf("policy %s: want ErrNotFound, got %v", name, err)
		}
		return nil
	}
}

// npEnsureRules creates the network rules the tests reference (a policy may only name existing rules);
// IF NOT EXISTS because tests run in parallel against one account.
func npEnsureRules(t *testing.T, tg *acctest.Target, db, schema string, rules ...string) {
	t.Helper()
	tg.Exec(t, "CREATE DATABASE IF NOT EXISTS "+db)
	tg.Exec(t, "CREATE SCHEMA IF NOT EXISTS "+db+"."+schema)
	for _, r := range rules {
		tg.Exec(t, "CREATE NETWORK RULE IF NOT EXISTS "+db+"."+schema+"."+r)
	}
}

// The network rules named below (TFACC_NET.RULES.OFFICE_RULE and TFACC_NET.RULES."bad rule") are
// acceptance prerequisites: acctest creates them before the first test (acctest.OfficeRule, BadRule).
func TestAccNetworkPolicy_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	name, renamed := acctest.RandomName("NP"), acctest.RandomName("NPR")
	const addr = "snowflakeoauth_network_policy.test"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			if err := npCheckGone(tg, name)(s); err != nil {
				return err
			}
			return npCheckGone(tg, renamed)(s)
		},
		Steps: []resource.TestStep{
			// Create with a lower-case name and rule spelling: both stay as written, no diff after refresh.
			{
				Config: fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "test" {
  name                      = %q
  allowed_ip_list           = ["192.168.1.0/24", "10.0.0.1"]
  blocked_ip_list           = ["192.168.1.99"]
  allowed_network_rule_list = ["tfacc_net.rules.office_rule"]
  comment                   = "office"
}`, strings.ToLower(name)),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", name),
					resource.TestCheckResourceAttr(addr, "name", strings.ToLower(name)),
					resource.TestCheckTypeSetElemAttr(addr, "allowed_ip_list.*", "10.0.0.1"),
					resource.TestCheckTypeSetElemAttr(addr, "allowed_network_rule_list.*", "tfacc_net.rules.office_rule"),
					resource.TestCheckResourceAttr(addr, "blocked_network_rule_list.#", "0"),
					npCheckSnowflake(tg, name, npWant{
						allowed: []string{"192.168.1.0/24", "10.0.0.1"}, blocked: []string{"192.168.1.99"},
						allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"}, comment: "office",
					}),
				),
			},
			// Update in place: a list emptied (unset), a list changed, a list added, the comment removed.
			{
				Config: fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "test" {
  name                      = %q
  allowed_ip_list           = ["10.0.0.0/8"]
  allowed_network_rule_list = ["TFACC_NET.RULES.OFFICE_RULE"]
  blocked_network_rule_list = ["TFACC_NET.RULES.\"bad rule\""]
}`, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", name),
					resource.TestCheckResourceAttr(addr, "blocked_ip_list.#", "0"),
					resource.TestCheckResourceAttr(addr, "comment", ""),
					npCheckSnowflake(tg, name, npWant{
						allowed: []string{"10.0.0.0/8"}, allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"},
						blockedRules: []string{`TFACC_NET.RULES."bad rule"`},
					}),
				),
			},
			// Rename in place: same object, new id.
			{
				Config: npRenamedConfig(renamed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", renamed),
					resource.TestCheckResourceAttr(addr, "name", renamed),
					npCheckGone(tg, name),
					npCheckSnowflake(tg, renamed, npWant{
						allowed: []string{"10.0.0.0/8"}, allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"},
						comment: "after rename",
					}),
				),
			},
			// Import by any spelling, verified attribute by attribute; the name keeps the spelling given.
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateId: strings.ToLower(renamed),
				ImportStateVerifyIgnore: []string{"name"},
				ImportStateCheck:        importKept(map[string]string{"name": strings.ToLower(renamed), "id": renamed})},
			// Drift made out of band shows in the plan; applying restores the configuration.
			{
				PreConfig: tg.ExecFunc(t, fmt.Sprintf(`ALTER NETWORK POLICY %s SET COMMENT = 'by hand' BLOCKED_IP_LIST = ('1.2.3.4')`, renamed)),
				Config:    npRenamedConfig(renamed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: npCheckSnowflake(tg, renamed, npWant{
					allowed: []string{"10.0.0.0/8"}, allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"}, comment: "after rename",
				}),
			},
			{
				PreConfig:          tg.ExecFunc(t, "ALTER NETWORK POLICY "+renamed+" SET ALLOWED_IP_LIST = ('10.0.0.0/8', '172.16.0.1')"),
				Config:             npRenamedConfig(renamed),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			// Deleted out of band: removed from state with a warning, then planned for creation.
			{
				PreConfig: tg.ExecFunc(t, "DROP NETWORK POLICY "+renamed),
				Config:    npRenamedConfig(renamed),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				Check: npCheckSnowflake(tg, renamed, npWant{
					allowed: []string{"10.0.0.0/8"}, allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"}, comment: "after rename",
				}),
			},
		},
	})
}

func npRenamedConfig(name string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "test" {
  name                      = %q
  allowed_ip_list           = ["10.0.0.0/8"]
  allowed_network_rule_list = ["TFACC_NET.RULES.OFFICE_RULE"]
  comment                   = "after rename"
}`, name)
}

// A quoted lower-case name makes the exact lower-case object; its id is the quoted form.
func TestAccNetworkPolicy_quotedName(t *testing.T) {
	tg := acctest.Get(t)
	exact := strings.ToLower(acctest.RandomName("np"))
	const addr = "snowflakeoauth_network_policy.q"
	quoted := `"` + exact + `"`
	config := fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "q" {
  name            = %q
  allowed_ip_list = ["203.0.113.0/24"]
}`, quoted)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             npCheckGone(tg, quoted),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", quoted),
					resource.TestCheckResourceAttr(addr, "name", quoted),
					npCheckSnowflake(tg, quoted, npWant{allowed: []string{"203.0.113.0/24"}}),
					npCheckGone(tg, strings.ToUpper(exact)),
				),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateId: quoted},
		},
	})
}

func TestAccNetworkPolicy_planTimeValidation(t *testing.T) {
	acctest.Get(t)
	cfg := func(body string) string {
		return "resource \"snowflakeoauth_network_policy\" \"bad\" {\n  name = \"BAD_NP\"\n" + body + "\n}"
	}
	steps := []resource.TestStep{
		{Config: cfg(`allowed_ip_list = ["300.1.1.1"]`), ExpectError: regexp.MustCompile(`(?s)allowed_ip_list.*"300\.1\.1\.1" is not an IPv4`)},
		{Config: cfg(`allowed_ip_list = ["10.0.0.0/33"]`), ExpectError: regexp.MustCompile(`(?s)allowed_ip_list.*is not an IPv4 CIDR range`)},
		{Config: cfg(`blocked_ip_list = ["2001:db8::1"]`), ExpectError: regexp.MustCompile(`(?s)blocked_ip_list.*is not an IPv4`)},
		{Config: cfg(`blocked_ip_list = ["0.0.0.0/0"]`), ExpectError: regexp.MustCompile(`(?s)blocked_ip_list.*blocks\s+every\s+IPv4\s+address`)},
		{Config: cfg(`allowed_network_rule_list = ["just_a_rule"]`), ExpectError: regexp.MustCompile(`(?s)allowed_network_rule_list.*must be\s+fully\s+qualified`)},
		{Config: cfg(`blocked_network_rule_list = ["db.sc.r", "DB.SC.R"]`), ExpectError: regexp.MustCompile(`(?s)blocked_network_rule_list.*name\s+the\s+same\s+rule`)},
		{Config: "resource \"snowflakeoauth_network_policy\" \"bad\" {\n  name = \"\\\"unterminated\"\n}", ExpectError: regexp.MustCompile(`(?s)name.*not\s+a\s+valid\s+Snowflake\s+identifier`)},
	}
	for i := range steps {
		steps[i].PlanOnly = true
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}
