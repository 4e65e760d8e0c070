package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// describeProps reads DESCRIBE SECURITY INTEGRATION out of band: property -> property_value.
func describeProps(t *testing.T, tg *acctest.Target, sqlName string) map[string]string {
	t.Helper()
	rows, err := tg.DB.Query("DESCRIBE SECURITY INTEGRATION " + sqlName)
	if err != nil {
		t.Fatalf("DESCRIBE %s: %v", sqlName, err)
	}
	defer func() { _ = rows.Close() }()
	cols, _ := rows.Columns()
	out := map[string]string{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, c := range cols {
			if vals[i] != nil {
				m[strings.ToLower(c)] = fmt.Sprint(vals[i])
			}
		}
		out[m["property"]] = m["property_value"]
	}
	return out
}

// absentIsNull checks that an attribute is null when DESCRIBE has no row for its property (the property
// does not apply to that client) and equal to DESCRIBE's value otherwise.
func absentIsNull(addr string, props map[string]string, attrs map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for attr, prop := range attrs {
			check := resource.TestCheckNoResourceAttr(addr, attr)
			if v, ok := props[prop]; ok {
				check = resource.TestCheckResourceAttr(addr, attr, v)
			}
			if err := check(s); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestAccIntegrationDataSource(t *testing.T) {
	tg := acctest.Get(t)
	custom := acctest.RandomName("IDS_C")
	partner := acctest.RandomName("IDS_T")
	policy := acctest.RandomName("IDS_NP")
	role := acctest.RandomName("IDS_R")
	t.Cleanup(func() {
		for _, q := range []string{"DROP SECURITY INTEGRATION IF EXISTS " + custom, "DROP SECURITY INTEGRATION IF EXISTS " + partner,
			"DROP NETWORK POLICY IF EXISTS " + policy, "DROP ROLE IF EXISTS " + role} {
			_, _ = tg.DB.Exec(q)
		}
	})
	tg.Exec(t, "CREATE ROLE "+role)
	tg.Exec(t, "CREATE NETWORK POLICY "+policy+" ALLOWED_IP_LIST = ('10.0.0.0/8')")
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+custom+" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC'"+
		" OAUTH_REDIRECT_URI = 'https://example.com/cb' OAUTH_REFRESH_TOKEN_VALIDITY = 7776000 PRE_AUTHORIZED_ROLES_LIST = ('"+role+"')"+
		" COMMENT = 'looked up'")
	tg.Exec(t, "ALTER SECURITY INTEGRATION "+custom+" SET NETWORK_POLICY = '"+policy+"'")
	tg.Exec(t, "CREATE SECURITY INTEGRATION "+partner+" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP ENABLED = FALSE")
	dc, dp := describeProps(t, tg, custom), describeProps(t, tg, partner)
	const c, p = "data.snowflakeoauth_integration.custom", "data.snowflakeoauth_integration.partner"
	// Every string-valued output that DESCRIBE reports must match it exactly.
	matchDescribe := func(addr string, props map[string]string, attrs map[string]string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			for attr, prop := range attrs {
				want, ok := props[prop]
				if !ok {
					return fmt.Errorf("DESCRIBE has no %s", prop)
				}
				if err := resource.TestCheckResourceAttr(addr, attr, want)(s); err != nil {
					return err
				}
			}
			return nil
		}
	}
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
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(c, "id", custom),
					resource.TestCheckResourceAttr(c, "kind", "CUSTOM"),
					resource.TestCheckResourceAttr(c, "type", "OAUTH - CUSTOM"),
					resource.TestCheckResourceAttr(c, "enabled", strings.ToLower(dc["ENABLED"])),
					resource.TestCheckResourceAttr(c, "oauth_client_type", "PUBLIC"),
					resource.TestCheckResourceAttr(c, "oauth_refresh_token_validity", "7776000"),
					resource.TestCheckResourceAttr(c, "network_policy", policy),
					resource.TestCheckResourceAttr(c, "comment", "looked up"),
					resource.TestCheckTypeSetElemAttr(c, "pre_authorized_roles_list.*", role),
					resource.TestCheckResourceAttr(c, "oauth_client_id", showSecrets(t, tg, custom).ID),
					matchDescribe(c, dc, map[string]string{
						"oauth_redirect_uri": "OAUTH_REDIRECT_URI", "oauth_client_id": "OAUTH_CLIENT_ID",
						"oauth_authorization_endpoint": "OAUTH_AUTHORIZATION_ENDPOINT", "oauth_token_endpoint": "OAUTH_TOKEN_ENDPOINT",
						"oauth_access_token_validity": "OAUTH_ACCESS_TOKEN_VALIDITY", "oauth_use_secondary_roles": "OAUTH_USE_SECONDARY_ROLES",
					}),
					resource.TestCheckResourceAttr(p, "kind", "TABLEAU_DESKTOP"),
					resource.TestCheckResourceAttr(p, "enabled", "false"),
					absentIsNull(p, dp, map[string]string{"oauth_redirect_uri": "OAUTH_REDIRECT_URI", "oauth_client_type": "OAUTH_CLIENT_TYPE"}),
					resource.TestCheckResourceAttr(p, "network_policy", ""),
					matchDescribe(p, dp, map[string]string{"oauth_refresh_token_validity": "OAUTH_REFRESH_TOKEN_VALIDITY"}),
				),
			},
		},
	})
}
