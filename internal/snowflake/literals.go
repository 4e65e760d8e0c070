package snowflake

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Literal renders s as a single-quoted Snowflake string constant that decodes back to s.
// Backslash and quote are backslash-escaped (`\\`, `\'`); control characters use the named escapes
// (\b \f \n \r \t) or two-digit hex (\x00..\x1f, \x7f), never the ambiguous \0 or octal forms. Invalid
// UTF-8 bytes become U+FFFD: the driver sends SQL as JSON, which would replace them anyway.
func Literal(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// likeLiteral renders a LIKE pattern literal that matches only the exact name: the LIKE wildcards
// `_` and `%` and the escape character `\` are escaped before the literal itself is escaped.
// (LIKE in SHOW is case-insensitive, so callers still compare names exactly.)
func likeLiteral(name string) string {
	r := strings.NewReplacer(`\`, `\\`, `_`, `\_`, `%`, `\%`)
	return Literal(r.Replace(name))
}

var keywordRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// keyword emits an enum value (OAUTH_CLIENT = CUSTOM, OAUTH_USE_SECONDARY_ROLES = NONE) as a bare word.
// Anything that is not a plain word is emitted as a string literal instead, which Snowflake rejects
// as an invalid value: no enum value can inject SQL. Resources validate enums at plan time.
func keyword(v string) string {
	u := strings.ToUpper(v)
	if keywordRE.MatchString(u) {
		return u
	}
	return Literal(v)
}

func boolSQL(v bool) string {
	if v {
		return "TRUE"
	}
	return "FALSE"
}

func intSQL(v int64) string { return strconv.FormatInt(v, 10) }

// identList renders ("A", "B"); an empty list renders ().
func identList(ids []Identifier) string { return sqlList(ids, Identifier.SQL) }

// literalList renders ('a', 'b'); an empty list renders ().
func literalList(vals []string) string { return sqlList(vals, Literal) }

// qualifiedList renders ("DB"."SC"."A", ...); an empty list renders ().
func qualifiedList(names []QualifiedName) string { return sqlList(names, QualifiedName.SQL) }

// sqlList renders each value with render, in parentheses, separated by commas.
func sqlList[T any](vals []T, render func(T) string) string {
	s := make([]string, len(vals))
	for i, v := range vals {
		s[i] = render(v)
	}
	return "(" + strings.Join(s, ", ") + ")"
}
