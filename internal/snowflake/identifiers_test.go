package snowflake

import (
	"strings"
	"testing"
)

func TestParseIdentifier(t *testing.T) {
	long255 := strings.Repeat("a", 255)
	cases := []struct {
		in, name, sql, str string
	}{
		{"analyst", "ANALYST", `"ANALYST"`, "ANALYST"},
		{"tableau_int", "TABLEAU_INT", `"TABLEAU_INT"`, "TABLEAU_INT"},
		{"_x$1", "_X$1", `"_X$1"`, "_X$1"},
		{"ANALYST", "ANALYST", `"ANALYST"`, "ANALYST"},
		{`"ANALYST"`, "ANALYST", `"ANALYST"`, "ANALYST"},
		{`"Mixed"`, "Mixed", `"Mixed"`, `"Mixed"`},
		{`"tableau_int"`, "tableau_int", `"tableau_int"`, `"tableau_int"`},
		{"Legacy App", "Legacy App", `"Legacy App"`, `"Legacy App"`},
		{"my-app.v2", "my-app.v2", `"my-app.v2"`, `"my-app.v2"`},
		{"1abc", "1abc", `"1abc"`, `"1abc"`},
		{`"quote""andunquote"""`, `quote"andunquote"`, `"quote""andunquote"""`, `"quote""andunquote"""`},
		{`Legacy "App"`, `Legacy "App"`, `"Legacy ""App"""`, `"Legacy ""App"""`},
		{`it's`, `it's`, `"it's"`, `"it's"`},
		{"Ünïcødé", "Ünïcødé", `"Ünïcødé"`, `"Ünïcødé"`},
		{`"日本語"`, "日本語", `"日本語"`, `"日本語"`},
		{"a|b", "a|b", `"a|b"`, `"a|b"`},
		{`"` + "x y" + `"`, "x y", `"x y"`, `"x y"`},
		{long255, strings.ToUpper(long255), `"` + strings.ToUpper(long255) + `"`, strings.ToUpper(long255)},
		{`"` + strings.Repeat("é", 255) + `"`, strings.Repeat("é", 255), `"` + strings.Repeat("é", 255) + `"`, `"` + strings.Repeat("é", 255) + `"`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			id, err := ParseIdentifier(c.in)
			if err != nil {
				t.Errorf("ParseIdentifier(%q): %v", c.in, err)
				return
			}
			if id.Name() != c.name || id.SQL() != c.sql || id.String() != c.str {
				t.Errorf("ParseIdentifier(%q) = name %q sql %s string %s; want %q %s %s", c.in, id.Name(), id.SQL(), id.String(), c.name, c.sql, c.str)
			}
			back, err := ParseIdentifier(id.String())
			if err != nil || !back.Equal(id) {
				t.Errorf("ParseIdentifier(String() of %q) = %v, %v; want the same identifier", c.in, back, err)
			}
		})
	}
}

func TestParseIdentifierErrors(t *testing.T) {
	cases := map[string]string{
		"":                                   "empty",
		`""`:                                 "empty",
		`"a"b"`:                              "quoted",
		`"abc`:                               "quoted",
		`"`:                                  "quoted",
		`"a" `:                               "quoted",
		strings.Repeat("a", 256):             "256 characters",
		`"` + strings.Repeat("é", 256) + `"`: "256 characters",
		"line\nbreak":                        "control character",
		"nul\x00":                            "control character",
		"bad\xffutf8":                        "UTF-8",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			_, err := ParseIdentifier(in)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("ParseIdentifier(%q) error = %v; want one mentioning %q", in, err, want)
			}
		})
	}
}

func TestIdentifierEqualAndSets(t *testing.T) {
	a := MustParseIdentifier("analyst")
	if !a.Equal(NewIdentifier("ANALYST")) || !a.Equal(MustParseIdentifier(`"ANALYST"`)) {
		t.Error("analyst, ANALYST and \"ANALYST\" must denote the same object")
	}
	if a.Equal(MustParseIdentifier(`"analyst"`)) {
		t.Error(`"analyst" must differ from analyst`)
	}
	x := []Identifier{MustParseIdentifier("a"), MustParseIdentifier("b")}
	if !SameIdentifierSet(x, []Identifier{NewIdentifier("B"), NewIdentifier("A"), NewIdentifier("A")}) {
		t.Error("sets with the same names in another order must be equal")
	}
	if SameIdentifierSet(x, []Identifier{NewIdentifier("A")}) || SameIdentifierSet(x, []Identifier{NewIdentifier("A"), NewIdentifier("b")}) {
		t.Error("different sets compared equal")
	}
	if !(Identifier{}).IsZero() || a.IsZero() {
		t.Error("IsZero wrong")
	}
	if _, err := ParseIdentifiers([]string{"ok", ""}); err == nil || !strings.Contains(err.Error(), "entry 1") {
		t.Errorf("ParseIdentifiers error = %v; want it to name entry 1", err)
	}
}

func TestSplitJoinID(t *testing.T) {
	jane, analyst, app := MustParseIdentifier("jane"), MustParseIdentifier("analyst"), MustParseIdentifier("notebook_app")
	if got := JoinID(jane, analyst, app); got != "JANE|ANALYST|NOTEBOOK_APP" {
		t.Fatalf("JoinID = %q", got)
	}
	pipe := NewIdentifier(`we|ird "x"`)
	id := JoinID(jane, pipe, app)
	if id != `JANE|"we|ird ""x"""|NOTEBOOK_APP` {
		t.Fatalf("JoinID with pipe = %q", id)
	}
	parts, err := SplitID(id, 3)
	if err != nil || !parts[0].Equal(jane) || !parts[1].Equal(pipe) || !parts[2].Equal(app) {
		t.Fatalf("SplitID(%q) = %v, %v", id, parts, err)
	}
	parts, err = SplitID(`jane | "Mixed Role" |Legacy App`, 3)
	if err != nil || parts[0].Name() != "JANE" || parts[1].Name() != "Mixed Role" || parts[2].Name() != "Legacy App" {
		t.Fatalf("SplitID with blanks = %v, %v", parts, err)
	}
	for _, bad := range []string{"a|b", "a|b|c|d", "a||c", `a|"b|c`, `a|"b"x|c`, ""} {
		if _, err := SplitID(bad, 3); err == nil {
			t.Errorf("SplitID(%q, 3) succeeded; want an error", bad)
		}
	}
}

func TestQualifiedName(t *testing.T) {
	q, err := ParseQualifiedName(`db."My Schema".rule_1`)
	if err != nil {
		t.Fatal(err)
	}
	if q.SQL() != `"DB"."My Schema"."RULE_1"` || q.String() != `DB."My Schema".RULE_1` {
		t.Fatalf("got %s / %s", q.SQL(), q.String())
	}
	back, err := ParseQualifiedName(q.String())
	if err != nil || !back.Equal(q) {
		t.Fatalf("round trip: %v %v", back, err)
	}
	dotted := QualifiedName{NewIdentifier("a.b"), NewIdentifier("S"), NewIdentifier("R")}
	if back, err := ParseQualifiedName(dotted.String()); err != nil || !back.Equal(dotted) {
		t.Fatalf("dotted round trip %q: %v %v", dotted.String(), back, err)
	}
	for _, bad := range []string{"a.b", "a.b.c.d", `"a.b.c`, `"a"x.b.c`, "a..c"} {
		if _, err := ParseQualifiedName(bad); err == nil {
			t.Errorf("ParseQualifiedName(%q) succeeded", bad)
		}
	}
}
