package resources_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// describeChecks checks that each attribute of addr equals what DESCRIBE reported for its property
// (props, read out of band; a *_VALIDITY as a number), or is null when DESCRIBE has no row for it (the property does not apply
// to that client).
func describeChecks(addr string, props map[string]string, attrs map[string]string) []statecheck.StateCheck {
	out := make([]statecheck.StateCheck, 0, len(attrs))
	for attr, prop := range attrs {
		if n, err := strconv.ParseInt(props[prop], 10, 64); err == nil && strings.HasSuffix(prop, "_VALIDITY") {
			out = append(out, acctest.KnownValue(addr, attr, knownvalue.Int64Exact(n)))
			continue
		}
		var want knownvalue.Check = knownvalue.Null()
		if v, ok := props[prop]; ok {
			want = knownvalue.StringExact(v)
		}
		out = append(out, acctest.KnownValue(addr, attr, want))
	}
	return out
}

func TestAccIntegrationDataSource(t *testing.T) {
	tg := acctest.Get(t)
	custom := acctest.RandomName("IDS_C")
	partner := acctest.RandomName("IDS_T")
	policy := acctest.RandomName("IDS_NP")
	role := acctest.RandomName("IDS_R")
	tg.Cleanup(t, "DROP SECURITY INTEGRATION IF EXISTS "+custom, "DROP SECURITY INTEGRATION IF EXISTS "+partner,
		"DROP NETWORK POLICY IF EXISTS "+policy, "DROP ROLE IF EXISTS "+role)
	tg.Exec(t, "CREATE ROLE "+role)
	tg.Exec(t, "CREATE NETWORK POLICY "+policy+" ALLOWED_IP_LIST = ('10.0.0.0/8')")
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+custom+" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC'"+
		" OAUTH_REDIRECT_URI = 'https://example.com/cb' OAUTH_REFRESH_TOKEN_VALIDITY = 7776000 PRE_AUTHORIZED_ROLES_LIST = ('"+role+"')"+
		" COMMENT = 'looked up'")
	tg.Exec(t, "ALTER SECURITY INTEGRATION "+custom+" SET NETWORK_POLICY = '"+policy+"'")
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+partner+" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP ENABLED = FALSE")
	dc, dp := tg.DescribeIntegration(t, custom), tg.DescribeIntegration(t, partner)
	const c, p = "data.snowflakeoauth_integration.custom", "data.snowflakeoauth_integration.partner"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      `data "snowflakeoauth_integration" "missing" { name = "TFACC_IDS_DOES_NOT_EXIST" }`,
				ExpectError: regexp.MustCompile(`Integration not found`),
			},
			{
				Config: fmt.Sprintf(`
data "snowflakeoauth_integration" "custom" {
  name = %q
}
data "snowflakeoauth_integration" "partner" {
  name = %q
}
`, strings.ToLower(custom), partner),
				ConfigStateChecks: slices.Concat(acctest.KnownValues(c, map[string]knownvalue.Check{
					"id":                           knownvalue.StringExact(custom),
					"kind":                         knownvalue.StringExact("CUSTOM"),
					"type":                         knownvalue.StringExact("OAUTH - CUSTOM"),
					"enabled":                      knownvalue.Bool(strings.EqualFold(dc["ENABLED"], "true")),
					"oauth_client_type":            knownvalue.StringExact("PUBLIC"),
					"oauth_refresh_token_validity": knownvalue.Int64Exact(7776000),
					"network_policy":               knownvalue.StringExact(policy),
					"comment":                      knownvalue.StringExact("looked up"),
					"pre_authorized_roles_list":    acctest.SetHas(role),
					"oauth_client_id":              knownvalue.StringExact(tg.ShowClientSecrets(t, custom).ID),
				}), acctest.KnownValues(p, map[string]knownvalue.Check{
					"kind":           knownvalue.StringExact("TABLEAU_DESKTOP"),
					"enabled":        knownvalue.Bool(false),
					"network_policy": knownvalue.StringExact(""),
				}),
					// Every string-valued output must be what DESCRIBE reports, or null where it has no row.
					describeChecks(c, dc, map[string]string{
						"oauth_redirect_uri": "OAUTH_REDIRECT_URI", "oauth_client_id": "OAUTH_CLIENT_ID",
						"oauth_authorization_endpoint": "OAUTH_AUTHORIZATION_ENDPOINT", "oauth_token_endpoint": "OAUTH_TOKEN_ENDPOINT",
						"oauth_use_secondary_roles": "OAUTH_USE_SECONDARY_ROLES", "oauth_access_token_validity": "OAUTH_ACCESS_TOKEN_VALIDITY",
					}),
					describeChecks(p, dp, map[string]string{"oauth_redirect_uri": "OAUTH_REDIRECT_URI", "oauth_client_type": "OAUTH_CLIENT_TYPE",
						"oauth_refresh_token_validity": "OAUTH_REFRESH_TOKEN_VALIDITY"}),
				),
			},
		},
	})
}
