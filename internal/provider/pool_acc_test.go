package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// poolResources is more than the pool has sessions, so "one login per resource" cannot pass.
const poolResources = 2*maxOpenConns + 5

// Create, refresh, update and destroy poolResources objects through the terraform CLI at its default
// parallelism (10). The provider is served in-process, so one pool serves every command of the test:
// the emulator must see at most maxOpenConns logins in all, however many resources there are.
func TestAccLoginsBoundedByPoolNotByResources(t *testing.T) {
	clearSnowflakeEnv(t)
	srv := startEmulator(t, emulator.Options{})
	config := func(comment string) string {
		return fmt.Sprintf(`%s
resource "snowflakeoauth_network_policy" "p" {
  count           = %d
  name            = "pool_${count.index}"
  allowed_ip_list = ["10.0.0.${count.index}"]
  comment         = %q
}
`, srv.ProviderBlock(), poolResources, comment)
	}
	logins := func() int { return srv.RequestCount(pathLogin) }
	bounded := func(*terraform.State) error {
		if n := logins(); n < 1 || n > maxOpenConns {
			return fmt.Errorf("%d logins for %d resources; want between 1 and the pool size %d", n, poolResources, maxOpenConns)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories(),
		Steps: []resource.TestStep{
			{Config: config("one"), Check: bounded},
			{Config: config("two"), Check: bounded},
		},
		CheckDestroy: bounded,
	})
	t.Logf("%d logins for %d resources over create, update and destroy", logins(), poolResources)
}
