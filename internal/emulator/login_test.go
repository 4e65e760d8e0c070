package emulator

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	sf "github.com/snowflakedb/gosnowflake"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/testkeys"
)

var testKeys = sync.OnceValue(func() []*rsa.PrivateKey {
	keys := make([]*rsa.PrivateKey, 3)
	for i := range keys {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		keys[i] = k
	}
	return keys
})

// publicKeyB64 is the RSA_PUBLIC_KEY form of k: base64 DER SubjectPublicKeyInfo.
func publicKeyB64(t testing.TB, k *rsa.PrivateKey) string { return testkeys.Of(t, k).Public }

func TestPasswordLogin(t *testing.T) {
	t.Parallel()
	srv, db := startWithAdmin(t, Options{AdminPassword: "s3cret"})
	got := queryRow(t, db, "SELECT CURRENT_USER(), CURRENT_ROLE()")
	if got[0] != "ADMIN" || got[1] != "ACCOUNTADMIN" {
		t.Fatalf("CURRENT_USER, CURRENT_ROLE = %v, want ADMIN, ACCOUNTADMIN", got)
	}
	if n := srv.RequestCount(pathLogin); n != 1 {
		t.Fatalf("login requests = %d, want 1", n)
	}
	// Login names are case-insensitive.
	db2 := openDB(t, srv, func(c *sf.Config) { c.User = "admin" })
	if got := queryRow(t, db2, "SELECT CURRENT_USER()"); got[0] != "ADMIN" {
		t.Fatalf("CURRENT_USER as 'admin' = %q", got[0])
	}
}

func TestPasswordLoginFailures(t *testing.T) {
	t.Parallel()
	srv, admin := startWithAdmin(t, Options{AdminPassword: "s3cret"})
	mustExec(t, admin, "CREATE USER LOCKED_OUT PASSWORD = 'pw' DISABLED = TRUE")
	mustExec(t, admin, "CREATE USER PLAIN PASSWORD = 'pw'")

	cases := []struct {
		name   string
		mutate func(*sf.Config)
		number int
	}{
		{"wrong password", func(c *sf.Config) { c.Password = "nope" }, 390100},
		{"unknown user", func(c *sf.Config) { c.User = "GHOST" }, 390100},
		{"wrong account", func(c *sf.Config) { c.Account = "OTHER" }, 390144},
		{"disabled user", func(c *sf.Config) { c.User, c.Password = "LOCKED_OUT", "pw" }, 390101},
		{"role not granted", func(c *sf.Config) { c.User, c.Password, c.Role = "PLAIN", "pw", "ACCOUNTADMIN" }, 390189},
		{"role does not exist", func(c *sf.Config) { c.Role = "NO_SUCH_ROLE" }, 390189},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := openDB(t, srv, tc.mutate).Ping()
			se := asSFError(t, err, tc.number)
			if se.SQLState != "08004" {
				t.Errorf("SQLState = %q, want 08004", se.SQLState)
			}
		})
	}
	if srv.ActiveSessions() != 1 {
		t.Fatalf("failed logins opened sessions: %d active, want 1", srv.ActiveSessions())
	}
}

func TestLoginRoles(t *testing.T) {
	t.Parallel()
	srv, admin := startWithAdmin(t, Options{})
	mustExec(t, admin, "CREATE ROLE ANALYST")
	mustExec(t, admin, "CREATE USER JANE PASSWORD = 'pw' DEFAULT_ROLE = ANALYST")
	mustExec(t, admin, "GRANT ROLE ANALYST TO USER JANE")

	cases := []struct{ user, password, role, want string }{
		{srv.AdminUser(), srv.AdminPassword(), "public", "PUBLIC"}, // roleName is an identifier
		{srv.AdminUser(), srv.AdminPassword(), "SYSADMIN", "SYSADMIN"},
		{"JANE", "pw", "", "ANALYST"}, // default role
		{"JANE", "pw", "PUBLIC", "PUBLIC"},
	}
	for _, tc := range cases {
		t.Run(tc.user+" as "+tc.role, func(t *testing.T) {
			db := openDB(t, srv, func(c *sf.Config) { c.User, c.Password, c.Role = tc.user, tc.password, tc.role })
			if got := queryRow(t, db, "SELECT CURRENT_ROLE()"); got[0] != tc.want {
				t.Errorf("%s with role %q: CURRENT_ROLE = %q, want %q", tc.user, tc.role, got[0], tc.want)
			}
		})
	}
}

func TestKeyPairLogin(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv, admin := startWithAdmin(t, Options{})
	mustExec(t, admin, fmt.Sprintf("CREATE USER JWT_USER RSA_PUBLIC_KEY = '%s' RSA_PUBLIC_KEY_2 = '%s'",
		publicKeyB64(t, keys[0]), publicKeyB64(t, keys[1])))

	jwtDB := func(user string, key *rsa.PrivateKey, expire time.Duration) func(*sf.Config) {
		return func(c *sf.Config) {
			c.Authenticator, c.User, c.Password, c.PrivateKey, c.JWTExpireTimeout = sf.AuthTypeJwt, user, "", key, expire
		}
	}
	for i, key := range keys[:2] {
		db := openDB(t, srv, jwtDB("jwt_user", key, 0))
		if got := queryRow(t, db, "SELECT CURRENT_USER(), CURRENT_ROLE()"); got[0] != "JWT_USER" || got[1] != "PUBLIC" {
			t.Fatalf("key %d: CURRENT_USER, CURRENT_ROLE = %v, want JWT_USER, PUBLIC", i+1, got)
		}
	}

	t.Run("unregistered key", func(t *testing.T) {
		wantSFError(t, openDB(t, srv, jwtDB("JWT_USER", keys[2], 0)).Ping(), 390144)
	})
	t.Run("user without keys", func(t *testing.T) {
		wantSFError(t, openDB(t, srv, jwtDB(srv.AdminUser(), keys[0], 0)).Ping(), 390144)
	})
	t.Run("lifetime over an hour is cut to an hour, not refused", func(t *testing.T) {
		if err := openDB(t, srv, jwtDB("JWT_USER", keys[0], 2*time.Hour)).Ping(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("expired by the server clock", func(t *testing.T) {
		later := startServer(t, Options{Now: func() time.Time { return time.Now().Add(10 * time.Minute) }})
		mustExec(t, openDB(t, later, nil), fmt.Sprintf("CREATE USER JWT_USER RSA_PUBLIC_KEY = '%s'", publicKeyB64(t, keys[0])))
		wantSFError(t, openDB(t, later, jwtDB("JWT_USER", keys[0], 0)).Ping(), 390144)
	})
}

// TestJWTValidation checks claims the driver never gets wrong, with hand-made tokens.
func TestJWTValidation(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := startServer(t, Options{})
	mustExec(t, openDB(t, srv, nil), fmt.Sprintf("CREATE USER K PASSWORD = 'x' RSA_PUBLIC_KEY = '%s'", publicKeyB64(t, keys[0])))
	_, fp, err := parsePublicKey(publicKeyB64(t, keys[0]))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	valid := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": "EMULATOR.K.SHA256:" + fp, "sub": "EMULATOR.K", "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	}
	sign := func(claims jwt.MapClaims, method jwt.SigningMethod, key any) string {
		s, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if u, err := srv.jwtLogin(sign(valid(), jwt.SigningMethodRS256, keys[0])); err != nil || u.Name != "K" {
		t.Fatalf("valid token: user %q, err %v", u.Name, err)
	}
	with := func(k string, v any) jwt.MapClaims { c := valid(); c[k] = v; return c }
	without := func(k string) jwt.MapClaims { c := valid(); delete(c, k); return c }
	bad := map[string]string{
		"other account":   sign(with("sub", "OTHER.K"), jwt.SigningMethodRS256, keys[0]),
		"issuer mismatch": sign(with("iss", "EMULATOR.K.SHA256:AAAA"), jwt.SigningMethodRS256, keys[0]),
		"wrong signer":    sign(valid(), jwt.SigningMethodRS256, keys[1]),
		"issued later":    sign(with("iat", now.Add(10*time.Minute).Unix()), jwt.SigningMethodRS256, keys[0]),
		"expired":         sign(with("exp", now.Add(-10*time.Minute).Unix()), jwt.SigningMethodRS256, keys[0]),
		"no exp":          sign(without("exp"), jwt.SigningMethodRS256, keys[0]),
		"no iat":          sign(without("iat"), jwt.SigningMethodRS256, keys[0]),
		"HS256":           sign(valid(), jwt.SigningMethodHS256, []byte("secret")),
		"garbage":         "not.a.jwt",
	}
	for name, tok := range bad {
		if _, err := srv.jwtLogin(tok); err != errJWTInvalid {
			t.Errorf("%s: err = %v, want 390144", name, err)
		}
	}
}

func TestOAuthLogin(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	oauth := func(token, user, role string) func(*sf.Config) {
		return func(c *sf.Config) {
			c.Authenticator, c.Token, c.User, c.Password, c.Role = sf.AuthTypeOAuth, token, user, "", role
		}
	}

	// The default hook rejects every token; the driver retries a 390303 login once.
	before := srv.RequestCount(pathLogin)
	wantSFError(t, openDB(t, srv, oauth("anything", "", "")).Ping(), 390303)
	if n := srv.RequestCount(pathLogin) - before; n != 2 {
		t.Fatalf("login requests for a rejected token = %d, want 2", n)
	}

	var mu sync.Mutex
	var seenLogin []string
	srv.SetOAuthValidator(func(token, loginName string) (string, string, string, string) {
		mu.Lock()
		seenLogin = append(seenLogin, loginName)
		mu.Unlock()
		switch token {
		case "good":
			return "ADMIN", "SYSADMIN", "", ""
		case "any-role":
			return "ADMIN", "", "", ""
		case "expired":
			return "", "", "390318", "OAuth access token expired. "
		}
		return "", "", "390303", "Invalid OAuth access token. "
	})
	db := openDB(t, srv, oauth("good", "admin", ""))
	if got := queryRow(t, db, "SELECT CURRENT_USER(), CURRENT_ROLE()"); got[0] != "ADMIN" || got[1] != "SYSADMIN" {
		t.Fatalf("OAuth session: %v, want ADMIN, SYSADMIN", got)
	}
	if seenLogin[len(seenLogin)-1] != "admin" {
		t.Fatalf("validator saw LOGIN_NAME %q, want admin", seenLogin[len(seenLogin)-1])
	}
	db = openDB(t, srv, oauth("any-role", "", ""))
	if got := queryRow(t, db, "SELECT CURRENT_ROLE()"); got[0] != "ACCOUNTADMIN" {
		t.Fatalf("token without a role: CURRENT_ROLE = %q, want the default ACCOUNTADMIN", got[0])
	}
	wantSFError(t, openDB(t, srv, oauth("expired", "", "")).Ping(), 390318)
	wantSFError(t, openDB(t, srv, oauth("good", "", "PUBLIC")).Ping(), 390317)

	srv.SetOAuthValidator(nil)
	wantSFError(t, openDB(t, srv, oauth("good", "", "")).Ping(), 390303)
}

func TestProgrammaticAccessTokenLogin(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	mustExec(t, openDB(t, srv, nil), "CREATE USER OTHER PASSWORD = 'pw'")
	pat := func(token, user, role string) func(*sf.Config) {
		return func(c *sf.Config) {
			c.Authenticator, c.Token, c.User, c.Password, c.Role = sf.AuthTypePat, token, user, "", role
		}
	}
	open := srv.AddProgrammaticAccessToken("admin", "")
	restricted := srv.AddProgrammaticAccessToken("ADMIN", "sysadmin")

	cases := []struct{ token, user, role, want string }{
		{open, "ADMIN", "", "ACCOUNTADMIN"},
		{open, "ADMIN", "PUBLIC", "PUBLIC"},
		{restricted, "ADMIN", "", "SYSADMIN"},
		{restricted, "", "", "SYSADMIN"},
	}
	for _, tc := range cases {
		t.Run(tc.user+" as "+tc.role, func(t *testing.T) {
			db := openDB(t, srv, pat(tc.token, tc.user, tc.role))
			if got := queryRow(t, db, "SELECT CURRENT_USER(), CURRENT_ROLE()"); got[0] != "ADMIN" || got[1] != tc.want {
				t.Errorf("PAT login (user %q, role %q): %v, want ADMIN, %s", tc.user, tc.role, got, tc.want)
			}
		})
	}
	wantSFError(t, openDB(t, srv, pat("bogus", "ADMIN", "")).Ping(), 394400)
	wantSFError(t, openDB(t, srv, pat(open, "OTHER", "")).Ping(), 394400)
	wantSFError(t, openDB(t, srv, pat(restricted, "ADMIN", "ACCOUNTADMIN")).Ping(), 390189)
}
