package emulator

import (
	"sync"
	"time"
)

// Entry is one executed statement in the statement log.
type Entry struct {
	Time      time.Time
	SessionID int64
	User      string
	Role      string // the session's role when the statement started
	SQL       string
	OK        bool
	ErrorCode string // six-digit Snowflake code when !OK, e.g. "002003"
}

// statementLog records every statement the engine executed through the wire protocol. Retried
// requests answered from the requestId cache are not executed again and so are not logged twice.
type statementLog struct {
	mu      sync.Mutex
	entries []Entry
}

func (l *statementLog) add(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
}

// StatementLog returns a copy of the statements executed so far, oldest first.
func (s *Server) StatementLog() []Entry {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return append([]Entry(nil), s.log.entries...)
}

// ResetStatementLog empties the statement log.
func (s *Server) ResetStatementLog() {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	s.log.entries = nil
}

// CountStatements counts the logged statements for which filter returns true (nil counts all).
func (s *Server) CountStatements(filter func(Entry) bool) int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	n := 0
	for _, e := range s.log.entries {
		if filter == nil || filter(e) {
			n++
		}
	}
	return n
}

// requestCounter counts HTTP requests per URL path.
type requestCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func newRequestCounter() *requestCounter { return &requestCounter{counts: map[string]int{}} }

func (c *requestCounter) inc(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[path]++
}

// RequestCount is how many HTTP requests the server received for a URL path, including retries and
// requests answered with an injected fault, e.g. RequestCount("/session/v1/login-request") or
// RequestCount("/session/token-request").
func (s *Server) RequestCount(path string) int {
	s.requests.mu.Lock()
	defer s.requests.mu.Unlock()
	return s.requests.counts[path]
}

// ResetRequestCounts sets every request counter back to zero (the benchmarks count each phase apart).
func (s *Server) ResetRequestCounts() {
	s.requests.mu.Lock()
	defer s.requests.mu.Unlock()
	s.requests.counts = map[string]int{}
}
