package oauthserver

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// grant is whom a code, ticket or token speaks for. All names are stored names.
type grant struct {
	User        string
	Role        string // the session's primary role
	Integration string
	ClientID    string // with Integration: a re-created integration has a new id, so its old tokens die
	Scope       string // the scope the token response reports
	Refresh     bool   // the user consented to the refresh_token scope
	// AnyRole: the session:role-any scope was granted (OAUTH_ANY_ROLE_MODE), so USE ROLE may name any
	// role the user holds that the integration does not block.
	AnyRole bool
	// Roles is the consented role set of a role-selection grant (OAUTH_ENABLE_ROLE_SELECTION), Role
	// among them; on a ticket, the roles the consent page offers. nil for a single-role grant.
	Roles []string
}

func (g grant) matches(r engine.Revocation) bool {
	return (r.User == "" || r.User == g.User) && (r.Role == "" || r.Role == g.Role) &&
		(r.Integration == "" || r.Integration == g.Integration)
}

// authCode is an issued authorization code: single use, 10 minutes.
type authCode struct {
	grant
	RedirectURI string // as sent to /oauth/authorize, query included; the exchange must repeat it
	Challenge   string // PKCE S256 challenge; "" when the request had none
	Expires     time.Time
}

// ticket remembers a user who signed in but still has to consent, so the consent form need not carry
// the password. Fingerprint binds it to the exact authorize request.
type ticket struct {
	grant
	Fingerprint string
	Expires     time.Time
}

type tokenKind int

const (
	kindAccess tokenKind = iota + 1
	kindRefresh
)

// token is an access or refresh token. Family groups the tokens of one code exchange, for single-use
// refresh-token rotation and reuse detection.
type token struct {
	grant
	Kind      tokenKind
	Family    string
	Expires   time.Time
	SingleUse bool // the family uses single-use refresh tokens
	Used      bool // a single-use refresh token already exchanged (kept to detect reuse)
}

// store holds every live code, ticket and token.
type store struct {
	mu        sync.Mutex
	codes     map[string]*authCode
	tickets   map[string]*ticket
	tokens    map[string]*token
	lastSweep time.Time
}

func newStore() *store {
	return &store{codes: map[string]*authCode{}, tickets: map[string]*ticket{}, tokens: map[string]*token{}}
}

// randomString returns n random bytes in unpadded base64url.
func randomString(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// randomDigits returns a random decimal number of n digits without a leading zero.
func randomDigits(n int) string {
	lo := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n-1)), nil)
	span := new(big.Int).Sub(new(big.Int).Mul(lo, big.NewInt(10)), lo)
	v, err := rand.Int(rand.Reader, span)
	if err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return v.Add(v, lo).String()
}

// newTokenString mimics the shape of Snowflake's opaque tokens ("ver:1-hint:<digits>-<blob>" for access
// tokens, "ver:2-hint:..." for refresh tokens); the blob is random, not an encrypted payload.
func newTokenString(k tokenKind) string {
	ver := 1
	if k == kindRefresh {
		ver = 2
	}
	return fmt.Sprintf("ver:%d-hint:%s-%s", ver, randomDigits(10), randomString(48))
}

func newFamily() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return hex.EncodeToString(b)
}

// expiredTokenMemory is how long an expired token is remembered, so that a login with it reports
// 390318 (expired) rather than 390303 (invalid).
const expiredTokenMemory = 24 * time.Hour

// sweep drops expired entries, at most once a minute of (possibly injected) time. Caller holds mu.
func (st *store) sweep(now time.Time) {
	if now.Sub(st.lastSweep) < time.Minute && !now.Before(st.lastSweep) {
		return
	}
	st.lastSweep = now
	for k, c := range st.codes {
		if !now.Before(c.Expires) {
			delete(st.codes, k)
		}
	}
	for k, t := range st.tickets {
		if !now.Before(t.Expires) {
			delete(st.tickets, k)
		}
	}
	for k, t := range st.tokens {
		if now.Sub(t.Expires) > expiredTokenMemory {
			delete(st.tokens, k)
		}
	}
}

// putCode stores c and returns its code string.
func (st *store) putCode(c *authCode, now time.Time) string { return putOnce(st, st.codes, c, now) }

// takeCode removes and returns the code: it is spent on first presentation, whatever the outcome.
// Missing, expired and already used codes all return false.
func (st *store) takeCode(code string, now time.Time) (authCode, bool) {
	return takeOnce(st, st.codes, code, now, func(c *authCode) time.Time { return c.Expires })
}

// putTicket stores t and returns its id.
func (st *store) putTicket(t *ticket, now time.Time) string { return putOnce(st, st.tickets, t, now) }

// takeTicket removes and returns a live ticket.
func (st *store) takeTicket(id string, now time.Time) (ticket, bool) {
	return takeOnce(st, st.tickets, id, now, func(t *ticket) time.Time { return t.Expires })
}

// putOnce stores v in m under a new random key (after sweeping what expired) and returns the key.
func putOnce[T any](st *store, m map[string]*T, v *T, now time.Time) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweep(now)
	key := randomString(32)
	m[key] = v
	return key
}

// takeOnce removes key from m and returns its value if it had not expired: codes and tickets are
// single-use, so a presentation spends them whatever the outcome.
func takeOnce[T any](st *store, m map[string]*T, key string, now time.Time, expires func(*T) time.Time) (T, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	var zero T
	v, ok := m[key]
	if !ok {
		return zero, false
	}
	delete(m, key)
	if !now.Before(expires(v)) {
		return zero, false
	}
	return *v, true
}

// issue stores t under a new token string.
func (st *store) issue(t *token, now time.Time) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sweep(now)
	return st.issueLocked(t)
}

func (st *store) issueLocked(t *token) string {
	s := newTokenString(t.Kind)
	st.tokens[s] = t
	return s
}

// lookup returns a copy of the token (expired or used ones included: callers tell them apart).
func (st *store) lookup(s string) (token, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t, ok := st.tokens[s]
	if !ok {
		return token{}, false
	}
	return *t, true
}

// killFamily deletes every token of the family. Caller holds mu.
func (st *store) killFamilyLocked(family string) {
	for k, t := range st.tokens {
		if t.Family == family {
			delete(st.tokens, k)
		}
	}
}

// killFamily deletes every token of the family (refresh-token reuse detected).
func (st *store) killFamily(family string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.killFamilyLocked(family)
}

// rotate spends the single-use refresh token old and issues next (a refresh token of the same family)
// and access: the old refresh token is kept, marked used, so a replay can be detected, and every earlier
// access token of the family dies (Snowflake: "all previous refresh tokens and access tokens become
// invalid"). It fails if old was spent or revoked since the caller looked it up.
func (st *store) rotate(old string, next, access *token, now time.Time) (refresh, acc string, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	t, found := st.tokens[old]
	if !found || t.Used || !now.Before(t.Expires) {
		return "", "", false
	}
	for k, o := range st.tokens {
		if o.Family == t.Family && k != old {
			delete(st.tokens, k)
		}
	}
	t.Used = true
	return st.issueLocked(next), st.issueLocked(access), true
}

// revoke deletes every code, ticket and token the revocation matches.
func (st *store) revoke(r engine.Revocation) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, c := range st.codes {
		if c.matches(r) {
			delete(st.codes, k)
		}
	}
	for k, t := range st.tickets {
		if t.matches(r) {
			delete(st.tickets, k)
		}
	}
	for k, t := range st.tokens {
		if t.matches(r) {
			delete(st.tokens, k)
		}
	}
}

// count returns the number of live entries by kind, for tests.
func (st *store) count() (codes, tickets, tokens int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.codes), len(st.tickets), len(st.tokens)
}
