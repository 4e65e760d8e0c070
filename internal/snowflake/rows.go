package snowflake

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// table is a fully read result set. Cells hold what database/sql returned: nil, string, []byte,
// bool, int64, float64 or time.Time.
type table struct {
	Columns []string
	Rows    [][]any
}

// index maps lower-case column names to positions: parsing is by name, never by position.
func (t table) index() map[string]int {
	m := make(map[string]int, len(t.Columns))
	for i, c := range t.Columns {
		m[strings.ToLower(c)] = i
	}
	return m
}

// record is one row addressed by column name.
type record struct {
	idx  map[string]int
	vals []any
}

func (t table) records() []record {
	idx := t.index()
	out := make([]record, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = record{idx: idx, vals: r}
	}
	return out
}

// requireColumns fails when the result lacks a column the parser needs (a wrong statement or an
// incompatible server), instead of silently reading empty values.
func (t table) requireColumns(what string, names ...string) error {
	idx := t.index()
	for _, n := range names {
		if _, ok := idx[n]; !ok {
			return fmt.Errorf("%s: result has no column %q (columns: %s)", what, n, strings.Join(t.Columns, ", "))
		}
	}
	return nil
}

// cell returns the named cell; absent columns read as NULL (nil).
func (r record) cell(name string) any {
	i, ok := r.idx[name]
	if !ok || i >= len(r.vals) {
		return nil
	}
	return r.vals[i]
}

// str returns the cell as text; NULL and absent columns are "".
func (r record) str(name string) string {
	v := r.cell(name)
	return cellString(v)
}

func cellString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

// boolean reads a BOOLEAN cell, whether the driver gives a bool or its text.
func (r record) boolean(name string) (bool, error) {
	v := r.cell(name)
	if b, ok := v.(bool); ok {
		return b, nil
	}
	s := cellString(v)
	if s == "" {
		return false, nil
	}
	return parseBool(s)
}

// timestamp reads a TIMESTAMP cell: a time.Time from the driver, or text in the forms Snowflake prints.
func (r record) timestamp(name string) (time.Time, error) {
	v := r.cell(name)
	if t, ok := v.(time.Time); ok {
		return t, nil
	}
	s := cellString(v)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999 -0700", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	// Epoch seconds with a fraction, as on the wire.
	sec, frac, _ := strings.Cut(s, ".")
	if n, err := strconv.ParseInt(sec, 10, 64); err == nil {
		var ns int64
		if frac != "" {
			frac = (frac + "000000000")[:9]
			if ns, err = strconv.ParseInt(frac, 10, 64); err != nil || ns < 0 {
				return time.Time{}, fmt.Errorf("column %s: invalid timestamp %q", name, s)
			}
		}
		return time.Unix(n, ns).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("column %s: invalid timestamp %q", name, s)
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean %q", s)
}

// splitList reads a list of values (URIs, endpoints): "a,b", "[a, b]", a JSON array of strings, or
// "" / "[]" for empty. Blanks around entries are dropped.
func splitList(s string) []string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if vals, ok := jsonStrings(s); ok {
			return vals
		}
		s = s[1 : len(s)-1]
	}
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitRoleList reads a DESCRIBE role list: stored names joined by "," with no blanks ("" is empty).
// Names are taken exactly, so a role named with spaces survives; the bracketed form is tolerated.
func splitRoleList(s string) []Identifier {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		ids := []Identifier{}
		for _, v := range splitList(s) {
			ids = append(ids, NewIdentifier(v))
		}
		return ids
	}
	ids := []Identifier{}
	if s == "" {
		return ids
	}
	for _, v := range strings.Split(s, ",") {
		if v != "" {
			ids = append(ids, NewIdentifier(v))
		}
	}
	return ids
}

func jsonStrings(s string) ([]string, bool) {
	var v []string
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, false
	}
	if v == nil {
		v = []string{}
	}
	return v, true
}
