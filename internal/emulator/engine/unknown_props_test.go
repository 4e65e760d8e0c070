package engine

import "testing"

// An account that predates a property rejects statements naming it and leaves it out of DESCRIBE,
// while everything else keeps working.
func TestUnknownIntegrationProperties(t *testing.T) {
	e, s := newTestEngine()
	e.SetUnknownIntegrationProperties("oauth_access_token_validity", "IS_AGENTIC")
	const create = "CREATE SECURITY INTEGRATION OLD TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://x.example/cb'"
	if se := mustSQLErr(t, e, s, create+" OAUTH_ACCESS_TOKEN_VALIDITY = 900"); se.Code != "001003" {
		t.Errorf("create with an unknown property: %s, want 001003", se.Code)
	}
	mustExec(t, e, s, create)
	for _, q := range []string{
		"ALTER SECURITY INTEGRATION OLD SET OAUTH_ACCESS_TOKEN_VALIDITY = 900",
		"ALTER SECURITY INTEGRATION OLD UNSET IS_AGENTIC",
	} {
		t.Run(q, func(t *testing.T) {
			if se := mustSQLErr(t, e, s, q); se.Code != "001003" {
				t.Errorf("%s: %s, want 001003", q, se.Code)
			}
		})
	}
	mustExec(t, e, s, "ALTER SECURITY INTEGRATION OLD SET OAUTH_REFRESH_TOKEN_VALIDITY = 86400")
	res := mustExec(t, e, s, "DESCRIBE SECURITY INTEGRATION OLD")
	seen := map[string]bool{}
	for i := range res.Rows {
		seen[cell(res, i, "property")] = true
	}
	if seen["OAUTH_ACCESS_TOKEN_VALIDITY"] || seen["IS_AGENTIC"] {
		t.Errorf("DESCRIBE shows a property the account does not know: %v", seen)
	}
	if !seen["OAUTH_REFRESH_TOKEN_VALIDITY"] || !seen["ENABLED"] {
		t.Errorf("DESCRIBE lost known rows: %v", seen)
	}
}
