package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// attributeError matches a plan-time error whose diagnostic carries the attribute path: Terraform
// then quotes the configuration line of that attribute under the error ("N:   attr = ..."). A
// diagnostic without a path would quote the block's first line instead.
func attributeError(summary, attribute string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)Error: ` + summary + `.*?in (resource|data) "snowflakeoauth_[a-z_]+" "[a-z]+":\s+\d+:\s+` +
		regexp.QuoteMeta(attribute) + `\s+=`)
}

// TestAccPlanTimeErrorsNameTheAttribute: in every resource and data source, bad input is refused at
// plan time by a diagnostic attached to the attribute, so the user sees which line is wrong.
func TestAccPlanTimeErrorsNameTheAttribute(t *testing.T) {
	acctest.Get(t)
	// block is a block "test" of kind (resource or data) of the type snowflakeoauth_<typ>, one
	// argument a line.
	block := func(kind, typ string, args ...string) string {
		return fmt.Sprintf("%s \"snowflakeoauth_%s\" \"test\" {\n  %s\n}\n", kind, typ, strings.Join(args, "\n  "))
	}
	res := func(typ string, args ...string) string { return block("resource", typ, args...) }
	cc := func(args ...string) string {
		return res("custom_client_integration", append([]string{`name = "V"`, `oauth_client_type = "PUBLIC"`}, args...)...)
	}
	const uri = `oauth_redirect_uri = "https://example.com/cb"`
	cases := []struct{ name, config, summary, attribute string }{
		{"custom redirect", cc(`oauth_redirect_uri = "http://example.com/cb"`), "Redirect URI must use https", "oauth_redirect_uri"},
		{"custom alternates", cc(uri, `oauth_alternate_redirect_uris = ["ftp//x"]`), "Invalid redirect URI", "oauth_alternate_redirect_uris"},
		{"custom pre-authorized", cc(uri, `pre_authorized_roles_list = ["securityadmin"]`), "Privileged role cannot be pre-authorized", "pre_authorized_roles_list"},
		{"custom allowed with IMPLICIT", cc(uri, `oauth_use_secondary_roles = "IMPLICIT"`, `allowed_roles_list = ["ANALYST"]`), "allowed_roles_list conflicts", "allowed_roles_list"},
		{"custom RSA key", cc(uri, `oauth_client_rsa_public_key = "not a key"`), "Invalid RSA public key", "oauth_client_rsa_public_key"},
		{"custom any-role mode", cc(uri, `oauth_any_role_mode = "ALWAYS"`), "Invalid Attribute Value Match", "oauth_any_role_mode"},
		{"custom access validity", cc(uri, `oauth_access_token_validity = 30`), "Invalid Attribute Value", "oauth_access_token_validity"},
		{"partner redirect", res("partner_integration", `name = "V"`, `oauth_client = "TABLEAU_SERVER"`, `oauth_redirect_uri = "https://x.example/cb"`),
			"Redirect URI not allowed", "oauth_redirect_uri"},
		{"partner refresh validity", res("partner_integration", `name = "V"`, `oauth_client = "LOOKER"`, `oauth_redirect_uri = "http://looker.example/cb"`,
			`oauth_refresh_token_validity = 3599`), "Refresh token validity out of range", "oauth_refresh_token_validity"},
		{"network policy IP", res("network_policy", `name = "V"`, `allowed_ip_list = ["300.1.1.1"]`), "Invalid IP address", "allowed_ip_list"},
		{"network policy rule", res("network_policy", `name = "V"`, `allowed_network_rule_list = ["ONLY_TWO.PARTS"]`), "Invalid network rule name", "allowed_network_rule_list"},
		{"binding", res("integration_network_policy", `integration_name = "\"unterminated"`, `network_policy_name = "NP"`), "Invalid", "integration_name"},
		{"delegated authorization", res("delegated_authorization", `user_name = ""`, `role_name = "R"`, `integration_name = "I"`), "Invalid", "user_name"},
		{"rotation", res("client_secret_rotation", `integration_name = "I"`, `secret = "OAUTH_CLIENT_SECRET_3"`), "Invalid Attribute Value Match", "secret"},
		{"secrets data source", block("data", "client_secrets", `integration_name = "\"unterminated"`), "Invalid", "integration_name"},
		{"integration data source", block("data", "integration", `name = ""`), "Invalid", "name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: c.config, PlanOnly: true, ExpectError: attributeError(c.summary, c.attribute)}},
			})
		})
	}
}
