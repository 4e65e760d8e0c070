package snowflake

import (
	"errors"
	"fmt"
	"strings"

	"github.com/snowflakedb/gosnowflake/v2"
)

// Error kinds; test with errors.Is(err, snowflake.ErrNotFound).
var (
	ErrNotFound               = errors.New("object does not exist or not authorized")
	ErrAlreadyExists          = errors.New("object already exists")
	ErrInsufficientPrivileges = errors.New("insufficient privileges")
	ErrInvalidValue           = errors.New("invalid value")
	// ErrInUse: the object is still referenced (a network policy attached to an integration, 001492).
	ErrInUse = errors.New("object is in use")
)

// Error is a failed operation. Code, SQLState and Message are Snowflake's when it answered; Kind is
// one of the Err* sentinels or nil when the failure has no known kind.
type Error struct {
	Kind     error
	Code     string // six digits, e.g. "002003"; "" when Snowflake did not answer with an error
	SQLState string
	Message  string
	Op       string // what the provider was doing, e.g. `describe security integration MY_APP`
	Err      error  // the underlying error
}

func (e *Error) Error() string { return e.Op + ": " + e.Detail() }

// Detail is the readable diagnostic text: "Snowflake error 002003 (02000): SQL compilation error: ...".
func (e *Error) Detail() string {
	msg := strings.Join(strings.Fields(e.Message), " ")
	switch {
	case e.Code != "" && e.SQLState != "":
		return fmt.Sprintf("Snowflake error %s (%s): %s", e.Code, e.SQLState, msg)
	case e.Code != "":
		return fmt.Sprintf("Snowflake error %s: %s", e.Code, msg)
	case msg != "":
		return msg
	case e.Err != nil:
		return e.Err.Error()
	}
	return "unknown error"
}

// Is makes errors.Is(err, ErrNotFound) and friends work.
func (e *Error) Is(target error) bool { return e.Kind != nil && target == e.Kind }

// Unwrap gives the underlying error (e.g. *gosnowflake.SnowflakeError).
func (e *Error) Unwrap() error { return e.Err }

// Detail renders any error for a diagnostic: Snowflake's code and message when known.
func Detail(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Detail()
	}
	var sf *gosnowflake.SnowflakeError
	if errors.As(err, &sf) {
		return classify("", sf).Detail()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// classify wraps err with op and a kind. Errors other than Snowflake's keep their text.
func classify(op string, err error) *Error {
	var existing *Error
	if errors.As(err, &existing) {
		c := *existing
		if op != "" {
			c.Op = op
		}
		return &c
	}
	e := &Error{Op: op, Err: err}
	var sf *gosnowflake.SnowflakeError
	if !errors.As(err, &sf) {
		if err != nil {
			e.Message = err.Error()
		}
		return e
	}
	e.Code = fmt.Sprintf("%06d", sf.Number)
	e.SQLState = sf.SQLState
	e.Message = sf.Message
	if len(sf.MessageArgs) > 0 {
		e.Message = fmt.Sprintf(sf.Message, sf.MessageArgs...)
	}
	e.Kind = kindOf(e.Code, e.Message)
	return e
}

// Codes and message fragments (internal/emulator/FIDELITY.md, "Errors"; recorded in
// internal/conformance/testdata/errors.json).
var (
	notFoundCodes     = map[string]bool{"002003": true}
	existsCodes       = map[string]bool{"002002": true}
	privilegeCodes    = map[string]bool{"003001": true}
	invalidValueCodes = map[string]bool{"001008": true, "001422": true, "001425": true, "002029": true, "098519": true}
	inUseCodes        = map[string]bool{"001492": true}
)

func kindOf(code, msg string) error {
	lower := strings.ToLower(msg)
	switch {
	case notFoundCodes[code],
		strings.Contains(lower, "does not exist or not authorized"),
		strings.Contains(lower, "object does not exist, or operation cannot be performed"),
		// SYSTEM$SHOW_OAUTH_CLIENT_SECRETS reports an unknown integration as an invalid argument.
		strings.Contains(lower, "for parameter 'oauth client integration name'"):
		return ErrNotFound
	case existsCodes[code]:
		return ErrAlreadyExists
	case privilegeCodes[code], strings.Contains(lower, "insufficient privileges"):
		return ErrInsufficientPrivileges
	case inUseCodes[code]:
		return ErrInUse
	case invalidValueCodes[code]:
		return ErrInvalidValue
	}
	return nil
}

// notFound is the error for an object a SHOW ... LIKE did not list.
func notFound(op, what string, name fmt.Stringer) *Error {
	return &Error{Kind: ErrNotFound, Op: op, Message: fmt.Sprintf("%s %s does not exist or not authorized", what, name)}
}

// OutcomeUnknown reports whether a failed statement may nevertheless have run: no Snowflake answer
// said it failed. That is the case after a transport failure that outlasted the driver's retries
// (the request may have been executed and only its answer lost), a cancelled or timed-out context,
// or a refused session. Snowflake's answer to a statement it compiled or ran always carries a query
// id, so an error with one is a definite failure. Callers that created something check whether it
// exists before they report a failure, so that a created object never goes missing from state.
func OutcomeUnknown(err error) bool {
	if err == nil {
		return false
	}
	var sf *gosnowflake.SnowflakeError
	if errors.As(err, &sf) {
		return sf.QueryID == ""
	}
	var e *Error
	if errors.As(err, &e) && e.Code != "" {
		return false // a classified Snowflake answer whose driver error was not kept
	}
	return true
}
