package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/testkeys"
)

const ccAddr = "snowflakeoauth_custom_client_integration.test"

// ccKey returns a fresh RSA public key body (base64 DER) and its Snowflake fingerprint.
func ccKey(t *testing.T) (string, string) {
	k := testkeys.New(t)
	return k.Public, k.Fingerprint
}

// ccConfig is a custom client labelled "test" with the arguments it requires and extra (HCL lines).
func ccConfig(name, clientType, extra string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "test" {
  name               = %q
  oauth_client_type  = %q
  oauth_redirect_uri = "https://example.com/callback"
  %s
}
`, name, clientType, extra)
}

func ccMinimal(name, clientType string) string { return ccConfig(name, clientType, "") }

func ccFull(name, role1, role2, key1, key2 string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "test" {
  name                                     = %[1]q
  oauth_client_type                        = "CONFIDENTIAL"
  oauth_redirect_uri                       = "http://localhost:8080/callback"
  oauth_alternate_redirect_uris            = ["http://localhost:9090/cb", "https://example.org/cb"]
  enabled                                  = false
  oauth_allow_non_tls_redirect_uri         = true
  oauth_enforce_pkce                       = true
  oauth_use_secondary_roles                = "NONE"
  pre_authorized_roles_list                = [%[2]q]
  allowed_roles_list                       = [%[2]q, %[3]q]
  blocked_roles_list                       = [lower(%[3]q)]
  oauth_issue_refresh_tokens               = false
  oauth_refresh_token_validity             = 86400
  oauth_access_token_validity              = 1200
  oauth_single_use_refresh_tokens_required = true
  oauth_client_rsa_public_key              = %[4]q
  oauth_client_rsa_public_key_2            = %[5]q
  comment                                  = "managed by terraform"
}
`, name, role1, role2, key1, key2)
}

func ccRoles(t *testing.T, tg *acctest.Target, prefix string) (string, string) {
	r1, r2 := acctest.RandomName(prefix+"R1"), acctest.RandomName(prefix+"R2")
	tg.Exec(t, "CREATE ROLE IF NOT EXISTS "+r1)
	tg.Exec(t, "CREATE ROLE IF NOT EXISTS "+r2)
	return r1, r2
}

func TestAccCustomClientIntegration_lifecycle(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("CC")
	lower := strings.ToLower(name)
	r1, r2 := ccRoles(t, tg, "CC")
	key1, fp1 := ccKey(t)
	key2, fp2 := ccKey(t)
	key3, _ := ccKey(t)
	full := ccFull(lower, r1, r2, key1, key2)
	alter := func(set string) func() {
		return tg.ExecFunc(t, fmt.Sprintf(`ALTER SECURITY INTEGRATION "%s" SET %s`, name, set))
	}
	describe := func(want map[string]string) statecheck.StateCheck { return tg.ExpectIntegration(`"`+name+`"`, want) }
	update := acctest.ExpectUpdate(ccAddr)
	// Every in-place step keeps the object: its id (and the client ID Snowflake generated) never change.
	sameID := acctest.KeptAcrossSteps(ccAddr, "id")
	sameClient := acctest.KeptAcrossSteps(ccAddr, "oauth_client_id")
	newClient := acctest.NewEachStep(ccAddr, "oauth_client_id")
	kept := func(checks ...statecheck.StateCheck) []statecheck.StateCheck {
		return append(checks, sameID(), sameClient())
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{ // minimal create: schema defaults are Snowflake's
				Config: ccMinimal(lower, "CONFIDENTIAL"),
				ConfigStateChecks: kept(append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"id":                             knownvalue.StringExact(name),
					"name":                           knownvalue.StringExact(lower),
					"enabled":                        knownvalue.Bool(true),
					"oauth_enforce_pkce":             knownvalue.Bool(false),
					"oauth_use_secondary_roles":      knownvalue.StringExact("NONE"),
					"oauth_issue_refresh_tokens":     knownvalue.Bool(true),
					"oauth_refresh_token_validity":   knownvalue.Int64Exact(7776000),
					"oauth_access_token_validity":    knownvalue.Int64Exact(600),
					"blocked_roles_list":             knownvalue.SetSizeExact(0),
					"oauth_client_rsa_public_key_fp": knownvalue.StringExact(""),
					"oauth_client_id":                knownvalue.NotNull(),
					"oauth_token_endpoint":           knownvalue.NotNull(),
					"effective_blocked_roles_list":   acctest.SetHas("ACCOUNTADMIN"),
				}), describe(map[string]string{"ENABLED": "true", "OAUTH_CLIENT_TYPE": "CONFIDENTIAL"}))...),
			},
			{ // every attribute updated in place
				Config:           full,
				ConfigPlanChecks: update,
				ConfigStateChecks: kept(append(acctest.KnownValues(ccAddr, map[string]knownvalue.Check{
					"enabled":                          knownvalue.Bool(false),
					"oauth_refresh_token_validity":     knownvalue.Int64Exact(86400),
					"oauth_client_rsa_public_key_fp":   knownvalue.StringExact(fp1),
					"oauth_client_rsa_public_key_2_fp": knownvalue.StringExact(fp2),
					"blocked_roles_list":               knownvalue.SetSizeExact(1),
					"effective_blocked_roles_list":     acctest.SetHas(r2, "ACCOUNTADMIN"),
				}), describe(map[string]string{
					"ENABLED": "false", "OAUTH_ENFORCE_PKCE": "true", "OAUTH_ISSUE_REFRESH_TOKENS": "false",
					"OAUTH_REFRESH_TOKEN_VALIDITY": "86400", "OAUTH_ACCESS_TOKEN_VALIDITY": "1200",
					"OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "true", "PRE_AUTHORIZED_ROLES_LIST": r1,
					"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP": fp1, "COMMENT": "managed by terraform",
				}))...),
			},
			// drift of each attribute kind shows as an update, which repairs it
			{PreConfig: alter("ENABLED = TRUE"), Config: full, ConfigPlanChecks: update,
				ConfigStateChecks: kept(describe(map[string]string{"ENABLED": "false"}))},
			{PreConfig: alter("OAUTH_ACCESS_TOKEN_VALIDITY = 3000"), Config: full, ConfigPlanChecks: update,
				ConfigStateChecks: kept(describe(map[string]string{"OAUTH_ACCESS_TOKEN_VALIDITY": "1200"}))},
			{PreConfig: alter(`BLOCKED_ROLES_LIST = ("` + r2 + `", "SYSADMIN")`), Config: full, ConfigPlanChecks: update,
				ConfigStateChecks: kept(acctest.KnownValue(ccAddr, "effective_blocked_roles_list",
					knownvalue.SetSizeExact(1+len(privileged(t, tg)))))},
			{PreConfig: alter("COMMENT = 'changed by hand'"), Config: full, ConfigPlanChecks: update,
				ConfigStateChecks: kept(describe(map[string]string{"COMMENT": "managed by terraform"}))},
			{PreConfig: alter("OAUTH_CLIENT_RSA_PUBLIC_KEY = '" + key3 + "'"), Config: full, ConfigPlanChecks: update,
				ConfigStateChecks: kept(describe(map[string]string{"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP": fp1}))},
			{ // a drift is also visible in a plain plan
				PreConfig: alter("OAUTH_ENFORCE_PKCE = FALSE"), Config: full, PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{ // removing the optional attributes restores Snowflake's defaults
				Config:           ccMinimal(lower, "CONFIDENTIAL"),
				ConfigPlanChecks: update,
				ConfigStateChecks: kept(describe(map[string]string{
					"ENABLED": "true", "OAUTH_ENFORCE_PKCE": "false", "OAUTH_ALLOW_NON_TLS_REDIRECT_URI": "false",
					"OAUTH_ISSUE_REFRESH_TOKENS": "true", "OAUTH_REFRESH_TOKEN_VALIDITY": "7776000",
					"OAUTH_ACCESS_TOKEN_VALIDITY": "600", "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "false",
					"PRE_AUTHORIZED_ROLES_LIST": "", "ALLOWED_ROLES_LIST": "", "OAUTH_ALTERNATE_REDIRECT_URIS": "",
					"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP": "", "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP": "", "COMMENT": "",
					"OAUTH_USE_SECONDARY_ROLES": "NONE",
				}), newClient()),
			},
			{ // the client type cannot change in place: a new object with a new client ID
				Config:           ccMinimal(lower, "PUBLIC"),
				ConfigPlanChecks: acctest.ExpectDestroyBeforeCreate(ccAddr),
				ConfigStateChecks: []statecheck.StateCheck{
					describe(map[string]string{"OAUTH_CLIENT_TYPE": "PUBLIC"}),
					newClient(),
				},
			},
			{ // deleted out of band: planned for creation
				PreConfig: tg.ExecFunc(t, `DROP SECURITY INTEGRATION "`+name+`"`),
				Config:    ccMinimal(lower, "PUBLIC"), PlanOnly: true, ExpectNonEmptyPlan: true,
			},
			{
				Config:            ccMinimal(lower, "PUBLIC"),
				ConfigPlanChecks:  acctest.ExpectCreate(ccAddr),
				ConfigStateChecks: []statecheck.StateCheck{describe(map[string]string{"OAUTH_CLIENT_TYPE": "PUBLIC"})},
			},
		},
	})
}

// privileged returns the privileged roles the account adds to blocked lists (from a fresh integration).
func privileged(t *testing.T, tg *acctest.Target) []string {
	t.Helper()
	n := acctest.RandomName("CCPRIV")
	tg.Exec(t, `CREATE SECURITY INTEGRATION "`+n+`" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://example.com/cb'`)
	defer tg.Exec(t, `DROP SECURITY INTEGRATION "`+n+`"`)
	d := tg.DescribeIntegration(t, `"`+n+`"`)
	if d["BLOCKED_ROLES_LIST"] == "" {
		return nil
	}
	return strings.Split(d["BLOCKED_ROLES_LIST"], ",")
}

func TestAccCustomClientIntegration_import(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("CCIMP")
	r1, r2 := ccRoles(t, tg, "CCIMP")
	cfg := fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "test" {
  name                          = %[1]q
  oauth_client_type             = "PUBLIC"
  oauth_redirect_uri            = "https://example.com/callback"
  oauth_alternate_redirect_uris = ["https://example.org/cb"]
  oauth_enforce_pkce            = true
  pre_authorized_roles_list     = [%[2]q]
  allowed_roles_list            = [%[2]q]
  blocked_roles_list            = [%[3]q]
  oauth_refresh_token_validity  = 12345
  comment                       = "imported"
}
`, name, r1, r2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{Config: cfg, ResourceName: ccAddr, ImportState: true, ImportStateId: strings.ToLower(name),
				ImportStateVerify: true, ImportStateVerifyIdentifierAttribute: "id",
				ImportStateVerifyIgnore: []string{"name"}, // keeps the spelling given:
				ImportStateCheck:        importKept(map[string]string{"name": strings.ToLower(name), "id": name})},
			{Config: cfg, ResourceName: ccAddr, ImportState: true, ImportStateId: name, ImportStateVerify: true},
		},
	})
}

// TestAccCustomClientIntegration_queryCount asserts a refresh costs one DESCRIBE per integration.
func TestAccCustomClientIntegration_queryCount(t *testing.T) {
	expectOneReadPerRefresh(t, ccMinimal(acctest.RandomName("CCQC"), "CONFIDENTIAL"))
}

// expectOneReadPerRefresh applies cfg (one integration), then checks that a refresh sends exactly one
// read statement, a DESCRIBE (DESIGN.md: a read costs one statement). Not parallel: it counts in the
// emulator's shared statement log.
func expectOneReadPerRefresh(t *testing.T, cfg string) {
	tg := acctest.EmulatorOnly(t, "statement counts come from the emulator's log")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{PreConfig: tg.ResetStatements, RefreshState: true,
				Check: func(*terraform.State) error {
					if n := tg.CountStatements("DESC"); n != 1 {
						return fmt.Errorf("refresh ran %d DESCRIBE statements, want 1", n)
					}
					if n := tg.CountStatements("DESC", "SHOW", "SELECT"); n != 1 {
						return fmt.Errorf("refresh ran %d read statements, want 1", n)
					}
					return nil
				}},
		},
	})
}

func TestAccCustomClientIntegration_validation(t *testing.T) {
	acctest.Get(t)
	long := strings.Repeat("A", 256)
	cases := map[string]struct{ body, err string }{
		"http without non-TLS": {`oauth_redirect_uri = "http://example.com/cb"`, `must use https`},
		"alternate http":       {`oauth_redirect_uri = "https://example.com/cb"` + "\n" + `oauth_alternate_redirect_uris = ["http://x.example/cb"]`, `must use https`},
		"access validity":      {`oauth_redirect_uri = "https://example.com/cb"` + "\n" + `oauth_access_token_validity = 59`, `oauth_access_token_validity`},
		"refresh validity":     {`oauth_redirect_uri = "https://example.com/cb"` + "\n" + `oauth_refresh_token_validity = 157784631`, `oauth_refresh_token_validity`},
		"privileged preauth":   {`oauth_redirect_uri = "https://example.com/cb"` + "\n" + `pre_authorized_roles_list = ["accountadmin"]`, `Privileged role`},
		"allowed with IMPLICIT": {`oauth_redirect_uri = "https://example.com/cb"` + "\n" + `oauth_use_secondary_roles = "IMPLICIT"` + "\n" + `allowed_roles_list = ["ANALYST"]`,
			`allowed_roles_list conflicts`},
		"client type": {`oauth_redirect_uri = "https://example.com/cb"`, `oauth_client_type`},
		"long name":   {`oauth_redirect_uri = "https://example.com/cb"`, `(?i)identifier`},
	}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			ct, name := "CONFIDENTIAL", "V"
			switch label {
			case "client type":
				ct = "SECRET"
			case "long name":
				name = long
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf("resource \"snowflakeoauth_custom_client_integration\" \"test\" {\n  name = %q\n  oauth_client_type = %q\n  %s\n}\n",
						name, ct, c.body),
					PlanOnly: true, ExpectError: regexp.MustCompile(c.err),
				}},
			})
		})
	}
}
