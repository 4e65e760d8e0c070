package engine

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
)

// Client credentials in Snowflake's formats (FIDELITY.md, "Client secrets"): the client id is 20 random bytes and
// each secret 32, both in padded standard base64 (28 and 44 characters).

func randomBase64(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return base64.StdEncoding.EncodeToString(b)
}

// newClientID returns an id no other integration has.
func newClientID(c *catalog) string {
	for {
		id := randomBase64(20)
		if c.integrationByClientID(id) == nil {
			return id
		}
	}
}

func newClientSecret() string { return randomBase64(32) }

func (c *catalog) integrationByClientID(id string) *Integration {
	for _, in := range c.Integrations {
		if in.ClientID == id {
			return in
		}
	}
	return nil
}

// showClientSecrets is SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('<name>'): the argument is the exact stored name
// (no identifier parsing). The result is compact JSON with Snowflake's key order. Partner integrations
// answer too (undocumented). An integration the current role does not own counts as missing.
func showClientSecrets(x *execCtx, name string) (*string, *SQLError) {
	in := x.visibleIntegration(name)
	if in == nil {
		return nil, errInvalidParam(name, "OAuth Client Integration name")
	}
	out := `{"OAUTH_CLIENT_SECRET_2":` + jsonString(in.ClientSecret2) +
		`,"OAUTH_CLIENT_SECRET":` + jsonString(in.ClientSecret) +
		`,"OAUTH_CLIENT_ID":` + jsonString(in.ClientID) + `}`
	return &out, nil
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// SetMaxRefreshTokenValidity sets the account's OAUTH_REFRESH_TOKEN_VALIDITY ceiling, as Snowflake
// Support does on request (default 7776000, at most 157784630). It applies to custom, Tableau Server
// and Looker integrations; n <= 0 restores the default.
func (e *Engine) SetMaxRefreshTokenValidity(n int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case n <= 0:
		n = 0
	case n > supportMaxRefreshValidity:
		n = supportMaxRefreshValidity
	}
	e.maxRefreshValidity = n
}

// IntegrationByClientID finds the integration with this OAUTH_CLIENT_ID and returns a deep copy. Props
// holds every scalar property in DESCRIBE's string form (defaults included; RSA keys as base64 bodies
// under OAUTH_CLIENT_RSA_PUBLIC_KEY[_2], "" when unset); Lists holds the role lists and
// OAUTH_ALTERNATE_REDIRECT_URIS as given, with dropped roles removed from the role lists.
func (e *Engine) IntegrationByClientID(clientID string) (Integration, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	in := e.cat.integrationByClientID(clientID)
	if in == nil || clientID == "" {
		return Integration{}, false
	}
	out := cloneIntegration(in)
	for _, d := range integrationProps {
		if d.roles {
			out.Lists[d.name] = liveRoles(e.cat, out.Lists[d.name])
		}
	}
	return *out, true
}

// EffectiveBlockedRoles returns the integration's BLOCKED_ROLES_LIST as DESCRIBE shows it, including
// ACCOUNTADMIN and SECURITYADMIN while OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is TRUE; nil if no
// integration has that (stored) name.
func (e *Engine) EffectiveBlockedRoles(integration string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	in := e.cat.Integrations[integration]
	if in == nil {
		return nil
	}
	return effectiveBlockedRoles(e.cat, in)
}
