package conformance_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/conformance"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// shapes classify values that differ between accounts or runs; two such values conform when their
// shapes are equal.
var shapes = []struct {
	name string
	re   *regexp.Regexp
}{
	{"empty", regexp.MustCompile(`^$`)},
	{"boolean", regexp.MustCompile(`^(true|false)$`)},
	{"digits", regexp.MustCompile(`^\d+$`)},
	{"epoch timestamp", regexp.MustCompile(`^\d+\.\d{9}$`)},
	{"key fingerprint", regexp.MustCompile(`^SHA256:[A-Za-z0-9+/]{43}=$`)},
	{"client id", regexp.MustCompile(`^[A-Za-z0-9+/]{27}=$`)},
	{"client secret", regexp.MustCompile(`^[A-Za-z0-9+/]{43}=$`)},
	{"URL", regexp.MustCompile(`^https?://[^\s,]+/oauth/[a-z-]+$`)},
}

func shape(v string) string {
	for _, s := range shapes {
		if s.re.MatchString(v) {
			return s.name
		}
	}
	return "text"
}

func newEngine(t *testing.T, setup []string) (*engine.Engine, *engine.Session) {
	t.Helper()
	e := engine.New(engine.Options{AdminPassword: "pw", BaseURL: "http://127.0.0.1:8085"})
	s := &engine.Session{ID: 1, User: "ADMIN", Role: "ACCOUNTADMIN"}
	for _, q := range setup {
		if _, err := e.Exec(s, q, nil); err != nil {
			t.Fatalf("setup %q: %v", q, err)
		}
	}
	return e, s
}

// TestEmulatorAnswersLikeSnowflake runs each recorded statement on a fresh emulator account prepared
// by the recording's setup, and compares the answer with the recording: the recorded columns appear in
// the same order with the same wire types (extra columns are allowed), and every recorded row is
// there with the same values (by shape where values vary between accounts).
func TestEmulatorAnswersLikeSnowflake(t *testing.T) {
	c, err := conformance.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Results) < 8 {
		t.Fatalf("corpus has %d recorded results; expected at least 8", len(c.Results))
	}
	for _, rec := range c.Results {
		t.Run(rec.File, func(t *testing.T) {
			e, s := newEngine(t, rec.Setup)
			res, err := e.Exec(s, rec.Statement, nil)
			if err != nil {
				t.Fatalf("%s: %v", rec.Statement, err)
			}
			pos := compareColumns(t, rec, res)
			compareRows(t, rec, res, pos)
		})
	}
}

// compareColumns checks names, relative order and types; it returns each recorded column's position
// in the emulator's answer.
func compareColumns(t *testing.T, rec conformance.Result, res *engine.Result) []int {
	t.Helper()
	pos := make([]int, len(rec.Columns))
	next := 0
	for i, name := range rec.Columns {
		pos[i] = -1
		for j := next; j < len(res.Columns); j++ {
			if res.Columns[j].Name == name {
				pos[i], next = j, j+1
				break
			}
		}
		if pos[i] < 0 {
			t.Fatalf("column %q missing or out of order; emulator columns: %v", name, columnNames(res))
		}
		if got := res.Columns[pos[i]].Type; got != rec.ColumnTypes[i] {
			t.Errorf("column %q has type %s, Snowflake's is %s", name, got, rec.ColumnTypes[i])
		}
	}
	return pos
}

func columnNames(res *engine.Result) []string {
	var out []string
	for _, c := range res.Columns {
		out = append(out, c.Name)
	}
	return out
}

func compareRows(t *testing.T, rec conformance.Result, res *engine.Result, pos []int) {
	t.Helper()
	keyIdx := -1
	for i, c := range rec.Columns {
		if c == rec.KeyColumn {
			keyIdx = i
		}
	}
	if keyIdx < 0 {
		t.Fatalf("key column %q is not a recorded column", rec.KeyColumn)
	}
	if rec.ExactRows && len(res.Rows) != len(rec.Rows) {
		t.Errorf("%d rows, Snowflake answers %d", len(res.Rows), len(rec.Rows))
	}
	for _, want := range rec.Rows {
		key := deref(want[keyIdx])
		got := findRow(res, pos[keyIdx], key)
		if got == nil {
			t.Errorf("no row %s = %q", rec.KeyColumn, key)
			continue
		}
		for i, col := range rec.Columns {
			compareCell(t, rec, key, col, want[i], got[pos[i]])
		}
	}
}

func compareCell(t *testing.T, rec conformance.Result, key, col string, want, got *string) {
	t.Helper()
	if (want == nil) != (got == nil) {
		t.Errorf("%s / %s: NULL mismatch: Snowflake %v, emulator %v", key, col, want == nil, got == nil)
		return
	}
	if want == nil {
		return
	}
	if rec.Varies(key) || rec.Varies(col) {
		if shape(*want) != shape(*got) {
			t.Errorf("%s / %s: emulator %q is a %s, Snowflake's %q is a %s", key, col, *got, shape(*got), *want, shape(*want))
		}
		return
	}
	if *want != *got {
		t.Errorf("%s / %s: emulator %q, Snowflake %q", key, col, *got, *want)
	}
}

func findRow(res *engine.Result, col int, key string) []*string {
	for _, r := range res.Rows {
		if deref(r[col]) == key {
			return r
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestEmulatorSecretsLikeSnowflake compares SYSTEM$SHOW_OAUTH_CLIENT_SECRETS: one row, one column,
// compact JSON with Snowflake's key order and value formats.
func TestEmulatorSecretsLikeSnowflake(t *testing.T) {
	c, err := conformance.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Secrets) == 0 {
		t.Fatal("no recorded secrets answer")
	}
	for _, rec := range c.Secrets {
		e, s := newEngine(t, rec.Setup)
		res, err := e.Exec(s, rec.Statement, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Columns) != 1 || len(res.Rows) != 1 || res.Rows[0][0] == nil {
			t.Fatalf("want one row with one cell, got %d columns and %d rows", len(res.Columns), len(res.Rows))
		}
		got, want := *res.Rows[0][0], rec.Value
		if strings.Contains(got, " ") || strings.Contains(got, "\n") {
			t.Errorf("the JSON is not compact")
		}
		gk, gv := jsonKeys(t, got)
		wk, wv := jsonKeys(t, want)
		if strings.Join(gk, ",") != strings.Join(wk, ",") {
			t.Errorf("keys %v, Snowflake's are %v (in this order)", gk, wk)
		}
		for k, v := range wv {
			if shape(gv[k]) != shape(v) {
				t.Errorf("%s is a %s, Snowflake's is a %s", k, shape(gv[k]), shape(v))
			}
		}
	}
}

// jsonKeys returns an object's keys in document order and its string values.
func jsonKeys(t *testing.T, s string) ([]string, map[string]string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	vals := map[string]string{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		key, ok := k.(string)
		if !ok {
			t.Fatalf("secrets JSON: key %v is not a string", k)
		}
		keys = append(keys, key)
		vals[key] = v
	}
	return keys, vals
}

// TestEmulatorErrorsLikeSnowflake: each recorded failure gives the same code, SQL state and message.
func TestEmulatorErrorsLikeSnowflake(t *testing.T) {
	c, err := conformance.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range c.Errors {
		t.Run(rec.Name, func(t *testing.T) {
			e, s := newEngine(t, rec.Setup)
			_, err := e.Exec(s, rec.Statement, nil)
			var se *engine.SQLError
			if !errors.As(err, &se) {
				t.Fatalf("%s: err = %v, want Snowflake's %s", rec.Statement, err, rec.Code)
			}
			if se.Code != rec.Code || se.SQLState != rec.SQLState {
				t.Errorf("%s (%s), Snowflake answers %s (%s)", se.Code, se.SQLState, rec.Code, rec.SQLState)
			}
			switch {
			case rec.MessagePattern != "":
				if !regexp.MustCompile(rec.MessagePattern).MatchString(se.Message) {
					t.Errorf("message %q does not match %s", se.Message, rec.MessagePattern)
				}
			case se.Message != rec.Message:
				t.Errorf("message %q, Snowflake's is %q", se.Message, rec.Message)
			}
		})
	}
}
