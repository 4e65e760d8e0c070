package snowflake

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/snowflakedb/gosnowflake/v2"
)

func sfErr(n int, state, msg string) error {
	return &gosnowflake.SnowflakeError{Number: n, SQLState: state, Message: msg}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		err  error
		kind error
	}{
		{sfErr(2003, "02000", "SQL compilation error:\nIntegration 'X' does not exist or not authorized."), ErrNotFound},
		{sfErr(2043, "02000", "SQL compilation error:\nObject does not exist, or operation cannot be performed."), ErrNotFound},
		{sfErr(1008, "22023", "invalid value [\"Sundeck\"] for parameter 'OAuth Client Integration name'"), ErrNotFound},
		{sfErr(2002, "42710", "SQL compilation error:\nObject 'MYINT' already exists."), ErrAlreadyExists},
		{sfErr(3001, "42501", "SQL access control error:\nInsufficient privileges to operate on integration 'X'"), ErrInsufficientPrivileges},
		{sfErr(1008, "22023", "SQL compilation error:\ninvalid value [x] for parameter 'Refresh token validity'"), ErrInvalidValue},
		{sfErr(1422, "22023", "invalid value 'x' for property 'P'"), ErrInvalidValue},
		{sfErr(1425, "22023", "invalid property combination"), ErrInvalidValue},
		{sfErr(2029, "42601", "Missing option(s): OAUTH_REDIRECT_URI"), ErrInvalidValue},
		{sfErr(98519, "22023", "Empty network policy NP cannot be active."), ErrInvalidValue},
		{sfErr(1492, "42601", "Cannot perform Drop operation on network policy EXAMPLE."), ErrInUse},
		{sfErr(1003, "42000", "syntax error line 1 at position 0 unexpected 'x'."), nil},
		{fmt.Errorf("wrapped: %w", sfErr(2003, "02000", "gone")), ErrNotFound},
		{errors.New("connection refused"), nil},
	}
	kinds := []error{ErrNotFound, ErrAlreadyExists, ErrInsufficientPrivileges, ErrInvalidValue, ErrInUse}
	for i, c := range cases {
		err := error(classify("do x", c.err))
		for _, k := range kinds {
			if got := errors.Is(err, k); got != (k == c.kind) {
				t.Errorf("case %d (%v): errors.Is(%v) = %v", i, c.err, k, got)
			}
		}
		var sf *gosnowflake.SnowflakeError
		if errors.As(c.err, &sf) && !errors.As(err, &sf) {
			t.Errorf("case %d: the driver error is not reachable with errors.As", i)
		}
		if !strings.HasPrefix(err.Error(), "do x: ") {
			t.Errorf("case %d: %q lacks the operation", i, err.Error())
		}
	}
}

func TestErrorDetail(t *testing.T) {
	e := classify(`describe security integration X`, sfErr(2003, "02000", "SQL compilation error:\nIntegration 'X' does not exist or not authorized."))
	if e.Code != "002003" || e.SQLState != "02000" || !strings.Contains(e.Message, "\n") {
		t.Fatalf("fields: %+v", e)
	}
	want := "Snowflake error 002003 (02000): SQL compilation error: Integration 'X' does not exist or not authorized."
	if e.Detail() != want || Detail(e) != want || Detail(fmt.Errorf("ctx: %w", e)) != want {
		t.Errorf("Detail = %q; want %q", e.Detail(), want)
	}
	if got := Detail(sfErr(3001, "42501", "Insufficient privileges")); got != "Snowflake error 003001 (42501): Insufficient privileges" {
		t.Errorf("Detail of a raw driver error = %q", got)
	}
	if got := Detail(errors.New("plain")); got != "plain" {
		t.Errorf("Detail(plain) = %q", got)
	}
	if got := Detail(nil); got != "" {
		t.Errorf("Detail(nil) = %q", got)
	}
	if got := classify("op", context.Canceled); !errors.Is(got, context.Canceled) || got.Kind != nil {
		t.Errorf("context error lost: %v", got)
	}
	// Re-classifying keeps the kind and code and takes the new operation.
	again := classify("outer", e)
	if again.Op != "outer" || again.Code != "002003" || !errors.Is(again, ErrNotFound) {
		t.Errorf("re-classified: %+v", again)
	}
	withArgs := classify("op", &gosnowflake.SnowflakeError{Number: 2003, SQLState: "02000", Message: "Object '%s' does not exist or not authorized.", MessageArgs: []any{"Y"}})
	if withArgs.Message != "Object 'Y' does not exist or not authorized." {
		t.Errorf("message args not applied: %q", withArgs.Message)
	}
}

func TestOutcomeUnknown(t *testing.T) {
	answered := &gosnowflake.SnowflakeError{Number: 2002, SQLState: "42710", QueryID: "01b2", Message: "already exists"}
	refused := &gosnowflake.SnowflakeError{Number: 390104, Message: "Session no longer exists"}
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"snowflake answered", classify("create", answered), false},
		{"no query id", classify("create", refused), true},
		{"transport", classify("create", errors.New("failed to get response: 503")), true},
		{"cancelled", classify("create", context.Canceled), true},
	} {
		if got := OutcomeUnknown(c.err); got != c.want {
			t.Errorf("%s: OutcomeUnknown = %v, want %v", c.name, got, c.want)
		}
	}
}
