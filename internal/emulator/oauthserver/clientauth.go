package oauthserver

import (
	"crypto/subtle"
	"net/http"
	"net/url"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
)

// authenticateClient identifies the client of a token request (FIDELITY.md, "OAuth authorization server"):
//   - client_secret_basic: Authorization: Basic base64(urlencode(id) ":" urlencode(secret)). The
//     URL-decoded values are tried first, then the raw ones, because gosnowflake's own refresh call
//     sends the id and secret without URL-encoding them.
//   - client_secret_post: client_id and client_secret form fields.
//   - a PUBLIC client may send its client_id alone (either way).
//
// Either secret (OAUTH_CLIENT_SECRET or OAUTH_CLIENT_SECRET_2, as they are now) is accepted. Unknown or
// disabled clients, wrong secrets, a bad Basic header, a Basic id that differs from a client_id field,
// and JWT client assertions (not emulated) are all invalid_client.
func (s *Server) authenticateClient(r *http.Request) (engine.OAuthClient, *tokenError) {
	form := r.PostForm
	if form.Get("client_assertion") != "" || form.Get("client_assertion_type") != "" {
		return engine.OAuthClient{}, errInvalidClient
	}
	var ids, secrets []string
	if r.Header.Get("Authorization") != "" {
		rawID, rawSecret, ok := r.BasicAuth()
		if !ok {
			return engine.OAuthClient{}, errInvalidClient
		}
		ids, secrets = decodedAndRaw(rawID), decodedAndRaw(rawSecret)
	} else {
		ids, secrets = []string{form.Get("client_id")}, []string{form.Get("client_secret")}
	}

	var in engine.OAuthClient
	found := false
	for _, id := range ids {
		if in, found = s.eng.OAuthClientByID(id); found {
			break
		}
	}
	if !found || !in.Enabled {
		return engine.OAuthClient{}, errInvalidClient
	}
	if fid := form.Get("client_id"); fid != "" && fid != in.ClientID {
		return engine.OAuthClient{}, errInvalidClient
	}
	if secrets[0] == "" {
		if in.Public {
			return in, nil
		}
		return engine.OAuthClient{}, errInvalidClient
	}
	for _, secret := range secrets {
		for _, want := range in.Secrets {
			if secretEqual(secret, want) {
				return in, nil
			}
		}
	}
	return engine.OAuthClient{}, errInvalidClient
}

// decodedAndRaw returns the URL-decoded value (when it decodes) followed by the raw value.
func decodedAndRaw(v string) []string {
	if d, err := url.QueryUnescape(v); err == nil && d != v {
		return []string{d, v}
	}
	return []string{v}
}

func secretEqual(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
