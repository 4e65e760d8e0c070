// Package engine is the emulator's SQL engine: a tokenizer, a recursive-descent parser per statement
// family, and an in-memory catalog with Snowflake's semantics for the OAuth-related objects.
// The wire layer (package emulator) calls Exec for every query-request and the login helpers at login.
package engine

import "fmt"

// Statement type ids the driver cares about (gosnowflake reads 0x1000 as SELECT and 0x3000-0x3500 as DML).
const (
	StatementSelect = 0x1000
	StatementDDL    = 0x6000
	StatementShow   = 0x4400
	StatementDesc   = 0x4500
	StatementOther  = 0x0
)

// Column describes one result column. Type is a lower-case Snowflake wire type: text, fixed, boolean,
// timestamp_ltz, ...
type Column struct {
	Name      string
	Type      string
	Nullable  bool
	Precision int
	Scale     int
	Length    int
}

// Result is the outcome of one statement. Cells are strings or nil (SQL NULL); timestamps are epoch
// seconds with a 9-digit fraction, as the driver expects.
type Result struct {
	Columns         []Column
	Rows            [][]*string
	StatementTypeID int
}

// Binding is one value bound to a `?` placeholder (positional, 1-based order). Value nil is SQL NULL.
type Binding struct {
	Type  string // FIXED, TEXT, BOOLEAN, REAL, TIMESTAMP_NTZ, ...
	Value *string
}

// SQLError is a Snowflake error: Code is six digits ("002003"), SQLState five characters.
type SQLError struct {
	Code     string
	SQLState string
	Message  string
}

func (e *SQLError) Error() string { return fmt.Sprintf("%s (%s): %s", e.Code, e.SQLState, e.Message) }

// Session is the per-connection state the engine reads and changes (USE ROLE changes Role).
type Session struct {
	ID   int64
	User string // stored user name
	Role string // current primary role (stored name)
	// ClientIP is the remote address of the connection, used by network-policy checks.
	ClientIP string
	// Client is what CURRENT_CLIENT() shows, e.g. "Go 1.14.0" (the driver's CLIENT_APP_ID and
	// CLIENT_APP_VERSION at login); empty means the wire layer did not record it.
	Client string
	// OAuth is set for sessions opened with an OAuth access token: what the token allows.
	OAuth *OAuthSession
}
