package engine

import (
	"bytes"
	"testing"
)

// atomicSetup builds a catalog with one object of every kind, so that a failing statement of any
// family has something it could damage.
var atomicSetup = []string{
	"CREATE ROLE analyst",
	"CREATE NETWORK POLICY np ALLOWED_IP_LIST = ('10.0.0.0/8')",
	"CREATE NETWORK POLICY empty_np",
	"CREATE USER jane PASSWORD = 'old' COMMENT = 'c1'",
	"GRANT ROLE analyst TO USER jane",
	"CREATE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://a.example.com/cb' COMMENT = 'keep'",
	"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE analyst TO SECURITY INTEGRATION app",
}

// TestFailingStatementsChangeNothing runs, per statement family, statements that fail after some of
// their parts were valid (a bad property after good ones, a missing object referenced late, a check
// on the final state). Each must leave the catalog byte-for-byte as it was and must not report a
// change (the -state file is rewritten only on a reported change: Engine.SetOnChange).
func TestFailingStatementsChangeNothing(t *testing.T) {
	cases := map[string][]string{
		"user": {
			"ALTER USER JANE SET PASSWORD='new' COMMENT='c2' BOGUS_PROP=1",
			"ALTER USER jane SET PASSWORD = 'new', NETWORK_POLICY = 'nope'",
			"ALTER USER jane SET COMMENT = 'c2' NETWORK_POLICY = 'empty_np'",
			"ALTER USER jane UNSET PASSWORD, COMMENT, BOGUS",
			"ALTER USER jane SET PASSWORD = 'new' RSA_PUBLIC_KEY = 'not a key!'",
			"ALTER USER jane RENAME TO admin",
			"CREATE OR REPLACE USER jane PASSWORD = 'x' NETWORK_POLICY = 'nope'",
			"CREATE USER bob PASSWORD = 'x' BOGUS = 1",
		},
		"account": {
			"ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE, NETWORK_POLICY = 'nope'",
			"ALTER ACCOUNT SET NETWORK_POLICY = 'np', BOGUS_PARAM = 1",
			"ALTER ACCOUNT SET OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST = FALSE, NETWORK_POLICY = 'empty_np'",
			"ALTER ACCOUNT UNSET NETWORK_POLICY, OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST garbage",
		},
		"integration": {
			"ALTER SECURITY INTEGRATION app SET COMMENT = 'x', OAUTH_ACCESS_TOKEN_VALIDITY = 10",
			"ALTER SECURITY INTEGRATION app SET COMMENT = 'x' BLOCKED_ROLES_LIST = (GHOST)",
			"ALTER SECURITY INTEGRATION app UNSET COMMENT, OAUTH_ENFORCE_PKCE",
			"CREATE OR REPLACE SECURITY INTEGRATION app TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'http://plain'",
			"DROP SECURITY INTEGRATION app extra",
		},
		"network policy": {
			"ALTER NETWORK POLICY np SET COMMENT = 'x' ALLOWED_IP_LIST = ('not an ip')",
			"ALTER NETWORK POLICY np RENAME TO empty_np",
			"CREATE OR REPLACE NETWORK POLICY np BLOCKED_IP_LIST = ('1.1.1.1') ALLOWED_IP_LIST = ('x')",
			"DROP NETWORK POLICY empty_np, np",
		},
		"role and grant": {
			"GRANT ROLE ghost TO USER jane",
			"GRANT ROLE accountadmin TO ROLE analyst extra",
			"DROP ROLE analyst cascade",
			"CREATE ROLE analyst",
		},
		"delegated authorization": {
			"ALTER USER jane REMOVE DELEGATED AUTHORIZATIONS FROM SECURITY INTEGRATION app extra",
			"ALTER USER jane ADD DELEGATED AUTHORIZATION OF ROLE sysadmin TO SECURITY INTEGRATION app",
		},
	}
	for family, stmts := range cases {
		t.Run(family, func(t *testing.T) {
			e, s := newTestEngine()
			for _, sql := range atomicSetup {
				mustExec(t, e, s, sql)
			}
			changes := 0
			e.SetOnChange(func() { changes++ })
			for _, sql := range stmts {
				before, _ := e.Snapshot()
				se := mustSQLErr(t, e, s, sql)
				after, _ := e.Snapshot()
				if !bytes.Equal(before, after) {
					t.Errorf("%s failed with %s but changed the catalog", sql, se.Code)
				}
			}
			if changes != 0 {
				t.Errorf("failing statements reported %d changes (each rewrites the -state file)", changes)
			}
			if len(e.DrainRevocations()) != 0 {
				t.Error("a failing statement queued token revocations")
			}
			if !e.CheckPassword("JANE", "old") {
				t.Error("JANE's password changed")
			}
		})
	}
}
