package resources_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

func rotationConfig(integration, secret, trigger string) string {
	return fmt.Sprintf(`
resource "snowflakeoauth_client_secret_rotation" "test" {
  integration_name  = %q
  secret            = %q
  rotation_triggers = { rotated = %q }
}
`, integration, secret, trigger)
}

func TestAccClientSecretRotation(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("ROT")
	createCustomClient(t, tg, name)
	const addr = "snowflakeoauth_client_secret_rotation.test"
	var prev oobSecrets
	snap := func() { prev = showSecrets(t, tg, name) }
	// expect checks which secrets changed since the last snapshot, then takes a new one.
	expect := func(secret1Changed, secret2Changed bool) resource.TestCheckFunc {
		return func(*terraform.State) error {
			now := showSecrets(t, tg, name)
			defer func() { prev = now }()
			if now.ID != prev.ID {
				return fmt.Errorf("client id changed")
			}
			if (now.Secret != prev.Secret) != secret1Changed || (now.Secret2 != prev.Secret2) != secret2Changed {
				return fmt.Errorf("secret 1 changed=%v (want %v), secret 2 changed=%v (want %v)",
					now.Secret != prev.Secret, secret1Changed, now.Secret2 != prev.Secret2, secret2Changed)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      rotationConfig(name, "OAUTH_CLIENT_SECRET_3", "1"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)secret.*OAUTH_CLIENT_SECRET_2`),
			},
			{
				PreConfig: snap,
				Config:    rotationConfig(name, "OAUTH_CLIENT_SECRET_2", "1"),
				Check: resource.ComposeAggregateTestCheckFunc(
					expect(false, true),
					resource.TestCheckResourceAttr(addr, "id", name+"|OAUTH_CLIENT_SECRET_2"),
					resource.TestCheckResourceAttrWith(addr, "rotated_at", func(v string) error {
						_, err := time.Parse(time.RFC3339, v)
						return err
					}),
				),
			},
			// An unchanged config rotates nothing.
			{
				Config: rotationConfig(name, "OAUTH_CLIENT_SECRET_2", "1"),
				Check:  expect(false, false),
			},
			// A new trigger rotates again.
			{
				Config: rotationConfig(name, "OAUTH_CLIENT_SECRET_2", "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace),
				}},
				Check: expect(false, true),
			},
			// The other secret.
			{
				Config: rotationConfig(name, "OAUTH_CLIENT_SECRET", "2"),
				Check:  expect(true, false),
			},
			// The integration dropped out of band: the rotation leaves state and is planned again.
			{
				PreConfig: tg.ExecFunc(t, "DROP SECURITY INTEGRATION "+name),
				Config:    rotationConfig(name, "OAUTH_CLIENT_SECRET", "2"),
				PlanOnly:  true, ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestAccClientSecretRotation_partner rotates the secret of a partner integration: Snowflake's grammar
// has REFRESH OAUTH_CLIENT_SECRET for partners too (FIDELITY.md, "Client secrets").
func TestAccClientSecretRotation_partner(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("ROTP")
	cfg := func(trigger string) string {
		return piConfig(name, "LOOKER", `oauth_redirect_uri = "https://looker.example.com/cb"`) + fmt.Sprintf(`
resource "snowflakeoauth_client_secret_rotation" "test" {
  integration_name  = snowflakeoauth_partner_integration.test.id
  secret            = "OAUTH_CLIENT_SECRET"
  rotation_triggers = { rotated = %q }
}
`, trigger)
	}
	var prev oobSecrets
	// rotated checks (on the emulator, whose SYSTEM$SHOW_OAUTH_CLIENT_SECRETS serves partners; real
	// Snowflake does not document it for them) that the primary secret changed and nothing else did.
	rotated := func(*terraform.State) error {
		if !tg.IsEmulator() {
			return nil
		}
		now := showSecrets(t, tg, name)
		defer func() { prev = now }()
		if prev.ID == "" {
			return nil
		}
		if now.ID != prev.ID || now.Secret == prev.Secret || now.Secret2 != prev.Secret2 {
			return fmt.Errorf("after a rotation of OAUTH_CLIENT_SECRET: id changed %v, secret changed %v, secret 2 changed %v",
				now.ID != prev.ID, now.Secret != prev.Secret, now.Secret2 != prev.Secret2)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg("1"), Check: rotated},
			{Config: cfg("2"), Check: rotated, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("snowflakeoauth_client_secret_rotation.test", plancheck.ResourceActionReplace)}}},
		},
	})
}
