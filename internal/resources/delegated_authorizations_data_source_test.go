package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

func TestAccDelegatedAuthorizationsDataSource(t *testing.T) {
	tg := acctest.Get(t)
	f := newOAuthFixture(t, tg, "DADS")
	for _, r := range []string{f.Role, f.Role2} {
		tg.Exec(t, fmt.Sprintf("ALTER USER %s ADD DELEGATED AUTHORIZATION OF ROLE %s TO SECURITY INTEGRATION %s", f.User, r, f.Integration))
	}
	want := delegatedRows(t, tg, f.User)
	if len(want) != 2 {
		t.Fatalf("out-of-band setup: %v", want)
	}
	const byUser, byInt = "data.snowflakeoauth_delegated_authorizations.by_user", "data.snowflakeoauth_delegated_authorizations.by_integration"
	checks := []resource.TestCheckFunc{
		resource.TestCheckResourceAttr(byUser, "authorizations.#", "2"),
		resource.TestCheckResourceAttr(byInt, "authorizations.#", "2"),
	}
	for _, addr := range []string{byUser, byInt} {
		for _, id := range want {
			parts := strings.Split(id, "|")
			checks = append(checks, resource.TestCheckTypeSetElemNestedAttrs(addr, "authorizations.*", map[string]string{
				"id": id, "user_name": parts[0], "role_name": parts[1], "integration_name": parts[2], "integration_status": "ENABLED",
			}))
		}
		checks = append(checks, resource.TestMatchResourceAttr(addr, "authorizations.0.created_on", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "snowflakeoauth_delegated_authorizations" "both" {
  user_name        = %q
  integration_name = %q
}
`, f.User, f.Integration),
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
			{
				Config:      `data "snowflakeoauth_delegated_authorizations" "neither" {}`,
				ExpectError: regexp.MustCompile(`Invalid Attribute Combination`),
			},
			{
				Config: fmt.Sprintf(`
data "snowflakeoauth_delegated_authorizations" "by_user" {
  user_name = %q
}
data "snowflakeoauth_delegated_authorizations" "by_integration" {
  integration_name = %q
}
`, strings.ToLower(f.User), f.Integration),
				Check: resource.ComposeAggregateTestCheckFunc(checks...),
			},
		},
	})
}
