package snowflake

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// MaxIdentifierLength is Snowflake's limit on an identifier, quoted or not, in characters.
const MaxIdentifierLength = 255

// unquotedRE is Snowflake's unquoted identifier syntax; such names are resolved in upper case.
var unquotedRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]*$`)

// canonicalRE matches names that can be written without quotes and still resolve to themselves.
var canonicalRE = regexp.MustCompile(`^[A-Z_][A-Z0-9_$]*$`)

// Identifier is a resolved Snowflake object name: the exact name Snowflake stores.
// The zero value is "no name" (see IsZero).
type Identifier struct {
	name string
}

// ParseIdentifier resolves a user-supplied name with Snowflake's rule (DESIGN.md):
// a valid unquoted identifier is upper-cased, a double-quoted one ("" escapes a quote) is exact,
// anything else is taken exactly. A string that starts with a double quote must be a complete quoted
// identifier. Empty names, names over 255 characters, invalid UTF-8 and control characters are rejected.
func ParseIdentifier(s string) (Identifier, error) {
	var name string
	switch {
	case s == "":
		return Identifier{}, errors.New("identifier must not be empty")
	case unquotedRE.MatchString(s):
		name = strings.ToUpper(s)
	case strings.HasPrefix(s, `"`):
		n, rest, ok := scanQuoted(s)
		if !ok || rest != "" {
			return Identifier{}, fmt.Errorf("identifier %q is not a valid quoted identifier: it must end with a double quote and write each inner double quote as \"\"", s)
		}
		name = n
	default:
		name = s
	}
	if err := validateName(name); err != nil {
		return Identifier{}, fmt.Errorf("identifier %q: %w", s, err)
	}
	return Identifier{name: name}, nil
}

// MustParseIdentifier is ParseIdentifier for constants known to be valid; it panics otherwise.
func MustParseIdentifier(s string) Identifier {
	id, err := ParseIdentifier(s)
	if err != nil {
		panic(err)
	}
	return id
}

// NewIdentifier wraps a name exactly as Snowflake stores it (e.g. a value read from DESCRIBE or SHOW).
// It does no parsing: use ParseIdentifier for anything a user wrote.
func NewIdentifier(exact string) Identifier { return Identifier{name: exact} }

// scanQuoted reads a double-quoted identifier at the start of s and returns its exact name and the rest.
func scanQuoted(s string) (name, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '"' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		return b.String(), s[i+1:], true
	}
	return "", s, false
}

func validateName(name string) error {
	if name == "" {
		return errors.New("identifier must not be empty")
	}
	if !utf8.ValidString(name) {
		return errors.New("identifier is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(name); n > MaxIdentifierLength {
		return fmt.Errorf("identifier is %d characters long; Snowflake allows at most %d", n, MaxIdentifierLength)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("identifier contains control character %U", r)
		}
	}
	return nil
}

// Name is the exact stored name.
func (i Identifier) Name() string { return i.name }

// IsZero reports whether the identifier names nothing.
func (i Identifier) IsZero() bool { return i.name == "" }

// SQL is the identifier as emitted in statements: always double-quoted with inner quotes doubled.
func (i Identifier) SQL() string { return `"` + strings.ReplaceAll(i.name, `"`, `""`) + `"` }

// String is the canonical ID form (DESIGN.md): bare when the name is a valid upper-case unquoted
// identifier (TABLEAU_INT), otherwise quoted ("Legacy App"). ParseIdentifier(i.String()) equals i.
func (i Identifier) String() string {
	if canonicalRE.MatchString(i.name) {
		return i.name
	}
	return i.SQL()
}

// Equal reports whether both identifiers denote the same object.
func (i Identifier) Equal(o Identifier) bool { return i.name == o.name }

// ParseIdentifiers parses a list of user-supplied names, naming the failing entry.
func ParseIdentifiers(names []string) ([]Identifier, error) {
	out := make([]Identifier, 0, len(names))
	for n, s := range names {
		id, err := ParseIdentifier(s)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", n, err)
		}
		out = append(out, id)
	}
	return out, nil
}

// SameIdentifierSet reports whether a and b contain the same names, ignoring order and duplicates.
func SameIdentifierSet(a, b []Identifier) bool {
	as := make(map[string]struct{}, len(a))
	for _, x := range a {
		as[x.name] = struct{}{}
	}
	bs := make(map[string]struct{}, len(b))
	for _, x := range b {
		if _, ok := as[x.name]; !ok {
			return false
		}
		bs[x.name] = struct{}{}
	}
	return len(as) == len(bs)
}
