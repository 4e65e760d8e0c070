package provider

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/snowflakedb/gosnowflake/v2"
)

// sessionGoneCodes are Snowflake's answers for a session token the server no longer honours:
// 390104 (session does not exist: the server forgot it, e.g. after a restart), 390111 (session gone),
// 390112 (session expired; the driver renews it itself, so it only surfaces when renewal failed), and
// the renewal failures 390113, 390114, 390115 (master token not found, expired, invalid). None of them
// is sent after a statement ran, so the statement can safely be sent again on a new session.
var sessionGoneCodes = map[int]bool{390104: true, 390111: true, 390112: true, 390113: true, 390114: true, 390115: true}

// sessionConn wraps one gosnowflake connection (one Snowflake session). It gives every statement the
// request_timeout deadline, and it turns a lost session into driver.ErrBadConn: database/sql then
// closes the connection and runs the statement again on another one, logging in anew if needed
// (gosnowflake itself never reports ErrBadConn, so a pool would keep the dead session forever).
//
// It implements the optional interfaces gosnowflake's connection implements and the provider relies
// on: ExecerContext and QueryerContext (one round trip per statement instead of prepare + execute),
// ConnPrepareContext, ConnBeginTx, Pinger, NamedValueChecker; plus Validator and SessionResetter so
// that database/sql never hands out a connection whose session is known to be gone.
type sessionConn struct {
	inner   snowflakeConn
	server  string // protocol://host:port, for messages
	timeout time.Duration
	gone    atomic.Bool
}

// snowflakeConn is what gosnowflake's connection implements and sessionConn forwards to.
type snowflakeConn interface {
	driver.Conn
	driver.ExecerContext
	driver.QueryerContext
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.Pinger
	driver.NamedValueChecker
}

// wrapSession wraps a fresh gosnowflake connection; a driver that stopped implementing one of the
// interfaces is refused rather than silently served by database/sql's slower fallbacks.
func wrapSession(conn driver.Conn, server string, timeout time.Duration) (driver.Conn, error) {
	sc, ok := conn.(snowflakeConn)
	if !ok {
		_ = conn.Close()
		return nil, fmt.Errorf("gosnowflake connection %T lacks an interface the provider needs", conn)
	}
	return &sessionConn{inner: sc, server: server, timeout: timeout}, nil
}

var (
	_ driver.ExecerContext      = (*sessionConn)(nil)
	_ driver.QueryerContext     = (*sessionConn)(nil)
	_ driver.ConnPrepareContext = (*sessionConn)(nil)
	_ driver.ConnBeginTx        = (*sessionConn)(nil)
	_ driver.Pinger             = (*sessionConn)(nil)
	_ driver.NamedValueChecker  = (*sessionConn)(nil)
	_ driver.Validator          = (*sessionConn)(nil)
	_ driver.SessionResetter    = (*sessionConn)(nil)
)

func (c *sessionConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	stmtCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	res, err := c.inner.ExecContext(stmtCtx, query, args)
	return res, c.check(ctx, err)
}

func (c *sessionConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	stmtCtx, cancel := context.WithTimeout(ctx, c.timeout)
	rows, err := c.inner.QueryContext(stmtCtx, query, args)
	if err != nil {
		cancel()
		return nil, c.check(ctx, err)
	}
	// The driver may fetch further result chunks while the rows are read, so the deadline ends
	// when they are closed.
	return &cancelRows{Rows: rows, cancel: cancel}, nil
}

func (c *sessionConn) Ping(ctx context.Context) error {
	stmtCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	return c.check(ctx, c.inner.Ping(stmtCtx))
}

func (c *sessionConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.inner.PrepareContext(ctx, query)
	return st, c.check(ctx, err)
}

func (c *sessionConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.inner.BeginTx(ctx, opts)
	return tx, c.check(ctx, err)
}

func (c *sessionConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.inner.CheckNamedValue(nv)
}

func (c *sessionConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

//nolint:staticcheck // driver.Conn requires Begin; database/sql calls BeginTx.
func (c *sessionConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *sessionConn) Close() error { return c.inner.Close() }

// IsValid tells database/sql not to return a connection with a lost session to the pool.
func (c *sessionConn) IsValid() bool { return !c.gone.Load() }

// ResetSession refuses a connection with a lost session before it is reused.
func (c *sessionConn) ResetSession(context.Context) error {
	if c.gone.Load() {
		return driver.ErrBadConn
	}
	return nil
}

// check classifies a statement's error: a lost session marks the connection bad, and an expired
// request_timeout says so (ctx is the caller's context, without the statement deadline).
func (c *sessionConn) check(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var sfErr *gosnowflake.SnowflakeError
	if errors.As(err, &sfErr) && sessionGoneCodes[sfErr.Number] {
		c.gone.Store(true)
		return &sessionGoneError{err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return fmt.Errorf("no answer from Snowflake at %s to the statement within request_timeout (SNOWFLAKE_REQUEST_TIMEOUT) of %s; "+
			"the provider cancelled it: %w", c.server, c.timeout, err)
	}
	return err
}

// sessionGoneError is a Snowflake error that also counts as driver.ErrBadConn, so database/sql
// retries the statement on another connection; if every retry fails the same way, the caller still
// sees Snowflake's code.
type sessionGoneError struct{ err error }

func (e *sessionGoneError) Error() string        { return e.err.Error() }
func (e *sessionGoneError) Unwrap() error        { return e.err }
func (e *sessionGoneError) Is(target error) bool { return target == driver.ErrBadConn }

// cancelRows releases the statement's deadline when its rows are closed. Only driver.Rows is
// forwarded: the provider scans into `any` and never asks for column types or further result sets.
type cancelRows struct {
	driver.Rows
	cancel context.CancelFunc
}

func (r *cancelRows) Close() error {
	err := r.Rows.Close()
	r.cancel()
	return err
}
