package provider

import (
	"context"
	"database/sql/driver"
	"errors"
	"path/filepath"
	"testing"

	"github.com/snowflakedb/gosnowflake/v2"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

const pathLogin = "/session/v1/login-request"

// After the emulator restarts (same address, same -state), every pooled session is unknown to it
// (390104). The next statement must still succeed, on exactly one new login, and the catalog
// written before the restart is there.
func TestLostSessionsAreReplacedAfterServerRestart(t *testing.T) {
	clearSnowflakeEnv(t)
	srv := startEmulator(t, emulator.Options{StateFile: filepath.Join(t.TempDir(), "state.json")})
	ctx, cancel := context.WithTimeout(context.Background(), safetyNet)
	defer cancel()
	data := configuredPool(t, ctx, srv, nil)

	// Three sessions in the pool, so that database/sql meets several dead ones in a row.
	var conns []interface{ Close() error }
	for range 3 {
		c, err := data.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		_ = c.Close()
	}
	if _, err := data.DB.ExecContext(ctx, "CREATE NETWORK POLICY BEFORE_RESTART ALLOWED_IP_LIST = ('10.0.0.1')"); err != nil {
		t.Fatal(err)
	}

	restarted, err := srv.Restart()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = restarted.Close() })
	if restarted.Addr() != srv.Addr() {
		t.Fatalf("restarted on %s, was %s", restarted.Addr(), srv.Addr())
	}

	rows, err := data.DB.QueryContext(ctx, "SHOW NETWORK POLICIES LIKE 'BEFORE_RESTART'")
	if err != nil {
		t.Fatalf("statement after restart: %v", err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	_ = rows.Close()
	if n != 1 {
		t.Errorf("policy rows after restart = %d, want 1 (state file)", n)
	}
	if _, err := data.DB.ExecContext(ctx, "DROP NETWORK POLICY BEFORE_RESTART"); err != nil {
		t.Fatalf("second statement after restart: %v", err)
	}
	if got := restarted.RequestCount(pathLogin); got != 1 {
		t.Errorf("logins after restart = %d, want 1 (one new session replaces the lost ones)", got)
	}
}

func TestSessionGoneErrorIsBadConnAndKeepsTheCode(t *testing.T) {
	c := &sessionConn{}
	err := c.check(context.Background(), &gosnowflake.SnowflakeError{Number: 390104, Message: "Session no longer exists."})
	var sfErr *gosnowflake.SnowflakeError
	if !errors.Is(err, driver.ErrBadConn) || !errors.As(err, &sfErr) || sfErr.Number != 390104 || c.IsValid() {
		t.Errorf("err = %v, valid = %v", err, c.IsValid())
	}
	if c.ResetSession(context.Background()) != driver.ErrBadConn {
		t.Error("a connection with a lost session may be reused")
	}
	other := &sessionConn{}
	err = other.check(context.Background(), &gosnowflake.SnowflakeError{Number: 2003, Message: "does not exist"})
	if errors.Is(err, driver.ErrBadConn) || !other.IsValid() {
		t.Errorf("an ordinary Snowflake error discarded the session: %v", err)
	}
}
