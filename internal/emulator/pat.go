package emulator

import (
	"sort"
	"sync"
)

// patRecord is a programmatic access token: its secret, the user's login name and an optional role
// restriction (an identifier: unquoted names fold to upper case).
type patRecord struct {
	Token string `json:"token"`
	User  string `json:"user"`
	Role  string `json:"role,omitempty"`
}

type patStore struct {
	mu     sync.Mutex
	tokens map[string]patRecord
}

func newPATStore() *patStore { return &patStore{tokens: map[string]patRecord{}} }

func (p *patStore) add(rec patRecord) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tokens[rec.Token] = rec
}

func (p *patStore) lookup(token string) (patRecord, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rec, ok := p.tokens[token]
	return rec, ok && token != ""
}

func (p *patStore) load(recs []patRecord) {
	for _, r := range recs {
		p.add(r)
	}
}

func (p *patStore) records() []patRecord {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]patRecord, 0, len(p.tokens))
	for _, r := range p.tokens {
		out = append(out, r)
	}
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
