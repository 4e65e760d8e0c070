package oauthserver

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// msgUserLocked is Snowflake's lockout message (as users report it), shown on the sign-in form.
const msgUserLocked = "Your user account has been temporarily locked due to too many failed attempts. " +
	"Try again after 15 minutes or contact your account administrator for assistance."

// Snowflake's authorize error codes (FIDELITY.md, "OAuth authorization server") and the
// network-policy login code.
const (
	codeBadResponseType   = "390304"
	codeBadStateLength    = "390305"
	codeBadClientID       = "390306"
	codeBadRedirectURI    = "390307"
	codeBadScope          = "390308"
	codeBadCodeChallenge  = "390311"
	codeIPNotAllowed      = "390422"
	maxStateLength        = 2048
	msgClientNotFound     = "OAuth client integration with the given client id is not found."
	msgInvalidConsent     = "Invalid consent request."
	msgBadCredentials     = "Incorrect username or password was specified."
	msgUserDisabled       = "User access disabled. Contact your local system administrator."
	msgSignInAgain        = "Your sign-in has expired. Sign in again."
	msgUserDeniedConsent  = "The user denied the request."
	errorAccessDenied     = "access_denied"
	paramLoginTicket      = "login_ticket"
	paramConsent          = "consent"
	consentYes, consentNo = "yes", "no"
)

// oauthParams are the authorize request's own parameters; the HTML forms carry them as hidden fields.
var oauthParams = []string{"client_id", "response_type", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method"}

// authzError is an authorize failure shown as an HTML page: the client and redirect URI may not be
// trustworthy yet, so nothing is sent to the redirect URI.
type authzError struct {
	status        int
	code, message string
}

// authzRequest is an authorize request whose OAuth parameters all passed the pre-login checks.
type authzRequest struct {
	in          engine.OAuthClient
	params      url.Values // the oauthParams present in the request
	redirectURI string     // as sent, query included
	scope       scopeRequest
	challenge   string
}

// fingerprint binds a consent ticket to this exact request.
func (a *authzRequest) fingerprint() string {
	h := sha256.New()
	for _, p := range oauthParams {
		for _, v := range a.params[p] {
			h.Write([]byte(p + "=" + v + "\x00"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// s256Challenge is BASE64URL(SHA256(verifier)) without padding: always 43 characters.
var s256Challenge = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// parseAuthorize runs the checks Snowflake makes before showing the login page, in this order:
// client_id (390306; a disabled integration counts as unknown), redirect_uri (390307), response_type
// (390304), state length (390305), scope (390308), PKCE (390311).
func (s *Server) parseAuthorize(form url.Values) (*authzRequest, *authzError) {
	bad := func(code, msg string) (*authzRequest, *authzError) {
		return nil, &authzError{status: http.StatusBadRequest, code: code, message: msg}
	}
	in, ok := s.eng.OAuthClientByID(form.Get("client_id"))
	if !ok || !in.Enabled {
		return bad(codeBadClientID, msgClientNotFound)
	}
	a := &authzRequest{in: in, params: url.Values{}, redirectURI: form.Get("redirect_uri")}
	for _, p := range oauthParams {
		if vs, ok := form[p]; ok {
			a.params[p] = vs
		}
	}
	if !redirectMatches(in, a.redirectURI) {
		return bad(codeBadRedirectURI, "The redirect_uri does not match a redirect URI registered for the OAuth client integration.")
	}
	if rt := form.Get("response_type"); rt != "code" {
		return bad(codeBadResponseType, "Invalid response_type '"+rt+"': only 'code' is supported.")
	}
	if len(form.Get("state")) > maxStateLength {
		return bad(codeBadStateLength, "The state parameter is longer than 2048 characters.")
	}
	sr, why := parseScope(form.Get("scope"), in)
	if why != "" {
		return bad(codeBadScope, why)
	}
	a.scope = sr
	challenge, method := form.Get("code_challenge"), form.Get("code_challenge_method")
	switch {
	case challenge == "" && method == "":
		if in.EnforcePKCE {
			return bad(codeBadCodeChallenge, "The OAuth client integration requires PKCE: code_challenge and code_challenge_method are missing.")
		}
	case challenge == "" || method == "":
		return bad(codeBadCodeChallenge, "Both code_challenge and code_challenge_method must be given.")
	case method != "S256":
		return bad(codeBadCodeChallenge, "Unsupported code_challenge_method '"+method+"': only S256 is supported.")
	case !s256Challenge.MatchString(challenge):
		return bad(codeBadCodeChallenge, "Invalid code_challenge: expected the unpadded base64url SHA-256 of the code verifier.")
	default:
		a.challenge = challenge
	}
	return a, nil
}

// redirectMatches compares redirect_uri, without its query string, with OAUTH_REDIRECT_URI and the
// alternates, character for character. A fragment is never allowed. Tableau integrations register no
// redirect URI (Snowflake knows Tableau's): for them any absolute http(s) URI is accepted.
func redirectMatches(in engine.OAuthClient, raw string) bool {
	if raw == "" || strings.Contains(raw, "#") {
		return false
	}
	base, _, _ := strings.Cut(raw, "?")
	u, err := url.Parse(base)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return false
	}
	if in.Kind == engine.ClientLocalApplication {
		return loopbackRedirect(u)
	}
	registered := append([]string{in.RedirectURI}, in.AlternateRedirectURIs...)
	anyRegistered := false
	for _, r := range registered {
		if r == "" {
			continue
		}
		anyRegistered = true
		if r == base {
			return true
		}
	}
	return !anyRegistered && (u.Scheme == "https" || u.Scheme == "http")
}

// loopbackRedirect is the local application's rule (https://docs.snowflake.com/en/user-guide/oauth-local-applications):
// http://127.0.0.1 with any port and an optional path. A bare trailing slash ("http://127.0.0.1:8080/")
// is refused: it broke the flow against Snowflake until every official driver stopped sending it in 2025
// (gosnowflake #1488, snowflake-connector-python #2341, snowflake-connector-nodejs #1138) [assumed: the
// exact rule is not documented].
func loopbackRedirect(u *url.URL) bool {
	return u.Scheme == "http" && u.Hostname() == "127.0.0.1" && u.User == nil && u.Path != "/"
}

// needsConsent: a custom client skips the consent screen for a role in PRE_AUTHORIZED_ROLES_LIST or one
// the user delegated to the integration; partner applications (Tableau, Looker) always ask.
func (s *Server) needsConsent(in engine.OAuthClient, user, role string) bool {
	if !in.IsCustom() {
		return true
	}
	if slices.Contains(in.PreAuthorizedRoles, role) {
		return false
	}
	return !s.eng.HasDelegatedAuthorization(user, role, in.Name)
}

// handleAuthorize serves GET (the login form) and POST (login and consent) of /oauth/authorize.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderError(w, &authzError{status: http.StatusBadRequest, message: "Malformed authorization request."})
		return
	}
	a, aerr := s.parseAuthorize(r.Form)
	if aerr != nil {
		renderError(w, aerr)
		return
	}
	if r.Method != http.MethodPost {
		s.renderLogin(w, a, "")
		return
	}
	now := s.now()
	user, tk, ok := s.signIn(w, r, a, now)
	if !ok {
		return
	}
	// The browser login falls under the user's network policy, else the account's.
	if ip := clientIP(r); !s.policyAllows(ip, user.NetworkPolicy, s.eng.AccountNetworkPolicy()) {
		renderError(w, &authzError{status: http.StatusForbidden, code: codeIPNotAllowed,
			message: "Incoming request with IP/Token " + ip + " is not allowed to access Snowflake."})
		return
	}
	g, aerr := s.grantFor(a, user)
	if aerr != nil {
		renderError(w, aerr)
		return
	}
	if g.Roles != nil {
		if g, ok = s.selectRoles(w, r, a, g, tk, now); !ok {
			return
		}
	} else if s.needsConsent(a.in, user.Name, g.Role) {
		switch r.PostForm.Get(paramConsent) {
		case consentYes:
		case consentNo:
			redirectTo(w, r, a, url.Values{"error": {errorAccessDenied}, "error_description": {msgUserDeniedConsent}})
			return
		default:
			s.askConsent(w, a, g, now, "")
			return
		}
	}
	code := s.store.putCode(&authCode{grant: g, RedirectURI: a.redirectURI, Challenge: a.challenge,
		Expires: now.Add(codeValidity)}, now)
	out := url.Values{"code": {code}}
	if sc := a.params.Get("scope"); sc != "" {
		out.Set("scope", sc)
	}
	redirectTo(w, r, a, out)
}

// signIn identifies the user of a POST: the ticket of the consent form (returned too), or a login name
// and password. On failure it has already shown the sign-in form again.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, a *authzRequest, now time.Time) (engine.LoginUser, *ticket, bool) {
	var userName string
	var tk *ticket
	if id := r.PostForm.Get(paramLoginTicket); id != "" {
		t, ok := s.store.takeTicket(id, now)
		if !ok || t.Fingerprint != a.fingerprint() {
			s.renderLogin(w, a, msgSignInAgain)
			return engine.LoginUser{}, nil, false
		}
		userName, tk = t.User, &t
	} else {
		// The same lockout as the password login of the wire protocol (engine/lockout.go).
		u, outcome := s.eng.PasswordLogin(r.PostForm.Get("user"), r.PostForm.Get("password"))
		switch outcome {
		case engine.PasswordLocked:
			s.renderLogin(w, a, msgUserLocked)
			return engine.LoginUser{}, nil, false
		case engine.PasswordWrong:
			s.renderLogin(w, a, msgBadCredentials)
			return engine.LoginUser{}, nil, false
		}
		userName = u.Name
	}
	user, ok := s.eng.UserByName(userName)
	if !ok || user.Disabled {
		s.renderLogin(w, a, msgUserDisabled)
		return engine.LoginUser{}, nil, false
	}
	return user, tk, true
}

// grantFor decides, after sign-in, what the user may be granted: the scope's role or else the user's
// default role, which must be usable through the integration (checked only now, as Snowflake does);
// session:role-any as OAUTH_ANY_ROLE_MODE allows; and, with role selection and no role in the scope,
// the roles a consent page may offer (in Roles).
func (s *Server) grantFor(a *authzRequest, user engine.LoginUser) (grant, *authzError) {
	bad := func(why string) (grant, *authzError) {
		return grant{}, &authzError{status: http.StatusBadRequest, code: codeBadScope, message: strings.TrimSpace(msgInvalidConsent + " " + why)}
	}
	g := grant{User: user.Name, Role: a.scope.Role, Integration: a.in.Name, ClientID: a.in.ClientID,
		Refresh: a.scope.Refresh, AnyRole: a.scope.AnyRole || a.in.Kind == engine.ClientLocalApplication}
	if a.scope.AnyRole && a.in.AnyRoleMode == engine.AnyRoleEnableForPrivilege {
		// The USE_ANY_ROLE privilege on an integration is not emulated, so no user holds it.
		return bad(fmt.Sprintf("User '%s' has no role with the USE_ANY_ROLE privilege on integration '%s'.", user.Name, a.in.Name))
	}
	if a.in.RoleSelection && a.in.IsCustom() && g.Role == "" && !g.AnyRole {
		for _, role := range s.eng.UserRoles(user.Name) {
			if s.roleProblem(a.in, user.Name, role) == "" {
				g.Roles = append(g.Roles, role)
			}
		}
		if len(g.Roles) == 0 {
			return bad("No role of user '" + user.Name + "' may be used through integration '" + a.in.Name + "'.")
		}
		return g, nil
	}
	if g.Role == "" {
		var err error
		if g.Role, err = s.eng.ResolveLoginRole(user.Name, ""); err != nil {
			return bad("")
		}
	}
	if why := s.roleProblem(a.in, user.Name, g.Role); why != "" {
		return bad(why)
	}
	return g, nil
}

// askConsent stores a ticket for the signed-in user and shows the consent page.
func (s *Server) askConsent(w http.ResponseWriter, a *authzRequest, g grant, now time.Time, errMsg string) {
	id := s.store.putTicket(&ticket{grant: g, Fingerprint: a.fingerprint(), Expires: now.Add(ticketValidity)}, now)
	s.renderConsent(w, a, id, g, errMsg)
}

// selectRoles runs role selection at consent: the page offers g.Roles; the user ticks one, several or
// all and allows. The granted session starts in the user's default role when it was ticked, else in
// the first ticked role (in the page's order) [assumed: the docs do not say which role is primary].
// Role selection always asks: there is no choice to pre-authorize [assumed].
func (s *Server) selectRoles(w http.ResponseWriter, r *http.Request, a *authzRequest, g grant, tk *ticket, now time.Time) (grant, bool) {
	switch {
	case r.PostForm.Get(paramConsent) == consentNo:
		redirectTo(w, r, a, url.Values{"error": {errorAccessDenied}, "error_description": {msgUserDeniedConsent}})
		return g, false
	case r.PostForm.Get(paramConsent) != consentYes || tk == nil:
		s.askConsent(w, a, g, now, "")
		return g, false
	}
	var chosen []string
	for _, role := range tk.Roles {
		if slices.Contains(r.PostForm["role"], role) {
			chosen = append(chosen, role)
		}
	}
	if len(chosen) == 0 || len(chosen) != len(r.PostForm["role"]) {
		s.askConsent(w, a, g, now, "Select at least one of the roles offered.")
		return g, false
	}
	g.Roles, g.Role = chosen, chosen[0]
	if u, ok := s.eng.UserByName(g.User); ok && slices.Contains(chosen, u.DefaultRole) {
		g.Role = u.DefaultRole
	}
	return g, true
}

// redirectTo sends the browser to redirect_uri with extra parameters appended to the query it already
// has, plus state unchanged when the request had one.
func redirectTo(w http.ResponseWriter, r *http.Request, a *authzRequest, extra url.Values) {
	if _, ok := a.params["state"]; ok {
		extra.Set("state", a.params.Get("state"))
	}
	target := a.redirectURI
	sep := "?"
	switch {
	case strings.HasSuffix(target, "?"):
		sep = ""
	case strings.Contains(target, "?"):
		sep = "&"
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target+sep+extra.Encode(), http.StatusFound)
}
