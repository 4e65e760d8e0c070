package snowflake

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", "a", "it's", `back\slash`, "'; DROP TABLE x; --", "\x00", "\x00" + "7", "\n\r\t\b\f",
	`"`, `""`, `"a"b"`, "Legacy App", "日本語", "\xff", `\x41`, `\u0041`, `\101`, "a|b", "$$", "MY_INT", "100%",
}

// FuzzLiteralRoundTrip: for any input, Literal yields exactly one complete string token whose decoded
// value is the input (invalid UTF-8 bytes replaced), so no input can leave its literal.
func FuzzLiteralRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit := Literal(s)
		got, rest, err := decodeLiteral(lit + " TRAILER")
		if err != nil {
			t.Fatalf("Literal(%q) = %s does not decode: %v", s, lit, err)
		}
		if rest != " TRAILER" {
			t.Fatalf("Literal(%q) = %s ends early; rest %q", s, lit, rest)
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); got != want {
			t.Fatalf("Literal(%q) = %s decodes to %q", s, lit, got)
		}
		for _, r := range lit {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("Literal(%q) = %q contains raw control character %U", s, lit, r)
			}
		}
		// LIKE patterns match only the exact name.
		pattern, _, err := decodeLiteral(likeLiteral(s))
		if err != nil {
			t.Fatal(err)
		}
		if exact, err := decodeLikePattern(pattern); err != nil || exact != strings.ToValidUTF8(s, "\uFFFD") {
			t.Fatalf("likeLiteral(%q) pattern %q matches %q (%v)", s, pattern, exact, err)
		}
	})
}

// FuzzIdentifierRoundTrip: every accepted name survives each form the SQL layer emits it in: the
// quoted identifier, the canonical ID, an identifier held in a string (NETWORK_POLICY), the exact name
// in a string (SYSTEM$SHOW_OAUTH_CLIENT_SECRETS) and a composite ID.
func FuzzIdentifierRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIdentifier(s)
		if err != nil {
			return
		}
		name := id.Name()
		if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxIdentifierLength {
			t.Fatalf("ParseIdentifier(%q) accepted invalid name %q", s, name)
		}
		got, rest, err := decodeQuotedIdent(id.SQL() + ".next")
		if err != nil || rest != ".next" || got != name {
			t.Fatalf("SQL() %s of %q decodes to %q rest %q err %v", id.SQL(), name, got, rest, err)
		}
		if back, err := ParseIdentifier(id.String()); err != nil || !back.Equal(id) {
			t.Fatalf("String() %s of %q parses to %q, %v", id.String(), name, back.Name(), err)
		}
		inString, _, err := decodeLiteral(Literal(id.SQL()))
		if err != nil {
			t.Fatal(err)
		}
		if resolved, err := resolveIdentInString(inString); err != nil || resolved != name {
			t.Fatalf("identifier in string %s resolves to %q, %v; want %q", Literal(id.SQL()), resolved, err, name)
		}
		if exact, _, err := decodeLiteral(strings.TrimSuffix(strings.TrimPrefix(ShowClientSecretsSQL(id), "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS("), ")")); err != nil || exact != name {
			t.Fatalf("secrets argument decodes to %q, %v; want %q", exact, err, name)
		}
		other := NewIdentifier("X")
		parts, err := SplitID(JoinID(id, other, id), 3)
		if err != nil || !parts[0].Equal(id) || !parts[1].Equal(other) || !parts[2].Equal(id) {
			t.Fatalf("SplitID(JoinID) of %q = %v, %v", name, parts, err)
		}
	})
}
