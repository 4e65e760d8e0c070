package emulator

import (
	"context"
	"errors"
	"testing"
	"time"

	sf "github.com/snowflakedb/gosnowflake"
)

// TestFaultsAreRetriedAndExecuteOnce: the statement runs, its answer is lost, the driver retries
// with the same requestId and gets the stored answer, so CREATE runs once and does not fail with
// "already exists".
func TestFaultsAreRetriedAndExecuteOnce(t *testing.T) {
	t.Parallel()
	for _, mode := range []FaultMode{HTTP503, DropConnection} {
		t.Run(mode.String(), func(t *testing.T) {
			t.Parallel()
			srv := startServer(t, Options{})
			db := openSessionDB(t, srv, func(c *sf.Config) { c.MaxRetryCount = 2 })
			if err := db.Ping(); err != nil {
				t.Fatal(err)
			}
			before := srv.RequestCount(pathQuery)
			srv.FailNext(1, mode)
			stmt := "CREATE ROLE FAULTY_" + mode.String()
			mustExec(t, db, stmt)
			if n := srv.RequestCount(pathQuery) - before; n != 2 {
				t.Fatalf("query-requests = %d, want 2 (one lost answer, one retry)", n)
			}
			if n := srv.CountStatements(sqlIs(stmt)); n != 1 {
				t.Fatalf("%s executed %d times, want 1", stmt, n)
			}
			if n := countRows(t, db, "SHOW ROLES LIKE 'FAULTY_"+mode.String()+"'"); n != 1 {
				t.Fatalf("SHOW ROLES found %d roles, want 1", n)
			}
		})
	}
}

func TestFaultOnLoginIsRetried(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	srv.FailNext(1, HTTP503)
	db := openDB(t, srv, func(c *sf.Config) { c.MaxRetryCount = 2 })
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	if n := srv.RequestCount(pathLogin); n != 2 {
		t.Fatalf("login requests = %d, want 2", n)
	}
	if srv.ActiveSessions() != 1 {
		t.Fatalf("active sessions = %d, want 1", srv.ActiveSessions())
	}
}

// TestFaultWithoutRetries shows the lost-answer case a client cannot hide: the statement ran, the
// client saw an error, and running it again (a new requestId) fails with "already exists".
func TestFaultWithoutRetries(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, func(c *sf.Config) { c.MaxRetryCount = -1 }) // -1: one attempt only
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	srv.FailNext(1, HTTP503)
	_, err := db.Exec("CREATE ROLE LOST_ANSWER")
	var se *sf.SnowflakeError
	if err == nil || errors.As(err, &se) {
		t.Fatalf("want a transport-level error, got %v", err)
	}
	_, err = db.Exec("CREATE ROLE LOST_ANSWER")
	wantSFError(t, err, 2002)
	srv.FailNext(3, DropConnection)
	srv.FailNext(0, HTTP503) // cancels pending faults
	mustExec(t, db, "SELECT 1")
}

func TestLatency(t *testing.T) {
	t.Parallel()
	const delay = 150 * time.Millisecond
	srv := startServer(t, Options{Latency: delay})
	db := openSessionDB(t, srv, nil)
	for _, d := range []time.Duration{delay, 2 * delay} {
		srv.SetLatency(d)
		start := time.Now()
		queryRow(t, db, "SELECT 1")
		if elapsed := time.Since(start); elapsed < d {
			t.Fatalf("query took %v with latency %v", elapsed, d)
		}
	}
}

// TestCancelDuringLatency: a context deadline makes the driver send abort-request; the statement,
// still waiting, never runs.
func TestCancelDuringLatency(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	db := openSessionDB(t, srv, nil)
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	srv.SetLatency(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := db.ExecContext(ctx, "CREATE ROLE NEVER_CREATED")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if srv.RequestCount(pathAbort) == 0 {
		t.Fatal("no abort-request was sent")
	}
	srv.SetLatency(0)
	if n := srv.CountStatements(sqlIs("CREATE ROLE NEVER_CREATED")); n != 0 {
		t.Fatalf("cancelled statement executed %d times", n)
	}
	if n := countRows(t, db, "SHOW ROLES LIKE 'NEVER_CREATED'"); n != 0 {
		t.Fatalf("cancelled CREATE ROLE created %d roles", n)
	}
}
