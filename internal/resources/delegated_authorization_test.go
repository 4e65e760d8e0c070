package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// oauthFixture is a user holding two roles and a confidential custom client, made out of band.
type oauthFixture struct {
	User, Role, Role2, Integration string
}

func newOAuthFixture(t *testing.T, tg *acctest.Target, prefix string) oauthFixture {
	t.Helper()
	f := oauthFixture{
		User:        acctest.RandomName(prefix + "_U"),
		Role:        acctest.RandomName(prefix + "_R"),
		Role2:       acctest.RandomName(prefix + "_R2"),
		Integration: acctest.RandomName(prefix + "_I"),
	}
	tg.CreateUser(t, f.User, "Pw-12345678", f.Role, f.Role2)
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+f.Integration) // runs before CreateUser's drops
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+f.Integration+
		" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'")
	return f
}

// delegatedRows lists "USER|ROLE|INTEGRATION" of a user's delegated authorizations, out of band.
func delegatedRows(t *testing.T, tg *acctest.Target, user string) []string {
	t.Helper()
	var out []string
	for _, r := range tg.Rows(t, "SHOW DELEGATED AUTHORIZATIONS BY USER "+user) {
		out = append(out, r["user_name"]+"|"+r["role_name"]+"|"+r["integration_name"])
	}
	return out
}

// expectDelegated checks, out of band, whether the user has the delegated authorization want.
func expectDelegated(t *testing.T, tg *acctest.Target, user, want string, present bool) statecheck.StateCheck {
	return acctest.CheckFunc(func() error {
		rows := delegatedRows(t, tg, user)
		found := false
		for _, r := range rows {
			found = found || r == want
		}
		if found != present {
			return fmt.Errorf("delegated authorization %s present=%v, want %v (rows %v)", want, found, present, rows)
		}
		return nil
	})
}

func delegatedConfig(user, role, integration string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_delegated_authorization" "test" {
  user_name        = %q
  role_name        = %q
  integration_name = %q
}
`, user, role, integration)
}

// Not parallel: it counts the statements of one read in the emulator's shared log.
func TestAccDelegatedAuthorization_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	f := newOAuthFixture(t, tg, "DA")
	const addr = "snowflakeoauth_delegated_authorization.test"
	id := f.User + "|" + f.Role + "|" + f.Integration
	id2 := f.User + "|" + f.Role2 + "|" + f.Integration
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: delegatedConfig(f.User, f.Role, f.Integration),
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id":                 knownvalue.StringExact(id),
					"integration_status": knownvalue.StringExact("ENABLED"),
					"created_on": knownvalue.StringFunc(func(v string) error {
						_, err := time.Parse(time.RFC3339, v)
						return err
					}),
				}), expectDelegated(t, tg, f.User, id, true)),
			},
			// One statement per read.
			{
				PreConfig:    tg.ResetStatements,
				RefreshState: true,
				Check: func(*terraform.State) error {
					if n := tg.CountStatements(); n >= 0 && (n != 1 || tg.CountStatements("SHOW DELEGATED AUTHORIZATIONS") != 1) {
						return fmt.Errorf("a refresh ran %d statements, want exactly 1 SHOW DELEGATED AUTHORIZATIONS", n)
					}
					return nil
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     id,
				ImportStateVerify: true,
			},
			// Spelling of the import ID follows the identifier rule; the names keep the spelling given.
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           strings.ToLower(f.User) + " | " + strings.ToLower(f.Role) + ` | "` + f.Integration + `"`,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"user_name", "role_name", "integration_name"},
				ImportStateCheck: importKept(map[string]string{"id": id, "user_name": strings.ToLower(f.User),
					"role_name": strings.ToLower(f.Role), "integration_name": `"` + f.Integration + `"`}),
			},
			// Disabling the integration out of band shows in integration_status.
			{
				PreConfig: tg.ExecFunc(t, "ALTER SECURITY INTEGRATION "+f.Integration+" SET ENABLED = FALSE"),
				Config:    delegatedConfig(f.User, f.Role, f.Integration),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(addr, "integration_status", knownvalue.StringExact("DISABLED"))},
			},
			// Removed out of band: the refresh drops it from state and the plan adds it again.
			{
				PreConfig: tg.ExecFunc(t,
					"ALTER SECURITY INTEGRATION "+f.Integration+" SET ENABLED = TRUE",
					fmt.Sprintf("ALTER USER %s REMOVE DELEGATED AUTHORIZATION OF ROLE %s FROM SECURITY INTEGRATION %s", f.User, f.Role, f.Integration)),
				Config:   delegatedConfig(f.User, f.Role, f.Integration),
				PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{
				Config:            delegatedConfig(f.User, f.Role, f.Integration),
				ConfigPlanChecks:  acctest.ExpectCreate(addr),
				ConfigStateChecks: []statecheck.StateCheck{expectDelegated(t, tg, f.User, id, true)},
			},
			// Another role replaces it.
			{
				Config:           delegatedConfig(f.User, f.Role2, f.Integration),
				ConfigPlanChecks: acctest.ExpectAction(addr, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue(addr, "id", knownvalue.StringExact(id2)),
					expectDelegated(t, tg, f.User, id2, true),
					expectDelegated(t, tg, f.User, id, false),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if rows := delegatedRows(t, tg, f.User); len(rows) != 0 {
				return fmt.Errorf("delegated authorizations left after destroy: %v", rows)
			}
			return nil
		},
	})
}

// Names follow the identifier rule: lower-case config means the upper-case objects, and reading back
// the upper-case names shows no diff.
func TestAccDelegatedAuthorization_lowerCaseNames(t *testing.T) {
	tg := acctest.Get(t)
	f := newOAuthFixture(t, tg, "DAL")
	const addr = "snowflakeoauth_delegated_authorization.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: delegatedConfig(strings.ToLower(f.User), strings.ToLower(f.Role), strings.ToLower(f.Integration)),
			ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
				"user_name": knownvalue.StringExact(strings.ToLower(f.User)),
				"id":        knownvalue.StringExact(f.User + "|" + f.Role + "|" + f.Integration),
			}), expectDelegated(t, tg, f.User, f.User+"|"+f.Role+"|"+f.Integration, true)),
		}},
	})
}

// Snowflake's refusals become diagnostics that keep the code; bad names fail at plan time.
func TestAccDelegatedAuthorization_errors(t *testing.T) {
	tg := acctest.Get(t)
	f := newOAuthFixture(t, tg, "DAE")
	partner := acctest.RandomName("DAE_TABLEAU")
	blocking := acctest.RandomName("DAE_BLOCK")
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+partner, "DROP SECURITY INTEGRATION IF EXISTS "+blocking)
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+partner+" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP")
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+blocking+" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL'"+
		" OAUTH_REDIRECT_URI = 'https://example.com/cb' BLOCKED_ROLES_LIST = ('"+f.Role+"')")
	// Snowflake's code and text for these refusals are not documented: the emulator's (001422 and its
	// messages) are assumptions (internal/emulator/README.md), so a real account is held only to the
	// provider's own message with a Snowflake code in it.
	partnerErr, blockedErr := `(?s)Failed to add the delegated authorization.*001422.*custom OAuth clients`, `(?s)001422.*is blocked`
	if !tg.IsEmulator() {
		partnerErr, blockedErr = `(?s)Failed to add the delegated authorization.*\d{6}`, `(?s)Failed to add the delegated authorization.*\d{6}`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      delegatedConfig(f.User, f.Role, partner),
				ExpectError: regexp.MustCompile(partnerErr),
			},
			{
				Config:      delegatedConfig(f.User, f.Role, blocking),
				ExpectError: regexp.MustCompile(blockedErr),
			},
			{
				Config:      delegatedConfig(f.User, `"unterminated`, f.Integration),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Snowflake identifier.*role_name`),
			},
			{
				Config:        delegatedConfig(f.User, f.Role, f.Integration),
				ResourceName:  "snowflakeoauth_delegated_authorization.test",
				ImportState:   true,
				ImportStateId: f.User + "|" + f.Role,
				ExpectError:   regexp.MustCompile(`expected 3`),
			},
		},
	})
}

// The whole picture from the seeds: a notebook tool's custom client with a 90-day refresh token, its own
// network policy bound to it, a delegated authorization for an analyst role, and the secrets read
// ephemerally — checked against Snowflake out of band.
func TestAccOAuthObjects_wholePicture(t *testing.T) {
	tg := acctest.Get(t)
	f := newOAuthFixture(t, tg, "WP") // its integration is unused; the user and roles are
	notebook := acctest.RandomName("WP_NOTEBOOK")
	policy := acctest.RandomName("WP_NP")
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+notebook, "DROP NETWORK POLICY IF EXISTS "+policy)
	factories := acctest.ProtoV6ProviderFactories()
	factories["echo"] = echoprovider.NewProviderServer()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "notebook" {
  name                         = %[1]q
  oauth_client_type            = "CONFIDENTIAL"
  oauth_redirect_uri           = "https://notebooks.example.com/oauth/callback"
  oauth_refresh_token_validity = 7776000 # 90 days
}

resource "snowflakeoauth_network_policy" "notebook" {
  name            = %[2]q
  allowed_ip_list = ["10.0.0.0/8", "127.0.0.1"]
}

resource "snowflakeoauth_integration_network_policy" "notebook" {
  integration_name    = snowflakeoauth_custom_client_integration.notebook.name
  network_policy_name = snowflakeoauth_network_policy.notebook.name
}

resource "snowflakeoauth_delegated_authorization" "analyst" {
  user_name        = %[3]q
  role_name        = %[4]q
  integration_name = snowflakeoauth_custom_client_integration.notebook.name
}

ephemeral "snowflakeoauth_client_secrets" "notebook" {
  # id (unknown until the integration exists) defers the read to apply; the name alone is known at plan time.
  integration_name = snowflakeoauth_custom_client_integration.notebook.id
}

provider "echo" {
  data = ephemeral.snowflakeoauth_client_secrets.notebook
}

resource "echo" "secrets" {}
`, strings.ToLower(notebook), policy, f.User, strings.ToLower(f.Role)),
			ConfigStateChecks: []statecheck.StateCheck{
				tg.ExpectIntegration(notebook, map[string]string{"OAUTH_REFRESH_TOKEN_VALIDITY": "7776000", "NETWORK_POLICY": policy}),
				expectDelegated(t, tg, f.User, f.User+"|"+f.Role+"|"+notebook, true),
				acctest.ExpectKnownValueAfterApply("echo.secrets", "data", func() knownvalue.Check {
					sec := tg.ShowClientSecrets(t, notebook)
					return knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"oauth_client_id": knownvalue.StringExact(sec.ID), "oauth_client_secret": knownvalue.StringExact(sec.Secret)})
				}),
			},
			Check: func(s *terraform.State) error { // the secrets are needed before the check can be built
				sec := tg.ShowClientSecrets(t, notebook)
				return secretsNotInState(sec.Secret, sec.Secret2)(s)
			},
		}},
	})
}
