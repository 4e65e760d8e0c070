package resources_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// Adopting objects with `import` blocks and `terraform plan -generate-config-out=generated.tf`:
// for every resource that can be imported, the configuration Terraform generates from the imported
// state must be valid and must plan no change (terraform-plugin-testing's GenerateConfig mode runs
// exactly that plan and fails on any action but a no-op import). Names need quoting on purpose:
// spaces, lower case, and a "|" inside a composite ID.

// genName is a unique exact name that only a quoted identifier can write: lower case and a space.
func genName(prefix string) string {
	return strings.ToLower(strings.Replace(acctest.RandomName(prefix), "_", " ", 1))
}

// quoted is the SQL (and import ID) form of an exact name.
func quoted(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// genConfigTest creates the object with config, then imports it into a second address with a
// generated configuration; importID is what a user would put in the import block.
func genConfigTest(t *testing.T, config, addr, importID string) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   importID,
				GenerateConfig:  true,
			},
		},
	})
}

// TestAccGenerateConfig_singleObject: the resources whose import ID is the object's own name.
func TestAccGenerateConfig_singleObject(t *testing.T) {
	acctest.Get(t)
	cases := []struct{ name, prefix, typ, args string }{
		{"customClient", "GENCC", "snowflakeoauth_custom_client_integration", `
  oauth_client_type                = "PUBLIC"
  oauth_redirect_uri               = "http://127.0.0.1:8080/cb"
  oauth_alternate_redirect_uris    = ["https://example.org/cb"]
  oauth_allow_non_tls_redirect_uri = true
  oauth_enforce_pkce               = true
  oauth_use_secondary_roles        = "IMPLICIT"
  oauth_refresh_token_validity     = 86400
  oauth_access_token_validity      = 900
  comment                          = "say \"hi\""`},
		{"partner", "GENPI", "snowflakeoauth_partner_integration", `
  oauth_client       = "LOOKER"
  oauth_redirect_uri = "https://looker.example.com/oauth"
  enabled            = false`},
		{"networkPolicy", "GENNP", "snowflakeoauth_network_policy", `
  allowed_ip_list = ["10.0.0.0/8", "192.168.0.1"]
  blocked_ip_list = ["10.1.1.1"]
  comment         = "office"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := genName(c.prefix)
			config := fmt.Sprintf("\nresource %q \"test\" {\n  name = %q%s\n}\n", c.typ, name, c.args)
			genConfigTest(t, config, c.typ+".test", quoted(name))
		})
	}
}

func TestAccGenerateConfig_integrationNetworkPolicy(t *testing.T) {
	acctest.Get(t)
	integ, np := genName("GENINI"), genName("GENINP")
	genConfigTest(t, fmt.Sprintf(`
resource "snowflakeoauth_custom_client_integration" "i" {
  name               = %q
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "https://example.com/cb"
}

resource "snowflakeoauth_network_policy" "p" {
  name            = %q
  allowed_ip_list = ["10.0.0.0/8"]
}

resource "snowflakeoauth_integration_network_policy" "test" {
  integration_name    = snowflakeoauth_custom_client_integration.i.name
  network_policy_name = snowflakeoauth_network_policy.p.name
}
`, integ, np), "snowflakeoauth_integration_network_policy.test", quoted(integ))
}

func TestAccGenerateConfig_delegatedAuthorization(t *testing.T) {
	tg := acctest.Get(t)
	// A role whose name contains "|": the composite ID quotes that part.
	user, role, integ := genName("GENDAU"), genName("GENDAR")+"|x", genName("GENDAI")
	t.Cleanup(func() {
		for _, q := range []string{"DROP SECURITY INTEGRATION IF EXISTS " + quoted(integ), "DROP USER IF EXISTS " + quoted(user), "DROP ROLE IF EXISTS " + quoted(role)} {
			_, _ = tg.DB.Exec(q)
		}
	})
	tg.Exec(t, "CREATE ROLE "+quoted(role))
	tg.Exec(t, fmt.Sprintf("CREATE USER %s PASSWORD = 'Pw-12345678'", quoted(user)))
	tg.Exec(t, fmt.Sprintf("GRANT ROLE %s TO USER %s", quoted(role), quoted(user)))
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+quoted(integ)+
		" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'")
	genConfigTest(t, fmt.Sprintf(`
resource "snowflakeoauth_delegated_authorization" "test" {
  user_name        = %q
  role_name        = %q
  integration_name = %q
}
`, user, role, integ), "snowflakeoauth_delegated_authorization.test",
		quoted(user)+"|"+quoted(role)+"|"+quoted(integ))
}
