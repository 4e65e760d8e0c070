package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"
)

// adminPost posts form values to an admin route and decodes the JSON answer into out (may be nil);
// it returns the HTTP status.
func adminPost(t *testing.T, srv *Server, route string, form url.Values, out any) int {
	t.Helper()
	resp, err := http.PostForm(srv.AdminURL()+route, form)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s: %v", route, err)
		}
	}
	return resp.StatusCode
}

func TestAdminEndpointIsOffByDefaultAndLoopbackOnly(t *testing.T) {
	t.Parallel()
	if srv := startServer(t, Options{}); srv.AdminURL() != "" {
		t.Fatalf("admin endpoint on without AdminListen: %s", srv.AdminURL())
	}
	_, err := Start(Options{AdminListen: "0.0.0.0:0", AllowRemote: true})
	if err == nil || !strings.Contains(err.Error(), "loopback only") {
		t.Fatalf("non-loopback admin address: err = %v, want a refusal", err)
	}
}

// TestAdminFaultKnobs drives every knob over HTTP and observes its effect through the real driver.
func TestAdminFaultKnobs(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{AdminListen: "127.0.0.1:0"})
	db := openSessionDB(t, srv, nil)
	queryRow(t, db, "SELECT 1") // log in first, so only query-requests are counted below

	t.Run("fail next requests", func(t *testing.T) {
		var st adminStatusBody
		if code := adminPost(t, srv, "/faults/fail-next", url.Values{"count": {"2"}, "mode": {"503"}}, &st); code != 200 || st.PendingRequestFaults != 2 {
			t.Fatalf("HTTP %d, status %+v", code, st)
		}
		before := srv.RequestCount(pathQuery)
		queryRow(t, db, "SELECT 2") // the driver retries through both 503s
		if n := srv.RequestCount(pathQuery) - before; n != 3 {
			t.Fatalf("query-requests for one query = %d, want 3 (two injected 503s)", n)
		}
		adminPost(t, srv, "/faults/fail-next", url.Values{"count": {"1"}, "mode": {"drop"}}, nil)
		before = srv.RequestCount(pathQuery)
		queryRow(t, db, "SELECT 3")
		if n := srv.RequestCount(pathQuery) - before; n != 2 {
			t.Fatalf("query-requests after a dropped connection = %d, want 2", n)
		}
	})

	t.Run("fail statements by SQL text", func(t *testing.T) {
		adminPost(t, srv, "/faults/fail-statements", url.Values{"contains": {"show roles"}, "count": {"1"}, "mode": {"sql-error"}}, nil)
		_, err := db.Query("SHOW ROLES")
		wantSFError(t, err, 603)
		if n := countRows(t, db, "SHOW ROLES LIKE 'PUBLIC'"); n != 1 {
			t.Fatalf("second SHOW ROLES: %d rows", n)
		}
	})

	t.Run("clear", func(t *testing.T) {
		adminPost(t, srv, "/faults/fail-next", url.Values{"count": {"5"}}, nil)
		adminPost(t, srv, "/faults/fail-statements", url.Values{"contains": {"X"}, "count": {"5"}, "mode": {"sql-error"}}, nil)
		var st adminStatusBody
		adminPost(t, srv, "/faults/clear", nil, &st)
		if st.PendingRequestFaults != 0 || st.PendingStatementFaults != 0 {
			t.Fatalf("after clear: %+v", st)
		}
	})

	t.Run("latency", func(t *testing.T) {
		var st adminStatusBody
		adminPost(t, srv, "/latency", url.Values{"query": {"1h"}}, &st)
		if st.QueryLatency != "1h0m0s" {
			t.Fatalf("status after setting latency: %+v", st)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		if _, err := db.QueryContext(ctx, "SELECT 4"); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("query under an hour of latency: err = %v, want the caller's deadline", err)
		}
		adminPost(t, srv, "/latency", url.Values{"query": {"0s"}, "login": {"1h"}}, &st)
		if st.QueryLatency != "0s" || st.LoginLatency != "1h0m0s" {
			t.Fatalf("status after setting login latency: %+v", st)
		}
		queryRow(t, db, "SELECT 5") // an open session: no login, no login latency
		loginCtx, cancelLogin := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancelLogin()
		if err := openDB(t, srv, nil).PingContext(loginCtx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("login under an hour of login latency: err = %v, want the caller's deadline", err)
		}
		adminPost(t, srv, "/latency", url.Values{"login": {"0s"}}, nil)
	})

	t.Run("expire sessions", func(t *testing.T) {
		before := srv.RequestCount(pathToken)
		adminPost(t, srv, "/sessions/expire", nil, nil)
		queryRow(t, db, "SELECT 6")
		if n := srv.RequestCount(pathToken) - before; n != 1 {
			t.Fatalf("token renewals after expiring sessions = %d, want 1", n)
		}
	})

	t.Run("forget sessions", func(t *testing.T) {
		var st adminStatusBody
		adminPost(t, srv, "/sessions/forget", nil, &st)
		if st.ActiveSessions != 0 {
			t.Fatalf("after forget: %+v", st)
		}
		_, err := db.Query("SELECT 7")
		wantSFError(t, err, 390104)
	})

	t.Run("statements", func(t *testing.T) {
		resp, err := http.Get(srv.AdminURL() + "/statements?contains=select+5")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		var log []Entry
		if err := json.NewDecoder(resp.Body).Decode(&log); err != nil || len(log) != 1 || log[0].SQL != "SELECT 5" || !log[0].OK {
			t.Fatalf("GET /statements?contains=select 5: %+v, %v", log, err)
		}
	})

	t.Run("programmatic access token", func(t *testing.T) {
		var out map[string]string
		if code := adminPost(t, srv, "/users/pat", url.Values{"user": {"admin"}, "role": {"sysadmin"}}, &out); code != 200 || out["token"] == "" {
			t.Fatalf("HTTP %d %v", code, out)
		}
		pat := openDB(t, srv, func(c *sf.Config) { c.Authenticator, c.Token, c.Password = sf.AuthTypePat, out["token"], "" })
		if got := queryRow(t, pat, "SELECT CURRENT_ROLE()"); got[0] != "SYSADMIN" {
			t.Fatalf("PAT from the admin endpoint: role %q, want SYSADMIN", got[0])
		}
		if code := adminPost(t, srv, "/users/pat", url.Values{"user": {"nobody"}}, nil); code != http.StatusBadRequest {
			t.Fatalf("PAT for an unknown user: HTTP %d, want 400", code)
		}
	})

	t.Run("bad input", func(t *testing.T) {
		for route, form := range map[string]url.Values{
			"/faults/fail-next":       {"count": {"two"}},
			"/faults/fail-statements": {"count": {"1"}, "mode": {"explode"}},
			"/latency":                {"query": {"soon"}},
			"/latency?":               {},
		} {
			var body map[string]string
			if code := adminPost(t, srv, route, form, &body); code != http.StatusBadRequest || body["error"] == "" {
				t.Errorf("%s %v: HTTP %d %v, want 400 with an error", route, form, code, body)
			}
		}
		if code := adminPost(t, srv, "/faults/fail-next", url.Values{"count": {"1"}, "mode": {"sql-error"}}, nil); code != http.StatusBadRequest {
			t.Errorf("fail-next with sql-error: HTTP %d, want 400", code)
		}
	})
}

// TestAdminRoutesDoNotLeakOntoTheSnowflakePort: the knobs are only on the admin port.
func TestAdminRoutesDoNotLeakOntoTheSnowflakePort(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{AdminListen: "127.0.0.1:0"})
	resp, err := http.PostForm(srv.URL()+"/faults/fail-next", url.Values{"count": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("admin route on the Snowflake port: HTTP %d, want 404", resp.StatusCode)
	}
	// The request did not arm a fault: a client without retries still gets through.
	if err := openDB(t, srv, func(c *sf.Config) { c.MaxRetryCount = -1 }).Ping(); err != nil {
		t.Fatal(err)
	}
}
