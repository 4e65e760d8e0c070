package provider

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/snowflakedb/gosnowflake/v2"
)

// Pool limits. Each pooled connection is one Snowflake session, so one login; database/sql opens
// them lazily, only when every open one is busy, and keeps them all idle for reuse (max idle = max
// open). Terraform runs at most -parallelism (default 10) operations at once and each holds one
// connection at a time, so 10 sessions serve the default without queueing and a run never logs in
// more than 10 times per provider process, however many resources it has.
const (
	maxOpenConns    = 10
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

func connector(r *resolved) *sfConnector {
	c := &sfConnector{base: *r.cfg, server: serverURL(r.cfg), loginTimeout: r.loginTimeout, requestTimeout: r.requestTimeout}
	if r.oauth != nil {
		c.tokens = newRefreshingTokens(r.oauth, &http.Client{Timeout: time.Minute})
	}
	return c
}

// sfConnector opens gosnowflake connections from a private copy of the configuration each time:
// gosnowflake writes the session parameters it receives into Config.Params, which a plain
// gosnowflake.Connector would share between all pooled connections.
//
// Every login gets a deadline (login_timeout) and every connection it returns is wrapped (session.go)
// so that statements get theirs (request_timeout) and a lost session is replaced.
type sfConnector struct {
	base   gosnowflake.Config
	tokens *refreshingTokens // refresh-token login; nil for a static credential

	server         string // protocol://host:port, for messages
	loginTimeout   time.Duration
	requestTimeout time.Duration
}

func (c *sfConnector) Connect(ctx context.Context) (driver.Conn, error) {
	loginCtx, cancel := context.WithTimeout(ctx, c.loginTimeout)
	defer cancel()
	var conn driver.Conn
	var err error
	if c.tokens != nil {
		conn, err = c.connectWithRefreshToken(loginCtx)
	} else {
		conn, err = c.open(loginCtx, c.base.Token)
	}
	if err != nil {
		return nil, c.loginError(ctx, err)
	}
	return wrapSession(conn, c.server, c.requestTimeout)
}

// loginError names the server and the login_timeout in a failed login. When the deadline expired
// the driver reports only that (it retries refused connections, unknown hosts and timeouts silently
// until then), so a quick probe of the address says which of the three it was.
func (c *sfConnector) loginError(ctx context.Context, err error) error {
	var sfErr *gosnowflake.SnowflakeError
	if errors.As(err, &sfErr) || ctx.Err() != nil {
		return err // Snowflake answered (its code is kept), or the caller gave up (Ctrl-C)
	}
	why := describeNetError(err)
	if errors.Is(err, context.DeadlineExceeded) {
		why = probe(ctx, c.server)
	}
	return fmt.Errorf("no login to Snowflake at %s within login_timeout (SNOWFLAKE_LOGIN_TIMEOUT) of %s: %s",
		c.server, c.loginTimeout, why)
}

// describeNetError keeps the network part of a transport error, without the request URL.
func describeNetError(err error) string {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf("the host name %s does not resolve (%s)", dnsErr.Name, dnsErr.Err)
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Error()
	}
	return err.Error()
}

// probe tries a plain TCP connection to server (protocol://host:port) and describes the outcome.
func probe(ctx context.Context, server string) string {
	u, err := url.Parse(server)
	if err != nil {
		return err.Error()
	}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return describeNetError(err)
	}
	_ = conn.Close()
	return fmt.Sprintf("%s accepts connections but did not answer the login", u.Host)
}

// probeTimeout bounds the diagnostic probe after a login timed out.
const probeTimeout = 3 * time.Second

func (c *sfConnector) open(ctx context.Context, token string) (driver.Conn, error) {
	cfg := c.base
	cfg.Params = maps.Clone(c.base.Params)
	cfg.Token = token
	return gosnowflake.NewConnector(gosnowflake.SnowflakeDriver{}, cfg).Connect(ctx)
}

func (c *sfConnector) Driver() driver.Driver { return gosnowflake.SnowflakeDriver{} }
