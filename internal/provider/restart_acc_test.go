package provider

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// The emulator restarts (same address, same -state) between two applies of one provider process:
// the provider is served in-process, so its pool outlives the first apply and holds sessions the
// restarted server does not know. The second apply (refresh, update, create) must succeed, logging
// in again instead of failing with 390104.
func TestAccApplySurvivesEmulatorRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("acceptance test")
	}
	clearSnowflakeEnv(t)
	srv := startEmulator(t, emulator.Options{StateFile: filepath.Join(t.TempDir(), "state.json")})
	addr := srv.Addr()
	config := func(comment string, second bool) string {
		c := fmt.Sprintf(`%s
resource "snowflakeoauth_network_policy" "first" {
  name            = "restart_first"
  allowed_ip_list = ["10.0.0.1"]
  comment         = %q
}
`, srv.ProviderBlock(), comment)
		if second {
			c += `
resource "snowflakeoauth_network_policy" "second" {
  name            = "restart_second"
  allowed_ip_list = ["10.0.0.2"]
}
`
		}
		return c
	}
	var restarted *emulator.Server
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories(),
		Steps: []resource.TestStep{
			{Config: config("before", false)},
			{
				PreConfig: func() {
					var err error
					if restarted, err = srv.Restart(); err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { _ = restarted.Close() })
					if restarted.Addr() != addr {
						t.Fatalf("restarted on %s, was %s", restarted.Addr(), addr)
					}
				},
				Config: config("after", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("snowflakeoauth_network_policy.first", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("snowflakeoauth_network_policy.second", plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("snowflakeoauth_network_policy.first", tfjsonpath.New("comment"), knownvalue.StringExact("after")),
					statecheck.ExpectKnownValue("snowflakeoauth_network_policy.second", tfjsonpath.New("id"), knownvalue.StringExact("RESTART_SECOND")),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := restarted.RequestCount(pathLogin); n < 1 || n > maxOpenConns {
				return fmt.Errorf("logins after the restart = %d, want between 1 and the pool size %d", n, maxOpenConns)
			}
			return nil
		},
	})
}
