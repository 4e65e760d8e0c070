package resources_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// ccCostWindow sorts the statements the provider ran in one window of the test by kind. Anything
// that is not one of the expected kinds (SHOW SECURITY INTEGRATIONS, SELECT, a second DESCRIBE
// flavour...) lands in other, so a read that grew a second query fails the test.
type ccCostWindow struct {
	create, alterSet, alterOther, drop, describe, showParams int
	other                                                    []string
	all                                                      []string
}

func (w ccCostWindow) String() string { return strings.Join(w.all, "\n  ") }

// ccCostLog reads the emulator's statement log window by window. It keeps the number of
// SHOW PARAMETERS seen over the whole test, since the provider (served in-process, so its process is
// this test binary) must read the account parameter at most once.
type ccCostLog struct {
	t          *testing.T
	tg         *acctest.Target
	admin      string
	showParams int
}

// take returns the provider's statements since the last take and empties the log. The provider
// connects as the admin user with ACCOUNTADMIN (from the SNOWFLAKE_* variables acctest sets); the
// out-of-band connection tg.DB uses the same user and role, so this test runs no out-of-band SQL at
// all and the resource.Test below is not parallel (Go runs no parallel test beside it).
func (l *ccCostLog) take() ccCostWindow {
	var w ccCostWindow
	for _, e := range l.tg.Emulator.StatementLog() {
		if !strings.EqualFold(e.User, l.admin) || !strings.EqualFold(e.Role, "ACCOUNTADMIN") {
			continue
		}
		sql := strings.ToUpper(strings.TrimSpace(e.SQL))
		w.all = append(w.all, e.SQL)
		switch {
		case strings.HasPrefix(sql, "CREATE SECURITY INTEGRATION"):
			w.create++
		case strings.HasPrefix(sql, "ALTER SECURITY INTEGRATION") && strings.Contains(sql, " SET "):
			w.alterSet++
		case strings.HasPrefix(sql, "ALTER SECURITY INTEGRATION"):
			w.alterOther++
		case strings.HasPrefix(sql, "DROP SECURITY INTEGRATION"):
			w.drop++
		case strings.HasPrefix(sql, "DESC SECURITY INTEGRATION"), strings.HasPrefix(sql, "DESCRIBE SECURITY INTEGRATION"):
			w.describe++
		case strings.HasPrefix(sql, "SHOW PARAMETERS"):
			w.showParams++
		default:
			w.other = append(w.other, e.SQL)
		}
	}
	l.showParams += w.showParams
	l.t.Logf("window: create=%d alter_set=%d drop=%d describe=%d show_parameters=%d other=%d",
		w.create, w.alterSet, w.drop, w.describe, w.showParams, len(w.other))
	l.tg.ResetStatements()
	return w
}

// expect checks one window: exact counts of each kind, no statement of any other kind, and at most
// one SHOW PARAMETERS so far in the whole test.
func (l *ccCostLog) expect(what string, w ccCostWindow, create, alterSet, drop, describe int) error {
	var errs []string
	for _, c := range []struct {
		kind      string
		got, want int
	}{
		{"CREATE SECURITY INTEGRATION", w.create, create},
		{"ALTER SECURITY INTEGRATION ... SET", w.alterSet, alterSet},
		{"ALTER SECURITY INTEGRATION (not SET)", w.alterOther, 0},
		{"DROP SECURITY INTEGRATION", w.drop, drop},
		{"DESCRIBE SECURITY INTEGRATION", w.describe, describe},
	} {
		if c.got != c.want {
			errs = append(errs, fmt.Sprintf("%d %s, want %d", c.got, c.kind, c.want))
		}
	}
	if len(w.other) > 0 {
		errs = append(errs, fmt.Sprintf("unexpected statements %q", w.other))
	}
	if l.showParams > 1 {
		errs = append(errs, fmt.Sprintf("SHOW PARAMETERS ran %d times so far, want at most once per provider process", l.showParams))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %s; statements:\n  %s", what, strings.Join(errs, "; "), w)
	}
	return nil
}

// check adapts expect to a step's state checks.
func (l *ccCostLog) check(what string, create, alterSet, drop, describe int) statecheck.StateCheck {
	return acctest.CheckFunc(func() error { return l.expect(what, l.take(), create, alterSet, drop, describe) })
}

// preConfig checks the tail of the previous step (the statements run after its Check) and starts the
// next window; PreConfig cannot return an error, so it reports through t.
func (l *ccCostLog) preConfig(t *testing.T, what string, describe int) func() {
	return func() {
		if err := l.expect(what, l.take(), 0, 0, 0, describe); err != nil {
			t.Error(err)
		}
	}
}

func ccCostConfig(name, comment string, enabled bool, accessValidity int) string {
	return ccConfig(name, "CONFIDENTIAL", fmt.Sprintf("enabled = %t\n  oauth_access_token_validity = %d\n  comment = %q",
		enabled, accessValidity, comment))
}

// TestAccCustomClientIntegration_cost asserts, from the emulator's statement log, what each
// operation costs in statements: create, read (one DESCRIBE), update in place (one ALTER ... SET),
// import, delete, and that the account parameter is read at most once per provider process.
//
// terraform-plugin-testing runs each Config step as: plan (with refresh) -> apply of the saved plan
// (no refresh) -> Check -> plan -refresh=false -> plan (with refresh). A Check therefore sees the
// pre-apply plan and the apply; the final refreshing plan is counted by the next step's PreConfig.
func TestAccCustomClientIntegration_cost(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "statement counts come from the emulator's statement log")
	name := acctest.RandomName("CCCOST")
	l := &ccCostLog{t: t, tg: tg, admin: tg.Emulator.AdminUser()}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Create. The pre-apply plan has nothing to refresh; the apply runs one CREATE and the
				// one DESCRIBE that fills the computed attributes. No SHOW of any kind.
				PreConfig:         tg.ResetStatements,
				Config:            ccCostConfig(name, "first", true, 600),
				ConfigStateChecks: []statecheck.StateCheck{l.check("create (plan + apply)", 1, 0, 0, 1)},
			},
			{
				// Create step's tail: its refreshing plan read the resource once (1 DESCRIBE, plus the
				// first SHOW PARAMETERS of the process unless an earlier test in this binary read it).
				// Update: the pre-apply plan refreshes once (1 DESCRIBE) and the apply changes three
				// attributes with exactly one ALTER ... SET and no DESCRIBE (no computed value is unknown).
				PreConfig: l.preConfig(t, "create step, refreshing plan after apply", 1),
				Config:    ccCostConfig(name, "second", false, 1200),
				ConfigStateChecks: append([]statecheck.StateCheck{l.check("update (plan + apply)", 0, 1, 0, 1)},
					acctest.KnownValues(ccAddr, map[string]knownvalue.Check{"comment": knownvalue.StringExact("second"),
						"enabled": knownvalue.Bool(false), "oauth_access_token_validity": knownvalue.Int64Exact(1200)})...),
			},
			{
				// Update step's tail: one refreshing plan, one DESCRIBE.
				PreConfig:         l.preConfig(t, "update step, refreshing plan after apply", 1),
				ResourceName:      ccAddr,
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			{
				// Import step. With the default ImportStateKind (ImportCommandWithID) v1.16 runs
				// `terraform import` in a fresh working directory: ImportResourceState and then one
				// ReadResource, i.e. exactly 1 DESCRIBE. It does not run a separate refresh (it only
				// reads the prior state with `terraform show`, which calls no provider), and
				// ImportStateVerify compares states without touching Snowflake.
				PreConfig: l.preConfig(t, "import step", 1),
				// Delete: the pre-apply plan refreshes the resource still in state (1 DESCRIBE), the
				// apply drops it with one DROP. The plans after it have nothing to read.
				Config:            "locals {\n  removed = true\n}\n",
				ConfigStateChecks: []statecheck.StateCheck{l.check("delete (plan + apply)", 0, 0, 1, 1)},
			},
		},
	})
	// The delete step's two plans and the final destroy have nothing in state to read or drop.
	// (CheckDestroy is not used: the framework skips it when the state is already empty.)
	if err := l.expect("delete step tail and final destroy", l.take(), 0, 0, 0, 0); err != nil {
		t.Error(err)
	}
	t.Logf("SHOW PARAMETERS over the whole test: %d", l.showParams)
}
