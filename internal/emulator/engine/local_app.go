package engine

import "time"

// SNOWFLAKE$LOCAL_APPLICATION: the Snowflake OAuth integration every account has for local tools
// (drivers, the Snowflake CLI) that sign users in through a browser
// (https://docs.snowflake.com/en/user-guide/oauth-local-applications, BCR-2056). It is system-owned:
// nobody creates or drops it; SECURITYADMIN and the roles above it (which see every integration) may
// ALTER its documented settings: ENABLED, OAUTH_ISSUE_REFRESH_TOKENS, OAUTH_ACCESS_TOKEN_VALIDITY,
// OAUTH_REFRESH_TOKEN_VALIDITY, OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED, and NETWORK_POLICY (the
// network-policy docs name an integration-level policy for it). Its client id and secret are both the
// literal LOCAL_APPLICATION.

// Its name and client id are localAppName and localAppClientID
// (oauth_accessors.go).

// newLocalApplication is the integration as a new account has it: Snowflake's defaults for every
// setting (access tokens 600 s, refresh tokens 7776000 s, issued, not single-use, enabled).
func newLocalApplication(now time.Time) *Integration {
	in := &Integration{
		Name: localAppName, Client: clientLocal, CreatedOn: now, Owner: roleSecurityAdmin,
		Props: map[string]string{}, Lists: map[string][]string{},
		ClientID: localAppClientID, ClientSecret: localAppClientID,
	}
	for _, d := range integrationProps {
		if d.stored(clientLocal) {
			in.Props[d.name] = d.def(clientLocal)
		}
	}
	return in
}

// ensureLocalApplication adds the integration to a catalog that lacks it (a snapshot from an older
// emulator).
func (c *catalog) ensureLocalApplication(now time.Time) {
	if _, ok := c.Integrations[localAppName]; !ok {
		c.Integrations[localAppName] = newLocalApplication(now)
	}
}

// RemoveLocalApplication makes the account one that Snowflake's gradual rollout of the built-in
// integration (BCR-2056) has not reached yet: SNOWFLAKE$LOCAL_APPLICATION is gone, for good (a
// restored snapshot does not bring it back). No statement can do this, as on Snowflake; tests use it
// to check what a client tells users of such an account.
func (e *Engine) RemoveLocalApplication() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.noLocalApp = true
	delete(e.cat.Integrations, localAppName)
	dropDelegations(e.cat, localAppName)
}

// errSystemIntegration refuses CREATE OR REPLACE and DROP of the built-in integration. Snowflake's
// error was not found; an access-control error is what a system-owned object gives other roles.
func errSystemIntegration() *SQLError {
	return errPrivileges("integration", localAppName)
}

// localAppDisabled reports the account's opt-out, DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION.
func (c *catalog) localAppDisabled() bool { return c.AccountParams[paramDisableLocalApp] == "true" }

// applyLocalAppOptOut turns the integration off while the account opts out (bcr-2056 docs: it still
// exists, with ENABLED FALSE). Turning the opt-out off again leaves ENABLED as it is: a security
// administrator enables it.
func (c *catalog) applyLocalAppOptOut() {
	if in, ok := c.Integrations[localAppName]; ok && c.localAppDisabled() {
		in.Props["ENABLED"] = "false"
	}
}

// errLocalAppOptedOut refuses ENABLED = TRUE under the opt-out (its text was not found).
func errLocalAppOptedOut() *SQLError {
	return &SQLError{"001422", "22023", "SQL compilation error: invalid value 'true' for property 'ENABLED': the account parameter DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION is TRUE"}
}
