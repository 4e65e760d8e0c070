// Package emulator serves Snowflake's HTTP protocol (the subset gosnowflake v1.19 speaks) on top of the
// SQL engine in package engine, so the real driver can log in, run SQL and renew sessions against it.
// It also carries the instrumentation tests need: a statement log, request counters and fault knobs.
package emulator

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/oauthserver"
)

// Options configure Start. Zero values select the defaults noted on each field.
type Options struct {
	Listen        string        // address to listen on; default "127.0.0.1:0" (random port)
	Account       string        // account name; default "EMULATOR"
	AdminUser     string        // bootstrap admin user; default "ADMIN"
	AdminPassword string        // admin password; generated when empty (reused from StateFile if it has one)
	StateFile     string        // optional JSON state file, loaded on start and rewritten after every change
	Latency       time.Duration // added to every query-request
	SessionTTL    time.Duration // session token validity; default 1h
	MasterTTL     time.Duration // master token validity (renewal window); default 4h
	Now           func() time.Time
	AllowRemote   bool // allow a non-loopback Listen address
	// StatementLogSize is how many statements StatementLog keeps (the most recent ones); default
	// DefaultStatementLogSize.
	StatementLogSize int
	// MaxBodyBytes caps a request body, counted after gzip decompression; larger bodies get HTTP 400.
	// Default DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// AdminListen, when set, serves the admin endpoint (fault knobs over HTTP, admin.go) on this
	// loopback address, e.g. "127.0.0.1:0". Off by default.
	AdminListen string
}

// Server is a running emulator. All methods are safe for concurrent use.
type Server struct {
	opts     Options
	now      func() time.Time
	engine   *engine.Engine
	http     *http.Server
	host     string
	port     int
	adminPwd string

	sessions *sessionStore
	pats     *patStore
	dedupe   *dedupeStore
	log      *statementLog
	faults   *faultInjector
	requests *requestCounter
	persist  *persister
	inflight *inflightQueries

	admin *adminServer // nil unless Options.AdminListen

	// oauth is Snowflake's OAuth authorization server (/oauth/authorize, /oauth/token-request).
	oauth *oauthserver.Server

	latency    atomic.Int64 // time.Duration
	loginDelay loginDelay   // latency.go
	oauthMu    sync.RWMutex
	oauthCheck OAuthValidator

	closeOnce sync.Once
	closeErr  error
	served    chan struct{}

	// sqlFaults fails statements by SQL substring (faults_sql.go); the zero value is ready.
	sqlFaults sqlFaults
}

// Start listens, loads the state file (if any) and serves until Close.
func Start(opts Options) (*Server, error) {
	opts = withDefaults(opts)
	if err := checkListen(opts.Listen, opts.AllowRemote); err != nil {
		return nil, err
	}
	st, err := loadState(opts.StateFile)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen on %s: %w", opts.Listen, err)
	}
	s := newServer(opts, adminPassword(opts, st), ln.Addr())
	if err := s.restore(st); err != nil {
		_ = ln.Close()
		return nil, err
	}
	s.persist = newPersister(opts.StateFile, s.snapshot)
	s.engine.SetOnChange(s.persist.markDirty)
	if err := s.persist.flush(); err != nil { // fail now, not after the first change, if the file is unwritable
		_ = s.persist.close()
		_ = ln.Close()
		return nil, err
	}

	s.http = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 30 * time.Second}
	go func() {
		defer close(s.served)
		_ = s.http.Serve(ln)
	}()
	if opts.AdminListen != "" {
		if err := s.startAdmin(opts.AdminListen); err != nil {
			_ = s.Close()
			return nil, err
		}
	}
	return s, nil
}

// adminPassword is the bootstrap admin's password: the given one, else the state file's, else a new
// random one.
func adminPassword(opts Options, st *stateFile) string {
	switch {
	case opts.AdminPassword != "":
		return opts.AdminPassword
	case st != nil && st.AdminPassword != "":
		return st.AdminPassword
	}
	return randomToken(18)
}

// newServer builds the server's parts (engine, OAuth server, stores) for a listener at addr.
func newServer(opts Options, adminPwd string, addr net.Addr) *Server {
	host, port := connectAddr(addr)
	s := &Server{
		opts:     opts,
		now:      opts.Now,
		host:     host,
		port:     port,
		adminPwd: adminPwd,
		sessions: newSessionStore(opts.SessionTTL, opts.MasterTTL),
		pats:     newPATStore(),
		dedupe:   newDedupeStore(),
		log:      newStatementLog(opts.StatementLogSize),
		faults:   &faultInjector{},
		requests: newRequestCounter(),
		inflight: newInflightQueries(),
		served:   make(chan struct{}),
	}
	s.latency.Store(int64(opts.Latency))
	s.engine = engine.New(engine.Options{
		Account:       opts.Account,
		AdminUser:     opts.AdminUser,
		AdminPassword: adminPwd,
		Now:           opts.Now,
		BaseURL:       s.URL(),
	})
	s.oauth = oauthserver.New(s.engine, oauthserver.Options{Now: opts.Now, AccountURL: s.URL()})
	return s
}

func withDefaults(o Options) Options {
	if o.Listen == "" {
		o.Listen = "127.0.0.1:0"
	}
	if o.Account == "" {
		o.Account = "EMULATOR"
	}
	if o.AdminUser == "" {
		o.AdminUser = "ADMIN"
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = time.Hour
	}
	if o.MasterTTL <= 0 {
		o.MasterTTL = 4 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	return o
}

// checkListen refuses a non-loopback address unless allowRemote: the emulator has no TLS and
// prints its admin password, so exposing it must be a deliberate choice.
func checkListen(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("emulator: invalid listen address %q: %w", addr, err)
	}
	if allowRemote || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("emulator: refusing to listen on non-loopback address %q (plain HTTP, no TLS); "+
		"use a 127.0.0.1 address or allow it explicitly with AllowRemote / -allow-remote", addr)
}

// connectAddr returns the host and port a local client should dial; an unspecified listen address
// (0.0.0.0, ::) is reachable through the loopback address.
func connectAddr(a net.Addr) (string, int) {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		h, p, _ := net.SplitHostPort(a.String())
		n, _ := strconv.Atoi(p)
		return h, n
	}
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		return "127.0.0.1", tcp.Port
	}
	return tcp.IP.String(), tcp.Port
}

// Host is the host name clients connect to (e.g. "127.0.0.1").
func (s *Server) Host() string { return s.host }

// Port is the TCP port the server listens on.
func (s *Server) Port() int { return s.port }

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }

// URL is the base URL, e.g. "http://127.0.0.1:8085".
func (s *Server) URL() string { return "http://" + s.Addr() }

// Account is the account name as configured (default "EMULATOR").
func (s *Server) Account() string { return s.opts.Account }

// AdminUser is the bootstrap admin's login name.
func (s *Server) AdminUser() string { return s.opts.AdminUser }

// AdminPassword is the bootstrap admin's password (given, generated, or reused from the state file).
func (s *Server) AdminPassword() string { return s.adminPwd }

// Engine is the SQL engine behind the server (for direct catalog inspection in tests).
func (s *Server) Engine() *engine.Engine { return s.engine }

// Close stops serving (waiting briefly for in-flight requests) and writes the state file a last time.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.inflight.cancelAll()
		adminErr := s.closeAdmin(ctx)
		err := s.http.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = s.http.Close()
		}
		<-s.served
		s.closeErr = errors.Join(err, adminErr, s.persist.close())
	})
	return s.closeErr
}

// randomToken returns n random bytes, base64url-encoded without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
