package emulator

import (
	"net/http"
)

// Paths the driver uses.
const (
	pathLogin     = "/session/v1/login-request"
	pathQuery     = "/queries/v1/query-request"
	pathAbort     = "/queries/v1/abort-request"
	pathToken     = "/session/token-request"
	pathHeartbeat = "/session/heartbeat"
	pathSession   = "/session"
	pathTelemetry = "/telemetry/send"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+pathLogin, s.handleLogin)
	mux.HandleFunc("POST "+pathQuery, s.handleQuery)
	mux.HandleFunc("POST "+pathAbort, s.handleAbort)
	mux.HandleFunc("POST "+pathToken, s.handleTokenRequest)
	mux.HandleFunc("POST "+pathHeartbeat, s.handleHeartbeat)
	mux.HandleFunc("POST "+pathSession, s.handleSessionDelete)
	mux.HandleFunc("POST "+pathTelemetry, s.handleTelemetry)
	mux.Handle("/oauth/", s.oauth.Handler())
	return s.instrument(mux)
}

// instrument counts every request and injects pending faults: query-requests carry theirs to the
// handler (applied after executing), every other request fails at once.
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.inc(r.URL.Path)
		if mode := s.faults.take(); mode != 0 {
			if r.URL.Path != pathQuery {
				injectFault(w, mode)
				return
			}
			r = r.WithContext(withFault(r.Context(), mode))
		}
		next.ServeHTTP(w, r)
	})
}
