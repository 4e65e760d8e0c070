package snowflake

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

var fuzzSeeds = []string{
	"", "a", "it's", `back\slash`, "'; DROP TABLE x; --", "\x00", "\x00" + "7", "\n\r\t\b\f",
	`"`, `""`, `"a"b"`, "Legacy App", "日本語", "\xff", `\x41`, `\u0041`, `\101`, "a|b", "$$", "MY_INT", "100%",
	"analyst", `"Mixed"`, "new\nline", `'; DROP USER ADMIN; --`, `"quoted ""inner"""`,
}

// FuzzLiteralRoundTrip: for any input, Literal yields exactly one complete string token, as the
// emulator's lexer reads it, whose value is the input (invalid UTF-8 bytes replaced), so no input can
// leave its literal.
func FuzzLiteralRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit := Literal(s)
		got, ok := engine.DecodeStringLiteral(lit)
		if !ok {
			t.Fatalf("Literal(%q) = %s is not one complete string literal", s, lit)
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
		pattern, ok := engine.DecodeStringLiteral(likeLiteral(s))
		if !ok {
			t.Fatalf("likeLiteral(%q) = %s is not one string literal", s, likeLiteral(s))
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
		if got, ok := engine.DecodeIdentifier(id.SQL()); !ok || got != name {
			t.Fatalf("SQL() %s of %q reads back as %q (ok=%v)", id.SQL(), name, got, ok)
		}
		if back, err := ParseIdentifier(id.String()); err != nil || !back.Equal(id) {
			t.Fatalf("String() %s of %q parses to %q, %v", id.String(), name, back.Name(), err)
		}
		inString, ok := engine.DecodeStringLiteral(Literal(id.SQL()))
		if !ok {
			t.Fatalf("Literal(%s) is not one string literal", id.SQL())
		}
		if resolved, ok := engine.DecodeIdentifier(inString); !ok || resolved != name {
			t.Fatalf("identifier in string %s resolves to %q (ok=%v); want %q", Literal(id.SQL()), resolved, ok, name)
		}
		if exact, ok := engine.DecodeStringLiteral(strings.TrimSuffix(strings.TrimPrefix(ShowClientSecretsSQL(id), "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS("), ")")); !ok || exact != name {
			t.Fatalf("secrets argument decodes to %q (ok=%v); want %q", exact, ok, name)
		}
		other := NewIdentifier("X")
		parts, err := SplitID(JoinID(id, other, id), 3)
		if err != nil || !parts[0].Equal(id) || !parts[1].Equal(other) || !parts[2].Equal(id) {
			t.Fatalf("SplitID(JoinID) of %q = %v, %v", name, parts, err)
		}
	})
}
