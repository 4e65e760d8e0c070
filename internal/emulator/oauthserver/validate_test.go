package oauthserver

import (
	"net/url"
	"sync"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

type engineRevocation = engine.Revocation

func TestValidateAccessToken(t *testing.T) {
	f := newFixture(t, "ALTER USER jane SET LOGIN_NAME = 'jane.doe'")
	s := f.secrets("APP")
	red := f.login(authzQuery(s.ID, ""), "Jane.Doe", janePassword) // sign in with the login name
	tok := f.exchange(s, red.location.Query().Get("code"))
	wantOK(t, tok)
	at := tok.str("access_token")

	user, role, code, msg := f.srv.ValidateAccessToken(at, "")
	if user != "JANE" || role != "ANALYST" || code != "" || msg != "" {
		t.Errorf("valid token: %q %q %q %q", user, role, code, msg)
	}
	// The login name may be the user's login name or name, in any case.
	for _, login := range []string{"JANE.DOE", "jane.doe", "jane"} {
		if got := f.validate(at, login); got != "JANE|ANALYST|" {
			t.Errorf("login %q: %s", login, got)
		}
	}
	_, _, code, msg = f.srv.ValidateAccessToken(at, "admin")
	if code != "390309" || msg != "The user you were trying to authenticate as differs from the user tied to the access token." {
		t.Errorf("mismatch: %s %q", code, msg)
	}
	_, _, code, msg = f.srv.ValidateAccessToken("ver:1-hint:1-nonsense", "")
	if code != "390303" || msg != "Invalid OAuth access token. " {
		t.Errorf("unknown: %s %q", code, msg)
	}
	if got := f.validate("", ""); got != "||390303" {
		t.Errorf("empty token: %s", got)
	}
}

func TestValidateAccessTokenFromAppliesResourceNetworkPolicy(t *testing.T) {
	f := newFixture(t,
		"CREATE NETWORK POLICY elsewhere ALLOWED_IP_LIST = ('10.0.0.0/8')",
		"CREATE NETWORK POLICY local ALLOWED_IP_LIST = ('127.0.0.1')",
	)
	s := f.secrets("APP")
	tok := f.exchange(s, f.code(authzQuery(s.ID, "")))
	at := tok.str("access_token")
	if _, _, code, _ := f.srv.ValidateAccessTokenFrom(at, "", "127.0.0.1"); code != "" {
		t.Errorf("no policy: %s", code)
	}
	f.exec("ALTER SECURITY INTEGRATION app SET NETWORK_POLICY = 'elsewhere'")
	if _, _, code, msg := f.srv.ValidateAccessTokenFrom(at, "", "127.0.0.1"); code != "390422" ||
		msg != "Incoming request with IP/Token 127.0.0.1 is not allowed to access Snowflake." {
		t.Errorf("integration policy: %s %q", code, msg)
	}
	if u, _, code, _ := f.srv.ValidateAccessTokenFrom(at, "", "10.1.2.3"); code != "" || u != "JANE" {
		t.Errorf("allowed address: %s", code)
	}
	f.exec("ALTER USER jane SET NETWORK_POLICY = 'local'")
	if _, _, code, _ := f.srv.ValidateAccessTokenFrom(at, "", "127.0.0.1"); code != "" {
		t.Errorf("user policy overrides: %s", code)
	}
}

// Every grant follows the catalog: each change below kills tokens issued before it.
func TestTokensDieWithTheirGrant(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sql   []string
		alive bool
	}{
		{"remove delegated authorization of the role", []string{"ALTER USER jane REMOVE DELEGATED AUTHORIZATION OF ROLE analyst FROM SECURITY INTEGRATION app"}, false},
		{"remove all delegated authorizations", []string{"ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS FROM SECURITY INTEGRATION app"}, false},
		{"remove another role's authorization", []string{"ALTER USER jane REMOVE DELEGATED AUTHORIZATION OF ROLE reporter FROM SECURITY INTEGRATION app"}, true},
		{"drop the integration", []string{"DROP SECURITY INTEGRATION app"}, false},
		{"re-create the integration", []string{"CREATE OR REPLACE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = '" + redirect + "'"}, false},
		{"disable the integration", []string{"ALTER SECURITY INTEGRATION app SET ENABLED = FALSE"}, false},
		{"disable and re-enable", []string{"ALTER SECURITY INTEGRATION app SET ENABLED = FALSE", "ALTER SECURITY INTEGRATION app SET ENABLED = TRUE"}, true},
		{"block the role", []string{"ALTER SECURITY INTEGRATION app SET BLOCKED_ROLES_LIST = ('ANALYST')"}, false},
		{"restrict the allowed roles", []string{"ALTER SECURITY INTEGRATION app SET ALLOWED_ROLES_LIST = ('REPORTER')"}, false},
		{"revoke the role from the user", []string{"REVOKE ROLE analyst FROM USER jane"}, false},
		{"drop the role", []string{"DROP ROLE analyst"}, false},
		{"disable the user", []string{"ALTER USER jane SET DISABLED = TRUE"}, false},
		{"drop the user", []string{"DROP USER jane"}, false},
		{"rotate a secret", []string{"ALTER SECURITY INTEGRATION app REFRESH OAUTH_CLIENT_SECRET_2"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, "ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app")
			s := f.secrets("APP")
			tok := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
			wantOK(t, tok)
			pending := f.code(authzQuery(s.ID, "refresh_token"))
			f.exec(tc.sql...)

			got := f.validate(tok.str("access_token"), "")
			r := f.token(s.ID, s.Secret2, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.str("refresh_token")}})
			c := f.token(s.ID, s.Secret2, url.Values{"grant_type": {"authorization_code"}, "code": {pending},
				"redirect_uri": {redirect}, "code_verifier": {verifier}})
			if tc.name == "rotate a secret" { // secret 2 changed: authenticate with secret 1
				r = f.refresh(s, tok.str("refresh_token"))
				c = f.exchange(s, pending)
			}
			if tc.alive {
				if got != "JANE|ANALYST|" {
					t.Errorf("access token = %s, want alive", got)
				}
				wantOK(t, r)
				wantOK(t, c)
				return
			}
			if got != "||390303" {
				t.Errorf("access token = %s, want 390303", got)
			}
			if r.status == 200 || c.status == 200 {
				t.Errorf("refresh %d %v, code %d %v: want failures", r.status, r.body, c.status, c.body)
			}
		})
	}
}

// Revoke matches on user, role and integration; empty fields match anything.
func TestRevokeMatching(t *testing.T) {
	f := newFixture(t)
	s := f.secrets("APP")
	analyst := f.exchange(s, f.code(authzQuery(s.ID, "session:role:ANALYST"))).str("access_token")
	reporter := f.exchange(s, f.code(authzQuery(s.ID, "session:role:REPORTER"))).str("access_token")
	f.srv.Revoke(nil)
	f.srv.Revoke([]engineRevocation{{User: "JANE", Role: "REPORTER", Integration: "OTHER"}, {User: "BOB"}})
	if f.validate(analyst, "") != "JANE|ANALYST|" || f.validate(reporter, "") != "JANE|REPORTER|" {
		t.Fatal("non-matching revocations killed tokens")
	}
	f.srv.Revoke([]engineRevocation{{Role: "REPORTER"}})
	if f.validate(analyst, "") != "JANE|ANALYST|" || f.validate(reporter, "") != "||390303" {
		t.Error("role revocation")
	}
	f.srv.Revoke([]engineRevocation{{Integration: "APP"}})
	if f.validate(analyst, "") != "||390303" {
		t.Error("integration revocation")
	}
	if codes, tickets, tokens := f.srv.store.count(); codes+tickets+tokens != 0 {
		t.Errorf("left over: %d codes, %d tickets, %d tokens", codes, tickets, tokens)
	}
}

// Concurrent flows share the store safely (run with -race).
func TestConcurrentFlows(t *testing.T) {
	f := newFixture(t)
	s := f.secrets("APP")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok := f.exchange(s, f.code(authzQuery(s.ID, "refresh_token")))
			if tok.status != 200 || f.validate(tok.str("access_token"), "") != "JANE|ANALYST|" {
				t.Errorf("flow: %v", tok.body)
			}
			if r := f.refresh(s, tok.str("refresh_token")); r.status != 200 {
				t.Errorf("refresh: %v", r.body)
			}
			f.srv.Revoke([]engineRevocation{{User: "NOBODY"}})
		}()
	}
	wg.Wait()
}
