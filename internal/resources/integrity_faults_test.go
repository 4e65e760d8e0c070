package resources_test

// State integrity under faults (issue 9): once a create statement ran, the object is in state at the
// end of the apply whatever fails after it, and the next apply converges without replacing it.
// The faults come from the emulator's statement knob (FailStatements), armed per test with a
// substring that holds the test's own object name, so that parallel tests are not disturbed.

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
)

// readAttempts is how many reads a create makes before it gives up: one plus one per retry.
var readAttempts = 1 + len(common.ReadBackDelays)

// armFaults returns a PreConfig that makes the next n statements containing `contains` fail.
func armFaults(tg *acctest.Target, contains string, n int, mode emulator.FaultMode) func() {
	return func() { tg.Emulator.FailStatements(contains, n, mode) }
}

// faultsUsed checks that every fault armed with `contains` was hit, then removes what is left.
func faultsUsed(tg *acctest.Target, contains string) statecheck.StateCheck {
	return acctest.CheckFunc(func() error {
		left := tg.Emulator.PendingStatementFaults(contains)
		tg.Emulator.FailStatements(contains, 0, 0)
		if left != 0 {
			return fmt.Errorf("%d faults armed on %q were not hit", left, contains)
		}
		return nil
	})
}

// Every read after CREATE fails: the integration is saved (values only Snowflake knows are null),
// the apply warns instead of failing (an error would taint it and replace it next time), and the
// next apply reads it without planning anything.
func TestAccIntegrity_customClientReadAfterCreateFails(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	name := acctest.RandomName("IFC")
	describe := `DESCRIBE SECURITY INTEGRATION "` + name + `"`
	show := "SHOW SECURITY INTEGRATIONS LIKE '" + name + "'"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             tg.ExpectRowCount(show, 0).AsTestCheck(),
		Steps: []resource.TestStep{
			{
				PreConfig: armFaults(tg, describe, readAttempts, emulator.SQLFailure),
				Config:    ccMinimal(name, "CONFIDENTIAL"),
				ConfigStateChecks: append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(name), "oauth_client_id": knownvalue.Null(),
				}), faultsUsed(tg, describe), tg.ExpectRowCount(show, 1)),
			},
			{
				Config:           ccMinimal(name, "CONFIDENTIAL"),
				ConfigPlanChecks: acctest.ExpectNoChange(ccAddr),
				ConfigStateChecks: append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"oauth_client_id": knownvalue.NotNull(), "oauth_authorization_endpoint": knownvalue.NotNull(),
				}), tg.ExpectRowCount(show, 1)),
			},
		},
	})
}

// One failed read is ridden out by the retry: the state is complete after the first apply.
func TestAccIntegrity_partnerReadRetried(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	name := acctest.RandomName("IFP")
	describe := `DESCRIBE SECURITY INTEGRATION "` + name + `"`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig: armFaults(tg, describe, 1, emulator.SQLFailure),
				Config:    piConfig(name, "TABLEAU_DESKTOP", ""),
				ConfigStateChecks: append(acctest.KnownValues(piAddr, map[string]knownvalue.Check{
					"oauth_client_id": knownvalue.NotNull(), "oauth_authorization_endpoint": knownvalue.NotNull(),
				}), faultsUsed(tg, describe)),
			},
			{
				PreConfig: armFaults(tg, describe, 1, emulator.SQLFailure),
				Config:    piConfig(name, "TABLEAU_DESKTOP", ""),
				// The refresh fails: the apply reports it with the code, the integration stays in state.
				ExpectError: regexp.MustCompile(`(?s)read security integration.*` + emulator.InjectedSQLErrorCode),
			},
			{
				PreConfig:         func() { tg.Emulator.FailStatements(describe, 0, 0) },
				Config:            piConfig(name, "TABLEAU_DESKTOP", ""),
				ConfigPlanChecks:  acctest.ExpectNoChange(piAddr),
				ConfigStateChecks: []statecheck.StateCheck{tg.ExpectRowCount("SHOW SECURITY INTEGRATIONS LIKE '"+name+"'", 1)},
			},
		},
	})
}

// The SHOW after ADD DELEGATED AUTHORIZATION fails every time: the authorization is saved and
// converges on the next apply.
func TestAccIntegrity_delegatedReadAfterAddFails(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	f := newOAuthFixture(t, tg, "IFD")
	const addr = "snowflakeoauth_delegated_authorization.test"
	show := `SHOW DELEGATED AUTHORIZATIONS BY USER "` + f.User + `"`
	cfg := delegatedConfig(f.User, f.Role, f.Integration)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig: armFaults(tg, show, readAttempts, emulator.SQLFailure),
				Config:    cfg,
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(f.User + "|" + f.Role + "|" + f.Integration), "created_on": knownvalue.Null(),
				}), faultsUsed(tg, show), expectDelegated(t, tg, f.User, f.User+"|"+f.Role+"|"+f.Integration, true)),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: acctest.ExpectNoChange(addr),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(addr, "created_on", knownvalue.NotNull())},
			},
		},
	})
}

// stormCase is a resource whose create statement runs but whose answer is lost more often than the
// driver retries (an HTTP 503 storm on that statement only).
type stormCase struct {
	name, addr, config, createSQL, show string
}

// A 503 storm on the create statement outlasts the driver's retries: the statement ran, the provider
// never saw its answer, looks the object up, finds it and saves it (a warning says so). Re-apply
// plans nothing; SQL shows exactly one object. Not a short test: the driver backs off between
// its retries.
func TestAccIntegrity_createAnswerLost(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	integ := acctest.RandomName("IFS_I")
	policy := acctest.RandomName("IFS_NP")
	bindInteg := acctest.RandomName("IFS_B")
	createCustomClient(t, tg, bindInteg)
	tg.Cleanup(t, "ALTER SECURITY INTEGRATION "+bindInteg+" UNSET NETWORK_POLICY", "DROP NETWORK POLICY IF EXISTS "+policy+"_B")
	tg.Exec(t, "CREATE NETWORK POLICY "+policy+"_B ALLOWED_IP_LIST = ('10.0.0.0/8')")
	cases := []stormCase{
		{name: "custom client", addr: ccAddr, config: ccMinimal(integ, "PUBLIC"),
			createSQL: `CREATE SECURITY INTEGRATION "` + integ + `"`,
			show:      "SHOW SECURITY INTEGRATIONS LIKE '" + integ + "'"},
		{name: "network policy", addr: "snowflakeoauth_network_policy.test",
			config:    npMinimal("test", policy, "192.168.0.0/16"),
			createSQL: `CREATE NETWORK POLICY "` + policy + `"`,
			show:      "SHOW NETWORK POLICIES LIKE '" + policy + "'"},
		{name: "binding", addr: "snowflakeoauth_integration_network_policy.test",
			config:    inpBlock("test", strings.ToLower(bindInteg), strconv.Quote(policy+"_B")),
			createSQL: `ALTER SECURITY INTEGRATION "` + bindInteg + `" SET NETWORK_POLICY`,
			show:      "SHOW SECURITY INTEGRATIONS LIKE '" + bindInteg + "'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{
					{
						PreConfig: armFaults(tg, c.createSQL, 100, emulator.HTTP503),
						Config:    c.config,
						ConfigStateChecks: []statecheck.StateCheck{
							clearFaults(tg, c.createSQL),
							acctest.KnownValue(c.addr, "id", knownvalue.NotNull()),
							tg.ExpectRowCount(c.show, 1),
						},
					},
					{Config: c.config, ConfigPlanChecks: acctest.ExpectNoChange(c.addr),
						ConfigStateChecks: []statecheck.StateCheck{tg.ExpectRowCount(c.show, 1)}},
				},
			})
		})
	}
}

// clearFaults removes what is left of the faults armed with `contains`.
func clearFaults(tg *acctest.Target, contains string) statecheck.StateCheck {
	return acctest.CheckFunc(func() error {
		tg.Emulator.FailStatements(contains, 0, 0)
		return nil
	})
}

// The storm hides both the CREATE's answer and every read after it: the outcome is unknown, so the
// apply fails with a clear error, but the integration is in state (tainted). The re-apply converges
// (Terraform replaces the tainted object, as the error says) and SQL shows 0 orphans.
func TestAccIntegrity_createOutcomeUnknown(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	name := acctest.RandomName("IFU")
	create := `CREATE SECURITY INTEGRATION "` + name + `"`
	describe := `DESCRIBE SECURITY INTEGRATION "` + name + `"`
	show := "SHOW SECURITY INTEGRATIONS LIKE '" + name + "'"
	cfg := ccMinimal(name, "CONFIDENTIAL")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             tg.ExpectRowCount(show, 0).AsTestCheck(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					tg.Emulator.FailStatements(create, 100, emulator.HTTP503)
					tg.Emulator.FailStatements(describe, readAttempts, emulator.SQLFailure)
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`Unknown whether security integration ` + name + ` was created`),
			},
			{
				PreConfig: func() {
					tg.Emulator.FailStatements(create, 0, 0)
					tg.Emulator.FailStatements(describe, 0, 0)
				},
				Config:           cfg,
				ConfigPlanChecks: acctest.ExpectDestroyBeforeCreate(ccAddr),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(ccAddr, "oauth_client_id", knownvalue.NotNull()),
					tg.ExpectRowCount(show, 1),
				},
			},
			{Config: cfg, ConfigPlanChecks: acctest.ExpectNoChange(ccAddr)},
		},
	})
}

// A redirect URI with a fragment is refused at plan time, naming the attribute (RFC 6749 3.1.2).
func TestAccIntegrity_redirectURIFragment(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: `
resource "snowflakeoauth_custom_client_integration" "test" {
  name                          = "never_created"
  oauth_client_type             = "PUBLIC"
  oauth_redirect_uri            = "https://example.com/cb"
  oauth_alternate_redirect_uris = ["https://example.com/other#section"]
}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)oauth_alternate_redirect_uris.*fragment`),
			},
			{
				Config:      piConfig("never_created", "LOOKER", `oauth_redirect_uri = "https://looker.example.com/oauth#x"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)oauth_redirect_uri.*fragment`),
			},
		},
	})
}

// timeouts.create cuts a 503 storm on the CREATE short (the driver would otherwise retry 7 times with
// backoff); the provider then looks the integration up on a fresh short budget, finds it and saves it,
// so the next apply plans nothing. An unparsable duration is refused at plan time.
func TestAccIntegrity_createTimeout(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "fault injection needs the emulator")
	name := acctest.RandomName("IFT")
	create := `CREATE SECURITY INTEGRATION "` + name + `"`
	cfg := func(limit string) string {
		return fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "test" {
  name               = %q
  oauth_client_type  = "PUBLIC"
  oauth_redirect_uri = "https://example.com/callback"
  timeouts {
    create = %q
  }
}`, name, limit)
	}
	const storm = 100
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg("soon"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Time Duration.*create = "soon"`)},
			{
				PreConfig: armFaults(tg, create, storm, emulator.HTTP503),
				Config:    cfg("3s"),
				ConfigStateChecks: append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"oauth_client_id": knownvalue.NotNull(),
					"timeouts":        knownvalue.ObjectPartial(map[string]knownvalue.Check{"create": knownvalue.StringExact("3s")}),
				}),
					acctest.CheckFunc(func() error {
						// The driver's own limit is 8 attempts; the timeout stopped it before.
						if used := storm - tg.Emulator.PendingStatementFaults(create); used < 1 || used >= 8 {
							return fmt.Errorf("the CREATE was attempted %d times, want 1 to 7", used)
						}
						return nil
					}),
					clearFaults(tg, create),
					tg.ExpectRowCount("SHOW SECURITY INTEGRATIONS LIKE '"+name+"'", 1),
				),
			},
			{Config: cfg("3s"), ConfigPlanChecks: acctest.ExpectNoChange(ccAddr)},
		},
	})
}
