package provider

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// safetyNet bounds a test that must fail on its own: if the provider ever waits longer, the test
// fails on the message instead of hanging. It is not a timing assertion.
const safetyNet = 2 * time.Minute

func unreachableConfig(host string, port int) map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"account":       tftypes.NewValue(tftypes.String, "TESTACC"),
		"user":          tftypes.NewValue(tftypes.String, "alice"),
		"password":      tftypes.NewValue(tftypes.String, "pw"),
		"host":          tftypes.NewValue(tftypes.String, host),
		"port":          tftypes.NewValue(tftypes.Number, port),
		"protocol":      tftypes.NewValue(tftypes.String, "http"),
		"login_timeout": tftypes.NewValue(tftypes.Number, 2),
	}
}

// closedPort returns a loopback port with nothing listening on it.
func closedPort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := tcpPort(t, ln.Addr())
	_ = ln.Close()
	return port
}

// silentServer accepts TCP connections and never answers on them.
func silentServer(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-done
		for _, c := range held {
			_ = c.Close()
		}
	})
	return tcpPort(t, ln.Addr())
}

func tcpPort(t *testing.T, a net.Addr) int {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		t.Fatalf("not a TCP address: %v", a)
	}
	return tcp.Port
}

func TestLoginFailsWithinLoginTimeoutNamingTheServer(t *testing.T) {
	cases := []struct {
		name string
		host string
		port func(t *testing.T) int
		want string
	}{
		{"closed port", "127.0.0.1", closedPort, "connection refused"},
		{"silent server", "127.0.0.1", silentServer, "accepts connections but did not answer the login"},
		// .invalid never resolves (RFC 6761), so no lookup can reach a real host.
		{"unresolvable host", "snowflake.invalid", func(*testing.T) int { return 443 }, "the host name snowflake.invalid does not resolve"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearSnowflakeEnv(t)
			ctx, cancel := context.WithTimeout(context.Background(), safetyNet)
			defer cancel()
			port := tc.port(t)
			resp := configure(ctx, unreachableConfig(tc.host, port))
			errs := resp.Diagnostics.Errors()
			if len(errs) != 1 || resp.ResourceData != nil {
				t.Fatalf("want one login error, got %s", diagText(resp.Diagnostics))
			}
			detail := errs[0].Detail()
			server := "http://" + net.JoinHostPort(tc.host, strconv.Itoa(port))
			for _, want := range []string{server, "login_timeout (SNOWFLAKE_LOGIN_TIMEOUT) of 2s", tc.want} {
				if !strings.Contains(detail, want) {
					t.Errorf("diagnostic lacks %q:\n%s", want, detail)
				}
			}
			if ctx.Err() != nil {
				t.Error("the safety net expired: the login timeout did not stop the login")
			}
		})
	}
}

func TestTimeoutSettings(t *testing.T) {
	base := attrs{Account: "A", User: "u", Password: "p"}
	r := mustResolve(t, base, nil, t.TempDir())
	// The login default must leave room for the probe inside the 30 s a user is promised.
	if r.loginTimeout != defaultLoginTimeout || r.loginTimeout+probeTimeout > 30*time.Second || r.requestTimeout != defaultRequestTimeout {
		t.Errorf("defaults: login %s, request %s", r.loginTimeout, r.requestTimeout)
	}
	//nolint:staticcheck // the driver's deprecated timeout fields are the ones the provider sets
	if c := r.cfg; c.LoginTimeout != r.loginTimeout || c.RequestTimeout != r.requestTimeout || c.ClientTimeout != r.requestTimeout {
		t.Errorf("driver budgets: %s %s %s", c.LoginTimeout, c.RequestTimeout, c.ClientTimeout)
	}

	r = mustResolve(t, base, map[string]string{"SNOWFLAKE_LOGIN_TIMEOUT": "7", "SNOWFLAKE_REQUEST_TIMEOUT": "9"}, t.TempDir())
	if r.loginTimeout != 7*time.Second || r.requestTimeout != 9*time.Second || r.sources["login_timeout"] != "SNOWFLAKE_LOGIN_TIMEOUT" {
		t.Errorf("from env: %s %s %v", r.loginTimeout, r.requestTimeout, r.sources)
	}
	withAttr := base
	withAttr.LoginTimeout, withAttr.RequestTimeout = 3, 4
	r2 := mustResolve(t, withAttr, map[string]string{"SNOWFLAKE_LOGIN_TIMEOUT": "7"}, t.TempDir())
	if r2.loginTimeout != 3*time.Second || r2.requestTimeout != 4*time.Second || r2.hash == r.hash {
		t.Errorf("attribute over env: %s %s", r2.loginTimeout, r2.requestTimeout)
	}

	home := writeConnections(t, "[dev]\naccount = \"A\"\nuser = \"u\"\npassword = \"p\"\nlogin_timeout = 11\nrequest_timeout = \"12\"\n")
	r = mustResolve(t, attrs{Profile: "dev"}, map[string]string{"SNOWFLAKE_HOME": home}, t.TempDir())
	if r.loginTimeout != 11*time.Second || r.requestTimeout != 12*time.Second {
		t.Errorf("from profile: %s %s", r.loginTimeout, r.requestTimeout)
	}

	for _, bad := range []string{"0", "-5", "ten", "1.5", "99999999"} {
		_, diags := resolveConfig(base, envOf(map[string]string{"SNOWFLAKE_REQUEST_TIMEOUT": bad}), t.TempDir())
		errs := diags.Errors()
		if len(errs) != 1 || errs[0].Summary() != "Invalid request_timeout" || !strings.Contains(errs[0].Detail(), "SNOWFLAKE_REQUEST_TIMEOUT is \""+bad+"\"") {
			t.Errorf("%q: %s", bad, diagText(diags))
		}
	}
}

// emulatorConfig points the provider at srv with the admin's password.
func emulatorConfig(srv *emulator.Server, extra map[string]tftypes.Value) map[string]tftypes.Value {
	m := map[string]tftypes.Value{
		"account":  tftypes.NewValue(tftypes.String, srv.Account()),
		"user":     tftypes.NewValue(tftypes.String, srv.AdminUser()),
		"password": tftypes.NewValue(tftypes.String, srv.AdminPassword()),
		"role":     tftypes.NewValue(tftypes.String, "ACCOUNTADMIN"),
		"host":     tftypes.NewValue(tftypes.String, srv.Host()),
		"port":     tftypes.NewValue(tftypes.Number, srv.Port()),
		"protocol": tftypes.NewValue(tftypes.String, "http"),
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func startEmulator(t *testing.T, opts emulator.Options) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func configuredPool(t *testing.T, ctx context.Context, srv *emulator.Server, extra map[string]tftypes.Value) *ProviderData {
	t.Helper()
	resp := configure(ctx, emulatorConfig(srv, extra))
	if resp.Diagnostics.HasError() {
		t.Fatal(diagText(resp.Diagnostics))
	}
	data, ok := providerDataFor(resp.ResourceData)
	if !ok {
		t.Fatal("no provider data")
	}
	return data
}

// A statement the server does not answer within request_timeout is cancelled (the emulator sees
// the driver's abort-request) and reported with the server and the setting.
func TestStatementFailsAfterRequestTimeout(t *testing.T) {
	clearSnowflakeEnv(t)
	srv := startEmulator(t, emulator.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), safetyNet)
	defer cancel()
	data := configuredPool(t, ctx, srv, map[string]tftypes.Value{"request_timeout": tftypes.NewValue(tftypes.Number, 1)})

	srv.SetLatency(time.Hour) // never answers within the test; the abort-request ends the wait
	_, err := data.DB.ExecContext(ctx, "SELECT 1")
	if err == nil || !strings.Contains(err.Error(), "to the statement within request_timeout (SNOWFLAKE_REQUEST_TIMEOUT) of 1s") ||
		!strings.Contains(err.Error(), srv.URL()) {
		t.Fatalf("err = %v", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the safety net expired")
	}
	if n := srv.RequestCount("/queries/v1/abort-request"); n < 1 {
		t.Errorf("abort-requests = %d, want the timed-out statement cancelled on the server", n)
	}
	srv.SetLatency(0)
	if _, err := data.DB.ExecContext(ctx, "SELECT 1"); err != nil {
		t.Errorf("the connection is unusable after a timeout: %v", err)
	}
}
