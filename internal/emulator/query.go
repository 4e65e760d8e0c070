package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// queryRequest is the body of POST /queries/v1/query-request.
type queryRequest struct {
	SQLText      string                     `json:"sqlText"`
	AsyncExec    bool                       `json:"asyncExec"`
	SequenceID   int64                      `json:"sequenceId"`
	DescribeOnly bool                       `json:"describeOnly"`
	Bindings     map[string]wireBinding     `json:"bindings"`
	Parameters   map[string]json.RawMessage `json:"parameters"`
}

// wireBinding is one bound value: {"type":"FIXED","value":"7"}; value is a string, null, or an
// array for array binding (not supported).
type wireBinding struct {
	Type  string          `json:"type"`
	Value json.RawMessage `json:"value"`
}

// rowType is one entry of rowtype in a result; the driver reads name, type, nullable, precision,
// scale and length.
type rowType struct {
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Nullable   bool    `json:"nullable"`
	Precision  *int    `json:"precision"`
	Scale      *int    `json:"scale"`
	Length     *int    `json:"length"`
	ByteLength *int    `json:"byteLength"`
	Database   string  `json:"database"`
	Schema     string  `json:"schema"`
	Table      string  `json:"table"`
	Collation  *string `json:"collation"`
}

type queryData struct {
	Parameters         []nameValue `json:"parameters"`
	RowType            []rowType   `json:"rowtype"`
	RowSet             [][]*string `json:"rowset"` // always an array: the Node.js driver reads rowset.length
	Total              int         `json:"total"`
	Returned           int         `json:"returned"`
	QueryID            string      `json:"queryId"`
	DatabaseProvider   *string     `json:"databaseProvider"`
	FinalDatabaseName  *string     `json:"finalDatabaseName"`
	FinalSchemaName    *string     `json:"finalSchemaName"`
	FinalWarehouseName *string     `json:"finalWarehouseName"`
	FinalRoleName      string      `json:"finalRoleName"`
	NumberOfBinds      int         `json:"numberOfBinds"`
	ArrayBindSupported bool        `json:"arrayBindSupported"`
	StatementTypeID    int         `json:"statementTypeId"`
	Version            int         `json:"version"`
	SendResultTime     int64       `json:"sendResultTime"`
	QueryResultFormat  string      `json:"queryResultFormat"`
}

type queryErrorData struct {
	InternalError bool   `json:"internalError"`
	ErrorCode     string `json:"errorCode"`
	Age           int    `json:"age"`
	SQLState      string `json:"sqlState"`
	QueryID       string `json:"queryId"`
	Line          int    `json:"line"`
	Pos           int    `json:"pos"`
	Type          string `json:"type"`
}

// handleQuery executes one statement. Everything after authentication is answered with HTTP 200
// (success true with a JSON result, or success false with the Snowflake error).
func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.authSession(w, r)
	if !ok {
		return
	}
	var req queryRequest
	if err := s.readBody(r, &req); err != nil {
		badBody(w, "query-request", err)
		return
	}
	fault := faultFrom(r.Context())
	se, mode := s.statementFault(sess, req.SQLText) // statement-matched faults, faults_sql.go
	if se != nil {
		writeJSON(w, queryError(newQueryID(), se))
		return
	}
	if fault == 0 {
		fault = mode
	}
	requestID := r.URL.Query().Get("requestId")

	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	if requestID != "" {
		s.inflight.add(requestID, cancel)
		defer s.inflight.remove(requestID)
	}
	if !sleepCtx(ctx, time.Duration(s.latency.Load())) {
		writeJSON(w, queryError(newQueryID(), canceled()))
		return
	}

	body, err := s.answer(ctx, sess, &req, requestID)
	switch {
	case errors.Is(err, errReplayCanceled):
		writeJSON(w, queryError(newQueryID(), canceled()))
		return
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if fault != 0 {
		injectFault(w, fault)
		return
	}
	writeBody(w, body)
}

// errReplayCanceled: the client gave up while an earlier attempt with the same requestId was running.
var errReplayCanceled = errors.New("canceled while waiting for an earlier attempt")

// answer returns the encoded answer to a query-request: the stored answer of an earlier attempt with
// the same requestId (a driver retry), else the statement's own, executed now, persisted and stored.
func (s *Server) answer(ctx context.Context, sess *session, req *queryRequest, requestID string) ([]byte, error) {
	if requestID != "" {
		replay, own := s.dedupe.begin(ctx, requestID, sess.id)
		switch {
		case replay != nil:
			return replay, nil
		case !own:
			return nil, errReplayCanceled
		}
	}
	body, err := json.Marshal(s.execute(sess, req))
	if err != nil {
		s.dedupe.abandon(requestID)
		return nil, err
	}
	// Persist before answering, so a statement the client saw succeed survives a crash.
	_ = s.persist.flush()
	if requestID != "" {
		s.dedupe.finish(requestID, body)
	}
	return body, nil
}

// execute runs the statement in the session and builds the answer envelope.
func (s *Server) execute(sess *session, req *queryRequest) envelope {
	qid := newQueryID()
	sess.mu.Lock()
	defer sess.mu.Unlock()
	entry := Entry{Time: s.now(), SessionID: sess.id, User: sess.eng.User, Role: sess.eng.Role, SQL: req.SQLText}

	res, err := s.run(sess, req)
	if err != nil {
		se := asSQLError(err)
		entry.ErrorCode = se.Code
		s.log.add(entry)
		return queryError(qid, se)
	}
	entry.OK = true
	s.log.add(entry)
	data := resultData(qid, res, sess.eng.Role, len(req.Bindings))
	data.Parameters = sessionParameters(sess.params)
	return okEnvelope(data)
}

func (s *Server) run(sess *session, req *queryRequest) (res *engine.Result, err error) {
	defer func() {
		if p := recover(); p != nil { // an engine bug must not take the connection down
			res, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	switch {
	case req.AsyncExec:
		return nil, unsupported("asynchronous execution")
	case req.DescribeOnly:
		return nil, unsupported("describe-only execution")
	}
	binds, err := orderBindings(req.Bindings)
	if err != nil {
		return nil, err
	}
	res, err = s.engine.Exec(sess.eng, req.SQLText, binds)
	// Consent revoked by this statement kills the matching OAuth tokens at once.
	s.oauth.Revoke(s.engine.DrainRevocations())
	if err != nil {
		return nil, err
	}
	if res == nil || (res.StatementTypeID == engine.StatementSelect && len(res.Columns) == 0) {
		// The driver indexes rowtype[0] of every SELECT result and would panic.
		return nil, errors.New("engine returned a SELECT result without columns")
	}
	return res, nil
}

// orderBindings turns the driver's {"1": ..., "2": ...} map into positional bindings.
func orderBindings(m map[string]wireBinding) ([]engine.Binding, error) {
	if len(m) == 0 {
		return nil, nil
	}
	keys := make([]int, 0, len(m))
	for k := range m {
		n, err := strconv.Atoi(k)
		if err != nil || n < 1 {
			return nil, unsupported("named bind variables")
		}
		keys = append(keys, n)
	}
	sort.Ints(keys)
	out := make([]engine.Binding, len(keys))
	for i, n := range keys {
		if n != i+1 {
			return nil, &engine.SQLError{Code: "002049", SQLState: "42601",
				Message: fmt.Sprintf("SQL compilation error: error line 0 at position 0\nBind variable ? at position %d not set.", i+1)}
		}
		b := m[strconv.Itoa(n)]
		out[i].Type = b.Type
		if len(b.Value) == 0 || string(b.Value) == "null" {
			continue
		}
		var v string
		if err := json.Unmarshal(b.Value, &v); err != nil {
			return nil, unsupported("array binding")
		}
		out[i].Value = &v
	}
	return out, nil
}

// resultData encodes an engine result in the JSON result format.
func resultData(qid string, res *engine.Result, role string, nBinds int) queryData {
	cols := make([]rowType, len(res.Columns))
	for i, c := range res.Columns {
		cols[i] = columnType(c)
	}
	rows := res.Rows
	if rows == nil {
		rows = [][]*string{}
	}
	if isDML(res.StatementTypeID) && len(rows) == 0 {
		// gosnowflake sums the cells of rowset[0] for RowsAffected and panics on an empty DML rowset;
		// Snowflake answers a DML statement that touched nothing with one row of zero counts.
		rows = [][]*string{zeroCounts(len(cols))}
	}
	return queryData{
		Parameters:        []nameValue{},
		RowType:           cols,
		RowSet:            rows,
		Total:             len(res.Rows),
		Returned:          len(res.Rows),
		QueryID:           qid,
		FinalRoleName:     role,
		NumberOfBinds:     nBinds,
		StatementTypeID:   res.StatementTypeID,
		Version:           1,
		SendResultTime:    time.Now().UnixMilli(),
		QueryResultFormat: "json",
	}
}

func isDML(id int) bool { return id >= 0x3000 && id <= 0x3500 }

// zeroCounts is a DML result row with a count of 0 in each of n columns.
func zeroCounts(n int) []*string {
	row := make([]*string, n)
	for i := range row {
		zero := "0"
		row[i] = &zero
	}
	return row
}

func columnType(c engine.Column) rowType {
	rt := rowType{Name: c.Name, Type: c.Type, Nullable: c.Nullable}
	switch c.Type {
	case "text", "binary":
		n := c.Length
		if n == 0 {
			n = 16777216
		}
		rt.Length, rt.ByteLength = &n, &n
	case "fixed", "timestamp_ltz", "timestamp_ntz", "timestamp_tz", "time":
		p, sc := c.Precision, c.Scale
		rt.Precision, rt.Scale = &p, &sc
	}
	return rt
}

func queryError(qid string, se *engine.SQLError) envelope {
	return errEnvelope(se.Code, se.Message, queryErrorData{
		ErrorCode: se.Code, SQLState: se.SQLState, QueryID: qid, Line: -1, Pos: -1, Type: "COMPILATION",
	})
}

// asSQLError maps an engine failure to a Snowflake error; anything that is not a *SQLError is an
// emulator bug and shows up as Snowflake's internal-error code.
func asSQLError(err error) *engine.SQLError {
	var se *engine.SQLError
	if errors.As(err, &se) {
		return se
	}
	return &engine.SQLError{Code: "000603", SQLState: "XX000", Message: "SQL execution internal error:\n" + err.Error()}
}

func unsupported(what string) *engine.SQLError {
	return &engine.SQLError{Code: "000002", SQLState: "0A000", Message: fmt.Sprintf("Unsupported feature '%s'.", what)}
}

func canceled() *engine.SQLError {
	return &engine.SQLError{Code: "000604", SQLState: "57014", Message: "SQL execution canceled"}
}

var queryCounter atomic.Uint64

// newQueryID returns an id shaped like Snowflake's (01b2c3d4-0000-1234-0000-00000000abcd).
func newQueryID() string {
	n := queryCounter.Add(1)
	return fmt.Sprintf("%08x-0000-%04x-0000-%012x", uint32(time.Now().Unix()), (n>>48)&0xffff, n&0xffffffffffff)
}

// handleAbort cancels a query still waiting to run (POST /queries/v1/abort-request). It always
// succeeds: a query that already finished has nothing to cancel.
func (s *Server) handleAbort(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.authSession(w, r); !ok {
		return
	}
	var req struct {
		RequestID string `json:"requestId"`
	}
	if err := s.readBody(r, &req); err != nil {
		badBody(w, "abort-request", err)
		return
	}
	s.inflight.cancel(req.RequestID)
	writeJSON(w, okEnvelope(nil))
}
