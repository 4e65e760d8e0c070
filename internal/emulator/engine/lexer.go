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

// lexer is tokenize's cursor: the input, the offset, and the current line for positions.
type lexer struct {
	sql             string
	i               int
	line, lineStart int
	toks            []token
}

// tokenize splits sql into tokens following Snowflake's lexical rules: unquoted identifiers fold to
// upper case, quoted identifiers keep case with "" escapes, single-quoted strings take backslash
// escapes and doubled quotes, $$...$$ strings take none, and --, // and /* */ comments are skipped.
func tokenize(sql string) ([]token, *lexError) {
	l := &lexer{sql: sql, line: 1}
	for l.i < len(sql) {
		if err := l.step(); err != nil {
			return nil, err
		}
	}
	l.toks = append(l.toks, token{Kind: tokEOF, Text: "<EOF>", Line: l.line, Pos: len(sql) - l.lineStart})
	return l.toks, nil
}

// step consumes one token, or one run of whitespace or a comment.
func (l *lexer) step() *lexError {
	rest := l.sql[l.i:]
	c := rest[0]
	switch {
	case c == '\n':
		l.i++
		l.line, l.lineStart = l.line+1, l.i
	case c == ' ' || c == '\t' || c == '\r' || c == '\f':
		l.i++
	case strings.HasPrefix(rest, "--"), strings.HasPrefix(rest, "//"):
		for l.i < len(l.sql) && l.sql[l.i] != '\n' {
			l.i++
		}
	case strings.HasPrefix(rest, "/*"):
		return l.delimited("*/", tokenKind(-1))
	case c == '"':
		return l.quotedIdent()
	case c == '\'':
		return l.singleQuoted()
	case strings.HasPrefix(rest, "$$"):
		return l.delimited("$$", tokString)
	case isIdentStart(c):
		j := 1
		for j < len(rest) && isIdentPart(rest[j]) {
			j++
		}
		l.emit(tokIdent, rest[:j], strings.ToUpper(rest[:j]))
	case c >= '0' && c <= '9' || c == '.' && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9':
		n := numberLen(rest)
		l.emit(tokNumber, rest[:n], rest[:n])
	case c == '?':
		l.emit(tokParam, "?", "")
	case c == ':' && len(rest) > 1 && rest[1] >= '1' && rest[1] <= '9':
		// `:N` is a numbered bind variable (the Node.js driver documents both `?` and `:N`); Value
		// holds N. A `::` cast never gets here: its second character is not a digit.
		j := 2
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		l.emit(tokParam, rest[:j], rest[1:j])
	case strings.ContainsRune("(),=;.*+-<>!:[]{}@%|/", rune(c)):
		text := string(c)
		for _, two := range []string{"<=", ">=", "<>", "!=", "::", "||", "=>"} {
			if strings.HasPrefix(rest, two) {
				text = two
			}
		}
		l.emit(tokSymbol, text, text)
	default:
		return l.errAt(firstRune(rest))
	}
	return nil
}

// emit appends a token that starts at the current offset and moves past its text, counting the
// newlines inside it.
func (l *lexer) emit(kind tokenKind, text, value string) {
	if kind >= 0 {
		l.toks = append(l.toks, token{Kind: kind, Text: text, Value: value, Line: l.line, Pos: l.i - l.lineStart})
	}
	l.line, l.lineStart = advanceLines(text, l.line, l.lineStart, l.i)
	l.i += len(text)
}

func (l *lexer) errAt(near string) *lexError {
	return &lexError{l.line, l.i - l.lineStart, near}
}

// delimited consumes a /* */ comment (kind -1, no token) or a $$ $$ string up to its closing mark.
func (l *lexer) delimited(closing string, kind tokenKind) *lexError {
	end := strings.Index(l.sql[l.i+2:], closing)
	if end < 0 {
		return l.errAt("<EOF>")
	}
	text := l.sql[l.i : l.i+2+end+2]
	l.emit(kind, text, text[2:len(text)-2])
	return nil
}

func (l *lexer) quotedIdent() *lexError {
	val, n, ok := scanQuotedIdent(l.sql[l.i:])
	if !ok {
		return l.errAt("<EOF>")
	}
	l.emit(tokQuotedIdent, l.sql[l.i:l.i+n], val)
	return nil
}

func (l *lexer) singleQuoted() *lexError {
	val, n, bad := scanString(l.sql[l.i:])
	if bad {
		return l.errAt(firstRune(l.sql[l.i:]))
	}
	l.emit(tokString, l.sql[l.i:l.i+n], val)
	return nil
}

// numberLen is the length of the numeric literal at the start of s: digits and dots, then an
// optional exponent (taken only when digits follow it).
func numberLen(s string) int {
	j := 0
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
		j++
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	return j
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
		switch s[i] {
		case '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
				continue
			}
			return b.String(), i + 1, false
		case '\\':
			next, bad := scanEscape(s, i, &b)
			if bad {
				return "", 0, true
			}
			i = next
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return "", 0, true
}

// simpleEscapes are the one-letter escapes that stand for a control character.
var simpleEscapes = map[byte]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// scanEscape decodes the escape whose backslash is at s[i] into b and returns the offset after it;
// bad reports a malformed \x or \u or a backslash at the end.
func scanEscape(s string, i int, b *strings.Builder) (next int, bad bool) {
	if i+1 >= len(s) {
		return 0, true
	}
	e := s[i+1]
	i += 2
	if c, ok := simpleEscapes[e]; ok {
		b.WriteByte(c)
		return i, false
	}
	switch {
	case e == 'x' || e == 'u':
		width, bits := 2, 8
		if e == 'u' {
			width, bits = 4, 32
		}
		if i+width > len(s) {
			return 0, true
		}
		v, err := strconv.ParseUint(s[i:i+width], 16, bits)
		if err != nil {
			return 0, true
		}
		if e == 'x' {
			b.WriteByte(byte(v))
		} else {
			b.WriteRune(rune(v))
		}
		return i + width, false
	case e >= '0' && e <= '7':
		// \0 alone is NUL; up to three octal digits form one byte.
		j := i - 1
		for j < len(s) && j < i+2 && s[j] >= '0' && s[j] <= '7' {
			j++
		}
		v, _ := strconv.ParseUint(s[i-1:j], 8, 16)
		b.WriteByte(byte(v))
		return j, false
	}
	// \\ \' \" and unknown escapes all yield the character itself; copy the whole rune.
	_, n := utf8.DecodeRuneInString(s[i-1:])
	b.WriteString(s[i-1 : i-1+n])
	return i - 1 + n, false
}
