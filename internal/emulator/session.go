package emulator

import (
	"net/http"
	"sync"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// session is one logged-in connection. The driver sends the session token on every request and the
// master token only to renew an expired session token.
type session struct {
	id     int64
	master string
	params clientParams // chosen at login, echoed in every answer's parameters

	// mu serialises the session's statements: the engine mutates eng (USE ROLE changes Role).
	mu  sync.Mutex
	eng *engine.Session

	// Guarded by sessionStore.mu.
	token        string
	tokenIssued  time.Time
	masterIssued time.Time
	forced       bool // ExpireSessions was called: the token is expired whatever the clock says
	fresh        bool // renewed and not used yet; see lookup
}

type tokenState int

const (
	tokenValid tokenState = iota
	tokenExpired
	tokenUnknown
)

// sessionStore maps tokens to sessions.
type sessionStore struct {
	mu        sync.Mutex
	byToken   map[string]*session
	byMaster  map[string]*session
	nextID    int64
	ttl       time.Duration
	masterTTL time.Duration
}

func newSessionStore(ttl, masterTTL time.Duration) *sessionStore {
	return &sessionStore{
		byToken:   map[string]*session{},
		byMaster:  map[string]*session{},
		nextID:    1_000_001,
		ttl:       ttl,
		masterTTL: masterTTL,
	}
}

func (st *sessionStore) create(eng *engine.Session, params clientParams, now time.Time) *session {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := &session{
		id:           st.nextID,
		eng:          eng,
		params:       params,
		token:        "ST-" + randomToken(24),
		master:       "MT-" + randomToken(24),
		tokenIssued:  now,
		masterIssued: now,
	}
	st.nextID++
	eng.ID = s.id
	st.byToken[s.token] = s
	st.byMaster[s.master] = s
	return s
}

// lookup finds the session of a session token and says whether the token is still valid.
func (st *sessionStore) lookup(token string, now time.Time) (*session, tokenState) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.byToken[token]
	if !ok || token == "" {
		return nil, tokenUnknown
	}
	if s.fresh {
		// The driver resends the failed request right after a renewal; answering 390112 again would
		// make it renew recursively forever, so a just-renewed token is always honoured once.
		s.fresh = false
		return s, tokenValid
	}
	if s.forced || now.Sub(s.tokenIssued) >= st.ttl {
		return s, tokenExpired
	}
	return s, tokenValid
}

// renew issues a new session token for the session owning master (false when master is unknown or
// has expired; an expired master ends its session).
func (st *sessionStore) renew(master string, now time.Time) (*session, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.byMaster[master]
	if !ok || master == "" {
		return nil, false
	}
	if now.Sub(s.masterIssued) >= st.masterTTL {
		st.removeLocked(s)
		return nil, false
	}
	delete(st.byToken, s.token)
	s.token = "ST-" + randomToken(24)
	s.tokenIssued = now
	s.forced = false
	s.fresh = true
	st.byToken[s.token] = s
	return s, true
}

func (st *sessionStore) remove(s *session) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.removeLocked(s)
}

func (st *sessionStore) removeLocked(s *session) {
	delete(st.byToken, s.token)
	delete(st.byMaster, s.master)
}

func (st *sessionStore) expireAll() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, s := range st.byToken {
		s.forced = true
		s.fresh = false
	}
}

func (st *sessionStore) forgetAll() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.byToken = map[string]*session{}
	st.byMaster = map[string]*session{}
}

func (st *sessionStore) setTTL(d time.Duration) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.ttl = d
}

func (st *sessionStore) validity() (ttl, masterTTL time.Duration) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.ttl, st.masterTTL
}

func (st *sessionStore) count() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.byToken)
}

func (st *sessionStore) tokenOf(s *session) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return s.token
}

// authSession resolves the request's session token, answering 390112 (expired, renewable) or 390104
// (unknown) itself when there is no valid session.
func (s *Server) authSession(w http.ResponseWriter, r *http.Request) (*session, bool) {
	sess, state := s.sessions.lookup(sessionToken(r), s.now())
	switch state {
	case tokenExpired:
		writeJSON(w, errSessionExpired)
		return nil, false
	case tokenUnknown:
		writeJSON(w, errSessionUnknown)
		return nil, false
	}
	return sess, true
}

// handleTokenRequest renews a session: POST /session/token-request with the master token.
func (s *Server) handleTokenRequest(w http.ResponseWriter, r *http.Request) {
	var req struct {
		OldSessionToken string `json:"oldSessionToken"`
		RequestType     string `json:"requestType"`
	}
	if err := s.readBody(r, &req); err != nil {
		badBody(w, "token-request", err)
		return
	}
	sess, ok := s.sessions.renew(sessionToken(r), s.now())
	if !ok {
		writeJSON(w, errMasterExpired)
		return
	}
	ttl, masterTTL := s.sessions.validity()
	writeJSON(w, okEnvelope(map[string]any{
		"sessionToken":        s.sessions.tokenOf(sess),
		"validityInSecondsST": int64(ttl / time.Second),
		"masterToken":         sess.master,
		"validityInSecondsMT": int64(masterTTL / time.Second),
		"sessionId":           sess.id,
	}))
}

// handleHeartbeat answers the keep-alive ping (POST /session/heartbeat).
func (s *Server) handleHeartbeat(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.authSession(w, r); !ok {
		return
	}
	writeJSON(w, okEnvelope(nil))
}

// handleSessionDelete closes a session (POST /session?delete=true). An expired token may still close
// its session.
func (s *Server) handleSessionDelete(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("delete") != "true" {
		http.NotFound(w, r)
		return
	}
	sess, state := s.sessions.lookup(sessionToken(r), s.now())
	if state == tokenUnknown {
		writeJSON(w, errSessionUnknown)
		return
	}
	s.sessions.remove(sess)
	writeJSON(w, okEnvelope(nil))
}

// handleTelemetry accepts and discards client telemetry (POST /telemetry/send).
func (s *Server) handleTelemetry(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, okEnvelope("Log Received"))
}

// ActiveSessions is the number of open sessions (logged in and not closed).
func (s *Server) ActiveSessions() int { return s.sessions.count() }
