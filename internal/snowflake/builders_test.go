package snowflake

import "testing"

func ptr[T any](v T) *T { return &v }

func ids(names ...string) []Identifier {
	out := make([]Identifier, len(names))
	for i, n := range names {
		out[i] = MustParseIdentifier(n)
	}
	return out
}

func fullProperties() IntegrationProperties {
	return IntegrationProperties{
		RedirectURI:                    ptr("https://app.example.com/cb"),
		Enabled:                        ptr(true),
		AllowNonTLSRedirectURI:         ptr(false),
		AlternateRedirectURIs:          []string{"https://a.example/cb", "https://b.example/cb"},
		EnforcePKCE:                    ptr(true),
		EnableRoleSelection:            ptr(false),
		UseSecondaryRoles:              ptr("none"),
		PreAuthorizedRoles:             ids("analyst", `"Mixed"`),
		AllowedRoles:                   ids("analyst", "Legacy App"),
		BlockedRoles:                   ids("sysadmin"),
		AnyRoleMode:                    ptr(AnyRoleModeDisable),
		IssueRefreshTokens:             ptr(true),
		AccessTokenValidity:            ptr(int64(600)),
		RefreshTokenValidity:           ptr(int64(7776000)),
		SingleUseRefreshTokensRequired: ptr(false),
		RSAPublicKey:                   ptr("MIIB\nIjAN"),
		RSAPublicKey2:                  ptr("MIIC"),
		IsAgentic:                      ptr(false),
		UsePrivatelinkForAuthEndpoint:  ptr(false),
		Comment:                        ptr("it's a demo"),
	}
}

const fullAssignments = `OAUTH_REDIRECT_URI = 'https://app.example.com/cb' ENABLED = TRUE OAUTH_ALLOW_NON_TLS_REDIRECT_URI = FALSE ` +
	`OAUTH_ALTERNATE_REDIRECT_URIS = ('https://a.example/cb', 'https://b.example/cb') OAUTH_ENFORCE_PKCE = TRUE ` +
	`OAUTH_ENABLE_ROLE_SELECTION = FALSE OAUTH_USE_SECONDARY_ROLES = NONE PRE_AUTHORIZED_ROLES_LIST = ("ANALYST", "Mixed") ` +
	`ALLOWED_ROLES_LIST = ("ANALYST", "Legacy App") BLOCKED_ROLES_LIST = ("SYSADMIN") OAUTH_ANY_ROLE_MODE = DISABLE ` +
	`OAUTH_ISSUE_REFRESH_TOKENS = TRUE OAUTH_ACCESS_TOKEN_VALIDITY = 600 OAUTH_REFRESH_TOKEN_VALIDITY = 7776000 ` +
	`OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = FALSE OAUTH_CLIENT_RSA_PUBLIC_KEY = 'MIIBIjAN' ` +
	`OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = 'MIIC' IS_AGENTIC = FALSE USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT = FALSE ` +
	`COMMENT = 'it\'s a demo'`

func TestIntegrationBuilders(t *testing.T) {
	name := MustParseIdentifier("my_app")
	legacy := MustParseIdentifier(`Legacy "App"`)
	np := MustParseIdentifier(`"office_np"`)
	cases := []struct{ got, want string }{
		{CreateCustomIntegrationSQL(name, CustomClientOptions{ClientType: "public", IntegrationProperties: IntegrationProperties{RedirectURI: ptr("https://x/cb")}}),
			`CREATE SECURITY INTEGRATION "MY_APP" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://x/cb'`},
		{CreateCustomIntegrationSQL(legacy, CustomClientOptions{ClientType: ClientTypeConfidential, IntegrationProperties: fullProperties()}),
			`CREATE SECURITY INTEGRATION "Legacy ""App""" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' ` + fullAssignments},
		{CreatePartnerIntegrationSQL(name, PartnerClientOptions{Client: OAuthClientLooker, IntegrationProperties: IntegrationProperties{
			RedirectURI: ptr("https://looker/cb"), Enabled: ptr(false), BlockedRoles: []Identifier{}, Comment: ptr("")}}),
			`CREATE SECURITY INTEGRATION "MY_APP" TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'https://looker/cb' ENABLED = FALSE BLOCKED_ROLES_LIST = () COMMENT = ''`},
		{CreatePartnerIntegrationSQL(name, PartnerClientOptions{Client: "tableau_desktop"}),
			`CREATE SECURITY INTEGRATION "MY_APP" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP`},
		{AlterIntegrationSetSQL(name, IntegrationProperties{Enabled: ptr(false), PreAuthorizedRoles: []Identifier{}, AllowedRoles: []Identifier{}, RefreshTokenValidity: ptr(int64(86400))}),
			`ALTER SECURITY INTEGRATION "MY_APP" SET ENABLED = FALSE, PRE_AUTHORIZED_ROLES_LIST = (), ALLOWED_ROLES_LIST = (), OAUTH_REFRESH_TOKEN_VALIDITY = 86400`},
		{AlterIntegrationSetSQL(name, IntegrationProperties{}), ""},
		{AlterIntegrationUnsetSQL(name, PropEnabled, PropNetworkPolicy, PropRSAPublicKey, PropRSAPublicKey2, PropUseSecondaryRoles, PropComment),
			`ALTER SECURITY INTEGRATION "MY_APP" UNSET ENABLED, OAUTH_CLIENT_RSA_PUBLIC_KEY, OAUTH_CLIENT_RSA_PUBLIC_KEY_2, OAUTH_USE_SECONDARY_ROLES, COMMENT`},
		{AlterIntegrationUnsetSQL(name, PropNetworkPolicy), ""},
		{AlterIntegrationUnsetSQL(name), ""},
		{AlterIntegrationUnsetSQL(name, IntegrationProperty("COMMENT; DROP USER X")),
			`ALTER SECURITY INTEGRATION "MY_APP" UNSET 'COMMENT; DROP USER X'`},
		{AlterIntegrationRefreshSecretSQL(name, SecretPrimary), `ALTER SECURITY INTEGRATION "MY_APP" REFRESH OAUTH_CLIENT_SECRET`},
		{AlterIntegrationRefreshSecretSQL(name, SecretSecondary), `ALTER SECURITY INTEGRATION "MY_APP" REFRESH OAUTH_CLIENT_SECRET_2`},
		{AlterIntegrationSetNetworkPolicySQL(name, np), `ALTER SECURITY INTEGRATION "MY_APP" SET NETWORK_POLICY = '"office_np"'`},
		{AlterIntegrationSetNetworkPolicySQL(name, MustParseIdentifier("my_np")), `ALTER SECURITY INTEGRATION "MY_APP" SET NETWORK_POLICY = '"MY_NP"'`},
		{AlterIntegrationSetNetworkPolicySQL(name, NewIdentifier(`it's "np"`)), `ALTER SECURITY INTEGRATION "MY_APP" SET NETWORK_POLICY = '"it\'s ""np"""'`},
		{AlterIntegrationUnsetNetworkPolicySQL(name), `ALTER SECURITY INTEGRATION "MY_APP" UNSET NETWORK_POLICY`},
		{DescribeIntegrationSQL(legacy), `DESCRIBE SECURITY INTEGRATION "Legacy ""App"""`},
		{DropIntegrationSQL(name), `DROP SECURITY INTEGRATION IF EXISTS "MY_APP"`},
		{ShowIntegrationsLikeSQL(name), `SHOW SECURITY INTEGRATIONS LIKE 'MY\\_APP'`},
		{ShowIntegrationsLikeSQL(NewIdentifier(`50%'off`)), `SHOW SECURITY INTEGRATIONS LIKE '50\\%\'off'`},
		{ShowClientSecretsSQL(name), `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('MY_APP')`},
		{ShowClientSecretsSQL(MustParseIdentifier(`"Sundeck"`)), `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('Sundeck')`},
		{ShowClientSecretsSQL(NewIdentifier(`x'); DROP USER Y; --`)), `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('x\'); DROP USER Y; --')`},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("\n got: %s\nwant: %s", c.got, c.want)
			}
		})
	}
	if !(IntegrationProperties{}).IsEmpty() || fullProperties().IsEmpty() {
		t.Error("IsEmpty wrong")
	}
}

func TestNetworkPolicyBuilders(t *testing.T) {
	np := MustParseIdentifier("office_np")
	rule, _ := ParseQualifiedName(`db.sc."Rule"`)
	cases := []struct{ got, want string }{
		{CreateNetworkPolicySQL(np, NetworkPolicyOptions{AllowedIPs: []string{"10.0.0.0/8", "192.168.1.1"}}),
			`CREATE NETWORK POLICY "OFFICE_NP" ALLOWED_IP_LIST = ('10.0.0.0/8', '192.168.1.1')`},
		{CreateNetworkPolicySQL(np, NetworkPolicyOptions{
			AllowedNetworkRules: []QualifiedName{rule}, BlockedNetworkRules: []QualifiedName{},
			AllowedIPs: []string{"1.2.3.4"}, BlockedIPs: []string{"1.2.3.5", "1.2.3.6"}, Comment: ptr("office")}),
			`CREATE NETWORK POLICY "OFFICE_NP" ALLOWED_NETWORK_RULE_LIST = ("DB"."SC"."Rule") BLOCKED_NETWORK_RULE_LIST = () ALLOWED_IP_LIST = ('1.2.3.4') BLOCKED_IP_LIST = ('1.2.3.5', '1.2.3.6') COMMENT = 'office'`},
		{CreateNetworkPolicySQL(np, NetworkPolicyOptions{}), `CREATE NETWORK POLICY "OFFICE_NP"`},
		{AlterNetworkPolicySetSQL(np, NetworkPolicyOptions{BlockedIPs: []string{}, Comment: ptr("x")}),
			`ALTER NETWORK POLICY "OFFICE_NP" SET BLOCKED_IP_LIST = () COMMENT = 'x'`},
		{AlterNetworkPolicySetSQL(np, NetworkPolicyOptions{}), ""},
		{AlterNetworkPolicyUnsetSQL(np, NPComment), `ALTER NETWORK POLICY "OFFICE_NP" UNSET COMMENT`},
		{AlterNetworkPolicyUnsetSQL(np, NPAllowedNetworkRuleList, NPComment), `ALTER NETWORK POLICY "OFFICE_NP" UNSET ALLOWED_NETWORK_RULE_LIST, COMMENT`},
		{AlterNetworkPolicyUnsetSQL(np), ""},
		{RenameNetworkPolicySQL(np, MustParseIdentifier(`"office np"`)), `ALTER NETWORK POLICY "OFFICE_NP" RENAME TO "office np"`},
		{DescribeNetworkPolicySQL(np), `DESCRIBE NETWORK POLICY "OFFICE_NP"`},
		{ShowNetworkPoliciesLikeSQL(np), `SHOW NETWORK POLICIES LIKE 'OFFICE\\_NP'`},
		{DropNetworkPolicySQL(np), `DROP NETWORK POLICY IF EXISTS "OFFICE_NP"`},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("\n got: %s\nwant: %s", c.got, c.want)
			}
		})
	}
}

func TestDelegatedAndParameterBuilders(t *testing.T) {
	u, r, i := MustParseIdentifier(`"jane.smith"`), MustParseIdentifier("analyst"), MustParseIdentifier("notebook_app")
	cases := []struct{ got, want string }{
		{AddDelegatedAuthorizationSQL(u, r, i), `ALTER USER "jane.smith" ADD DELEGATED AUTHORIZATION OF ROLE "ANALYST" TO SECURITY INTEGRATION "NOTEBOOK_APP"`},
		{RemoveDelegatedAuthorizationSQL(u, r, i), `ALTER USER "jane.smith" REMOVE DELEGATED AUTHORIZATION OF ROLE "ANALYST" FROM SECURITY INTEGRATION "NOTEBOOK_APP"`},
		{ShowDelegatedAuthorizationsByUserSQL(u), `SHOW DELEGATED AUTHORIZATIONS BY USER "jane.smith"`},
		{ShowDelegatedAuthorizationsToIntegrationSQL(i), `SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION "NOTEBOOK_APP"`},
		{ShowAccountParameterSQL(ParamPrivilegedRolesBlocked), `SHOW PARAMETERS LIKE 'OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST' IN ACCOUNT`},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("\n got: %s\nwant: %s", c.got, c.want)
			}
		})
	}
}

// A PEM key is sent as its base64 body: Snowflake wants the body, without armour or line breaks.
func TestRSAPublicKeyBody(t *testing.T) {
	pem := "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\r\nhkiG9w0BAQEF\n-----END PUBLIC KEY-----\n"
	for in, want := range map[string]string{
		pem:                   "MIIBIjANBgkqhkiG9w0BAQEF",
		"MIIBIjANBgkq":        "MIIBIjANBgkq",
		"  MIIB IjAN\nBgkq  ": "MIIBIjANBgkq",
		"":                    "",
	} {
		if got := RSAPublicKeyBody(in); got != want {
			t.Errorf("RSAPublicKeyBody(%q) = %q, want %q", in, got, want)
		}
	}
	got := AlterIntegrationSetSQL(MustParseIdentifier("app"), IntegrationProperties{RSAPublicKey: ptr(pem), RSAPublicKey2: ptr(pem)})
	want := `ALTER SECURITY INTEGRATION "APP" SET OAUTH_CLIENT_RSA_PUBLIC_KEY = 'MIIBIjANBgkqhkiG9w0BAQEF', OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = 'MIIBIjANBgkqhkiG9w0BAQEF'`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
