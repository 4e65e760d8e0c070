package resources_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// A network policy and the rules it lists, managed together: the policy takes the rule's
// fully_qualified_name, and both resources must agree on its spelling so that nothing drifts.

const nrpPolicyAddr = "snowflakeoauth_network_policy.p"

func nrpConfig(db, schema, rule, policy, ruleList string, withRule bool) string {
	r := ""
	if withRule {
		r = fmt.Sprintf(`
resource "snowflakeoauth_network_rule" "office" {
  database   = %q
  schema     = %q
  name       = %q
  type       = "IPV4"
  value_list = ["192.168.1.0/24"]
}`, db, schema, rule)
	}
	return r + fmt.Sprintf(`
resource "snowflakeoauth_network_policy" "p" {
  name                      = %q
  allowed_network_rule_list = %s
}`, policy, ruleList)
}

// TestAccNetworkRule_referencedByPolicy: names that need quoting in every part; the plan is empty
// after apply; the reference removed in one apply, the rule in the next (Terraform drops a removed
// resource before it updates its dependents, so one apply cannot do both).
func TestAccNetworkRule_referencedByPolicy(t *testing.T) {
	tg := acctest.Get(t)
	db, schema, rule, policy := genName("NRPDB"), "Net Rules", `"office"`, acctest.RandomName("NRPNP")
	nrSchema(t, tg, db, schema)
	fqn := quoted(db) + "." + quoted(schema) + `."office"`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             nrCheckGone(tg, fqn),
		Steps: []resource.TestStep{
			{
				Config:           nrpConfig(db, schema, rule, policy, "[snowflakeoauth_network_rule.office.fully_qualified_name]", true),
				ConfigPlanChecks: acctest.ExpectEmptyPlanAfterRefresh(),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(nrpPolicyAddr, "allowed_network_rule_list",
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(fqn)})),
					nrpExpectPolicyRules(tg, policy, fqn),
				},
			},
			{
				Config:            nrpConfig(db, schema, rule, policy, "[]", true),
				ConfigStateChecks: []statecheck.StateCheck{nrpExpectPolicyRules(tg, policy, "")},
			},
			{
				Config:            nrpConfig(db, schema, rule, policy, "[]", false),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckFunc(func() error { return nrGone(tg, fqn) })},
			},
		},
	})
}

// TestAccNetworkRule_dropInUse: a rule that a policy lists (by a literal name, so Terraform does not
// know the dependency) cannot be dropped; the error keeps Snowflake's code and says what to do.
func TestAccNetworkRule_dropInUse(t *testing.T) {
	tg := acctest.Get(t)
	db, rule, policy := acctest.RandomName("NRUDB"), acctest.RandomName("NRU"), acctest.RandomName("NRUNP")
	nrSchema(t, tg, db, "NET")
	fqn := db + ".NET." + rule
	list := fmt.Sprintf("[%q]", fqn)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			// The rule first: nothing tells Terraform that the literal name depends on it.
			{Config: nrpConfig(db, "NET", rule, policy, "[]", true)},
			{Config: nrpConfig(db, "NET", rule, policy, list, true)},
			{
				Config: nrpConfig(db, "NET", rule, policy, list, false),
				ExpectError: regexp.MustCompile(`(?s)Failed to drop network rule\s+` + fqn + `.*098506.*` +
					`Remove\s+` + fqn + `\s+from\s+the\s+policy's\s+allowed_network_rule_list.*second\s+apply`),
			},
			// The rule is still in state and in Snowflake; emptying the list first lets the destroy run.
			{
				Config:            nrpConfig(db, "NET", rule, policy, "[]", true),
				ConfigStateChecks: []statecheck.StateCheck{nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV4", mode: "INGRESS", values: []string{"192.168.1.0/24"}})},
			},
		},
	})
}

// nrpExpectPolicyRules checks, out of band with raw SQL, the policy's allowed rule list as DESCRIBE
// NETWORK POLICY prints it: the one rule's fully qualified name (JSON), or no row when the list is empty.
func nrpExpectPolicyRules(tg *acctest.Target, policy, rule string) statecheck.StateCheck {
	return acctest.CheckFunc(func() error {
		rows, err := tg.QueryRows("DESCRIBE NETWORK POLICY " + policy)
		if err != nil {
			return err
		}
		got := ""
		for _, r := range rows {
			if r["name"] == "ALLOWED_NETWORK_RULE_LIST" {
				got = r["value"]
			}
		}
		want := ""
		if rule != "" {
			b, _ := json.Marshal([]map[string]string{{"fullyQualifiedRuleName": rule}})
			want = string(b)
		}
		if got != want {
			return fmt.Errorf("policy %s ALLOWED_NETWORK_RULE_LIST = %q, want %q", policy, got, want)
		}
		return nil
	})
}
