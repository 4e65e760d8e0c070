package snowflake

import (
	"fmt"
	"strings"
)

// QualifiedName is a schema-object name such as a network rule: DATABASE.SCHEMA.NAME.
type QualifiedName struct {
	Database, Schema, Name Identifier
}

// ParseQualifiedName parses "db.schema.name"; each part follows the identifier rule, and a part that
// contains "." (or is meant exactly) is double-quoted: `"My DB".PUBLIC."rule.1"`.
func ParseQualifiedName(s string) (QualifiedName, error) {
	parts, err := SplitQualifiedName(s)
	if err != nil {
		return QualifiedName{}, err
	}
	ids, err := ParseIdentifiers(parts)
	if err != nil {
		return QualifiedName{}, fmt.Errorf("name %q: %w", s, err)
	}
	return QualifiedName{Database: ids[0], Schema: ids[1], Name: ids[2]}, nil
}

// SplitQualifiedName splits "db.schema.name" into its three parts as written (quotes kept), so that
// an import can keep the user's spelling of each part. It does not resolve the parts.
func SplitQualifiedName(s string) ([]string, error) {
	var parts []string
	rest := s
	for {
		var part string
		if strings.HasPrefix(rest, `"`) {
			_, after, ok := scanQuoted(rest)
			if !ok {
				return nil, fmt.Errorf("name %q: unterminated quoted part", s)
			}
			part, rest = rest[:len(rest)-len(after)], after
			if rest != "" && rest[0] != '.' {
				return nil, fmt.Errorf("name %q: a quoted part must be followed by \".\" or the end", s)
			}
		} else {
			k := strings.IndexByte(rest, '.')
			if k < 0 {
				k = len(rest)
			}
			part, rest = rest[:k], rest[k:]
		}
		parts = append(parts, part)
		if rest == "" {
			break
		}
		rest = rest[1:]
	}
	if len(parts) != 3 {
		return nil, fmt.Errorf("name %q must be fully qualified as database.schema.name (found %d parts)", s, len(parts))
	}
	return parts, nil
}

// SQL is the name as emitted in statements: "DB"."SCHEMA"."NAME".
func (q QualifiedName) SQL() string {
	return q.Database.SQL() + "." + q.Schema.SQL() + "." + q.Name.SQL()
}

// String is the canonical form: each part as Identifier.String, joined with ".". A part whose name
// contains "." is never canonical-unquoted, so it is quoted and the form parses back.
func (q QualifiedName) String() string {
	return q.Database.String() + "." + q.Schema.String() + "." + q.Name.String()
}

// Equal reports whether both names denote the same object.
func (q QualifiedName) Equal(o QualifiedName) bool {
	return q.Database.Equal(o.Database) && q.Schema.Equal(o.Schema) && q.Name.Equal(o.Name)
}
