package snowflake

import (
	"context"
	"database/sql"
	"sync"
)

// queryer is the one seam between statement logic and the database, so Client is testable without a
// server: query reads a whole result set, exec runs a statement whose result is not needed.
type queryer interface {
	query(ctx context.Context, stmt string) (table, error)
	exec(ctx context.Context, stmt string) error
}

// Client runs the package's statements on a connection pool and returns typed values.
// It is safe for concurrent use. Statement text is never logged here: callers log the operation only.
type Client struct {
	q queryer

	// privileged caches OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST for the life of the Client; a failed
	// read is not cached, so the next caller retries.
	privMu     sync.Mutex
	privLoaded bool
	privValue  bool
}

// NewClient wraps a pool opened with the gosnowflake driver.
func NewClient(db *sql.DB) *Client { return &Client{q: dbQueryer{db: db}} }

func newClientWith(q queryer) *Client { return &Client{q: q} }

// dbQueryer adapts *sql.DB.
type dbQueryer struct{ db *sql.DB }

func (d dbQueryer) exec(ctx context.Context, stmt string) error {
	_, err := d.db.ExecContext(ctx, stmt)
	return err
}

func (d dbQueryer) query(ctx context.Context, stmt string) (table, error) {
	rows, err := d.db.QueryContext(ctx, stmt)
	if err != nil {
		return table{}, err
	}
	defer func() { _ = rows.Close() }()
	cols, err := rows.Columns()
	if err != nil {
		return table{}, err
	}
	t := table{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return table{}, err
		}
		t.Rows = append(t.Rows, vals)
	}
	return t, rows.Err()
}

// run executes stmt, classifying a failure under op.
func (c *Client) run(ctx context.Context, op, stmt string) error {
	if err := c.q.exec(ctx, stmt); err != nil {
		return classify(op, err)
	}
	return nil
}

// runEach executes the non-empty statements in order (an ALTER's SET, then its UNSET), stopping at
// the first failure, classified under op.
func (c *Client) runEach(ctx context.Context, op string, stmts ...string) error {
	for _, stmt := range stmts {
		if stmt == "" {
			continue
		}
		if err := c.run(ctx, op, stmt); err != nil {
			return err
		}
	}
	return nil
}

// read queries stmt, classifying a failure under op.
func (c *Client) read(ctx context.Context, op, stmt string) (table, error) {
	t, err := c.q.query(ctx, stmt)
	if err != nil {
		return table{}, classify(op, err)
	}
	return t, nil
}

// readAs queries stmt and parses the table; a failure of either is classified under op.
func readAs[T any](ctx context.Context, c *Client, op, stmt string, parse func(table) (T, error)) (T, error) {
	return readFound(ctx, c, op, stmt, func(t table) (T, bool, error) {
		v, err := parse(t)
		return v, true, err
	}, nil)
}

// readFound is readAs for a parser that also reports whether the table holds the object; missing is
// the error returned when it does not.
func readFound[T any](ctx context.Context, c *Client, op, stmt string, parse func(table) (T, bool, error), missing error) (T, error) {
	var zero T
	t, err := c.read(ctx, op, stmt)
	if err != nil {
		return zero, err
	}
	v, found, err := parse(t)
	switch {
	case err != nil:
		return zero, classify(op, err)
	case !found:
		return zero, missing
	}
	return v, nil
}
