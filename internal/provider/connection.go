package provider

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"maps"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/snowflakedb/gosnowflake"
)

// Pool limits: enough parallel statements for `terraform -parallelism=10`, while each pooled
// connection is one Snowflake login.
const (
	maxOpenConns    = 8
	connMaxIdleTime = 30 * time.Minute
)

// pools holds one logged-in pool per distinct configuration for the life of the process:
// acceptance tests configure many provider instances, Terraform configures one per alias.
var pools = struct {
	sync.Mutex
	m map[string]*poolEntry
}{m: map[string]*poolEntry{}}

type poolEntry struct {
	sync.Mutex
	data *ProviderData
}

var prepareDriverOnce sync.Once

// prepareDriver quiets gosnowflake and turns off its cloud-metadata probing; it must run before
// the first connection because the probe starts then.
func prepareDriver() {
	prepareDriverOnce.Do(func() {
		if os.Getenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION") == "" {
			_ = os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true")
		}
		_ = gosnowflake.GetLogger().SetLogLevel("fatal")
	})
}

// connect returns the pool for r, logging in once per configuration. A failed login is not
// cached, so the next Configure tries again.
func connect(ctx context.Context, r *resolved) (*ProviderData, bool, error) {
	prepareDriver()
	pools.Lock()
	e := pools.m[r.hash]
	if e == nil {
		e = &poolEntry{}
		pools.m[r.hash] = e
	}
	pools.Unlock()

	e.Lock()
	defer e.Unlock()
	if e.data != nil {
		return e.data, true, nil
	}
	db := sql.OpenDB(connector(r))
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxOpenConns)
	db.SetConnMaxIdleTime(connMaxIdleTime)
	// Taking a connection performs the login (and no SQL), so bad credentials surface here with
	// Snowflake's code; returning it leaves one logged-in session in the pool.
	conn, err := db.Conn(ctx)
	if err != nil {
		_ = db.Close()
		return nil, false, err
	}
	_ = conn.Close()
	e.data = newProviderData(db, r)
	return e.data, false, nil
}

func connector(r *resolved) driver.Connector {
	c := &sfConnector{base: *r.cfg}
	if r.oauth != nil {
		c.tokens = newRefreshingTokens(r.oauth, &http.Client{Timeout: time.Minute})
	}
	return c
}

// sfConnector opens gosnowflake connections from a private copy of the configuration each time:
// gosnowflake writes the session parameters it receives into Config.Params, which a plain
// gosnowflake.Connector would share between all pooled connections.
type sfConnector struct {
	base   gosnowflake.Config
	tokens *refreshingTokens // refresh-token login; nil for a static credential
}

func (c *sfConnector) Connect(ctx context.Context) (driver.Conn, error) {
	if c.tokens != nil {
		return c.connectWithRefreshToken(ctx)
	}
	return c.open(ctx, c.base.Token)
}

func (c *sfConnector) open(ctx context.Context, token string) (driver.Conn, error) {
	cfg := c.base
	cfg.Params = maps.Clone(c.base.Params)
	cfg.Token = token
	return gosnowflake.NewConnector(gosnowflake.SnowflakeDriver{}, cfg).Connect(ctx)
}

func (c *sfConnector) Driver() driver.Driver { return gosnowflake.SnowflakeDriver{} }
