package engine

import "strings"

// likeMatch implements SHOW ... LIKE: case-insensitive, `%` any run, `_` any one character, `\` escapes
// the next character; the whole name must match.
func likeMatch(pattern, name string) bool {
	return likeRunes([]rune(strings.ToUpper(pattern)), []rune(strings.ToUpper(name)))
}

func likeRunes(p, s []rune) bool {
	for len(p) > 0 {
		switch p[0] {
		case '%':
			for len(p) > 0 && p[0] == '%' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if likeRunes(p, s[i:]) {
					return true
				}
			}
			return false
		case '_':
			if len(s) == 0 {
				return false
			}
			p, s = p[1:], s[1:]
		case '\\':
			if len(p) > 1 {
				p = p[1:]
			}
			fallthrough
		default:
			if len(s) == 0 || s[0] != p[0] {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return len(s) == 0
}
