package snowflake

import (
	"reflect"
	"testing"
	"time"
)

func TestCellString(t *testing.T) {
	ts := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	cases := []struct {
		in   any
		want string
	}{
		{nil, ""}, {"s", "s"}, {[]byte("b"), "b"}, {true, "true"}, {int64(42), "42"}, {1.5, "1.5"},
		{ts, "2026-01-02T03:04:05.000000006Z"}, {int32(7), "7"},
	}
	for _, c := range cases {
		if got := cellString(c.in); got != c.want {
			t.Errorf("cellString(%#v) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestSplitLists(t *testing.T) {
	cases := map[string][]string{
		"":               {},
		"[]":             {},
		"a,b":            {"a", "b"},
		"[a, b]":         {"a", "b"},
		`["a,1","b"]`:    {"a,1", "b"},
		" https://x/cb ": {"https://x/cb"},
	}
	for in, want := range cases {
		if got := splitList(in); !reflect.DeepEqual(got, want) {
			t.Errorf("splitList(%q) = %q; want %q", in, got, want)
		}
	}
	roles := map[string][]string{
		"":                 {},
		"A,B":              {"A", "B"},
		"[A, Legacy Role]": {"A", "Legacy Role"},
		" lead space,B":    {" lead space", "B"},
	}
	for in, want := range roles {
		if got := names(splitRoleList(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("splitRoleList(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestOptionsIsEmptyAndDetailForms(t *testing.T) {
	if !(NetworkPolicyOptions{}).IsEmpty() || (NetworkPolicyOptions{AllowedIPs: []string{}}).IsEmpty() {
		t.Error("NetworkPolicyOptions.IsEmpty wrong: an empty non-nil list is a change")
	}
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{Code: "000002", Message: "Unsupported feature 'UNSET'"}, "Snowflake error 000002: Unsupported feature 'UNSET'"},
		{Error{Message: "Network policy X does not exist"}, "Network policy X does not exist"},
		{Error{}, "unknown error"},
	} {
		if got := c.e.Detail(); got != c.want {
			t.Errorf("Detail = %q; want %q", got, c.want)
		}
	}
}
