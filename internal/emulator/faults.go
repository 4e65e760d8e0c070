package emulator

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// FaultMode is how an injected fault fails a request.
type FaultMode int

const (
	// HTTP503 answers 503 Service Unavailable (the driver retries it).
	HTTP503 FaultMode = iota + 1
	// DropConnection closes the TCP connection without an answer (the driver retries it).
	DropConnection
)

func (m FaultMode) String() string {
	switch m {
	case HTTP503:
		return "HTTP503"
	case DropConnection:
		return "DropConnection"
	case SQLFailure:
		return "SQLFailure"
	}
	return "none"
}

// faultInjector holds the faults still to inject, in order.
type faultInjector struct {
	mu      sync.Mutex
	pending []FaultMode
}

func (f *faultInjector) take() FaultMode {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.pending) == 0 {
		return 0
	}
	m := f.pending[0]
	f.pending = f.pending[1:]
	return m
}

// FailNext makes the next n HTTP requests (any endpoint) fail with mode, after any faults already
// pending; n <= 0 cancels all pending faults. A query-request still executes its statement and only
// the answer is lost, the worst case for a client: its retry (same requestId) is answered from the
// requestId cache, so the statement runs once. Other requests fail before they are handled.
func (s *Server) FailNext(n int, mode FaultMode) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if n <= 0 {
		s.faults.pending = nil
		return
	}
	if mode == SQLFailure { // a statement-level fault: see FailStatements
		return
	}
	for range n {
		s.faults.pending = append(s.faults.pending, mode)
	}
}

// SetLatency sets the delay added to every query-request (0 disables it).
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetSessionTTL sets how long session tokens stay valid; it applies to existing sessions too, so
// shortening it expires them (the driver renews them with the master token).
func (s *Server) SetSessionTTL(d time.Duration) { s.sessions.setTTL(d) }

// ExpireSessions expires every current session token: the next request of each session gets 390112
// and the driver renews the token through /session/token-request.
func (s *Server) ExpireSessions() { s.sessions.expireAll() }

// ForgetSessions drops every session, as a restart of the emulator would: the next request of each
// gets 390104 (session no longer exists) and its client has to log in again.
func (s *Server) ForgetSessions() { s.sessions.forgetAll() }

// injectFault fails the request with mode.
func injectFault(w http.ResponseWriter, mode FaultMode) {
	switch mode {
	case HTTP503:
		http.Error(w, "Service Unavailable (injected fault)", http.StatusServiceUnavailable)
	case DropConnection:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // net/http closes the connection without logging
	}
}

type faultKey struct{}

// withFault stores the fault a query-request must apply after executing.
func withFault(ctx context.Context, m FaultMode) context.Context {
	return context.WithValue(ctx, faultKey{}, m)
}

func faultFrom(ctx context.Context) FaultMode {
	m, _ := ctx.Value(faultKey{}).(FaultMode)
	return m
}

// sleepCtx waits d or until ctx is done; it reports whether the full delay elapsed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
