package snowflake

import (
	"errors"
	"strings"
)

// The fuzz targets and literal tests read what this package writes back with the emulator's lexer
// (engine.DecodeStringLiteral, engine.DecodeIdentifier), which follows Snowflake's lexical rules
// (internal/emulator/FIDELITY.md, "Identifiers and literals") and is tested in its own package;
// TestDecodeLiteralRules pins the rules the round trips rely on.

// decodeLikePattern turns an escaped LIKE pattern back into the exact text it matches, failing when
// it contains an unescaped wildcard.
func decodeLikePattern(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			if i+1 >= len(p) {
				return "", errors.New("dangling escape")
			}
			i++
			b.WriteByte(p[i])
		case '_', '%':
			return "", errors.New("unescaped wildcard")
		default:
			b.WriteByte(p[i])
		}
	}
	return b.String(), nil
}
