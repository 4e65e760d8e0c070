package engine

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Options configure a new Engine.
type Options struct {
	Account       string
	AdminUser     string
	AdminPassword string
	// Now is the clock (injectable so tests can move time); nil means time.Now.
	Now func() time.Time
	// BaseURL is the account URL shown in integration endpoints, e.g. "http://127.0.0.1:8085".
	BaseURL string
}

// Engine executes SQL against one account's catalog. It is safe for concurrent use: statements run
// one at a time under a mutex, which is plenty for an emulator and keeps Snowflake's per-statement
// atomicity trivially true.
type Engine struct {
	mu       sync.Mutex
	opts     Options
	cat      *catalog
	onChange func()
	// maxRefreshValidity is the account's OAUTH_REFRESH_TOKEN_VALIDITY ceiling (0 = Snowflake's 7776000).
	maxRefreshValidity int64
	// revocations are queued by statements that revoke consent (see DrainRevocations).
	revocations []Revocation
	// locks is the login lockout state per user name (lockout.go); not persisted.
	locks map[string]*loginLock
	// unknownProps are integration properties this account behaves as if it had never heard of.
	unknownProps map[string]bool
	// noLocalApp makes the account one the BCR-2056 rollout has not reached (RemoveLocalApplication).
	noLocalApp bool
}

// SetUnknownIntegrationProperties makes the account behave like one that predates the named
// security-integration properties (e.g. OAUTH_ACCESS_TOKEN_VALIDITY): CREATE and ALTER naming them
// fail with a syntax error at the name, and DESCRIBE shows no row for them. Tests use it to prove the
// provider sends only what it must and invents no drift from a missing row (FIDELITY.md).
func (e *Engine) SetUnknownIntegrationProperties(names ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.unknownProps = map[string]bool{}
	for _, n := range names {
		e.unknownProps[strings.ToUpper(n)] = true
	}
}

// New creates an engine with a bootstrapped account: the system roles with Snowflake's hierarchy and
// the admin user, whose default role is ACCOUNTADMIN.
func New(opts Options) *Engine {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Account == "" {
		opts.Account = "EMULATOR"
	}
	if opts.AdminUser == "" {
		opts.AdminUser = "ADMIN"
	}
	opts.Account = strings.ToUpper(opts.Account)
	opts.AdminUser = strings.ToUpper(opts.AdminUser)
	return &Engine{opts: opts, cat: newCatalog(opts.Now(), opts.AdminUser, opts.AdminPassword)}
}

// SetOnChange registers fn, called (outside the lock) after every successful state-changing statement.
func (e *Engine) SetOnChange(fn func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.onChange = fn
}

// Snapshot returns the whole catalog as JSON.
func (e *Engine) Snapshot() ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return json.MarshalIndent(e.cat, "", "  ")
}

// Restore replaces the catalog with a snapshot.
func (e *Engine) Restore(data []byte) error {
	c := &catalog{}
	if err := json.Unmarshal(data, c); err != nil {
		return fmt.Errorf("restore emulator state: %w", err)
	}
	if c.Integrations == nil || c.Users == nil || c.Roles == nil {
		return fmt.Errorf("restore emulator state: not an emulator snapshot")
	}
	if c.NetworkPolicies == nil {
		c.NetworkPolicies = map[string]*NetworkPolicy{}
	}
	if c.AccountParams == nil {
		c.AccountParams = map[string]string{}
	}
	// Snapshots from before databases and network rules were emulated have neither.
	if c.Databases == nil {
		c.Databases = map[string]*Database{}
	}
	if c.NetworkRules == nil {
		c.NetworkRules = map[string]*NetworkRule{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.noLocalApp {
		delete(c.Integrations, localAppName)
	} else {
		c.ensureLocalApplication(e.opts.Now())
	}
	e.cat = c
	return nil
}

// CheckPassword reports whether password is the user's password (users without one cannot log in
// with a password).
func (e *Engine) CheckPassword(user, password string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	u, ok := e.cat.Users[user]
	return ok && u.Password != "" && u.Password == password
}

// UserHasRole reports whether the user holds role, directly or through the hierarchy.
func (e *Engine) UserHasRole(user, role string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cat.userHasRole(user, role)
}

// ResolveLoginRole picks the session role at login: the requested role (resolved as an identifier) or
// the user's default role, falling back to PUBLIC. The user must hold it.
func (e *Engine) ResolveLoginRole(user, requestedRole string) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	role := requestedRole
	if role != "" {
		if r, ok := identifierFromString(role); ok {
			role = r
		}
	} else if u, ok := e.cat.Users[user]; ok && u.DefaultRole != "" && e.cat.userHasRole(user, u.DefaultRole) {
		role = u.DefaultRole
	} else {
		role = rolePublic
	}
	if _, ok := e.cat.Roles[role]; !ok || !e.cat.userHasRole(user, role) {
		return "", &SQLError{"390189", "08004", fmt.Sprintf("Role '%s' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.", role)}
	}
	return role, nil
}

// execCtx carries one statement's execution state. Statement functions mutate x.cat (a private copy
// of the catalog) and set changed; revocations collects the token revocations the statement implies.
type execCtx struct {
	e   *Engine
	p   *parser
	s   *Session
	cat *catalog
	now time.Time
	// orReplace is CREATE's OR REPLACE, read by dispatch before the object keyword.
	orReplace   bool
	changed     bool
	revocations []Revocation
}

// Exec runs one SQL statement for a session. SQL errors are returned as *SQLError.
func (e *Engine) Exec(s *Session, sqlText string, binds []Binding) (*Result, error) {
	res, changed, serr := e.exec(s, sqlText, binds)
	if serr != nil {
		return nil, serr
	}
	if changed {
		e.mu.Lock()
		fn := e.onChange
		e.mu.Unlock()
		if fn != nil {
			fn()
		}
	}
	return res, nil
}

func (e *Engine) exec(s *Session, sqlText string, binds []Binding) (*Result, bool, *SQLError) {
	p, err := newParser(sqlText, binds)
	if err != nil {
		return nil, false, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if s.Role == "" {
		s.Role = rolePublic
	}
	// Every statement, of every family, follows one pattern: it is parsed to its end and checked, then
	// applied to a copy of the catalog; the copy replaces the catalog only when the statement succeeded.
	// So a statement that fails at any point (a syntax error after valid assignments, a missing role,
	// an invalid value) changes nothing, and the -state file (saved by onChange) never sees a partial
	// change.
	p.unknownProps = e.unknownProps
	x := &execCtx{e: e, p: p, s: s, cat: e.cat.clone(), now: e.opts.Now()}
	res, serr := dispatch(x)
	if serr != nil {
		return nil, false, serr
	}
	if x.changed {
		e.cat = x.cat
	}
	e.revocations = append(e.revocations, x.revocations...)
	return res, x.changed, nil
}
