package snowflake

import (
	"fmt"
	"strings"
)

// IDSeparator joins the parts of a composite resource ID (DESIGN.md).
const IDSeparator = "|"

// JoinID renders a composite ID: each part in canonical form (Identifier.String), joined with "|".
// A name containing "|" is never a valid unquoted identifier, so its canonical form is already quoted.
func JoinID(parts ...Identifier) string {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = p.String()
	}
	return strings.Join(s, IDSeparator)
}

// SplitID parses a composite ID of exactly n parts. A part may be written in any form ParseIdentifier
// accepts; a part that contains "|" must be double-quoted. Blanks around a part are ignored (quote the
// part to keep them).
func SplitID(id string, n int) ([]Identifier, error) {
	raw, err := SplitIDSpellings(id, n)
	if err != nil {
		return nil, err
	}
	out := make([]Identifier, n)
	for i, p := range raw {
		out[i] = MustParseIdentifier(p) // SplitIDSpellings validated every part
	}
	return out, nil
}

// SplitIDSpellings is SplitID returning each part as written (blanks around it removed), so that an
// import keeps the user's spelling; every part is a valid identifier.
func SplitIDSpellings(id string, n int) ([]string, error) {
	var raw []string
	rest := id
	for {
		trimmed := strings.TrimLeft(rest, " \t")
		var part string
		if strings.HasPrefix(trimmed, `"`) {
			_, after, ok := scanQuoted(trimmed)
			if !ok {
				return nil, fmt.Errorf("ID %q: unterminated quoted part", id)
			}
			part = trimmed[:len(trimmed)-len(after)]
			after = strings.TrimLeft(after, " \t")
			if after != "" && !strings.HasPrefix(after, IDSeparator) {
				return nil, fmt.Errorf("ID %q: a quoted part must be followed by %q or the end", id, IDSeparator)
			}
			rest = after
		} else {
			k := strings.Index(trimmed, IDSeparator)
			if k < 0 {
				k = len(trimmed)
			}
			part = strings.TrimRight(trimmed[:k], " \t")
			rest = trimmed[k:]
		}
		raw = append(raw, part)
		if rest == "" {
			break
		}
		rest = rest[len(IDSeparator):]
	}
	if len(raw) != n {
		return nil, fmt.Errorf("ID %q has %d parts separated by %q; expected %d (quote a name that contains %q)", id, len(raw), IDSeparator, n, IDSeparator)
	}
	for i, p := range raw {
		if _, err := ParseIdentifier(p); err != nil {
			return nil, fmt.Errorf("ID %q, part %d: %w", id, i+1, err)
		}
	}
	return raw, nil
}
