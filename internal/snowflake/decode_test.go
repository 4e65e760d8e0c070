package snowflake

import (
	"errors"
	"strconv"
	"strings"
)

// decodeLiteral is an independent decoder of a Snowflake single-quoted string constant at the start
// of s (internal/emulator/FIDELITY.md, "Identifiers and literals"): a doubled quote and \' are quotes; \\ \" \b \f \n \r \t \0, octal \ooo, hex \xhh,
// unicode \uhhhh; an unknown \c is c. It returns the value and the text after the closing quote.
func decodeLiteral(s string) (string, string, error) {
	if !strings.HasPrefix(s, "'") {
		return "", s, errors.New("no opening quote")
	}
	var b strings.Builder
	i := 1
	for i < len(s) {
		c := s[i]
		switch c {
		case '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
				continue
			}
			return b.String(), s[i+1:], nil
		case '\\':
			if i+1 >= len(s) {
				return "", s, errors.New("dangling backslash")
			}
			e := s[i+1]
			i += 2
			switch e {
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'x':
				if i+2 > len(s) {
					return "", s, errors.New("short \\x escape")
				}
				n, err := strconv.ParseUint(s[i:i+2], 16, 8)
				if err != nil {
					return "", s, errors.New("bad \\x escape")
				}
				b.WriteRune(rune(n))
				i += 2
			case 'u':
				if i+4 > len(s) {
					return "", s, errors.New("short \\u escape")
				}
				n, err := strconv.ParseUint(s[i:i+4], 16, 16)
				if err != nil {
					return "", s, errors.New("bad \\u escape")
				}
				b.WriteRune(rune(n))
				i += 4
			default:
				if e >= '0' && e <= '7' {
					if i+2 <= len(s) && isOctal(s[i]) && isOctal(s[i+1]) {
						n, _ := strconv.ParseUint(s[i-1:i+2], 8, 16)
						b.WriteRune(rune(n))
						i += 2
						continue
					}
					if e == '0' {
						b.WriteByte(0)
						continue
					}
				}
				// \\, \', \" and unknown escapes: the character itself.
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", s, errors.New("unterminated literal")
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// decodeQuotedIdent decodes a double-quoted identifier at the start of s ("" is one quote).
func decodeQuotedIdent(s string) (string, string, error) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, errors.New("no opening quote")
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
		return b.String(), s[i+1:], nil
	}
	return "", s, errors.New("unterminated identifier")
}

// resolveIdentInString is how Snowflake reads an identifier held in a string (NETWORK_POLICY = '...'):
// a quoted identifier is exact, a plain one folds to upper case.
func resolveIdentInString(v string) (string, error) {
	if strings.HasPrefix(v, `"`) {
		name, rest, err := decodeQuotedIdent(v)
		if err != nil || rest != "" {
			return "", errors.New("bad quoted identifier in string")
		}
		return name, nil
	}
	return strings.ToUpper(v), nil
}

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
