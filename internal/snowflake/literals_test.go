package snowflake

import (
	"strings"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

func TestLiteral(t *testing.T) {
	cases := map[string]string{
		"":                         `''`,
		"plain":                    `'plain'`,
		"it's":                     `'it\'s'`,
		`back\slash`:               `'back\\slash'`,
		`\'`:                       `'\\\''`,
		"'; DROP USER x; --":       `'\'; DROP USER x; --'`,
		"line1\nline2\r\n":         `'line1\nline2\r\n'`,
		"tab\tbs\bff\f":            `'tab\tbs\bff\f'`,
		"nul\x00after7":            `'nul\x00after7'`,
		"\x01\x1f\x7f":             `'\x01\x1f\x7f'`,
		`"quoted"`:                 `'"quoted"'`,
		"$$dollar$$":               `'$$dollar$$'`,
		"日本\u2028語":                `'日本` + "\u2028" + `語'`,
		"bad\xffbyte":              "'bad\uFFFDbyte'",
		"https://a.example/cb?x=1": `'https://a.example/cb?x=1'`,
	}
	wantQuoted(t, "Literal", Literal, func(v string) (string, error) { return v, nil }, cases)
}

// wantQuoted runs a subtest per case: quote (named name) must turn the input into the wanted
// literal, and that literal, read back by the emulator's lexer and then by unquote, must give the
// input again (invalid UTF-8 bytes replaced).
func wantQuoted(t *testing.T, name string, quote func(string) string, unquote func(string) (string, error), cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			got := quote(in)
			if got != want {
				t.Errorf("%s(%q) = %s; want %s", name, in, got, want)
			}
			value, ok := engine.DecodeStringLiteral(got)
			if !ok {
				t.Fatalf("%s(%q) = %s is not one string literal", name, in, got)
			}
			if back, err := unquote(value); err != nil || back != strings.ToValidUTF8(in, "\uFFFD") {
				t.Errorf("%s(%q) reads back as %q (%v)", name, in, back, err)
			}
		})
	}
}

// The decoder the fuzz targets use (the emulator's lexer) must itself follow Snowflake's rules, or the
// round trip proves nothing: check it on forms Literal never emits.
func TestDecodeLiteralRules(t *testing.T) {
	cases := map[string]string{
		`'a''b'`:           "a'b",
		`'\"np\"'`:         `"np"`,
		`'\101\x42\u0043'`: "ABC",
		`'\0'`:             "\x00",
		`'\q'`:             "q",
	}
	for in, want := range cases {
		if got, ok := engine.DecodeStringLiteral(in); !ok || got != want {
			t.Errorf("DecodeStringLiteral(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	// Unterminated, bad escapes, and (`'x' rest`) more than the one literal.
	for _, bad := range []string{`'abc`, `'\x4'`, `'\u12'`, `abc'`, `'\`, `'x' rest`} {
		if _, ok := engine.DecodeStringLiteral(bad); ok {
			t.Errorf("DecodeStringLiteral(%s) succeeded", bad)
		}
	}
}

func TestLikeLiteral(t *testing.T) {
	cases := map[string]string{
		"MY_INT": `'MY\\_INT'`,
		"100%":   `'100\\%'`,
		`a\b`:    `'a\\\\b'`,
		"PLAIN":  `'PLAIN'`,
		"it's_":  `'it\'s\\_'`,
	}
	// The pattern, with its escapes undone, matches exactly the name.
	wantQuoted(t, "likeLiteral", likeLiteral, decodeLikePattern, cases)
}

func TestKeyword(t *testing.T) {
	cases := map[string]string{
		"implicit":             "IMPLICIT",
		"ENABLE_FOR_PRIVILEGE": "ENABLE_FOR_PRIVILEGE",
		"NONE; DROP USER X":    `'NONE; DROP USER X'`,
		"":                     `''`,
		"x'y":                  `'x\'y'`,
	}
	for in, want := range cases {
		if got := keyword(in); got != want {
			t.Errorf("keyword(%q) = %s; want %s", in, got, want)
		}
	}
}
