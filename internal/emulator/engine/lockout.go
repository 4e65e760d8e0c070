package engine

import (
	"strconv"
	"time"
)

// Login lockout, as Snowflake documents it (https://docs.snowflake.com/en/sql-reference/sql/create-user,
// MINS_TO_UNLOCK; https://docs.snowflake.com/en/sql-reference/sql/create-password-policy, the defaults
// PASSWORD_MAX_RETRIES = 5 and PASSWORD_LOCKOUT_TIME_MINS = 15): after 5 consecutive failed password
// logins the user is locked for 15 minutes; while locked, even the right password is refused; a
// successful login resets the count; `ALTER USER u SET MINS_TO_UNLOCK = 0` unlocks at once and a
// positive value locks for that many minutes. The state lives in memory (not in the state file): a
// restarted emulator forgets locks, which only ever lets a user in sooner.
const (
	lockoutMaxRetries = 5
	lockoutDuration   = 15 * time.Minute
)

// loginLock is the failure count and lock of one user (by stored name).
type loginLock struct {
	failures int
	until    time.Time
}

// PasswordOutcome is the result of PasswordLogin.
type PasswordOutcome int

const (
	// PasswordOK: the password is right and the user is not locked; the failure count was reset.
	PasswordOK PasswordOutcome = iota
	// PasswordWrong: unknown user or wrong password (counted towards the lock when the user exists).
	PasswordWrong
	// PasswordLocked: the user is locked, whatever the password.
	PasswordLocked
)

// PasswordLogin checks a login name and password with the lockout rules above. Both the wire
// protocol's password login and the OAuth server's sign-in form use it, so failures on either count
// towards the same lock. The user is returned whenever it exists.
func (e *Engine) PasswordLogin(loginName, password string) (LoginUser, PasswordOutcome) {
	u, ok := e.LookupUser(loginName)
	if !ok {
		return LoginUser{}, PasswordWrong
	}
	right := e.CheckPassword(u.Name, password)
	return u, e.recordPasswordAttempt(u.Name, right)
}

// recordPasswordAttempt applies one attempt to the user's lock state.
func (e *Engine) recordPasswordAttempt(user string, right bool) PasswordOutcome {
	now := e.opts.Now()
	e.mu.Lock()
	defer e.mu.Unlock()
	l := e.lockFor(user)
	if now.Before(l.until) {
		return PasswordLocked
	}
	if right {
		*l = loginLock{}
		return PasswordOK
	}
	l.failures++
	if l.failures >= lockoutMaxRetries {
		l.failures, l.until = 0, now.Add(lockoutDuration)
	}
	return PasswordWrong
}

// lockFor returns the user's lock state, creating it; e.mu must be held.
func (e *Engine) lockFor(user string) *loginLock {
	if e.locks == nil {
		e.locks = map[string]*loginLock{}
	}
	l := e.locks[user]
	if l == nil {
		l = &loginLock{}
		e.locks[user] = l
	}
	return l
}

// readMinsToUnlock reads `MINS_TO_UNLOCK = n` (an integer; 1.5 is refused as Snowflake does): 0 or
// less unlocks the user and clears the failure count, a positive n locks the user for n minutes.
// The lock state is not part of the catalog, so the change takes effect when the statement's changes
// are applied, even if a later part of the same statement fails.
func readMinsToUnlock(p *parser, prop string) (userChange, *SQLError) {
	negative := p.acceptSymbol("-")
	t := p.next()
	n, err := strconv.Atoi(t.Text)
	if t.Kind != tokNumber || err != nil {
		return nil, errInvalidProperty(t.Text, prop)
	}
	if negative { // Snowflake treats a negative value like 0
		n = 0
	}
	return func(x *execCtx, u *User) *SQLError {
		l := x.e.lockFor(u.Name)
		*l = loginLock{}
		if n > 0 {
			l.until = x.now.Add(time.Duration(n) * time.Minute)
		}
		return nil
	}, nil
}

// MinutesToUnlock is how many whole minutes (rounded up) the user stays locked; 0 when not locked.
func (e *Engine) MinutesToUnlock(user string) int {
	now := e.opts.Now()
	e.mu.Lock()
	defer e.mu.Unlock()
	l := e.locks[user]
	if l == nil || !now.Before(l.until) {
		return 0
	}
	return int((l.until.Sub(now) + time.Minute - 1) / time.Minute)
}
