package engine

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokenKind classifies a token produced by the tokenizer.
type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokQuotedIdent
	tokString
	tokNumber
	tokSymbol
	tokParam
)

// token is one lexical unit. For tokIdent Text is the identifier as written and Value its folded
// (upper-case) form; for tokQuotedIdent and tokString Value is the decoded content.
type token struct {
	Kind  tokenKind
	Text  string
	Value string
	Line  int // 1-based
	Pos   int // 0-based column in the line
}

// lexError is a tokenizer failure; it becomes a 001003 syntax error.
type lexError struct {
	line, pos int
	near      string
}

// tokenize splits sql into tokens following Snowflake's lexical rules: unquoted identifiers fold to
// upper case, quoted identifiers keep case with "" escapes, single-quoted strings take backslash
// escapes and ” doubling, $$...$$ strings take none, and --, // and /* */ comments are skipped.
func tokenize(sql string) ([]token, *lexError) {
	var toks []token
	line, lineStart := 1, 0
	i := 0
	for i < len(sql) {
		c := sql[i]
		pos := i - lineStart
		switch {
		case c == '\n':
			line++
			i++
			lineStart = i
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '-' && strings.HasPrefix(sql[i:], "--"), c == '/' && strings.HasPrefix(sql[i:], "//"):
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return nil, &lexError{line, pos, "<EOF>"}
			}
			body := sql[i : i+2+end+2]
			for j := 0; j < len(body); j++ {
				if body[j] == '\n' {
					line++
					lineStart = i + j + 1
				}
			}
			i += len(body)
		case c == '"':
			val, n, ok := scanQuotedIdent(sql[i:])
			if !ok {
				return nil, &lexError{line, pos, "<EOF>"}
			}
			toks = append(toks, token{Kind: tokQuotedIdent, Text: sql[i : i+n], Value: val, Line: line, Pos: pos})
			i += n
		case c == '\'':
			val, n, err := scanString(sql[i:])
			if err {
				return nil, &lexError{line, pos, firstRune(sql[i:])}
			}
			text := sql[i : i+n]
			toks = append(toks, token{Kind: tokString, Text: text, Value: val, Line: line, Pos: pos})
			line, lineStart = advanceLines(text, line, lineStart, i)
			i += n
		case c == '$' && strings.HasPrefix(sql[i:], "$$"):
			end := strings.Index(sql[i+2:], "$$")
			if end < 0 {
				return nil, &lexError{line, pos, "<EOF>"}
			}
			text := sql[i : i+2+end+2]
			toks = append(toks, token{Kind: tokString, Text: text, Value: sql[i+2 : i+2+end], Line: line, Pos: pos})
			line, lineStart = advanceLines(text, line, lineStart, i)
			i += len(text)
		case isIdentStart(c):
			j := i + 1
			for j < len(sql) && isIdentPart(sql[j]) {
				j++
			}
			text := sql[i:j]
			toks = append(toks, token{Kind: tokIdent, Text: text, Value: strings.ToUpper(text), Line: line, Pos: pos})
			i = j
		case c >= '0' && c <= '9' || (c == '.' && i+1 < len(sql) && sql[i+1] >= '0' && sql[i+1] <= '9'):
			j := i
			for j < len(sql) && (sql[j] >= '0' && sql[j] <= '9' || sql[j] == '.') {
				j++
			}
			if j < len(sql) && (sql[j] == 'e' || sql[j] == 'E') {
				k := j + 1
				if k < len(sql) && (sql[k] == '+' || sql[k] == '-') {
					k++
				}
				if k < len(sql) && sql[k] >= '0' && sql[k] <= '9' {
					for k < len(sql) && sql[k] >= '0' && sql[k] <= '9' {
						k++
					}
					j = k
				}
			}
			toks = append(toks, token{Kind: tokNumber, Text: sql[i:j], Value: sql[i:j], Line: line, Pos: pos})
			i = j
		case c == '?':
			toks = append(toks, token{Kind: tokParam, Text: "?", Line: line, Pos: pos})
			i++
		case strings.ContainsRune("(),=;.*+-<>!:[]{}@%|/", rune(c)):
			text := string(c)
			for _, two := range []string{"<=", ">=", "<>", "!=", "::", "||", "=>"} {
				if strings.HasPrefix(sql[i:], two) {
					text = two
				}
			}
			toks = append(toks, token{Kind: tokSymbol, Text: text, Value: text, Line: line, Pos: pos})
			i += len(text)
		default:
			return nil, &lexError{line, pos, firstRune(sql[i:])}
		}
	}
	toks = append(toks, token{Kind: tokEOF, Text: "<EOF>", Line: line, Pos: len(sql) - lineStart})
	return toks, nil
}

func advanceLines(text string, line, lineStart, offset int) (int, int) {
	for j := 0; j < len(text); j++ {
		if text[j] == '\n' {
			line++
			lineStart = offset + j + 1
		}
	}
	return line, lineStart
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' || c == '$' }

// scanQuotedIdent reads "..." with "" as an escaped quote. It returns the content, the bytes used and
// whether the identifier was terminated.
func scanQuotedIdent(s string) (string, int, bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] == '"' {
			if i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			return b.String(), i + 1, true
		}
		b.WriteByte(s[i])
	}
	return "", 0, false
}

// scanString decodes a single-quoted literal: ” and \' are quotes, \\ \" \b \f \n \r \t \0 are the
// usual escapes, \ooo octal, \xhh hex, \uhhhh unicode; any other \c yields c. A malformed \x or \u, or
// a missing closing quote, is an error.
func scanString(s string) (string, int, bool) {
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
			return b.String(), i + 1, false
		case '\\':
			if i+1 >= len(s) {
				return "", 0, true
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
					return "", 0, true
				}
				v, err := strconv.ParseUint(s[i:i+2], 16, 8)
				if err != nil {
					return "", 0, true
				}
				b.WriteByte(byte(v))
				i += 2
			case 'u':
				if i+4 > len(s) {
					return "", 0, true
				}
				v, err := strconv.ParseUint(s[i:i+4], 16, 32)
				if err != nil {
					return "", 0, true
				}
				b.WriteRune(rune(v))
				i += 4
			default:
				if e >= '0' && e <= '7' {
					// \0 alone is NUL; up to three octal digits form one byte.
					j := i - 1
					for j < len(s) && j < i+2 && s[j] >= '0' && s[j] <= '7' {
						j++
					}
					v, _ := strconv.ParseUint(s[i-1:j], 8, 16)
					b.WriteByte(byte(v))
					i = j
					continue
				}
				// \\ \' \" and unknown escapes all yield the character itself; copy the whole rune.
				_, n := utf8.DecodeRuneInString(s[i-1:])
				b.WriteString(s[i-1 : i-1+n])
				i += n - 1
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, true
}
