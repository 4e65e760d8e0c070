package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

func createCustomClient(t *testing.T, tg *acctest.Target, sqlName string) {
	t.Helper()
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+sqlName)
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+sqlName+
		" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'")
}

func TestAccClientSecretsDataSource(t *testing.T) {
	tg := acctest.Get(t)
	upper := acctest.RandomName("CS")
	lower := strings.ToLower(acctest.RandomName("CS_Q"))
	createCustomClient(t, tg, upper)
	createCustomClient(t, tg, `"`+lower+`"`)
	su, sl := tg.ShowClientSecrets(t, upper), tg.ShowClientSecrets(t, lower)
	if su.Secret == sl.Secret {
		t.Fatal("two integrations share a secret")
	}
	cfg := fmt.Sprintf(`
data "snowflakeoauth_client_secrets" "plain" {
  integration_name = %q
}
data "snowflakeoauth_client_secrets" "quoted" {
  integration_name = %q
}
`, strings.ToLower(upper), `"`+lower+`"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: append(secretsChecks("data.snowflakeoauth_client_secrets.plain", su), secretsChecks("data.snowflakeoauth_client_secrets.quoted", sl)...),
			},
			{
				// The unquoted lower-case name means the upper-case object, which does not exist.
				Config: fmt.Sprintf(`
data "snowflakeoauth_client_secrets" "missing" {
  integration_name = %q
}
`, lower),
				ExpectError: regexp.MustCompile(`(?s)OAuth integration not found.*` + strings.ToUpper(lower)),
			},
		},
	})
}

// secretsChecks checks a client_secrets data source against what Snowflake reports, and that both
// secrets are marked sensitive.
func secretsChecks(addr string, want acctest.ClientSecrets) []statecheck.StateCheck {
	return append(acctest.KnownValues(addr, map[string]knownvalue.Check{
		"oauth_client_id":       knownvalue.StringExact(want.ID),
		"oauth_client_secret":   knownvalue.StringExact(want.Secret),
		"oauth_client_secret_2": knownvalue.StringExact(want.Secret2),
	}), statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("oauth_client_secret")),
		statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("oauth_client_secret_2")))
}

// secretsNotInState fails when any state attribute outside the echo resource holds a secret, or when
// the ephemeral resource left anything in state.
func secretsNotInState(secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, m := range s.Modules {
			for addr, rs := range m.Resources {
				if strings.Contains(addr, "snowflakeoauth_client_secrets") {
					return fmt.Errorf("ephemeral resource in state: %s", addr)
				}
				if rs.Type == "echo" {
					continue // echo's data exists to expose the ephemeral values to the test
				}
				for k, v := range rs.Primary.Attributes {
					for _, sec := range secrets {
						if strings.Contains(v, sec) {
							return fmt.Errorf("%s.%s holds a client secret", addr, k)
						}
					}
				}
			}
			for name, o := range m.Outputs {
				for _, sec := range secrets {
					if strings.Contains(fmt.Sprint(o.Value), sec) {
						return fmt.Errorf("output %s holds a client secret", name)
					}
				}
			}
		}
		return nil
	}
}

func TestAccClientSecretsEphemeral(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("CSE")
	createCustomClient(t, tg, name)
	s := tg.ShowClientSecrets(t, name)
	factories := acctest.ProtoV6ProviderFactories()
	factories["echo"] = echoprovider.NewProviderServer()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			// A missing integration fails clearly (first: the last step's config is used to destroy).
			{
				Config: `
ephemeral "snowflakeoauth_client_secrets" "test" {
  integration_name = "TFACC_CSE_DOES_NOT_EXIST"
}
provider "echo" {
  data = ephemeral.snowflakeoauth_client_secrets.test
}
resource "echo" "test" {}
`,
				ExpectError: regexp.MustCompile(`OAuth integration not found`),
			},
			{
				Config: fmt.Sprintf(`
ephemeral "snowflakeoauth_client_secrets" "test" {
  integration_name = %q
}

# A managed resource next to it must not pick the secrets up either.
resource "terraform_data" "other" {
  input = "x"
}

provider "echo" {
  data = ephemeral.snowflakeoauth_client_secrets.test
}

resource "echo" "test" {}
`, strings.ToLower(name)),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.KnownValue("echo.test", "data", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"integration_name":      knownvalue.StringExact(strings.ToLower(name)),
						"oauth_client_id":       knownvalue.StringExact(s.ID),
						"oauth_client_secret":   knownvalue.StringExact(s.Secret),
						"oauth_client_secret_2": knownvalue.StringExact(s.Secret2),
					})),
				},
				Check: secretsNotInState(s.Secret, s.Secret2),
			},
		},
	})
}
