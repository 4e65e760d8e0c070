package engine

import (
	"strings"
	"testing"
)

func TestTokenizeIdentifiersAndStrings(t *testing.T) {
	toks, err := tokenize(`create Security integration "My ""Int""" comment = 'it''s \'x\' \\ \n \x41\u00e9\101' -- trailing
	/* block
	comment */ $$raw \n$$;`)
	if err != nil {
		t.Fatalf("tokenize: %+v", err)
	}
	want := []struct {
		kind  tokenKind
		value string
	}{
		{tokIdent, "CREATE"}, {tokIdent, "SECURITY"}, {tokIdent, "INTEGRATION"}, {tokQuotedIdent, `My "Int"`},
		{tokIdent, "COMMENT"}, {tokSymbol, "="}, {tokString, "it's 'x' \\ \n AéA"}, {tokString, `raw \n`}, {tokSymbol, ";"}, {tokEOF, ""},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d: %+v", len(toks), len(want), toks)
	}
	for i, w := range want {
		if toks[i].Kind != w.kind || (w.kind != tokEOF && toks[i].Value != w.value) {
			t.Errorf("token %d = %v %q, want %v %q", i, toks[i].Kind, toks[i].Value, w.kind, w.value)
		}
	}
	if toks[7].Line != 3 {
		t.Errorf("$$ string on line %d, want 3", toks[7].Line)
	}
}

func TestTokenizeErrors(t *testing.T) {
	for _, sql := range []string{`select 'open`, `select "open`, `select '\x4'`, `select '\uZZZZ'`, "select /* x", "select #"} {
		t.Run(sql, func(t *testing.T) {
			if _, err := tokenize(sql); err == nil {
				t.Errorf("tokenize(%q) succeeded, want an error", sql)
			}
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	e := New(Options{AdminPassword: "pw"})
	_, err := e.Exec(&Session{User: "ADMIN", Role: "ACCOUNTADMIN"}, "CREATE ROLE r1\n  FROBNICATE", nil)
	se, ok := err.(*SQLError)
	if !ok || se.Code != "001003" || se.SQLState != "42000" {
		t.Fatalf("err = %v, want 001003", err)
	}
	if !strings.Contains(se.Message, "syntax error line 2 at position 2 unexpected 'FROBNICATE'.") {
		t.Errorf("message = %q", se.Message)
	}
	_, err = e.Exec(&Session{User: "ADMIN", Role: "ACCOUNTADMIN"}, "CREATE ROLE", nil)
	if se, _ := err.(*SQLError); se == nil || !strings.Contains(se.Message, "unexpected '<EOF>'") {
		t.Errorf("err = %v, want unexpected <EOF>", err)
	}
}

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"%testing%", "MY_TESTING_INT", true}, {"%TESTING%", "my_testing_int", true}, {"MY_INT", "MYXINT", true},
		{`MY\_INT`, "MYXINT", false}, {`MY\_INT`, "MY_INT", true}, {"A%", "B", false}, {"_", "AB", false}, {"%", "", true},
	}
	for _, c := range cases {
		if got := likeMatch(c.pattern, c.name); got != c.want {
			t.Errorf("likeMatch(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

// FuzzTokenize checks that the tokenizer never panics and that every quoted identifier and string it
// accepts re-tokenizes to the same value when written back in canonical form.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		`SELECT 1`, `CREATE SECURITY INTEGRATION "a""b" TYPE = OAUTH COMMENT = 'x\'y'`, `'\x41\u00e9\101'`, `$$a$$`,
		"-- c\nSELECT 'a''b'", `"日本"`, `'\'`, `/* x */ ?`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		toks, err := tokenize(sql)
		if err != nil {
			return
		}
		for _, tok := range toks {
			switch tok.Kind {
			case tokQuotedIdent:
				again, lerr := tokenize(quoteIdent(tok.Value))
				if lerr != nil || again[0].Value != tok.Value {
					t.Fatalf("quoted identifier %q does not round-trip", tok.Value)
				}
			case tokString:
				lit := "'" + strings.ReplaceAll(strings.ReplaceAll(tok.Value, `\`, `\\`), `'`, `''`) + "'"
				again, lerr := tokenize(lit)
				if lerr != nil || again[0].Value != tok.Value {
					t.Fatalf("string %q does not round-trip", tok.Value)
				}
			}
		}
	})
}
