package engine

// DecodeStringLiteral tokenizes src with the engine's lexer and returns the value of the single
// string literal it holds. It exists so the provider's SQL layer can prove, by fuzzing, that what it
// writes reads back unchanged.
func DecodeStringLiteral(src string) (string, bool) {
	toks, err := tokenize(src)
	if err != nil || len(toks) != 2 || toks[0].Kind != tokString {
		return "", false
	}
	return toks[0].Value, true
}

// DecodeIdentifier resolves src, a single identifier as written in SQL, to the stored name.
func DecodeIdentifier(src string) (string, bool) {
	p, serr := newParser(src, nil)
	if serr != nil {
		return "", false
	}
	name, serr := p.identifier()
	if serr != nil || p.expectEOF() != nil {
		return "", false
	}
	return name, true
}
