package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

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
	// Both lookups list exactly the two authorizations SHOW reports, out of band.
	var elems []knownvalue.Check
	for _, id := range want {
		parts := strings.Split(id, "|")
		elems = append(elems, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(id), "user_name": knownvalue.StringExact(parts[0]),
			"role_name": knownvalue.StringExact(parts[1]), "integration_name": knownvalue.StringExact(parts[2]),
			"integration_status": knownvalue.StringExact("ENABLED"),
			"created_on":         knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
		}))
	}
	checks := []statecheck.StateCheck{
		acctest.KnownValue(byUser, "authorizations", acctest.ListUnordered(elems...)),
		acctest.KnownValue(byInt, "authorizations", acctest.ListUnordered(elems...)),
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
				ConfigStateChecks: checks,
			},
		},
	})
}
