package engine

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxIdentLen is Snowflake's identifier length limit, in characters.
const maxIdentLen = 255

// parser is a cursor over the tokens of one statement. Statement families (integrations.go,
// users.go, ...) are recursive-descent functions over it. Methods that fail return *SQLError so that
// callers can bubble the first error up unchanged.
type parser struct {
	toks []token
	i    int
	// unknownProps are integration properties this account does not know (Engine.SetUnknownIntegrationProperties).
	unknownProps map[string]bool
}

func newParser(sql string, binds []Binding) (*parser, *SQLError) {
	toks, lerr := tokenize(sql)
	if lerr != nil {
		return nil, errSyntax(lerr.line, lerr.pos, lerr.near)
	}
	if err := substituteBinds(toks, binds); err != nil {
		return nil, err
	}
	// A single trailing semicolon is allowed.
	if len(toks) >= 2 && toks[len(toks)-2].Kind == tokSymbol && toks[len(toks)-2].Text == ";" {
		toks = append(toks[:len(toks)-2], toks[len(toks)-1])
	}
	return &parser{toks: toks}, nil
}

// substituteBinds replaces placeholders by literal tokens (drivers never rewrite the SQL text): each
// `?` takes the next binding in order, `:N` takes binding N (1-based; it may repeat and come in any
// order, as the Node.js driver allows).
func substituteBinds(toks []token, binds []Binding) *SQLError {
	n := 0
	for i := range toks {
		if toks[i].Kind != tokParam {
			continue
		}
		k := n
		if toks[i].Value != "" { // :N
			k, _ = strconv.Atoi(toks[i].Value)
			k--
		} else {
			n++
		}
		if k < 0 || k >= len(binds) {
			return &SQLError{"002049", "42601", "SQL compilation error: error line 0 at position -1\nBind variable " + toks[i].Text + " not set."}
		}
		toks[i] = bindToken(binds[k], toks[i])
	}
	return nil
}

func bindToken(b Binding, at token) token {
	t := token{Line: at.Line, Pos: at.Pos}
	switch {
	case b.Value == nil:
		t.Kind, t.Text, t.Value = tokIdent, "NULL", "NULL"
	case b.Type == "FIXED" || b.Type == "REAL":
		t.Kind, t.Text, t.Value = tokNumber, *b.Value, *b.Value
	case b.Type == "BOOLEAN":
		t.Kind, t.Text, t.Value = tokIdent, *b.Value, strings.ToUpper(*b.Value)
	default:
		t.Kind, t.Text, t.Value = tokString, "'"+*b.Value+"'", *b.Value
	}
	return t
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekAt(k int) token {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.Kind != tokEOF {
		p.i++
	}
	return t
}

// unexpected is the syntax error for the current token.
func (p *parser) unexpected() *SQLError {
	t := p.peek()
	return errSyntax(t.Line, t.Pos, t.Text)
}

// isKeyword reports whether the current token is the unquoted word kw (case-insensitive).
func (p *parser) isKeyword(kw string) bool {
	t := p.peek()
	return t.Kind == tokIdent && t.Value == kw
}

// isKeywords checks a sequence of keywords starting at the current token.
func (p *parser) isKeywords(kws ...string) bool {
	for k, kw := range kws {
		t := p.peekAt(k)
		if t.Kind != tokIdent || t.Value != kw {
			return false
		}
	}
	return true
}

func (p *parser) acceptKeyword(kws ...string) bool {
	if !p.isKeywords(kws...) {
		return false
	}
	p.i += len(kws)
	return true
}

func (p *parser) expectKeyword(kws ...string) *SQLError {
	for _, kw := range kws {
		if !p.isKeyword(kw) {
			return p.unexpected()
		}
		p.next()
	}
	return nil
}

func (p *parser) isSymbol(s string) bool {
	t := p.peek()
	return t.Kind == tokSymbol && t.Text == s
}

func (p *parser) acceptSymbol(s string) bool {
	if p.isSymbol(s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectSymbol(s string) *SQLError {
	if !p.acceptSymbol(s) {
		return p.unexpected()
	}
	return nil
}

func (p *parser) expectEOF() *SQLError {
	if p.peek().Kind != tokEOF {
		return p.unexpected()
	}
	return nil
}

// identifier reads one object name: an unquoted word folds to upper case, a quoted one is exact.
func (p *parser) identifier() (string, *SQLError) {
	t := p.peek()
	switch t.Kind {
	case tokIdent:
		if len(t.Value) > maxIdentLen {
			return "", p.unexpected()
		}
		p.next()
		return t.Value, nil
	case tokQuotedIdent:
		// Snowflake's limit is 255 characters, not bytes.
		if t.Value == "" || utf8.RuneCountInString(t.Value) > maxIdentLen {
			return "", p.unexpected()
		}
		p.next()
		return t.Value, nil
	}
	return "", p.unexpected()
}

func (p *parser) stringLiteral() (string, *SQLError) {
	t := p.peek()
	if t.Kind != tokString {
		return "", p.unexpected()
	}
	p.next()
	return t.Value, nil
}

// expectEquals consumes the `=` of `NAME = value`.
func (p *parser) expectEquals() *SQLError { return p.expectSymbol("=") }

// identifierFromString resolves a name given inside a string literal ('my_np' → MY_NP, '"my_np"' →
// my_np), as Snowflake does for NETWORK_POLICY and role names in lists.
func identifierFromString(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	toks, err := tokenize(s)
	if err != nil || len(toks) != 2 {
		return "", false
	}
	switch toks[0].Kind {
	case tokIdent:
		return toks[0].Value, true
	case tokQuotedIdent:
		return toks[0].Value, toks[0].Value != ""
	}
	return "", false
}

// nameList reads `( item [, item ...] )` where each item is an identifier or a string holding one;
// `()` is the empty list (nil).
func (p *parser) nameList() ([]string, *SQLError) {
	return p.parenList(nil, func() (string, *SQLError) {
		t := p.peek()
		if t.Kind != tokString {
			return p.identifier()
		}
		name, ok := identifierFromString(t.Value)
		if !ok {
			return "", errInvalidProperty(t.Value, "role")
		}
		p.next()
		return name, nil
	})
}

// stringList reads `( 'a' [, 'b' ...] )`; `()` is the empty list.
func (p *parser) stringList() ([]string, *SQLError) {
	return p.parenList([]string{}, p.stringLiteral)
}

// parenList reads `( item [, item ...] )`, each item with item, appending to out (so the caller
// chooses what `()` yields: nil or an empty list). Every list of the grammar goes through it.
func (p *parser) parenList(out []string, item func() (string, *SQLError)) ([]string, *SQLError) {
	if err := p.expectSymbol("("); err != nil {
		return nil, err
	}
	if p.acceptSymbol(")") {
		return out, nil
	}
	for {
		v, err := item()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if p.acceptSymbol(")") {
			return out, nil
		}
		if err := p.expectSymbol(","); err != nil {
			return nil, err
		}
	}
}

// boolValue reads TRUE/FALSE (case-insensitive, also quoted as a string).
func (p *parser) boolValue(prop string) (bool, *SQLError) {
	t := p.peek()
	v := t.Value
	if t.Kind == tokString {
		v = strings.ToUpper(v)
	} else if t.Kind != tokIdent {
		return false, p.unexpected()
	}
	switch v {
	case "TRUE":
		p.next()
		return true, nil
	case "FALSE":
		p.next()
		return false, nil
	}
	if t.Kind == tokString {
		return false, errInvalidProperty(t.Value, prop)
	}
	return false, p.unexpected()
}

// wordValue reads a bare word or a string (e.g. OAUTH_CLIENT_TYPE = 'PUBLIC' or = PUBLIC), upper-cased.
func (p *parser) wordValue() (string, *SQLError) {
	t := p.peek()
	if t.Kind == tokIdent || t.Kind == tokString {
		p.next()
		return strings.ToUpper(t.Value), nil
	}
	return "", p.unexpected()
}

// likePattern reads an optional `LIKE '<pattern>'`.
func (p *parser) optLike() (pattern string, has bool, err *SQLError) {
	if !p.acceptKeyword("LIKE") {
		return "", false, nil
	}
	s, e := p.stringLiteral()
	if e != nil {
		return "", false, e
	}
	return s, true, nil
}
