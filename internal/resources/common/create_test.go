package common

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	sf "github.com/snowflakedb/gosnowflake/v2"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var (
	errAnswered = &sf.SnowflakeError{Number: 2002, SQLState: "42710", QueryID: "q1", Message: "Object already exists."}
	errLost     = errors.New("timeout after 0s and 8 attempts. HTTP Status: 503. Hanging?")
	errNotFound = &snowflake.Error{Kind: snowflake.ErrNotFound, Message: "does not exist"}
	errRead     = &sf.SnowflakeError{Number: 603, SQLState: "XX000", QueryID: "q2", Message: "internal error"}
)

// TestCreateThenRead covers every combination of the create's and the read's results.
func TestCreateThenRead(t *testing.T) {
	ReadBackDelays = nil // one read attempt: the retries are not what this test is about
	for _, c := range []struct {
		name              string
		createErr         error
		readErr           error
		want              Outcome
		wantErr, wantWarn string
		wantOnErr         bool
	}{
		{"created and read", nil, nil, CreatedAndRead, "", "", false},
		{"definite failure", errAnswered, nil, NotCreated, "", "", true},
		{"read fails after create", nil, errRead, CreatedNotRead, "", "could not read it back", false},
		{"answer lost, object found", errLost, nil, CreatedAndRead, "", "answer was lost", false},
		{"answer lost, object absent", errLost, errNotFound, NotCreated, "", "", true},
		{"answer lost, lookup fails", errLost, errRead, OutcomeUnknown, "Unknown whether", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var diags diag.Diagnostics
			reads, onErr := 0, false
			v, got := CreateThenRead(context.Background(), &diags, "thing X",
				func(context.Context) error { return c.createErr },
				func(context.Context) (int, error) { reads++; return 42, c.readErr },
				func(error) { onErr = true })
			if got != c.want || onErr != c.wantOnErr {
				t.Fatalf("outcome %v onErr %v, want %v %v (diags %v)", got, onErr, c.want, c.wantOnErr, diags)
			}
			if (got == CreatedAndRead) != (v == 42) {
				t.Fatalf("value %d with outcome %v", v, got)
			}
			if c.createErr == errAnswered && reads != 0 {
				t.Fatalf("a definite failure was followed by %d reads", reads)
			}
			checkDiag(t, diags.Errors(), c.wantErr)
			checkDiag(t, diags.Warnings(), c.wantWarn)
		})
	}
}

func checkDiag(t *testing.T, ds diag.Diagnostics, want string) {
	t.Helper()
	if want == "" {
		if len(ds) != 0 {
			t.Fatalf("unexpected diagnostics %v", ds)
		}
		return
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Summary()+ds[0].Detail(), want) {
		t.Fatalf("want one diagnostic containing %q, got %v", want, ds)
	}
}

// TestRetryReadStopsOnSuccess: failures are retried up to the bound, success ends the loop.
func TestRetryReadStopsOnSuccess(t *testing.T) {
	ReadBackDelays = []time.Duration{0, 0, 0}
	n := 0
	_, err := RetryRead(context.Background(), func(context.Context) (int, error) {
		n++
		if n < 3 {
			return 0, errRead
		}
		return 1, nil
	})
	if err != nil || n != 3 {
		t.Fatalf("err %v after %d reads, want success after 3", err, n)
	}
	n = 0
	_, err = RetryRead(context.Background(), func(context.Context) (int, error) { n++; return 0, errRead })
	if err == nil || n != 4 {
		t.Fatalf("err %v after %d reads, want failure after 4", err, n)
	}
}

// TestCreateThenVerifyReadsOnlyWhenTheAnswerIsLost: an answered create costs no statement more.
func TestCreateThenVerifyReadsOnlyWhenTheAnswerIsLost(t *testing.T) {
	ReadBackDelays = nil
	for _, c := range []struct {
		createErr error
		reads     int
		want      Outcome
	}{{nil, 0, CreatedAndRead}, {errAnswered, 0, NotCreated}, {errLost, 1, CreatedAndRead}} {
		var diags diag.Diagnostics
		reads := 0
		got := CreateThenVerify(context.Background(), &diags, "thing X",
			func(context.Context) error { return c.createErr },
			func(context.Context) error { reads++; return nil }, func(error) {})
		if got != c.want || reads != c.reads {
			t.Errorf("create error %v: outcome %v after %d reads, want %v after %d", c.createErr, got, reads, c.want, c.reads)
		}
	}
}

func TestNullUnknowns(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"a": tftypes.String, "b": tftypes.String, "l": tftypes.List{ElementType: tftypes.String}}}
	in := tftypes.NewValue(typ, map[string]tftypes.Value{
		"a": tftypes.NewValue(tftypes.String, "kept"),
		"b": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"l": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, tftypes.UnknownValue),
	})
	out, err := NullUnknowns(in)
	if err != nil {
		t.Fatal(err)
	}
	if !out.IsFullyKnown() {
		t.Fatalf("unknowns left: %v", out)
	}
	var m map[string]tftypes.Value
	if err := out.As(&m); err != nil {
		t.Fatal(err)
	}
	var a string
	_ = m["a"].As(&a)
	if a != "kept" || !m["b"].IsNull() || !m["l"].IsNull() {
		t.Fatalf("got %v", out)
	}
}

func TestImportHint(t *testing.T) {
	h := ImportHint("snowflakeoauth_network_policy", `"office" ${x}`)
	for _, want := range []string{
		"import {\n  to = snowflakeoauth_network_policy.<name>\n  id = \"\\\"office\\\" $${x}\"\n}",
		`terraform import snowflakeoauth_network_policy.<name> '"office" ${x}'`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("hint lacks %q:\n%s", want, h)
		}
	}
}
