package snowflake

import "strings"

// alterSQL returns ALTER <object> <verb> clause, clause..., or "" when there is no clause: an ALTER
// that changes nothing is not sent. object is e.g. `NETWORK POLICY "OFFICE_NP"`; sep is ", " except
// in ALTER NETWORK POLICY ... SET, whose grammar separates the assignments with spaces.
func alterSQL(object, verb string, clauses []string, sep string) string {
	if len(clauses) == 0 {
		return ""
	}
	return "ALTER " + object + " " + verb + " " + strings.Join(clauses, sep)
}

// keywords renders property names for UNSET.
func keywords[P ~string](props []P) []string {
	out := make([]string, len(props))
	for i, p := range props {
		out[i] = keyword(string(p))
	}
	return out
}

// assignments collects the `NAME = value` clauses of CREATE and ALTER ... SET.
type assignments []string

// assign adds NAME = render(*v) when v is set (not nil).
func assign[N ~string, T any](a *assignments, name N, v *T, render func(T) string) {
	if v != nil {
		*a = append(*a, string(name)+" = "+render(*v))
	}
}

// assignList adds NAME = render(v) when the list is set (not nil; an empty list is set, and clears it).
func assignList[N ~string, T any](a *assignments, name N, v []T, render func([]T) string) {
	if v != nil {
		*a = append(*a, string(name)+" = "+render(v))
	}
}
