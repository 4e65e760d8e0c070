package emulator

import (
	"context"
	"sync/atomic"
	"time"
)

// loginDelay is the latency charged to every login-request, kept apart from the per-query latency
// (SetLatency): on a real account a login (authentication, session creation) costs hundreds of
// milliseconds, far more than a cached metadata query, so a client that logs in once per resource
// instead of once per session is only visible when logins cost something.
type loginDelay struct {
	latency atomic.Int64 // time.Duration
	charged atomic.Int64 // login-requests that waited for latency
}

// SetLoginLatency sets the delay added to every login-request (0 disables it). It does not delay
// queries, session renewals (token-request) or heartbeats: see SetLatency for queries.
func (s *Server) SetLoginLatency(d time.Duration) { s.loginDelay.latency.Store(int64(d)) }

// DelayedLogins is how many login-requests were charged the login latency so far: a test can check
// that it equals RequestCount of the login path, i.e. that no other request was charged it.
func (s *Server) DelayedLogins() int { return int(s.loginDelay.charged.Load()) }

// delayLogin waits the login latency (or until the client gives up). It is the one hook in the login
// handler; a login whose client went away meanwhile is answered anyway and the answer is discarded.
func (s *Server) delayLogin(ctx context.Context) {
	d := time.Duration(s.loginDelay.latency.Load())
	if d <= 0 {
		return
	}
	s.loginDelay.charged.Add(1)
	sleepCtx(ctx, d)
}
