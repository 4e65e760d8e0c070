package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"
)

// fakeClock is an injectable clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// rawResponse is a decoded Snowflake envelope.
type rawResponse struct {
	Data    any     `json:"data"`
	Code    *string `json:"code"`
	Message *string `json:"message"`
	Success bool    `json:"success"`
}

// field returns data[k] when data is an object.
func (r rawResponse) field(k string) any {
	m, _ := r.Data.(map[string]any)
	return m[k]
}

func (r rawResponse) code() string {
	if r.Code == nil {
		return ""
	}
	return *r.Code
}

// post sends a raw request the way the driver does and decodes the answer; it fails unless the
// status is 200.
func post(t testing.TB, srv *Server, pathAndQuery, token string, body any) rawResponse {
	t.Helper()
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL()+pathAndQuery, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/snowflake")
	if token != "" {
		req.Header.Set("Authorization", `Snowflake Token="`+token+`"`)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: HTTP %d", pathAndQuery, resp.StatusCode)
	}
	var out rawResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("POST %s: %v", pathAndQuery, err)
	}
	return out
}

// rawLogin logs the admin in and returns the session and master tokens.
func rawLogin(t testing.TB, srv *Server) (token, master string) {
	t.Helper()
	resp := post(t, srv, pathLogin+"?requestId=r1", "", map[string]any{"data": map[string]any{
		"ACCOUNT_NAME": srv.Account(), "LOGIN_NAME": srv.AdminUser(), "PASSWORD": srv.AdminPassword(),
	}})
	if !resp.Success {
		t.Fatalf("login failed: %s %v", resp.code(), resp.Message)
	}
	token, _ = resp.field("token").(string)
	master, _ = resp.field("masterToken").(string)
	if token == "" || master == "" {
		t.Fatalf("login answer without tokens: %v", resp.Data)
	}
	return token, master
}

func TestExpireSessionsRenews(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, nil)
	queryRow(t, db, "SELECT 1")

	srv.ExpireSessions()
	if got := queryRow(t, db, "SELECT 1"); got[0] != "1" {
		t.Fatalf("SELECT 1 after expiry = %v", got)
	}
	if n := srv.RequestCount(pathToken); n != 1 {
		t.Fatalf("token-requests = %d, want 1", n)
	}
	if n := srv.RequestCount(pathLogin); n != 1 {
		t.Fatalf("logins = %d, want 1 (renewal must not log in again)", n)
	}
	if n := srv.CountStatements(sqlIs("SELECT 1")); n != 2 {
		t.Fatalf("SELECT 1 executed %d times, want 2 (the 390112 answer executes nothing)", n)
	}
}

func TestSessionTTLAndMasterExpiry(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Now()}
	srv := startServer(t, Options{SessionTTL: time.Minute, MasterTTL: 10 * time.Minute, Now: clock.Now})
	db := openSessionDB(t, srv, nil)
	queryRow(t, db, "SELECT 1")

	clock.Advance(2 * time.Minute)
	queryRow(t, db, "SELECT 1")
	if n := srv.RequestCount(pathToken); n != 1 {
		t.Fatalf("token-requests after the TTL = %d, want 1", n)
	}
	queryRow(t, db, "SELECT 1") // the renewed token is valid for another minute
	if n := srv.RequestCount(pathToken); n != 1 {
		t.Fatalf("token-requests within the TTL = %d, want still 1", n)
	}

	clock.Advance(10 * time.Minute) // past the master token's validity
	_, err := db.Exec("SELECT 1")
	wantSFError(t, err, 390114)
}

func TestShortSessionTTLRenewsEveryQuery(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, nil)
	queryRow(t, db, "SELECT 1")
	srv.SetSessionTTL(time.Nanosecond)
	for range 3 {
		queryRow(t, db, "SELECT 1")
	}
	// Each query renews once: a just-renewed token is honoured for the resend, never a loop.
	if n := srv.RequestCount(pathToken); n != 3 {
		t.Fatalf("token-requests = %d, want 3", n)
	}
}

func TestSessionEndpointsRaw(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	token, master := rawLogin(t, srv)

	if r := post(t, srv, pathHeartbeat, token, nil); !r.Success {
		t.Fatalf("heartbeat: %s", r.code())
	}
	if r := post(t, srv, pathQuery+"?requestId=q1", "bogus", map[string]any{"sqlText": "SELECT 1"}); r.Success || r.code() != "390104" {
		t.Fatalf("unknown token: success %v code %q, want 390104", r.Success, r.code())
	}
	if r := post(t, srv, pathToken, "bogus-master", map[string]any{"oldSessionToken": token, "requestType": "RENEW"}); r.code() != "390114" {
		t.Fatalf("bad master token: code %q, want 390114", r.code())
	}

	srv.ExpireSessions()
	if r := post(t, srv, pathHeartbeat, token, nil); r.code() != "390112" {
		t.Fatalf("heartbeat with expired token: code %q, want 390112", r.code())
	}
	r := post(t, srv, pathToken, master, map[string]any{"oldSessionToken": token, "requestType": "RENEW"})
	newToken, _ := r.field("sessionToken").(string)
	if !r.Success || newToken == "" || newToken == token || r.field("masterToken") != master {
		t.Fatalf("renewal answer: %+v", r)
	}
	if _, ok := r.field("sessionId").(float64); !ok {
		t.Fatalf("sessionId must be a JSON number: %v", r.field("sessionId"))
	}
	if r := post(t, srv, pathHeartbeat, newToken, nil); !r.Success {
		t.Fatalf("heartbeat with renewed token: %s", r.code())
	}
	if r := post(t, srv, pathHeartbeat, token, nil); r.code() != "390104" {
		t.Fatalf("old token after renewal: code %q, want 390104", r.code())
	}
	if r := post(t, srv, pathTelemetry, newToken, map[string]any{"logs": []any{}}); !r.Success {
		t.Fatalf("telemetry: %s", r.code())
	}
	if r := post(t, srv, pathAbort+"?requestId=a1", newToken, map[string]any{"requestId": "nothing-running"}); !r.Success {
		t.Fatalf("abort: %s", r.code())
	}
	if r := post(t, srv, pathSession+"?delete=true", newToken, nil); !r.Success {
		t.Fatalf("close: %s", r.code())
	}
	if r := post(t, srv, pathHeartbeat, newToken, nil); r.code() != "390104" {
		t.Fatalf("closed session: code %q, want 390104", r.code())
	}
	if srv.ActiveSessions() != 0 {
		t.Fatalf("active sessions after close = %d", srv.ActiveSessions())
	}
}

func TestDriverCloseAndTelemetry(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openDB(t, srv, func(c *sf.Config) { c.DisableTelemetry = false })
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	if srv.ActiveSessions() != 1 {
		t.Fatalf("active sessions = %d, want 1", srv.ActiveSessions())
	}
	if srv.RequestCount(pathTelemetry) == 0 {
		t.Fatal("the driver sent no telemetry after login")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if srv.ActiveSessions() != 0 || srv.RequestCount(pathSession) != 1 {
		t.Fatalf("after Close: %d active sessions, %d close requests; want 0, 1", srv.ActiveSessions(), srv.RequestCount(pathSession))
	}
}
