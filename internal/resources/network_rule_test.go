package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

const nrAddr = "snowflakeoauth_network_rule.test"

// nrSchema creates a database and schema of its own for the test (exact names, SQL form) and drops
// them afterwards. Rules live in a schema, which must exist before a rule can be created.
func nrSchema(t *testing.T, tg *acctest.Target, db, schema string) {
	t.Helper()
	tg.Exec(t, "CREATE DATABASE IF NOT EXISTS "+quoted(db))
	tg.Exec(t, "CREATE SCHEMA IF NOT EXISTS "+quoted(db)+"."+quoted(schema))
	tg.Cleanup(t, "DROP DATABASE IF EXISTS "+quoted(db))
}

// nrRow is the raw DESCRIBE NETWORK RULE row read out of band (acctest.QueryRows: plain SQL, not the
// provider's parser); nil when the rule does not exist.
func nrRow(tg *acctest.Target, sqlName string) (map[string]string, error) {
	rows, err := tg.QueryRows("DESCRIBE NETWORK RULE " + sqlName)
	switch {
	case err != nil && strings.Contains(err.Error(), "does not exist"):
		return nil, nil
	case err != nil:
		return nil, err
	case len(rows) != 1:
		return nil, fmt.Errorf("DESCRIBE NETWORK RULE %s: %d rows, want 1", sqlName, len(rows))
	}
	return rows[0], nil
}

// nrWant is a rule as Snowflake must show it; values compare as a set.
type nrWant struct {
	typ, mode, comment string
	values             []string
}

// nrExpectSnowflake checks the raw row against want.
func nrExpectSnowflake(tg *acctest.Target, sqlName string, want nrWant) statecheck.StateCheck {
	return acctest.CheckFunc(func() error {
		row, err := nrRow(tg, sqlName)
		if err != nil {
			return err
		}
		if row == nil {
			return fmt.Errorf("network rule %s does not exist", sqlName)
		}
		var got []string
		if row["value_list"] != "" {
			got = strings.Split(row["value_list"], ",")
		}
		if row["type"] != want.typ || row["mode"] != want.mode || row["comment"] != want.comment || npSorted(got) != npSorted(want.values) {
			return fmt.Errorf("network rule %s is %v, want %+v", sqlName, row, want)
		}
		return nil
	})
}

func nrGone(tg *acctest.Target, sqlName string) error {
	row, err := nrRow(tg, sqlName)
	if err != nil || row != nil {
		return fmt.Errorf("network rule %s: want it gone, got %v %v", sqlName, row, err)
	}
	return nil
}

// nrCheckGone is CheckDestroy for one rule.
func nrCheckGone(tg *acctest.Target, sqlName string) resource.TestCheckFunc {
	return acctest.CheckFunc(func() error { return nrGone(tg, sqlName) }).AsTestCheck()
}

func nrConfig(db, schema, name, typ, extra string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_network_rule" "test" {
  database = %q
  schema   = %q
  name     = %q
  type     = %q
%s
}`, db, schema, name, typ, extra)
}

func nrValues(vals ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(vals))
	for i, v := range vals {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}

func TestAccNetworkRule_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	db, name := acctest.RandomName("NRDB"), acctest.RandomName("NR")
	nrSchema(t, tg, db, "NET")
	fqn := db + ".NET." + name
	lower := func(s string) string { return strings.ToLower(s) }
	created := nrConfig(lower(db), "net", lower(name), "IPV4", `
  value_list = ["10.0.0.0/8", "192.168.1.1"]
  comment    = "office"`)
	updated := nrConfig(lower(db), "net", lower(name), "IPV4", `
  value_list = ["10.0.0.0/8", "172.16.0.0/12", "192.168.1.2"]`)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             nrCheckGone(tg, fqn),
		Steps: []resource.TestStep{
			// Create with lower-case names: they stay as written, id and fully_qualified_name are canonical.
			{
				Config: created,
				ConfigStateChecks: append(acctest.KnownValues(nrAddr, map[string]knownvalue.Check{
					"id":                   knownvalue.StringExact(fqn),
					"fully_qualified_name": knownvalue.StringExact(fqn),
					"name":                 knownvalue.StringExact(lower(name)),
					"mode":                 knownvalue.StringExact("INGRESS"),
					"value_list":           nrValues("10.0.0.0/8", "192.168.1.1"),
				}), nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV4", mode: "INGRESS", comment: "office", values: []string{"10.0.0.0/8", "192.168.1.1"}})),
			},
			// In place: values replaced, comment removed (UNSET).
			{
				Config:           updated,
				ConfigPlanChecks: acctest.ExpectUpdate(nrAddr),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(nrAddr, "comment", knownvalue.StringExact("")),
					nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV4", mode: "INGRESS", values: []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.1.2"}}),
				},
			},
			// The same names respelled: an update that sends no statement, never a replacement.
			{
				Config: nrConfig(db, `"NET"`, name, "IPV4", `
  value_list = ["10.0.0.0/8", "172.16.0.0/12", "192.168.1.2"]`),
				ConfigPlanChecks: acctest.ExpectUpdate(nrAddr),
				ConfigStateChecks: acctest.KnownValues(nrAddr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(fqn), "schema": knownvalue.StringExact(`"NET"`),
				}),
			},
			// Import by any spelling, verified attribute by attribute; the parts keep the spelling given.
			{
				ResourceName: nrAddr, ImportState: true, ImportStateVerify: true, ImportStateId: lower(fqn),
				ImportStateVerifyIgnore: []string{"database", "schema", "name"},
				ImportStateCheck:        importKept(map[string]string{"database": lower(db), "schema": "net", "name": lower(name), "id": fqn}),
			},
			// Drift made out of band shows in the plan.
			{
				PreConfig:          tg.ExecFunc(t, "ALTER NETWORK RULE "+fqn+" SET VALUE_LIST = ('10.0.0.0/8'), COMMENT = 'by hand'"),
				Config:             updated,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			// ... and applying restores the configuration in place.
			{
				Config:            updated,
				ConfigPlanChecks:  acctest.ExpectUpdate(nrAddr),
				ConfigStateChecks: []statecheck.StateCheck{nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV4", mode: "INGRESS", values: []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.1.2"}})},
			},
			// Deleted out of band: removed from state with a warning, then planned for creation.
			{
				PreConfig:         tg.ExecFunc(t, "DROP NETWORK RULE "+fqn),
				Config:            updated,
				ConfigPlanChecks:  acctest.ExpectCreate(nrAddr),
				ConfigStateChecks: []statecheck.StateCheck{nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV4", mode: "INGRESS", values: []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.1.2"}})},
			},
			// A new type cannot be altered in: the rule is replaced.
			{
				Config: nrConfig(lower(db), "net", lower(name), "IPV6", `
  value_list = ["2001:db8::/32", "::ffff:192.0.2.1"]
  comment    = "v6"`),
				ConfigPlanChecks: acctest.ExpectDestroyBeforeCreate(nrAddr),
				ConfigStateChecks: []statecheck.StateCheck{
					nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV6", mode: "INGRESS", comment: "v6", values: []string{"2001:db8::/32", "::ffff:192.0.2.1"}}),
				},
			},
		},
	})
}

// TestAccNetworkRule_quotedNames: every part needs quoting (lower case, a space, a dot, a quote).
func TestAccNetworkRule_quotedNames(t *testing.T) {
	tg := acctest.Get(t)
	db, schema, name := genName("NRQDB"), `My "Schema"`, "rule.1"
	nrSchema(t, tg, db, schema)
	sqlName := quoted(db) + "." + quoted(schema) + "." + quoted(name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             nrCheckGone(tg, sqlName),
		Steps: []resource.TestStep{
			{
				Config: nrConfig(db, quoted(schema), quoted(name), "HOST_PORT", `
  mode       = "EGRESS"
  value_list = ["example.com:443", "*.example.org"]
  comment    = "it's \"quoted\""`),
				ConfigStateChecks: append(acctest.KnownValues(nrAddr, map[string]knownvalue.Check{
					"fully_qualified_name": knownvalue.StringExact(sqlName), "schema": knownvalue.StringExact(quoted(schema)),
				}), nrExpectSnowflake(tg, sqlName, nrWant{typ: "HOST_PORT", mode: "EGRESS", comment: `it's "quoted"`, values: []string{"example.com:443", "*.example.org"}})),
			},
			// The import ID quotes every part; the configuration wrote the database unquoted (an exact name
			// either way), so the parts are compared by the spelling kept, the rest attribute by attribute.
			{
				ResourceName: nrAddr, ImportState: true, ImportStateVerify: true, ImportStateId: sqlName,
				ImportStateVerifyIgnore: []string{"database", "schema", "name"},
				ImportStateCheck:        importKept(map[string]string{"database": quoted(db), "schema": quoted(schema), "name": quoted(name)}),
			},
		},
	})
}

// TestAccNetworkRule_badInput: each mistake is a plan-time error that names the attribute.
func TestAccNetworkRule_badInput(t *testing.T) {
	acctest.Get(t)
	for _, c := range []struct {
		name, typ, extra string
		want             string
	}{
		{"bad CIDR", "IPV4", `value_list = ["10.0.0.0/33"]`, `(?s)value_list.*"10.0.0.0/33".*IPv4 CIDR`},
		{"IPv6 in an IPV4 rule", "IPV4", `value_list = ["2001:db8::1"]`, `(?s)value_list.*"2001:db8::1".*IPv4`},
		{"IPv4 in an IPV6 rule", "IPV6", `value_list = ["10.0.0.1"]`, `(?s)value_list.*"10.0.0.1".*IPv6`},
		{"empty value", "AWSVPCEID", `value_list = [""]`, `(?s)value_list.*is empty`},
		{"unknown type", "IPV5", ``, `(?s)type.*value must be one of`},
		{"unknown mode", "IPV4", `mode = "SIDEWAYS"`, `(?s)mode.*value must be one of`},
		{"EGRESS for IPV4", "IPV4", `mode = "EGRESS"`, `(?s)mode.*does not accept mode EGRESS for type IPV4.*"INGRESS"`},
		{"HOST_PORT with the default mode", "HOST_PORT", `value_list = ["example.com"]`, `(?s)mode.*defaults to INGRESS.*mode = "EGRESS"`},
		{"INTERNAL_STAGE for AZURELINKID", "AZURELINKID", `mode = "INTERNAL_STAGE"`, `(?s)mode.*INTERNAL_STAGE for type AZURELINKID`},
	} {
		t.Run(c.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      nrConfig("DB", "SC", "NR", c.typ, "  "+c.extra),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
				}},
			})
		})
	}
	t.Run("bad name part", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
			Steps: []resource.TestStep{{
				Config:      nrConfig("DB", `"unterminated`, "NR", "IPV4", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)schema.*not a valid Snowflake identifier`),
			}},
		})
	})
}

// TestAccNetworkRule_readCost: a refresh reads a rule with exactly one statement (DESCRIBE), and a
// plan that changes nothing runs nothing else. Not parallel, so no other test's statements interleave
// (the check only counts statements naming this rule anyway).
func TestAccNetworkRule_readCost(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "statement counts come from the emulator's statement log")
	db, name := acctest.RandomName("NRCDB"), acctest.RandomName("NRC")
	nrSchema(t, tg, db, "NET")
	config := nrConfig(db, "NET", name, "IPV4", `  value_list = ["10.0.0.1"]`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: tg.ResetStatements,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(nrAddr, plancheck.ResourceActionNoop),
					nrStatementCount{tg: tg, name: name, want: map[string]int{"DESCRIBE NETWORK RULE": 1}},
				}},
			},
		},
	})
}

// nrStatementCount is a plan check on the emulator's statement log: the statements naming the rule,
// by their first three words, must be exactly want.
type nrStatementCount struct {
	tg   *acctest.Target
	name string
	want map[string]int
}

func (c nrStatementCount) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	got := map[string]int{}
	var all []string
	for _, e := range c.tg.Emulator.StatementLog() {
		if !strings.Contains(strings.ToUpper(e.SQL), c.name) {
			continue
		}
		all = append(all, e.SQL)
		words := strings.Fields(strings.ToUpper(e.SQL))
		got[strings.Join(words[:min(3, len(words))], " ")]++
	}
	if fmt.Sprint(got) != fmt.Sprint(c.want) {
		sort.Strings(all)
		resp.Error = fmt.Errorf("statements naming %s: %v, want %v:\n  %s", c.name, got, c.want, strings.Join(all, "\n  "))
	}
}

func TestAccGenerateConfig_networkRule(t *testing.T) {
	tg := acctest.Get(t)
	db, name := genName("GENNRDB"), genName("GENNR")
	nrSchema(t, tg, db, "PUBLIC")
	genConfigTest(t, nrConfig(db, "public", name, "AWSVPCEID", `
  mode       = "INTERNAL_STAGE"
  value_list = ["vpce-0123456789abcdef0"]
  comment    = "stage"`), nrAddr, quoted(db)+".PUBLIC."+quoted(name))
}

// TestAccNetworkRule_readAfterCreateFails: every read after CREATE fails; the rule is saved with the
// configured values (a warning, not an error that would taint and replace it), and the next apply
// reads it and plans nothing.
func TestAccNetworkRule_readAfterCreateFails(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	db, name := acctest.RandomName("NRFDB"), acctest.RandomName("NRF")
	nrSchema(t, tg, db, "NET")
	fqn := db + ".NET." + name
	describe := `DESCRIBE NETWORK RULE "` + db + `"."NET"."` + name + `"`
	config := nrConfig(db, "NET", name, "IPV4", `  value_list = ["10.0.0.1"]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             nrCheckGone(tg, fqn),
		Steps: []resource.TestStep{
			{
				PreConfig: armFaults(tg, describe, readAttempts, emulator.SQLFailure),
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					faultsUsed(tg, describe),
					acctest.KnownValue(nrAddr, "id", knownvalue.StringExact(fqn)),
					nrExpectSnowflake(tg, fqn, nrWant{typ: "IPV4", mode: "INGRESS", values: []string{"10.0.0.1"}}),
				},
			},
			{Config: config, ConfigPlanChecks: acctest.ExpectNoChange(nrAddr)},
		},
	})
}
