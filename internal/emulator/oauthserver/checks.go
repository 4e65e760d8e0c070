package oauthserver

import (
	"fmt"
	"net"
	"net/http"
	"slices"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// Checks shared by both endpoints and the login check: they read the catalog afresh every time, so
// every grant follows the current state of integrations, users, roles and policies.

// roleProblem returns "" when the user may use role through the integration, else why not: the role is
// blocked (BLOCKED_ROLES_LIST plus the privileged roles while OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST
// is TRUE), missing from a non-empty ALLOWED_ROLES_LIST, or not granted to the user.
func (s *Server) roleProblem(in engine.OAuthClient, user, role string) string {
	if s.eng.OAuthRoleBlocked(in.Name, role) {
		return fmt.Sprintf("Role '%s' is blocked for integration '%s'.", role, in.Name)
	}
	if len(in.AllowedRoles) > 0 && !slices.Contains(in.AllowedRoles, role) {
		return fmt.Sprintf("Role '%s' is not in the ALLOWED_ROLES_LIST of integration '%s'.", role, in.Name)
	}
	if !s.eng.UserHasRole(user, role) {
		return fmt.Sprintf("Role '%s' is not granted to user '%s'.", role, user)
	}
	return ""
}

// liveIntegration returns the integration a grant was made through, if it still exists under the same
// name with the same client id (OR REPLACE issues a new id) and is enabled.
func (s *Server) liveIntegration(g grant) (engine.OAuthClient, bool) {
	return s.eng.OAuthClientLive(g.Integration, g.ClientID)
}

// liveGrant re-checks a grant: its integration is live, the user exists and is enabled, and the role is
// still usable. It returns the integration and the user, or "" and a reason.
func (s *Server) liveGrant(g grant) (engine.OAuthClient, engine.LoginUser, string) {
	in, ok := s.liveIntegration(g)
	if !ok {
		return in, engine.LoginUser{}, "integration dropped, re-created or disabled"
	}
	u, ok := s.eng.UserByName(g.User)
	if !ok || u.Disabled {
		return in, u, "user dropped or disabled"
	}
	if why := s.roleProblem(in, g.User, g.Role); why != "" {
		return in, u, why
	}
	return in, u, ""
}

// clientIP is the request's peer address without the port. Forwarding headers are ignored: the
// emulator serves its clients directly.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// policyAllows applies the first network policy named in order of precedence (most specific first; ""
// = not set) to ip. Without any policy every address is allowed.
func (s *Server) policyAllows(ip string, names ...string) bool {
	for _, n := range names {
		if n == "" {
			continue
		}
		if p, ok := s.eng.NetworkPolicy(n); ok {
			return p.AllowsIP(ip)
		}
	}
	return true
}
