package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"
)

const lockedCode = 390102

// loginAs pings a fresh connection of user with password and returns the error.
func loginAs(t *testing.T, srv *Server, user, password string) error {
	t.Helper()
	return openDB(t, srv, func(c *sf.Config) { c.User, c.Password = user, password }).Ping()
}

// TestPasswordLockout drives Snowflake's documented lockout through the real driver: 5 consecutive
// failures lock the user for 15 minutes, during which even the right password is refused; a success
// resets the count; MINS_TO_UNLOCK = 0 unlocks at once.
func TestPasswordLockout(t *testing.T) {
	t.Parallel()
	clk := &fakeClock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	srv, admin := startWithAdmin(t, Options{Now: clk.Now})
	mustExec(t, admin, "CREATE USER LOCKME PASSWORD = 'right'")

	// 4 failures, a success, 4 failures: never locked (the success resets the count).
	for round := 0; round < 2; round++ {
		for i := 0; i < 4; i++ {
			wantSFError(t, loginAs(t, srv, "lockme", "wrong"), 390100)
		}
		if err := loginAs(t, srv, "lockme", "right"); err != nil {
			t.Fatalf("round %d: right password after 4 failures: %v", round, err)
		}
	}

	for i := 0; i < 4; i++ {
		wantSFError(t, loginAs(t, srv, "lockme", "wrong"), 390100)
	}
	wantSFError(t, loginAs(t, srv, "lockme", "wrong"), 390100) // the 5th failure locks
	se := asSFError(t, loginAs(t, srv, "lockme", "right"), lockedCode)
	if !strings.Contains(se.Message, "temporarily locked due to too many failed attempts") {
		t.Fatalf("lockout message = %q", se.Message)
	}
	if m := srv.Engine().MinutesToUnlock("LOCKME"); m != 15 {
		t.Fatalf("MinutesToUnlock = %d, want 15", m)
	}
	// Other users are not affected.
	if err := loginAs(t, srv, srv.AdminUser(), srv.AdminPassword()); err != nil {
		t.Fatal(err)
	}

	clk.Advance(14 * time.Minute)
	wantSFError(t, loginAs(t, srv, "lockme", "right"), lockedCode)
	clk.Advance(time.Minute)
	if err := loginAs(t, srv, "lockme", "right"); err != nil {
		t.Fatalf("after 15 minutes: %v", err)
	}

	// Lock again, then unlock with MINS_TO_UNLOCK = 0; a positive value locks for that long.
	for i := 0; i < 5; i++ {
		_ = loginAs(t, srv, "lockme", "wrong")
	}
	wantSFError(t, loginAs(t, srv, "lockme", "right"), lockedCode)
	mustExec(t, admin, "ALTER USER LOCKME SET MINS_TO_UNLOCK = 0")
	if err := loginAs(t, srv, "lockme", "right"); err != nil {
		t.Fatalf("after MINS_TO_UNLOCK = 0: %v", err)
	}
	mustExec(t, admin, "ALTER USER LOCKME SET MINS_TO_UNLOCK = 3")
	wantSFError(t, loginAs(t, srv, "lockme", "right"), lockedCode)
	clk.Advance(3 * time.Minute)
	if err := loginAs(t, srv, "lockme", "right"); err != nil {
		t.Fatalf("after MINS_TO_UNLOCK = 3 and 3 minutes: %v", err)
	}
	_, err := admin.Exec("ALTER USER LOCKME SET MINS_TO_UNLOCK = 1.5")
	wantSFError(t, err, 1422)
}

// TestOAuthFormSharesTheLockout: failures on the OAuth sign-in form and on the driver's password login
// count towards the same lock, and the form shows the lockout message.
func TestOAuthFormSharesTheLockout(t *testing.T) {
	t.Parallel()
	srv, admin := startWithAdmin(t, Options{})
	mustExec(t, admin, "CREATE USER FORMUSER PASSWORD = 'right'")
	mustExec(t, admin, "CREATE SECURITY INTEGRATION LOCKAPP TYPE = OAUTH OAUTH_CLIENT = CUSTOM "+
		"OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'")
	var secrets string
	if err := admin.QueryRow("SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('LOCKAPP')").Scan(&secrets); err != nil {
		t.Fatal(err)
	}
	var ids struct {
		ClientID string `json:"OAUTH_CLIENT_ID"`
	}
	if err := json.Unmarshal([]byte(secrets), &ids); err != nil || ids.ClientID == "" {
		t.Fatalf("client id from %q: %v", secrets, err)
	}
	signIn := func(password string) string {
		q := url.Values{"client_id": {ids.ClientID}, "response_type": {"code"}, "redirect_uri": {"https://app.example.com/cb"}}
		form := url.Values{"user": {"formuser"}, "password": {password}}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.PostForm(srv.URL()+"/oauth/authorize?"+q.Encode(), form)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}

	for i := 0; i < 3; i++ {
		if page := signIn("wrong"); !strings.Contains(page, "Incorrect username or password") {
			t.Fatalf("form failure %d: page lacks the bad-credentials message:\n%s", i+1, page)
		}
	}
	wantSFError(t, loginAs(t, srv, "formuser", "wrong"), 390100)
	wantSFError(t, loginAs(t, srv, "formuser", "wrong"), 390100) // 5th failure in total: locked
	if page := signIn("right"); !strings.Contains(page, "temporarily locked") {
		t.Fatalf("locked user on the form: page lacks the lockout message:\n%s", page)
	}
	wantSFError(t, loginAs(t, srv, "formuser", "right"), lockedCode)
}
