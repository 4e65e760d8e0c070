package engine

import (
	"strings"
	"testing"
)

const integTestCustomSQL = "CREATE SECURITY INTEGRATION APP TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'"

func TestIntegAlterSetCommaAndWhitespace(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL)
	key, fp := integTestKey(t)
	// The TF SDK form: comma-separated assignments (the DEFAULT SQL the live tests run).
	integTestStatus(t, e, s, `ALTER SECURITY INTEGRATION "APP" SET ENABLED = true, BLOCKED_ROLES_LIST = ("R1"), COMMENT = 'a',
		NETWORK_POLICY = '\"NP\"', OAUTH_ALLOW_NON_TLS_REDIRECT_URI = true, OAUTH_CLIENT_RSA_PUBLIC_KEY = '`+key+`',
		OAUTH_CLIENT_RSA_PUBLIC_KEY_2 = '`+key+`', OAUTH_ENFORCE_PKCE = true, OAUTH_ISSUE_REFRESH_TOKENS = true,
		OAUTH_REDIRECT_URI = 'http://example2.com', OAUTH_REFRESH_TOKEN_VALIDITY = 22222,
		OAUTH_USE_SECONDARY_ROLES = IMPLICIT, PRE_AUTHORIZED_ROLES_LIST = ("R2")`, "Statement executed successfully.")
	// Whitespace-separated, without SECURITY.
	integTestStatus(t, e, s, `alter integration app set OAUTH_ACCESS_TOKEN_VALIDITY = 900 IS_AGENTIC = TRUE
		OAUTH_ANY_ROLE_MODE = ENABLE OAUTH_ALTERNATE_REDIRECT_URIS = ('https://b.example.com/cb')`, "Statement executed successfully.")
	rows := integTestDescribe(t, e, s, "APP")
	integTestWantValues(t, rows, map[string]string{
		"ENABLED": "true", "BLOCKED_ROLES_LIST": "ACCOUNTADMIN,SECURITYADMIN,R1", "COMMENT": "a", "NETWORK_POLICY": "NP",
		"OAUTH_ALLOW_NON_TLS_REDIRECT_URI": "true", "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP": fp, "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP": fp,
		"OAUTH_ENFORCE_PKCE": "true", "OAUTH_REDIRECT_URI": "http://example2.com", "OAUTH_REFRESH_TOKEN_VALIDITY": "22222",
		"OAUTH_USE_SECONDARY_ROLES": "IMPLICIT", "PRE_AUTHORIZED_ROLES_LIST": "R2", "OAUTH_ACCESS_TOKEN_VALIDITY": "900",
		"IS_AGENTIC": "true", "OAUTH_ANY_ROLE_MODE": "ENABLE", "OAUTH_ALTERNATE_REDIRECT_URIS": "https://b.example.com/cb",
		"OAUTH_CLIENT_TYPE": "CONFIDENTIAL",
	})

	// UNSET, verbatim from the TF SDK, restores the defaults (FIDELITY.md, "ALTER SECURITY INTEGRATION").
	integTestStatus(t, e, s, "ALTER SECURITY INTEGRATION \"APP\" UNSET ENABLED, NETWORK_POLICY, OAUTH_CLIENT_RSA_PUBLIC_KEY, OAUTH_CLIENT_RSA_PUBLIC_KEY_2, OAUTH_USE_SECONDARY_ROLES",
		"Statement executed successfully.")
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION APP UNSET COMMENT, IS_AGENTIC")
	rows = integTestDescribe(t, e, s, "APP")
	integTestWantProps(t, rows, "after UNSET", [][4]string{
		{"ENABLED", "Boolean", "true", "true"},
		{"NETWORK_POLICY", "String", "", ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_FP", "String", "", ""},
		{"OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP", "String", "", ""},
		{"OAUTH_USE_SECONDARY_ROLES", "String", "NONE", "NONE"},
		{"COMMENT", "String", "", ""},
		{"IS_AGENTIC", "Boolean", "false", "false"},
	})
	// Role lists are cleared with empty lists (the TF SDK's form).
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION APP SET PRE_AUTHORIZED_ROLES_LIST = (), ALLOWED_ROLES_LIST = (), BLOCKED_ROLES_LIST = ()")
	rows = integTestDescribe(t, e, s, "APP")
	integTestWantProps(t, rows, "after clearing", [][4]string{
		{"PRE_AUTHORIZED_ROLES_LIST", "List", "", "[]"},
		{"ALLOWED_ROLES_LIST", "List", "", "[]"},
		{"BLOCKED_ROLES_LIST", "List", "ACCOUNTADMIN,SECURITYADMIN", "[]"},
	})
}

func TestIntegAlterPartner(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION LK TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'http://example.com'")
	// TF live test AlterOauthPartner.
	mustExec(t, e, s, `ALTER SECURITY INTEGRATION LK SET BLOCKED_ROLES_LIST = (R1), COMMENT = 'a', ENABLED = true,
		OAUTH_ISSUE_REFRESH_TOKENS = true, OAUTH_REDIRECT_URI = 'http://example2.com', OAUTH_REFRESH_TOKEN_VALIDITY = 22222,
		OAUTH_USE_SECONDARY_ROLES = IMPLICIT, NETWORK_POLICY = 'NP', USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT = true,
		OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED = true, OAUTH_ACCESS_TOKEN_VALIDITY = 60`)
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION LK UNSET ENABLED, OAUTH_USE_SECONDARY_ROLES, COMMENT")
	rows := integTestDescribe(t, e, s, "LK")
	integTestWantValues(t, rows, map[string]string{
		"BLOCKED_ROLES_LIST": "ACCOUNTADMIN,SECURITYADMIN,R1", "COMMENT": "", "ENABLED": "true",
		"OAUTH_REDIRECT_URI": "http://example2.com", "OAUTH_REFRESH_TOKEN_VALIDITY": "22222", "OAUTH_USE_SECONDARY_ROLES": "NONE",
		"NETWORK_POLICY": "NP", "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT": "true",
		"OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED": "true", "OAUTH_ACCESS_TOKEN_VALIDITY": "60",
	})
	integTestWantErrs(t, e, s, []errCase{
		{"ALTER SECURITY INTEGRATION LK SET OAUTH_ENFORCE_PKCE = true", "001003", "42000", "unexpected 'OAUTH_ENFORCE_PKCE'"},
		{"ALTER SECURITY INTEGRATION LK SET PRE_AUTHORIZED_ROLES_LIST = (R1)", "001003", "42000", "unexpected 'PRE_AUTHORIZED_ROLES_LIST'"},
		{"ALTER SECURITY INTEGRATION LK UNSET NETWORK_POLICY", "000002", "0A000", "Unsupported feature 'UNSET'."},
		{"ALTER SECURITY INTEGRATION LK UNSET IS_AGENTIC", "001003", "42000", "unexpected 'IS_AGENTIC'"},
		{"ALTER SECURITY INTEGRATION LK SET OAUTH_REDIRECT_URI = ''", "001422", "22023", "invalid value '' for property 'OAUTH_REDIRECT_URI'"},
		{"ALTER SECURITY INTEGRATION LK SET OAUTH_REFRESH_TOKEN_VALIDITY = 100", "001422", "22023", "invalid value '100'"},
	})
}

// Partner clients rotate secrets with REFRESH like custom ones (it is in the partner ALTER grammar).
func TestIntegRefreshPartnerSecrets(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION TD TYPE = OAUTH OAUTH_CLIENT = TABLEAU_DESKTOP")
	mustExec(t, e, s, "CREATE SECURITY INTEGRATION LK TYPE = OAUTH OAUTH_CLIENT = LOOKER OAUTH_REDIRECT_URI = 'http://example.com'")
	for _, name := range []string{"TD", "LK"} {
		in0 := *e.cat.Integrations[name]
		integTestStatus(t, e, s, "ALTER SECURITY INTEGRATION "+name+" REFRESH OAUTH_CLIENT_SECRET", "Statement executed successfully.")
		in1 := *e.cat.Integrations[name]
		if in1.ClientID != in0.ClientID || in1.ClientSecret == in0.ClientSecret || in1.ClientSecret2 != in0.ClientSecret2 {
			t.Errorf("%s REFRESH OAUTH_CLIENT_SECRET changed the wrong values", name)
		}
		mustExec(t, e, s, "ALTER INTEGRATION "+name+" REFRESH OAUTH_CLIENT_SECRET_2")
		in2 := *e.cat.Integrations[name]
		if in2.ClientSecret != in1.ClientSecret || in2.ClientSecret2 == in1.ClientSecret2 {
			t.Errorf("%s REFRESH OAUTH_CLIENT_SECRET_2 changed the wrong values", name)
		}
	}
}

// Tableau's refresh-token validity: default 7776000 and 60 .. 7776000, per the live tests (86400 on
// TABLEAU_DESKTOP, above the ALTER page's 36000) and the ALTER page's minimum of 60.
func TestIntegTableauRefreshValidity(t *testing.T) {
	e, s := newIntegTestEngine(t)
	for _, client := range []string{"TABLEAU_DESKTOP", "TABLEAU_SERVER"} {
		mustExec(t, e, s, "CREATE OR REPLACE SECURITY INTEGRATION T TYPE = OAUTH OAUTH_CLIENT = "+client)
		if got := integTestProp(t, integTestDescribe(t, e, s, "T"), "OAUTH_REFRESH_TOKEN_VALIDITY"); got[2] != "7776000" || got[3] != "7776000" {
			t.Errorf("%s default = %q", client, got)
		}
		for _, v := range []string{"60", "3600", "36001", "86400", "7776000"} {
			mustExec(t, e, s, "ALTER SECURITY INTEGRATION T SET OAUTH_REFRESH_TOKEN_VALIDITY = "+v)
			if got := e.cat.Integrations["T"].Props["OAUTH_REFRESH_TOKEN_VALIDITY"]; got != v {
				t.Errorf("%s SET %s stored %s", client, v, got)
			}
		}
		for _, v := range []string{"59", "7776001"} {
			integTestWantErr(t, e, s, "ALTER SECURITY INTEGRATION T SET OAUTH_REFRESH_TOKEN_VALIDITY = "+v, "001422", "22023", "invalid value '"+v+"'")
		}
		mustExec(t, e, s, "CREATE OR REPLACE SECURITY INTEGRATION T TYPE = OAUTH OAUTH_CLIENT = "+client+" OAUTH_REFRESH_TOKEN_VALIDITY = 86400")
	}
}

func TestIntegAlterErrors(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL+" ALLOWED_ROLES_LIST = (R1) COMMENT = 'keep'")
	before := *cloneIntegration(e.cat.Integrations["APP"])
	integTestWantErrs(t, e, s, []errCase{
		{"ALTER SECURITY INTEGRATION APP SET OAUTH_CLIENT_TYPE = 'PUBLIC'", "001003", "42000", "unexpected 'OAUTH_CLIENT_TYPE'"},
		{"ALTER SECURITY INTEGRATION APP SET OAUTH_CLIENT = LOOKER", "001003", "42000", "unexpected 'OAUTH_CLIENT'"},
		{"ALTER SECURITY INTEGRATION APP SET TYPE = OAUTH", "001003", "42000", "unexpected 'TYPE'"},
		{"ALTER SECURITY INTEGRATION APP SET TAG t = 'v'", "001003", "42000", "unexpected 'TAG'"},
		{"ALTER SECURITY INTEGRATION APP SET", "001003", "42000", "unexpected '<EOF>'"},
		{"ALTER SECURITY INTEGRATION APP RENAME TO B", "001003", "42000", "unexpected 'RENAME'"},
		{"ALTER SECURITY INTEGRATION APP REFRESH OAUTH_CLIENT_ID", "001003", "42000", "unexpected 'OAUTH_CLIENT_ID'"},
		{"ALTER SECURITY INTEGRATION APP UNSET OAUTH_CLIENT_ID", "001003", "42000", "unexpected 'OAUTH_CLIENT_ID'"},
		{"ALTER SECURITY INTEGRATION APP UNSET ENABLED,", "001003", "42000", "unexpected '<EOF>'"},
		{"ALTER SECURITY INTEGRATION APP UNSET OAUTH_CLIENT_TYPE", "000002", "0A000", "Unsupported feature 'UNSET'."},
		{"ALTER SECURITY INTEGRATION APP UNSET ENABLED, OAUTH_ENFORCE_PKCE", "000002", "0A000", "Unsupported feature 'UNSET'."},
		{"ALTER SECURITY INTEGRATION APP UNSET OAUTH_REFRESH_TOKEN_VALIDITY", "000002", "0A000", "Unsupported feature 'UNSET'."},
		{"ALTER SECURITY INTEGRATION APP UNSET PRE_AUTHORIZED_ROLES_LIST", "000002", "0A000", "Unsupported feature 'UNSET'."},
		{"ALTER SECURITY INTEGRATION NOPE SET ENABLED = false", "002003", "02000", "SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized."},
		{`ALTER INTEGRATION "app" UNSET COMMENT`, "002003", "02000", `Integration '"app"' does not exist or not authorized.`},
		// A failing assignment leaves the earlier ones of the same statement unapplied.
		{"ALTER SECURITY INTEGRATION APP SET COMMENT = 'changed', OAUTH_ACCESS_TOKEN_VALIDITY = 10", "001422", "22023", "invalid value '10'"},
		{"ALTER SECURITY INTEGRATION APP SET COMMENT = 'changed' OAUTH_USE_SECONDARY_ROLES = IMPLICIT", "001425", "22023",
			"invalid property combination 'ALLOWED_ROLES_LIST'='R1' and 'OAUTH_USE_SECONDARY_ROLES'='IMPLICIT'"},
		{"ALTER SECURITY INTEGRATION APP SET OAUTH_REDIRECT_URI = 'http://plain.example.com'", "001422", "22023", "for property 'OAUTH_REDIRECT_URI'"},
		{"ALTER SECURITY INTEGRATION APP SET PRE_AUTHORIZED_ROLES_LIST = (ACCOUNTADMIN)", "001422", "22023", "invalid value 'ACCOUNTADMIN'"},
		{"ALTER SECURITY INTEGRATION APP SET BLOCKED_ROLES_LIST = (GHOST)", "002003", "02000", "Role 'GHOST' does not exist or not authorized."},
		{"ALTER SECURITY INTEGRATION APP SET NETWORK_POLICY = 'EMPTY_NP'", "098519", "22023", "Empty network policy EMPTY_NP cannot be active."},
		// A bare double-quoted name loses its case and does not resolve (FIDELITY.md, "Identifiers and literals").
		{`ALTER SECURITY INTEGRATION APP SET NETWORK_POLICY = "lower_np"`, "002003", "02000", "does not exist or not authorized."},
		{"ALTER SECURITY INTEGRATION APP SET OAUTH_CLIENT_RSA_PUBLIC_KEY = 'bad key!'", "001422", "22023", "for property 'OAUTH_CLIENT_RSA_PUBLIC_KEY'"},
	})
	after := e.cat.Integrations["APP"]
	if after.Comment == nil || *after.Comment != "keep" || after.Props["OAUTH_USE_SECONDARY_ROLES"] != "NONE" ||
		after.Props["OAUTH_REDIRECT_URI"] != before.Props["OAUTH_REDIRECT_URI"] || after.ClientSecret != before.ClientSecret {
		t.Errorf("failed ALTERs changed the integration: %+v", after)
	}
	// Turning the non-TLS flag off while the redirect URI is http is refused too.
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION APP SET OAUTH_ALLOW_NON_TLS_REDIRECT_URI = TRUE OAUTH_REDIRECT_URI = 'http://plain.example.com'")
	integTestWantErr(t, e, s, "ALTER SECURITY INTEGRATION APP SET OAUTH_ALLOW_NON_TLS_REDIRECT_URI = FALSE",
		"001422", "22023", "invalid value 'http://plain.example.com' for property 'OAUTH_REDIRECT_URI'")
	// Lower-case policy through the TF SDK's form works and shows the raw name.
	mustExec(t, e, s, `ALTER SECURITY INTEGRATION APP SET NETWORK_POLICY = '\"lower_np\"'`)
	if got := integTestProp(t, integTestDescribe(t, e, s, "APP"), "NETWORK_POLICY")[2]; got != "lower_np" {
		t.Errorf("NETWORK_POLICY = %q", got)
	}
}

func TestIntegAlterIfExists(t *testing.T) {
	e, s := newIntegTestEngine(t)
	for _, sql := range []string{
		"ALTER SECURITY INTEGRATION IF EXISTS NOPE SET ENABLED = false",
		"ALTER INTEGRATION IF EXISTS NOPE UNSET COMMENT",
		"ALTER INTEGRATION IF EXISTS NOPE REFRESH OAUTH_CLIENT_SECRET_2",
	} {
		integTestStatus(t, e, s, sql, "Statement executed successfully.")
	}
	integTestWantErr(t, e, s, "ALTER SECURITY INTEGRATION IF EXISTS NOPE SET BOGUS = 1", "001003", "42000", "unexpected 'BOGUS'")
	mustExec(t, e, s, integTestCustomSQL)
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION IF EXISTS APP SET ENABLED = false")
	if e.cat.Integrations["APP"].Props["ENABLED"] != "false" {
		t.Error("IF EXISTS on an existing integration did not apply")
	}
}

func TestIntegRefreshSecrets(t *testing.T) {
	e, s := newIntegTestEngine(t)
	mustExec(t, e, s, integTestCustomSQL)
	secrets := func() (string, string, string) {
		in := e.cat.Integrations["APP"]
		return in.ClientID, in.ClientSecret, in.ClientSecret2
	}
	id0, s10, s20 := secrets()
	integTestStatus(t, e, s, "ALTER SECURITY INTEGRATION APP REFRESH OAUTH_CLIENT_SECRET", "Statement executed successfully.")
	id1, s11, s21 := secrets()
	if id1 != id0 || s11 == s10 || s21 != s20 || !integTestSecretRe.MatchString(s11) {
		t.Errorf("REFRESH OAUTH_CLIENT_SECRET: id %v, secret changed %v, secret 2 kept %v", id1 == id0, s11 != s10, s21 == s20)
	}
	mustExec(t, e, s, "alter integration app refresh oauth_client_secret_2")
	id2, s12, s22 := secrets()
	if id2 != id0 || s12 != s11 || s22 == s21 || !integTestSecretRe.MatchString(s22) {
		t.Errorf("REFRESH OAUTH_CLIENT_SECRET_2: id %v, secret kept %v, secret 2 changed %v", id2 == id0, s12 == s11, s22 != s21)
	}
	// The secrets function reflects the rotation.
	res := mustExec(t, e, s, "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('APP')")
	if got := *res.Rows[0][0]; !strings.Contains(got, `"OAUTH_CLIENT_SECRET_2":"`+s22+`"`) || !strings.Contains(got, `"OAUTH_CLIENT_SECRET":"`+s12+`"`) {
		t.Errorf("secrets after rotation = %s", got)
	}
}
