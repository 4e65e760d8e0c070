package emulator

import (
	"context"
	"testing"
	"time"
)

// TestLoginLatencyChargesLoginsOnly: through the real driver, the login latency delays each
// login-request (lower bound only) and is never charged to queries or to session renewals.
func TestLoginLatencyChargesLoginsOnly(t *testing.T) {
	t.Parallel()
	const d = 25 * time.Millisecond
	srv := startServer(t, Options{})
	srv.SetLoginLatency(d)
	db := openDB(t, srv, nil)
	db.SetMaxOpenConns(2)

	start := time.Now()
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < d {
		t.Fatalf("first login took %v, want at least the login latency %v", elapsed, d)
	}
	for range 5 {
		queryRow(t, db, "SELECT 2")
	}
	srv.ExpireSessions() // the next query renews the session token: not a login
	queryRow(t, db, "SELECT 2")
	if n := srv.RequestCount(pathToken); n != 1 {
		t.Fatalf("token-requests = %d, want 1 renewal", n)
	}
	if got, logins := srv.DelayedLogins(), srv.RequestCount(pathLogin); got != 1 || logins != 1 {
		t.Fatalf("delayed logins = %d of %d login-requests after 6 queries and a renewal, want 1 of 1", got, logins)
	}
	if n := srv.CountStatements(sqlIs("SELECT 2")); n != 6 {
		t.Fatalf("SELECT 2 ran %d times, want 6", n)
	}

	// A second concurrent session logs in once more and is charged once more.
	ctx := context.Background()
	held, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = held.Close() }()
	second, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = second.Close() }()
	if err := second.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	if got, logins := srv.DelayedLogins(), srv.RequestCount(pathLogin); got != 2 || logins != 2 {
		t.Fatalf("delayed logins = %d of %d login-requests with two sessions, want 2 of 2", got, logins)
	}

	srv.SetLoginLatency(0) // disabled: logins are no longer charged
	third := openDB(t, srv, nil)
	if err := third.Ping(); err != nil {
		t.Fatal(err)
	}
	if got, logins := srv.DelayedLogins(), srv.RequestCount(pathLogin); got != 2 || logins != 3 {
		t.Fatalf("delayed logins = %d of %d login-requests after disabling, want 2 of 3", got, logins)
	}
}
