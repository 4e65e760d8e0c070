package oauthserver

import (
	"net/url"
	"strings"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// Scope tokens Snowflake OAuth understands (FIDELITY.md, "OAuth authorization server").
const (
	scopeRefresh     = "refresh_token"
	scopeRole        = "session:role:"
	scopeRoleEncoded = "session:role-encoded:"
	scopeRoleAny     = "session:role-any"
)

// scopeRequest is a parsed authorize scope.
type scopeRequest struct {
	Role    string // requested primary role, verbatim (case-sensitive); "" = the user's default role
	AnyRole bool   // session:role-any
	Refresh bool   // refresh_token
}

// parseScope checks the space-separated scope before login. It returns "" or the 390308 message.
// An empty role (`session:role:` with nothing after it) means "no role requested": gosnowflake sends
// exactly that when its connection has no role.
func parseScope(raw string, in engine.OAuthClient) (scopeRequest, string) {
	var sr scopeRequest
	roleScopes := 0
	for _, tok := range strings.Fields(raw) {
		switch {
		case tok == scopeRefresh:
			sr.Refresh = true
		case tok == scopeRoleAny:
			if !in.IsCustom() || in.AnyRoleMode == engine.AnyRoleDisable {
				return sr, "Invalid scope: session:role-any requires OAUTH_ANY_ROLE_MODE = ENABLE or ENABLE_FOR_PRIVILEGE on the integration."
			}
			sr.AnyRole = true // may come with session:role:<R>, the starting role
		case strings.HasPrefix(tok, scopeRoleEncoded):
			role, err := url.QueryUnescape(strings.TrimPrefix(tok, scopeRoleEncoded))
			if err != nil {
				return sr, "Invalid scope: the role in " + tok + " is not URL-encoded correctly."
			}
			sr.Role = role
			roleScopes++
		case strings.HasPrefix(tok, scopeRole):
			sr.Role = strings.TrimPrefix(tok, scopeRole)
			roleScopes++
		default:
			return sr, "Invalid scope: " + tok + " is not a supported scope."
		}
	}
	if roleScopes > 1 {
		return sr, "Invalid scope: at most one role scope may be requested."
	}
	return sr, ""
}

// grantedScope is the scope the token response reports: refresh_token when a refresh token is issued,
// then the session role (the shape of gosnowflake's mock of a Snowflake response,
// "refresh_token session:role:ANALYST"). A role name that would not survive the space-separated list
// is sent in the role-encoded form.
// A session:role-any grant reports that scope after the role.
func grantedScope(g grant, refresh bool) string {
	s := scopeRole + g.Role
	if strings.ContainsAny(g.Role, " \t%+") {
		s = scopeRoleEncoded + url.PathEscape(g.Role)
	}
	if refresh {
		s = scopeRefresh + " " + s
	}
	if g.AnyRole {
		s += " " + scopeRoleAny
	}
	return s
}
