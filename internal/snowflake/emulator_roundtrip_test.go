package snowflake

import (
	"testing"
	"unicode/utf8"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// FuzzEmulatorRoundTrip proves that the literals and identifiers this package writes are read back
// unchanged by the emulator's tokenizer and parser, which follow Snowflake's lexical rules: no input
// can leave its literal or identifier.
func FuzzEmulatorRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a", "analyst", `"Mixed"`, "Legacy App", `it's`, `back\slash`, "new\nline", "nul\x00", `'; DROP USER ADMIN; --`, `"quoted ""inner"""`, "日本語", `\x41`, "$$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) {
			got, ok := engine.DecodeStringLiteral(Literal(s))
			if !ok || got != s {
				t.Fatalf("literal %q read back as %q (ok=%v) from %s", s, got, ok, Literal(s))
			}
		}
		id, err := ParseIdentifier(s)
		if err != nil {
			return
		}
		got, ok := engine.DecodeIdentifier(id.SQL())
		if !ok || got != id.Name() {
			t.Fatalf("identifier %q (SQL %s) read back as %q (ok=%v)", id.Name(), id.SQL(), got, ok)
		}
	})
}
