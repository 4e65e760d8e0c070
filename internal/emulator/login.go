package emulator

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// loginRequest is the body of POST /session/v1/login-request.
type loginRequest struct {
	Data struct {
		AccountName       string         `json:"ACCOUNT_NAME"`
		LoginName         string         `json:"LOGIN_NAME"`
		Password          string         `json:"PASSWORD"`
		Authenticator     string         `json:"AUTHENTICATOR"`
		Token             string         `json:"TOKEN"`
		SessionParameters map[string]any `json:"SESSION_PARAMETERS"`
	} `json:"data"`
}

// loginError is a failed login: HTTP 200, success false, a numeric code (the driver reports it as
// *SnowflakeError with SQLSTATE 08004).
type loginError struct {
	code, message string
	data          any
}

func (e *loginError) Error() string { return e.code + ": " + e.message }

// Login failure codes. 390100, 390144, 390303 and 394400 are the codes Snowflake returns (driver
// fixtures); 390101 for a disabled user and 390317 for an OAuth role mismatch are assumed.
var (
	errBadCredentials = &loginError{code: "390100", message: "Incorrect username or password was specified."}
	errUserDisabled   = &loginError{code: "390101", message: "User access disabled. Contact your local system administrator."}
	errBadAccount     = &loginError{code: "390144", message: "Invalid account name or host."}
	errJWTInvalid     = &loginError{code: "390144", message: "JWT token is invalid."}
	errPATInvalid     = &loginError{code: "394400", message: "Programmatic access token is invalid.",
		data: map[string]any{"nextAction": "RETRY_LOGIN", "authnMethod": "PROGRAMMATIC_ACCESS_TOKEN"}}
	// errUserLocked: Snowflake's current lockout message (as users report it); the numeric code is not
	// published anywhere we could find, so 390102 is an assumption (see README, fidelity table).
	errUserLocked = &loginError{code: "390102", message: "Your user account has been temporarily locked due to too many failed attempts. " +
		"Try again after 15 minutes or contact your account administrator for assistance. " +
		"For more information about this error, go to https://community.snowflake.com/s/error-your-user-login-has-been-locked.",
		data: map[string]any{"nextAction": "RETRY_LOGIN", "authnMethod": "PASSWORD"}}
	errOAuthRole = &loginError{code: "390317", message: "The role requested in the connection, or the default role if none was requested, " +
		"is not listed in the Access Token or was filtered. Please specify another role, or contact your OAuth Authorization server."}
)

// OAuthValidator checks an OAuth access token presented at login (AUTHENTICATOR=OAUTH). loginName is
// the LOGIN_NAME the client sent, possibly empty. On success it returns the user's name as stored and
// the session role the token grants ("" = the user's default role); on failure a Snowflake login code
// and message (e.g. "390303", "Invalid OAuth access token. ").
type OAuthValidator func(token, loginName string) (user, role, code, msg string)

// SetOAuthValidator installs the OAuth access-token check used at login; nil restores the default,
// the emulator's own OAuth server (which rejects unknown tokens with 390303). New always creates that
// server, so there is no third fallback.
func (s *Server) SetOAuthValidator(v OAuthValidator) {
	s.oauthMu.Lock()
	defer s.oauthMu.Unlock()
	s.oauthCheck = v
}

func (s *Server) oauthValidator() OAuthValidator {
	s.oauthMu.RLock()
	defer s.oauthMu.RUnlock()
	if s.oauthCheck == nil {
		return s.oauth.ValidateAccessToken
	}
	return s.oauthCheck
}

// handleLogin authenticates and opens a session.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	s.delayLogin(r.Context()) // SetLoginLatency
	var req loginRequest
	if err := s.readBody(r, &req); err != nil {
		badBody(w, "login-request", err)
		return
	}
	sess, err := s.login(r, &req)
	if err != nil {
		var le *loginError
		if !errors.As(err, &le) {
			le = &loginError{code: "390100", message: err.Error()}
		}
		writeJSON(w, errEnvelope(le.code, le.message, le.data))
		return
	}
	ttl, masterTTL := s.sessions.validity()
	q := r.URL.Query()
	writeJSON(w, okEnvelope(map[string]any{
		"token":                   s.sessions.tokenOf(sess),
		"validityInSeconds":       int64(ttl / time.Second),
		"masterToken":             sess.master,
		"masterValidityInSeconds": int64(masterTTL / time.Second),
		"sessionId":               sess.id,
		"displayUserName":         sess.eng.User,
		"serverVersion":           "9.0.0-emulator",
		"parameters":              sessionParameters(sess.params),
		"sessionInfo": map[string]any{
			"databaseName":  nullIfEmpty(q.Get("databaseName")),
			"schemaName":    nullIfEmpty(q.Get("schemaName")),
			"warehouseName": nullIfEmpty(q.Get("warehouse")),
			"roleName":      sess.eng.Role,
		},
	}))
}

func nullIfEmpty(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// login checks the credentials of any supported authenticator and creates the session.
func (s *Server) login(r *http.Request, req *loginRequest) (*session, error) {
	d := &req.Data
	if acct, _, _ := strings.Cut(d.AccountName, "."); !strings.EqualFold(acct, s.opts.Account) {
		return nil, errBadAccount
	}
	requestedRole := r.URL.Query().Get("roleName")
	var (
		user engine.LoginUser
		role string
		err  error
		// oauthScope is what an OAuth access token allows beyond its role (nil for other logins).
		oauthScope *engine.OAuthSession
	)
	switch strings.ToUpper(strings.TrimSpace(d.Authenticator)) {
	case "", "SNOWFLAKE":
		user, role, err = s.passwordLogin(d.LoginName, d.Password, requestedRole)
	case "SNOWFLAKE_JWT":
		user, err = s.jwtLogin(d.Token)
	case "OAUTH":
		user, role, err = s.oauthLogin(d.Token, d.LoginName, requestedRole)
		oauthScope = s.oauth.SessionScope(d.Token)
	case "PROGRAMMATIC_ACCESS_TOKEN":
		user, role, err = s.patLogin(d.Token, d.LoginName, requestedRole)
	default:
		err = &loginError{code: "390100", message: fmt.Sprintf("Authenticator %s is not supported by the emulator.", d.Authenticator)}
	}
	if err != nil {
		return nil, err
	}
	if user.Disabled {
		return nil, errUserDisabled
	}
	if role == "" {
		if role, err = s.resolveRole(user.Name, requestedRole); err != nil {
			return nil, err
		}
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	eng := &engine.Session{User: user.Name, Role: role, ClientIP: host, OAuth: oauthScope}
	return s.sessions.create(eng, clientParamsFrom(d.SessionParameters), s.now()), nil
}

// resolveRole applies the roleName login parameter (or the user's default role).
func (s *Server) resolveRole(user, requested string) (string, error) {
	role, err := s.engine.ResolveLoginRole(user, requested)
	if err == nil {
		return role, nil
	}
	var se *engine.SQLError
	if errors.As(err, &se) && strings.HasPrefix(se.Code, "39") {
		return "", &loginError{code: se.Code, message: se.Message}
	}
	return "", &loginError{code: "390189", message: fmt.Sprintf("Role '%s' specified in the connect string does not exist or not authorized. "+
		"Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.", requested)}
}

// passwordLogin checks a password under the lockout rules (engine.PasswordLogin). A programmatic
// access token is accepted in place of the password, as Snowflake does with the default
// authenticator (the official provider's live tests log in that way); it does not count as a failure.
func (s *Server) passwordLogin(loginName, password, requestedRole string) (engine.LoginUser, string, error) {
	if _, ok := s.pats.lookup(password); ok {
		if u, role, err := s.patLogin(password, loginName, requestedRole); err == nil {
			return u, role, nil
		}
	}
	u, outcome := s.engine.PasswordLogin(loginName, password)
	switch outcome {
	case engine.PasswordLocked:
		return engine.LoginUser{}, "", errUserLocked
	case engine.PasswordWrong:
		return engine.LoginUser{}, "", errBadCredentials
	}
	return u, "", nil
}

// oauthLogin validates an access token through the OAuth hook. The token fixes the role; a
// different role in the connection is refused, as Snowflake does.
func (s *Server) oauthLogin(token, loginName, requestedRole string) (engine.LoginUser, string, error) {
	name, tokenRole, code, msg := s.oauthValidator()(token, loginName)
	if code == "" && name == "" {
		code, msg = "390303", "Invalid OAuth access token. "
	}
	if code != "" {
		return engine.LoginUser{}, "", &loginError{code: code, message: msg,
			data: map[string]any{"nextAction": "RETRY_LOGIN", "authnMethod": "OAUTH"}}
	}
	user := engine.LoginUser{Name: name}
	if u, ok := s.engine.LookupUser(name); ok && u.Name == name {
		user = u // the stored user, so a disabled user is refused
	}
	if tokenRole == "" {
		return user, "", nil // the default role, or the requested one
	}
	role, err := s.resolveRole(name, quoteIdent(tokenRole))
	if err != nil {
		return user, "", err
	}
	if requestedRole != "" {
		if want, err := s.resolveRole(name, requestedRole); err != nil || want != role {
			return user, "", errOAuthRole
		}
	}
	return user, role, nil
}

// patLogin checks a programmatic access token. A token with a role restriction opens sessions in that
// role only.
func (s *Server) patLogin(token, loginName, requestedRole string) (engine.LoginUser, string, error) {
	pat, ok := s.pats.lookup(token)
	if !ok {
		return engine.LoginUser{}, "", errPATInvalid
	}
	u, ok := s.engine.LookupUser(pat.User)
	if !ok {
		return engine.LoginUser{}, "", errPATInvalid
	}
	if loginName != "" {
		if other, ok := s.engine.LookupUser(loginName); !ok || other.Name != u.Name {
			return engine.LoginUser{}, "", errPATInvalid
		}
	}
	if pat.Role == "" {
		return u, "", nil
	}
	role, err := s.resolveRole(u.Name, pat.Role)
	if err != nil {
		return u, "", err
	}
	if requestedRole != "" {
		if want, err := s.resolveRole(u.Name, requestedRole); err != nil || want != role {
			return u, "", &loginError{code: "390189", message: fmt.Sprintf("Role '%s' specified in the connect string is not granted to this user. "+
				"The programmatic access token is restricted to role %s.", requestedRole, pat.Role)}
		}
	}
	return u, role, nil
}
