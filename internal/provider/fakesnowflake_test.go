package provider

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
)

// fakeSnowflake answers gosnowflake's login and Snowflake's OAuth token endpoint, recording what
// it receives. It is just enough to test logins; the real emulator lives in internal/emulator.
type fakeSnowflake struct {
	*httptest.Server
	mu            sync.Mutex
	logins        []map[string]any // the "data" object of each login request
	tokenRequests []*http.Request  // with ParseForm done
	// login decides a login: "" accepts, otherwise "code:message".
	login func(data map[string]any) (code, message string)
	// token answers the token endpoint; nil means 404.
	token func(w http.ResponseWriter, r *http.Request)
}

func newFakeSnowflake(t *testing.T) *fakeSnowflake {
	f := &fakeSnowflake{login: func(map[string]any) (string, string) { return "", "" }}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSnowflake) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/session/v1/login-request":
		var body struct {
			Data map[string]any `json:"data"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.logins = append(f.logins, body.Data)
		decide := f.login
		f.mu.Unlock()
		if code, msg := decide(body.Data); code != "" {
			_ = json.NewEncoder(w).Encode(map[string]any{"data": nil, "code": code, "message": msg, "success": false})
			return
		}
		_, _ = w.Write([]byte(`{"data":{"token":"ST","masterToken":"MT","sessionId":1,` +
			`"parameters":[{"name":"TIMEZONE","value":"UTC"}]},"success":true}`))
	case "/oauth/token-request":
		_ = r.ParseForm()
		f.mu.Lock()
		f.tokenRequests = append(f.tokenRequests, r)
		handler := f.token
		f.mu.Unlock()
		if handler == nil {
			http.NotFound(w, r)
			return
		}
		handler(w, r)
	default: // session close and anything else
		_, _ = w.Write([]byte(`{"data":{},"success":true}`))
	}
}

func (f *fakeSnowflake) port(t *testing.T) int64 {
	u, _ := url.Parse(f.URL)
	p, err := strconv.ParseInt(u.Port(), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fakeSnowflake) loginCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.logins)
}

func (f *fakeSnowflake) lastLogin() map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.logins) == 0 {
		return nil
	}
	return f.logins[len(f.logins)-1]
}

func (f *fakeSnowflake) tokenRequestCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.tokenRequests)
}

// attrs points a configuration at the fake.
func (f *fakeSnowflake) attrs(t *testing.T) attrs {
	return attrs{Account: "TESTACC", Host: "127.0.0.1", Port: f.port(t), Protocol: "http"}
}
