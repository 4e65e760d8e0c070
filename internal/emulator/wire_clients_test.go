package emulator

import (
	"fmt"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	sf "github.com/snowflakedb/gosnowflake"
)

// Wire details other official clients (the Node.js driver above all) depend on; the Node.js suite in
// nodejs_test.go drives the same points through the real snowflake-sdk.

func TestZeroRowResultCarriesEmptyRowset(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	token, _ := rawLogin(t, srv)
	r := post(t, srv, pathQuery+"?requestId="+randomToken(8), token, map[string]any{"sqlText": "SHOW USERS LIKE 'NOBODY'"})
	rows, isArray := r.field("rowset").([]any)
	if !r.Success || !isArray || len(rows) != 0 {
		t.Fatalf("zero-row result: rowset = %#v (success %v), want a present, empty array", r.field("rowset"), r.Success)
	}
	if r.field("total") != float64(0) || r.field("returned") != float64(0) {
		t.Fatalf("total/returned = %v/%v, want 0/0", r.field("total"), r.field("returned"))
	}
	// gosnowflake reads the same answer as no rows.
	if n := countRows(t, openDB(t, srv, nil), "SHOW USERS LIKE 'NOBODY'"); n != 0 {
		t.Fatalf("gosnowflake saw %d rows", n)
	}
}

// params returns the `parameters` list of an answer as a map.
func params(t *testing.T, r rawResponse) map[string]any {
	t.Helper()
	list, ok := r.field("parameters").([]any)
	if !ok {
		t.Fatalf("answer without a parameters list: %v", r.Data)
	}
	out := map[string]any{}
	for _, p := range list {
		m, _ := p.(map[string]any)
		name, _ := m["name"].(string)
		out[name] = m["value"]
	}
	return out
}

func TestResponseParametersAndHeartbeatEcho(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	login := func(sessionParams map[string]any) rawResponse {
		r := post(t, srv, pathLogin, "", map[string]any{"data": map[string]any{"ACCOUNT_NAME": srv.Account(),
			"LOGIN_NAME": srv.AdminUser(), "PASSWORD": srv.AdminPassword(), "SESSION_PARAMETERS": sessionParams}})
		if !r.Success {
			t.Fatalf("login: %s", r.code())
		}
		return r
	}
	cases := []struct {
		name          string
		sent          map[string]any
		keepAlive     bool
		heartbeatSecs float64
	}{
		{"not set", nil, false, 3600},
		{"Node.js types", map[string]any{"CLIENT_SESSION_KEEP_ALIVE": true, "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY": 1800}, true, 1800},
		{"gosnowflake strings", map[string]any{"client_session_keep_alive": "true", "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY": "1200"}, true, 1200},
		{"below the minimum", map[string]any{"CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY": 60}, false, 900},
		{"above the maximum", map[string]any{"CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY": 99999}, false, 3600},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := login(tc.sent)
			token, _ := r.field("token").(string)
			q := post(t, srv, pathQuery+"?requestId="+randomToken(8), token, map[string]any{"sqlText": "SELECT 1"})
			for what, got := range map[string]map[string]any{"login": params(t, r), "query": params(t, q)} {
				if got["CLIENT_SESSION_KEEP_ALIVE"] != tc.keepAlive || got["CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY"] != tc.heartbeatSecs {
					t.Errorf("%s, %s answer: keep-alive %v, heartbeat %v; want %v, %v", tc.name, what,
						got["CLIENT_SESSION_KEEP_ALIVE"], got["CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY"], tc.keepAlive, tc.heartbeatSecs)
				}
				for k, want := range map[string]any{"TIMEZONE": "UTC", "TIMESTAMP_OUTPUT_FORMAT": "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
					"TIMESTAMP_NTZ_OUTPUT_FORMAT": "YYYY-MM-DD HH24:MI:SS.FF3", "TIMESTAMP_LTZ_OUTPUT_FORMAT": "",
					"TIMESTAMP_TZ_OUTPUT_FORMAT": "", "DATE_OUTPUT_FORMAT": "YYYY-MM-DD", "TIME_OUTPUT_FORMAT": "HH24:MI:SS"} {
					if got[k] != want {
						t.Errorf("%s, %s answer: %s = %#v, want %#v", tc.name, what, k, got[k], want)
					}
				}
			}
		})
	}
}

// TestTimestampLTZUsesSessionTimezone: gosnowflake converts timestamp_ltz cells into the TIMEZONE the
// answers carry, whatever the client machine's zone.
func TestTimestampLTZUsesSessionTimezone(t *testing.T) {
	t.Parallel()
	_, db := startWithAdmin(t, Options{})
	rows, err := db.Query("SHOW USERS LIKE 'ADMIN'")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rows.Close() }()
	cols, _ := rows.ColumnTypes()
	if !rows.Next() {
		t.Fatal("no ADMIN row")
	}
	cells := make([]any, len(cols))
	for i := range cells {
		cells[i] = new(any)
	}
	if err := rows.Scan(cells...); err != nil {
		t.Fatal(err)
	}
	for i, c := range cols {
		if c.Name() == "created_on" {
			cell, _ := cells[i].(*any)
			ts, ok := (*cell).(time.Time)
			if !ok || ts.Location().String() != "UTC" {
				t.Fatalf("created_on = %#v, want a time.Time in UTC", *cell)
			}
			return
		}
	}
	t.Fatal("SHOW USERS has no created_on column")
}

func TestNumberedBinds(t *testing.T) {
	t.Parallel()
	_, db := startWithAdmin(t, Options{})
	var a, b, c string
	if err := db.QueryRow("SELECT :2, :1, :2", "first", "second").Scan(&a, &b, &c); err != nil {
		t.Fatal(err)
	}
	if a != "second" || b != "first" || c != "second" {
		t.Fatalf("SELECT :2, :1, :2 = %q, %q, %q", a, b, c)
	}
	mustExec(t, db, "CREATE ROLE NUMBERED")
	if n := countRows(t, db, "SHOW ROLES LIKE :1", "numbered"); n != 1 {
		t.Fatalf("SHOW ROLES LIKE :1 = %d rows, want 1", n)
	}
}

func TestNumberedBindsErrors(t *testing.T) {
	t.Parallel()
	_, db := startWithAdmin(t, Options{})
	_, err := db.Query("SELECT :3", "only one")
	wantSFError(t, err, 2049)
	_, err = db.Query("SELECT :0", "x")
	wantSFError(t, err, 1003) // :0 is not a bind variable
}

func TestKeyPairJWTInMilliseconds(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	clk := &fakeClock{t: time.Now()}
	srv := startServer(t, Options{Now: clk.Now})
	mustExec(t, openDB(t, srv, nil), fmt.Sprintf("CREATE USER MS RSA_PUBLIC_KEY = '%s'", publicKeyB64(t, keys[0])))
	_, fp, err := parsePublicKey(publicKeyB64(t, keys[0]))
	if err != nil {
		t.Fatal(err)
	}
	// sign makes a token the way the Node.js driver does: iat and exp in milliseconds.
	sign := func(iat time.Time, life time.Duration) string {
		tok, err := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{"iss": "EMULATOR.MS.SHA256:" + fp, "sub": "EMULATOR.MS",
			"iat": iat.UnixMilli(), "exp": iat.Add(life).UnixMilli()}).SignedString(keys[0])
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	now := clk.Now()
	if u, err := srv.jwtLogin(sign(now, 2*time.Minute)); err != nil || u.Name != "MS" {
		t.Fatalf("millisecond claims: user %q, err %v", u.Name, err)
	}
	// exp beyond an hour is cut to an hour after iat, not refused.
	if _, err := srv.jwtLogin(sign(now, 2*time.Hour)); err != nil {
		t.Fatalf("fresh token with a 2h exp: %v", err)
	}
	for name, tok := range map[string]string{
		"expired":                     sign(now.Add(-10*time.Minute), 2*time.Minute),
		"issued in the future":        sign(now.Add(10*time.Minute), 2*time.Minute),
		"older than an hour (exp 2h)": sign(now.Add(-70*time.Minute), 2*time.Hour),
	} {
		if _, err := srv.jwtLogin(tok); err != errJWTInvalid {
			t.Errorf("%s: err = %v, want 390144", name, err)
		}
	}
}

func TestPATAsPassword(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	mustExec(t, openDB(t, srv, nil), "CREATE USER SVC PASSWORD = 'real-pw'")
	mustExec(t, openDB(t, srv, nil), "GRANT ROLE SYSADMIN TO USER SVC")
	open := srv.AddProgrammaticAccessToken("SVC", "")
	restricted := srv.AddProgrammaticAccessToken("svc", "SYSADMIN")
	asPassword := func(user, password string) func(*sf.Config) {
		return func(c *sf.Config) { c.User, c.Password = user, password }
	}
	if got := queryRow(t, openDB(t, srv, asPassword("svc", open)), "SELECT CURRENT_USER(), CURRENT_ROLE()"); got[0] != "SVC" || got[1] != "PUBLIC" {
		t.Fatalf("PAT as password: %v, want SVC, PUBLIC", got)
	}
	if got := queryRow(t, openDB(t, srv, asPassword("SVC", restricted)), "SELECT CURRENT_ROLE()"); got[0] != "SYSADMIN" {
		t.Fatalf("role-restricted PAT as password: role %q, want SYSADMIN", got[0])
	}
	// Another user's token is not a password.
	wantSFError(t, openDB(t, srv, asPassword(srv.AdminUser(), open)).Ping(), 390100)
}
