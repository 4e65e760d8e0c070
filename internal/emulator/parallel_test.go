package emulator

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
)

// TestParallelSessions runs DDL from 50 sessions at once.
func TestParallelSessions(t *testing.T) {
	t.Parallel()
	const n = 50
	srv, db := startWithAdmin(t, Options{})
	db.SetMaxOpenConns(n)
	ctx := context.Background()

	conns := make([]*sql.Conn, n)
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i, c := range conns {
		wg.Go(func() {
			if _, err := c.ExecContext(ctx, fmt.Sprintf("CREATE ROLE PARALLEL_%02d", i)); err != nil {
				errs <- err
				return
			}
			var user, role string
			if err := c.QueryRowContext(ctx, "SELECT CURRENT_USER(), CURRENT_ROLE()").Scan(&user, &role); err != nil {
				errs <- err
				return
			}
			if user != "ADMIN" || role != "ACCOUNTADMIN" {
				errs <- fmt.Errorf("session %d: %s/%s", i, user, role)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if srv.ActiveSessions() != n {
		t.Fatalf("active sessions = %d, want %d", srv.ActiveSessions(), n)
	}
	sessions := map[int64]bool{}
	for _, e := range srv.StatementLog() {
		if e.OK && len(e.SQL) > len("CREATE ROLE") && e.SQL[:len("CREATE ROLE")] == "CREATE ROLE" {
			sessions[e.SessionID] = true
		}
	}
	if len(sessions) != n {
		t.Fatalf("CREATE ROLE ran in %d distinct sessions, want %d", len(sessions), n)
	}
	for _, c := range conns {
		_ = c.Close()
	}
	if got := countRows(t, db, "SHOW ROLES LIKE 'PARALLEL_%'"); got != n {
		t.Fatalf("SHOW ROLES LIKE 'PARALLEL_%%' = %d rows, want %d", got, n)
	}
}
