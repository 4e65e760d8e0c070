package emulator

import "sort"

// patRecord is a programmatic access token: its secret, the user's login name and an optional role
// restriction (an identifier: unquoted names fold to upper case).
type patRecord struct {
	Token string `json:"token"`
	User  string `json:"user"`
	Role  string `json:"role,omitempty"`
}

// patStore holds the programmatic access tokens by secret.
type patStore struct{ lockedMap[string, patRecord] }

func newPATStore() *patStore { return &patStore{newLockedMap[string, patRecord]()} }

func (p *patStore) add(rec patRecord) { p.set(rec.Token, rec) }

func (p *patStore) lookup(token string) (patRecord, bool) {
	rec, ok := p.get(token)
	return rec, ok && token != ""
}

func (p *patStore) load(recs []patRecord) {
	for _, r := range recs {
		p.add(r)
	}
}

// records lists the tokens sorted by secret, so that the state file is stable.
func (p *patStore) records() []patRecord {
	out := p.values()
	sort.Slice(out, func(i, j int) bool { return out[i].Token < out[j].Token })
	return out
}

// AddProgrammaticAccessToken registers a programmatic access token for the user with that login name
// and returns its secret, to be used with AUTHENTICATOR=PROGRAMMATIC_ACCESS_TOKEN. A non-empty role
// restricts the token's sessions to that role (resolved like an identifier: "analyst" is ANALYST);
// an empty role means the user's default role or the role requested at login. Tokens are saved in the
// state file.
func (s *Server) AddProgrammaticAccessToken(user, role string) string {
	token := randomToken(48)
	s.pats.add(patRecord{Token: token, User: user, Role: role})
	s.persist.markDirty()
	_ = s.persist.flush() // a failed write stays pending and is retried on the next change or Close
	return token
}
