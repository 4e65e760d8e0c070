package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The admin endpoint exposes the fault knobs (FailNext, FailStatements, SetLatency, ExpireSessions,
// ...) over HTTP, so that users of the standalone emulator can test their own applications'
// resilience without writing Go. It is off unless Options.AdminListen is set, it listens on a separate
// port, and only on a loopback address (even with AllowRemote): it has no authentication, and anyone
// who reaches it can break every client of the emulator. See README.md, "Admin endpoint".

// adminServer is the admin endpoint's HTTP server.
type adminServer struct {
	http   *http.Server
	url    string
	served chan struct{}
}

// startAdmin listens on addr (loopback only) and serves the admin routes.
func (s *Server) startAdmin(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("emulator: invalid admin listen address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("emulator: the admin endpoint listens on loopback only (it has no authentication); %q is not a loopback address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("emulator: admin listen on %s: %w", addr, err)
	}
	h, p := connectAddr(ln.Addr())
	a := &adminServer{
		http:   &http.Server{Handler: s.adminRoutes(), ReadHeaderTimeout: 30 * time.Second},
		url:    "http://" + net.JoinHostPort(h, strconv.Itoa(p)),
		served: make(chan struct{}),
	}
	go func() {
		defer close(a.served)
		_ = a.http.Serve(ln)
	}()
	s.admin = a
	return nil
}

// AdminURL is the admin endpoint's base URL, e.g. "http://127.0.0.1:8086"; "" when it is off.
func (s *Server) AdminURL() string {
	if s.admin == nil {
		return ""
	}
	return s.admin.url
}

// closeAdmin stops the admin endpoint (if any).
func (s *Server) closeAdmin(ctx context.Context) error {
	if s.admin == nil {
		return nil
	}
	err := s.admin.http.Shutdown(ctx)
	<-s.admin.served
	return err
}

func (s *Server) adminRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /faults/fail-next", s.adminFailNext)
	mux.HandleFunc("POST /faults/fail-statements", s.adminFailStatements)
	mux.HandleFunc("POST /faults/clear", s.adminClearFaults)
	mux.HandleFunc("POST /latency", s.adminLatency)
	mux.HandleFunc("POST /sessions/expire", s.adminExpireSessions)
	mux.HandleFunc("POST /sessions/forget", s.adminForgetSessions)
	mux.HandleFunc("POST /users/pat", s.adminAddPAT)
	mux.HandleFunc("GET /status", s.adminStatus)
	mux.HandleFunc("GET /statements", s.adminStatements)
	return mux
}

// adminModes are the fault modes by their admin-endpoint names.
var adminModes = map[string]FaultMode{"503": HTTP503, "drop": DropConnection, "sql-error": SQLFailure}

// adminArgs reads the count and mode parameters shared by the fault routes. Parameters come from the
// query string or a form body, so plain `curl -d count=3` works.
func adminArgs(r *http.Request, allowSQLError bool) (int, FaultMode, error) {
	n, err := strconv.Atoi(r.FormValue("count"))
	if err != nil || n < 0 {
		return 0, 0, fmt.Errorf("count must be a non-negative integer, got %q", r.FormValue("count"))
	}
	name := r.FormValue("mode")
	if name == "" {
		name = "503"
	}
	mode, ok := adminModes[name]
	if !ok || (mode == SQLFailure && !allowSQLError) {
		valid := "503 or drop"
		if allowSQLError {
			valid = "503, drop or sql-error"
		}
		return 0, 0, fmt.Errorf("unknown mode %q: use %s", name, valid)
	}
	return n, mode, nil
}

// adminFailNext: POST /faults/fail-next?count=N&mode=503|drop fails the next N requests (FailNext).
func (s *Server) adminFailNext(w http.ResponseWriter, r *http.Request) {
	n, mode, err := adminArgs(r, false)
	if err != nil {
		adminError(w, err)
		return
	}
	s.FailNext(n, mode)
	s.adminStatus(w, r)
}

// adminFailStatements: POST /faults/fail-statements?contains=S&count=N&mode=sql-error|503|drop fails
// the next N statements whose SQL text contains S (FailStatements).
func (s *Server) adminFailStatements(w http.ResponseWriter, r *http.Request) {
	n, mode, err := adminArgs(r, true)
	if err != nil {
		adminError(w, err)
		return
	}
	s.FailStatements(r.FormValue("contains"), n, mode)
	s.adminStatus(w, r)
}

// adminClearFaults: POST /faults/clear drops every pending fault.
func (s *Server) adminClearFaults(w http.ResponseWriter, r *http.Request) {
	s.FailNext(0, 0)
	s.FailStatements("", 0, 0)
	s.adminStatus(w, r)
}

// adminLatency: POST /latency?query=200ms&login=1s sets the delay added to every query-request
// (SetLatency) and to every login-request (SetLoginLatency); a parameter left out keeps its value.
func (s *Server) adminLatency(w http.ResponseWriter, r *http.Request) {
	set := map[string]func(time.Duration){"query": s.SetLatency, "login": s.SetLoginLatency}
	durations := map[string]time.Duration{}
	for name := range set {
		v := r.FormValue(name)
		if v == "" {
			continue
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			adminError(w, fmt.Errorf("%s must be a non-negative Go duration such as 250ms or 2s, got %q", name, v))
			return
		}
		durations[name] = d
	}
	if len(durations) == 0 {
		adminError(w, fmt.Errorf("give query=<duration> and/or login=<duration>"))
		return
	}
	for name, d := range durations {
		set[name](d)
	}
	s.adminStatus(w, r)
}

// adminExpireSessions: POST /sessions/expire expires every session token (renewable: 390112).
func (s *Server) adminExpireSessions(w http.ResponseWriter, r *http.Request) {
	s.ExpireSessions()
	s.adminStatus(w, r)
}

// adminForgetSessions: POST /sessions/forget drops every session (390104, like a restart).
func (s *Server) adminForgetSessions(w http.ResponseWriter, r *http.Request) {
	s.ForgetSessions()
	s.adminStatus(w, r)
}

// adminAddPAT: POST /users/pat?user=U[&role=R] issues a programmatic access token for user U
// (AddProgrammaticAccessToken; the engine has no ALTER USER ... ADD PAT yet) and answers
// {"token": "..."}. The secret is shown once, as Snowflake does.
func (s *Server) adminAddPAT(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	if _, ok := s.engine.LookupUser(user); !ok {
		adminError(w, fmt.Errorf("user %q does not exist", user))
		return
	}
	adminJSON(w, http.StatusOK, map[string]string{"token": s.AddProgrammaticAccessToken(user, r.FormValue("role"))})
}

// adminStatusBody is the answer of the fault, latency and session routes.
type adminStatusBody struct {
	PendingRequestFaults   int    `json:"pending_request_faults"`
	PendingStatementFaults int    `json:"pending_statement_faults"`
	QueryLatency           string `json:"query_latency"`
	LoginLatency           string `json:"login_latency"`
	ActiveSessions         int    `json:"active_sessions"`
	LoggedStatements       int    `json:"logged_statements"`
	DroppedStatements      int    `json:"dropped_statements"`
}

// adminStatus: GET /status reports the knobs' current state.
func (s *Server) adminStatus(w http.ResponseWriter, _ *http.Request) {
	s.faults.mu.Lock()
	pending := len(s.faults.pending)
	s.faults.mu.Unlock()
	adminJSON(w, http.StatusOK, adminStatusBody{
		PendingRequestFaults:   pending,
		PendingStatementFaults: s.PendingStatementFaults(""), // "" counts every rule
		QueryLatency:           time.Duration(s.latency.Load()).String(),
		LoginLatency:           time.Duration(s.loginDelay.latency.Load()).String(),
		ActiveSessions:         s.ActiveSessions(),
		LoggedStatements:       s.CountStatements(nil),
		DroppedStatements:      s.DroppedStatements(),
	})
}

// adminStatements: GET /statements lists the statement log (oldest first); ?contains=S filters it.
func (s *Server) adminStatements(w http.ResponseWriter, r *http.Request) {
	match := strings.ToUpper(r.FormValue("contains"))
	out := []Entry{}
	for _, e := range s.StatementLog() {
		if strings.Contains(strings.ToUpper(e.SQL), match) {
			out = append(out, e)
		}
	}
	adminJSON(w, http.StatusOK, out)
}

func adminError(w http.ResponseWriter, err error) {
	adminJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
}

func adminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
