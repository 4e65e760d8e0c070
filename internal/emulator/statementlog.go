package emulator

import (
	"sync"
	"time"
)

// Entry is one executed statement in the statement log.
type Entry struct {
	Time      time.Time `json:"time"`
	SessionID int64     `json:"session_id"`
	User      string    `json:"user"`
	Role      string    `json:"role"` // the session's role when the statement started
	SQL       string    `json:"sql"`
	OK        bool      `json:"ok"`
	ErrorCode string    `json:"error_code,omitempty"` // six-digit Snowflake code when !OK, e.g. "002003"
}

// DefaultStatementLogSize is how many statements the log keeps unless Options.StatementLogSize says
// otherwise: far more than any test produces, small enough (a few tens of MB at most) for a
// long-running standalone emulator, whose log would otherwise grow without bound.
const DefaultStatementLogSize = 50_000

// statementLog records every statement the engine executed through the wire protocol, as a ring of
// the most recent `size` entries. Retried requests answered from the requestId cache are not executed
// again and so are not logged twice.
type statementLog struct {
	mu      sync.Mutex
	size    int
	entries []Entry // ring buffer once len(entries) == size; next is the oldest entry then
	next    int
	dropped int // entries overwritten since the last reset
}

func newStatementLog(size int) *statementLog {
	if size <= 0 {
		size = DefaultStatementLogSize
	}
	return &statementLog{size: size}
}

func (l *statementLog) add(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) < l.size {
		l.entries = append(l.entries, e)
		return
	}
	l.entries[l.next] = e
	l.next = (l.next + 1) % l.size
	l.dropped++
}

// ordered returns the retained entries oldest first; l.mu must be held.
func (l *statementLog) ordered() []Entry {
	out := make([]Entry, 0, len(l.entries))
	out = append(out, l.entries[l.next:]...)
	return append(out, l.entries[:l.next]...)
}

// StatementLog returns a copy of the retained statements, oldest first: the most recent
// Options.StatementLogSize (default DefaultStatementLogSize) ones.
func (s *Server) StatementLog() []Entry {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.ordered()
}

// DroppedStatements is how many statements fell out of the log (the oldest first) because it was full,
// since the start or the last ResetStatementLog.
func (s *Server) DroppedStatements() int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return s.log.dropped
}

// ResetStatementLog empties the statement log.
func (s *Server) ResetStatementLog() {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	s.log.entries, s.log.next, s.log.dropped = nil, 0, 0
}

// CountStatements counts the retained statements for which filter returns true (nil counts all).
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
type requestCounter struct{ lockedMap[string, int] }

func newRequestCounter() *requestCounter { return &requestCounter{newLockedMap[string, int]()} }

func (c *requestCounter) inc(path string) { c.update(path, func(n int) int { return n + 1 }) }

// RequestCount is how many HTTP requests the server received for a URL path, including retries and
// requests answered with an injected fault, e.g. RequestCount("/session/v1/login-request") or
// RequestCount("/session/token-request").
func (s *Server) RequestCount(path string) int {
	n, _ := s.requests.get(path)
	return n
}
