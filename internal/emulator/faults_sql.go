package emulator

import (
	"strings"
	"sync"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// SQLFailure fails a matching statement with a Snowflake SQL error (HTTP 200, success false, code
// 000603 "SQL execution internal error") without executing it. The driver does not retry SQL errors,
// so the client sees the failure at once. Only FailStatements injects it; FailNext ignores it.
const SQLFailure FaultMode = 100

// InjectedSQLErrorCode is the Snowflake code a SQLFailure answers with: Snowflake's internal-error
// code, which a client can only treat as transient.
const InjectedSQLErrorCode = "000603"

// sqlFaultRule fails the next remaining query-requests whose SQL text contains match.
type sqlFaultRule struct {
	match     string // upper-cased substring; "" matches every statement
	remaining int
	mode      FaultMode
}

// sqlFaults holds the statement-matched faults; its zero value is ready to use.
type sqlFaults struct {
	mu    sync.Mutex
	rules []sqlFaultRule
}

// FailStatements makes the next n query-requests whose SQL text contains `contains` (compared
// case-insensitively; "" matches every statement) fail with mode:
//   - SQLFailure: the statement is not executed and is answered with the Snowflake error
//     InjectedSQLErrorCode; the statement log records it as failed with that code.
//   - HTTP503 or DropConnection: the statement executes and its answer is lost, exactly like
//     FailNext. The driver retries with the same requestId; each retry is again a matching request and
//     uses up one of the n, so n larger than the driver's retry count makes the client give up although
//     the statement ran (the "lost answer" a client cannot tell from a failure).
//
// Rules are checked in the order they were added; a request uses up at most one. n <= 0 removes the
// pending rules for `contains` ("" removes all of them).
func (s *Server) FailStatements(contains string, n int, mode FaultMode) {
	s.sqlFaults.mu.Lock()
	defer s.sqlFaults.mu.Unlock()
	match := strings.ToUpper(contains)
	if n <= 0 {
		kept := s.sqlFaults.rules[:0]
		for _, r := range s.sqlFaults.rules {
			if match != "" && r.match != match {
				kept = append(kept, r)
			}
		}
		s.sqlFaults.rules = kept
		return
	}
	s.sqlFaults.rules = append(s.sqlFaults.rules, sqlFaultRule{match: match, remaining: n, mode: mode})
}

// PendingStatementFaults is how many statement-matched faults added with this `contains` (compared
// case-insensitively; "" counts every rule) are still to inject. Tests use it to prove that the faults
// they set up were hit; with a substring of their own, tests running in parallel do not disturb it.
func (s *Server) PendingStatementFaults(contains string) int {
	s.sqlFaults.mu.Lock()
	defer s.sqlFaults.mu.Unlock()
	match := strings.ToUpper(contains)
	n := 0
	for _, r := range s.sqlFaults.rules {
		if match == "" || r.match == match {
			n += r.remaining
		}
	}
	return n
}

// take returns the fault for a statement (0 for none) and uses it up.
func (f *sqlFaults) take(sqlText string) FaultMode {
	f.mu.Lock()
	defer f.mu.Unlock()
	upper := strings.ToUpper(sqlText)
	for i := range f.rules {
		r := &f.rules[i]
		if r.remaining > 0 && strings.Contains(upper, r.match) {
			r.remaining--
			mode := r.mode
			if r.remaining == 0 {
				f.rules = append(f.rules[:i], f.rules[i+1:]...)
			}
			return mode
		}
	}
	return 0
}

// statementFault is the query path's hook: it returns the Snowflake error to answer with when a
// SQLFailure matches (logging the statement as failed), or the transport fault to apply after
// executing (0 when none matches).
func (s *Server) statementFault(sess *session, sqlText string) (*engine.SQLError, FaultMode) {
	mode := s.sqlFaults.take(sqlText)
	if mode != SQLFailure {
		return nil, mode
	}
	se := &engine.SQLError{Code: InjectedSQLErrorCode, SQLState: "XX000",
		Message: "SQL execution internal error:\nProcessing aborted due to error 300010 (injected fault)."}
	sess.mu.Lock() // the session's role changes under this lock
	entry := Entry{Time: s.now(), SessionID: sess.id, User: sess.eng.User, Role: sess.eng.Role,
		SQL: sqlText, ErrorCode: se.Code}
	sess.mu.Unlock()
	s.log.add(entry)
	return se, 0
}
