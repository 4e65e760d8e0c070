package resources_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

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

// secretsWatch follows an integration's secrets across the steps of a test, out of band.
type secretsWatch struct {
	t    *testing.T
	tg   *acctest.Target
	name string
	prev acctest.ClientSecrets
}

func (w *secretsWatch) snap() { w.prev = w.tg.ShowClientSecrets(w.t, w.name) }

// expect checks which secrets changed since the last snapshot (the client ID never does), then takes a
// new one. Without an earlier snapshot it only takes one.
func (w *secretsWatch) expect(secret1Changed, secret2Changed bool) statecheck.StateCheck {
	return acctest.CheckFunc(func() error {
		prev := w.prev
		w.snap()
		now := w.prev
		switch {
		case prev.ID == "":
			return nil
		case now.ID != prev.ID:
			return fmt.Errorf("client id changed")
		case (now.Secret != prev.Secret) != secret1Changed || (now.Secret2 != prev.Secret2) != secret2Changed:
			return fmt.Errorf("secret 1 changed=%v (want %v), secret 2 changed=%v (want %v)",
				now.Secret != prev.Secret, secret1Changed, now.Secret2 != prev.Secret2, secret2Changed)
		}
		return nil
	})
}

func TestAccClientSecretRotation(t *testing.T) {
	tg := acctest.Get(t)
	name := acctest.RandomName("ROT")
	createCustomClient(t, tg, name)
	const addr = "snowflakeoauth_client_secret_rotation.test"
	w := &secretsWatch{t: t, tg: tg, name: name}
	replace := acctest.ExpectAction(addr, plancheck.ResourceActionReplace)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      rotationConfig(name, "OAUTH_CLIENT_SECRET_3", "1"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)secret.*OAUTH_CLIENT_SECRET_2`),
			},
			{
				PreConfig: w.snap,
				Config:    rotationConfig(name, "OAUTH_CLIENT_SECRET_2", "1"),
				ConfigStateChecks: append(acctest.KnownValues(addr, map[string]knownvalue.Check{
					"id": knownvalue.StringExact(name + "|OAUTH_CLIENT_SECRET_2"),
					"rotated_at": knownvalue.StringFunc(func(v string) error {
						_, err := time.Parse(time.RFC3339, v)
						return err
					}),
				}), w.expect(false, true)),
			},
			// An unchanged config rotates nothing.
			{
				Config:            rotationConfig(name, "OAUTH_CLIENT_SECRET_2", "1"),
				ConfigPlanChecks:  acctest.ExpectEmptyPlan(),
				ConfigStateChecks: []statecheck.StateCheck{w.expect(false, false)},
			},
			// A new trigger rotates again.
			{
				Config:            rotationConfig(name, "OAUTH_CLIENT_SECRET_2", "2"),
				ConfigPlanChecks:  replace,
				ConfigStateChecks: []statecheck.StateCheck{w.expect(false, true)},
			},
			// The other secret.
			{
				Config:            rotationConfig(name, "OAUTH_CLIENT_SECRET", "2"),
				ConfigPlanChecks:  replace,
				ConfigStateChecks: []statecheck.StateCheck{w.expect(true, false)},
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
	// Checked on the emulator only: its SYSTEM$SHOW_OAUTH_CLIENT_SECRETS serves partners; real Snowflake
	// does not document it for them.
	w := &secretsWatch{t: t, tg: tg, name: name}
	var rotated []statecheck.StateCheck
	if tg.IsEmulator() {
		rotated = []statecheck.StateCheck{w.expect(true, false)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg("1"), ConfigStateChecks: rotated},
			{Config: cfg("2"), ConfigStateChecks: rotated,
				ConfigPlanChecks: acctest.ExpectAction("snowflakeoauth_client_secret_rotation.test", plancheck.ResourceActionReplace)},
		},
	})
}
