package resources_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// npWant is what a policy must look like in Snowflake; lists compare as sets.
type npWant struct {
	allowed, blocked, allowedRules, blockedRules []string
	comment                                      string
}

// npRead reads a policy out of band from raw rows: SHOW NETWORK POLICIES for its existence and
// comment, DESCRIBE for its lists (IPs comma-separated, rules a JSON array of
// {"fullyQualifiedRuleName": ...}, as Snowflake documents them). sqlName is the SQL form ("NP" or
// "\"np\""); found is false when SHOW does not list it.
func npRead(tg *acctest.Target, sqlName string) (got npWant, found bool, err error) {
	exact := exactName(sqlName)
	shown, err := tg.QueryRows("SHOW NETWORK POLICIES LIKE '" + exact + "'")
	if err != nil {
		return got, false, err
	}
	for _, r := range shown {
		if r["name"] == exact {
			found, got.comment = true, r["comment"]
		}
	}
	if !found {
		return got, false, nil
	}
	rows, err := tg.QueryRows("DESCRIBE NETWORK POLICY " + sqlName)
	if err != nil {
		return got, true, err
	}
	for _, r := range rows {
		lists := map[string]*[]string{"ALLOWED_IP_LIST": &got.allowed, "BLOCKED_IP_LIST": &got.blocked,
			"ALLOWED_NETWORK_RULE_LIST": &got.allowedRules, "BLOCKED_NETWORK_RULE_LIST": &got.blockedRules}
		l, ok := lists[r["name"]]
		switch {
		case !ok:
		case strings.HasSuffix(r["name"], "RULE_LIST"):
			var rules []struct{ FullyQualifiedRuleName string }
			if err := json.Unmarshal([]byte(r["value"]), &rules); err != nil {
				return got, true, fmt.Errorf("DESCRIBE %s %s = %q: %w", sqlName, r["name"], r["value"], err)
			}
			for _, rule := range rules {
				*l = append(*l, rule.FullyQualifiedRuleName)
			}
		default:
			*l = strings.Split(r["value"], ",")
		}
	}
	return got, true, nil
}

// npExpect checks, out of band, that the policy exists and looks like want; lists compare as sets.
func npExpect(tg *acctest.Target, sqlName string, want npWant) acctest.CheckFunc {
	return func() error {
		got, found, err := npRead(tg, sqlName)
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("policy %s does not exist", sqlName)
		}
		for _, c := range []struct {
			what      string
			got, want []string
		}{
			{"allowed_ip_list", got.allowed, want.allowed},
			{"blocked_ip_list", got.blocked, want.blocked},
			{"allowed_network_rule_list", got.allowedRules, want.allowedRules},
			{"blocked_network_rule_list", got.blockedRules, want.blockedRules},
		} {
			if npSorted(c.got) != npSorted(c.want) {
				return fmt.Errorf("policy %s %s = %v, want %v", sqlName, c.what, c.got, c.want)
			}
		}
		if got.comment != want.comment {
			return fmt.Errorf("policy %s comment = %q, want %q", sqlName, got.comment, want.comment)
		}
		return nil
	}
}

// exactName is the stored name of a test's SQL name: "\"np\"" is np, NP is NP (the tests' unquoted
// names are upper case already, so no identifier rule is needed here).
func exactName(sqlName string) string {
	if strings.HasPrefix(sqlName, `"`) {
		return strings.ReplaceAll(strings.Trim(sqlName, `"`), `""`, `"`)
	}
	return strings.ToUpper(sqlName)
}

func npSorted(s []string) string {
	c := append([]string{}, s...)
	sort.Strings(c)
	return strings.Join(c, ",")
}

// npGone checks, out of band, that the policy no longer exists.
func npGone(tg *acctest.Target, sqlName string) acctest.CheckFunc {
	return func() error {
		_, found, err := npRead(tg, sqlName)
		if err == nil && found {
			err = fmt.Errorf("policy %s still exists", sqlName)
		}
		return err
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
	update := acctest.ExpectUpdate(addr)
	afterRename := npExpect(tg, renamed, npWant{
		allowed: []string{"10.0.0.0/8"}, allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"}, comment: "after rename",
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckFunc(func() error { return errors.Join(npGone(tg, name)(), npGone(tg, renamed)()) }).AsTestCheck(),
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
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id":                        knownvalue.StringExact(name),
					"name":                      knownvalue.StringExact(strings.ToLower(name)),
					"allowed_ip_list":           acctest.SetHas("10.0.0.1"),
					"allowed_network_rule_list": acctest.SetHas("tfacc_net.rules.office_rule"),
					"blocked_network_rule_list": knownvalue.SetSizeExact(0),
				}), npExpect(tg, name, npWant{
					allowed: []string{"192.168.1.0/24", "10.0.0.1"}, blocked: []string{"192.168.1.99"},
					allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"}, comment: "office",
				})),
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
				ConfigPlanChecks: update,
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(name), "blocked_ip_list": knownvalue.SetSizeExact(0), "comment": knownvalue.StringExact(""),
				}), npExpect(tg, name, npWant{
					allowed: []string{"10.0.0.0/8"}, allowedRules: []string{"TFACC_NET.RULES.OFFICE_RULE"},
					blockedRules: []string{`TFACC_NET.RULES."bad rule"`},
				})),
			},
			// Rename in place: same object, new id.
			{
				Config:           npRenamedConfig(renamed),
				ConfigPlanChecks: update,
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(renamed), "name": knownvalue.StringExact(renamed),
				}), npGone(tg, name), afterRename),
			},
			// Import by any spelling, verified attribute by attribute; the name keeps the spelling given.
			{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateId: strings.ToLower(renamed),
				ImportStateVerifyIgnore: []string{"name"},
				ImportStateCheck:        importKept(map[string]string{"name": strings.ToLower(renamed), "id": renamed})},
			// Drift made out of band shows in the plan; applying restores the configuration.
			{
				PreConfig:         tg.ExecFunc(t, fmt.Sprintf(`ALTER NETWORK POLICY %s SET COMMENT = 'by hand' BLOCKED_IP_LIST = ('1.2.3.4')`, renamed)),
				Config:            npRenamedConfig(renamed),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{afterRename},
			},
			{
				PreConfig:          tg.ExecFunc(t, "ALTER NETWORK POLICY "+renamed+" SET ALLOWED_IP_LIST = ('10.0.0.0/8', '172.16.0.1')"),
				Config:             npRenamedConfig(renamed),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			// Deleted out of band: removed from state with a warning, then planned for creation.
			{
				PreConfig:         tg.ExecFunc(t, "DROP NETWORK POLICY "+renamed),
				Config:            npRenamedConfig(renamed),
				ConfigPlanChecks:  acctest.ExpectCreate(addr),
				ConfigStateChecks: []statecheck.StateCheck{afterRename},
			},
		},
	})
}

// npMinimal is a network policy block labelled label that allows one address range.
func npMinimal(label, name, allowed string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_network_policy" %q {
  name            = %q
  allowed_ip_list = [%q]
}
`, label, name, allowed)
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
		CheckDestroy:             npGone(tg, quoted).AsTestCheck(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(quoted), "name": knownvalue.StringExact(quoted),
				}), npExpect(tg, quoted, npWant{allowed: []string{"203.0.113.0/24"}}), npGone(tg, strings.ToUpper(exact))),
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
