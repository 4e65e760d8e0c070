package oauthserver

import (
	"fmt"
	"strings"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// Login failure codes for AUTHENTICATOR=OAUTH (FIDELITY.md, "OAuth authorization server"; texts from driver tests).
const (
	codeTokenInvalid = "390303"
	codeUserMismatch = "390309"
	codeTokenExpired = "390318"
	msgTokenInvalid  = "Invalid OAuth access token. "
	msgUserMismatch  = "The user you were trying to authenticate as differs from the user tied to the access token."
	msgTokenExpired  = "OAuth access token expired. [%s]"
)

// ValidateAccessToken checks an access token presented at login; it has the emulator's OAuthValidator
// signature. loginName is the LOGIN_NAME the driver sent ("" = none). On success it returns the token's
// user and role (stored names) and empty code and message. Failures:
//   - unknown, revoked or refresh token; integration dropped, re-created or disabled; user dropped or
//     disabled; role now blocked, no longer allowed or no longer granted: 390303 "Invalid OAuth access token. "
//   - past its expiry: 390318 "OAuth access token expired. [<hint>]" (the bracketed number is the
//     token's hint)
//   - loginName is neither the token user's login name nor its name (case-insensitive): 390309.
func (s *Server) ValidateAccessToken(tok, loginName string) (user, role, code, message string) {
	t, _, code, message := s.checkAccessToken(tok, loginName)
	if code != "" {
		return "", "", code, message
	}
	return t.User, t.Role, "", ""
}

// ValidateAccessTokenFrom is ValidateAccessToken plus the network policy of resource access for the
// client address ip: the user's policy, else the integration's, else the account's; a refused address
// fails with 390422.
func (s *Server) ValidateAccessTokenFrom(tok, loginName, ip string) (user, role, code, message string) {
	t, u, code, message := s.checkAccessToken(tok, loginName)
	if code != "" {
		return "", "", code, message
	}
	in, _ := s.liveIntegration(t.grant)
	if !s.policyAllows(ip, u.NetworkPolicy, in.NetworkPolicy, s.eng.AccountNetworkPolicy()) {
		return "", "", codeIPNotAllowed, "Incoming request with IP/Token " + ip + " is not allowed to access Snowflake."
	}
	return t.User, t.Role, "", ""
}

// SessionScope tells the wire layer what a session opened with this (already validated) access token
// may do beyond its starting role: the roles of a role-selection grant that are still usable, the
// session:role-any grant, and whether the integration marks its sessions as agent sessions
// (IS_AGENTIC, read now). nil for an unknown token.
func (s *Server) SessionScope(tok string) *engine.OAuthSession {
	t, ok := s.store.lookup(tok)
	if !ok || t.Kind != kindAccess {
		return nil
	}
	in, ok := s.liveIntegration(t.grant)
	if !ok {
		return nil
	}
	out := &engine.OAuthSession{Integration: in.Name, Roles: []string{t.Role}, AnyRole: t.AnyRole, Agentic: in.Agentic}
	for _, r := range t.Roles {
		if r != t.Role && s.roleProblem(in, t.User, r) == "" {
			out.Roles = append(out.Roles, r)
		}
	}
	return out
}

func (s *Server) checkAccessToken(tok, loginName string) (token, engine.LoginUser, string, string) {
	t, ok := s.store.lookup(tok)
	if !ok || t.Kind != kindAccess {
		return t, engine.LoginUser{}, codeTokenInvalid, msgTokenInvalid
	}
	if !s.now().Before(t.Expires) {
		return t, engine.LoginUser{}, codeTokenExpired, fmt.Sprintf(msgTokenExpired, tokenHint(tok))
	}
	_, u, why := s.liveGrant(t.grant)
	if why != "" {
		return t, u, codeTokenInvalid, msgTokenInvalid
	}
	if loginName != "" && !strings.EqualFold(loginName, u.LoginName) && !strings.EqualFold(loginName, u.Name) {
		return t, u, codeUserMismatch, msgUserMismatch
	}
	return t, u, "", ""
}

// tokenHint extracts <digits> from "ver:N-hint:<digits>-...".
func tokenHint(tok string) string {
	_, rest, ok := strings.Cut(tok, "-hint:")
	if !ok {
		return ""
	}
	hint, _, _ := strings.Cut(rest, "-")
	return hint
}

// Revoke kills every code, consent ticket, access token and refresh token matching one of the
// revocations (empty fields match anything). The wire layer passes engine.DrainRevocations() after each
// statement, so ALTER USER ... REMOVE DELEGATED AUTHORIZATION(S), DROP USER and DROP ROLE take effect.
func (s *Server) Revoke(revs []engine.Revocation) {
	for _, r := range revs {
		s.store.revoke(r)
	}
}
