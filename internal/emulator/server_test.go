package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/drivertest"
)

func TestStartDefaults(t *testing.T) {
	t.Parallel()
	a := startServer(t, Options{})
	b := startServer(t, Options{})
	if a.Host() != "127.0.0.1" || a.Port() == 0 || a.Port() == b.Port() {
		t.Fatalf("host/port: %s:%d and %d", a.Host(), a.Port(), b.Port())
	}
	if a.URL() != "http://"+a.Addr() || a.Account() != "EMULATOR" || a.AdminUser() != "ADMIN" {
		t.Fatalf("URL %s, account %s, admin %s", a.URL(), a.Account(), a.AdminUser())
	}
	if len(a.AdminPassword()) < 16 || a.AdminPassword() == b.AdminPassword() {
		t.Fatal("generated admin passwords must be long and distinct")
	}
	if a.Engine() == nil {
		t.Fatal("no engine")
	}
}

func TestListenAddressPolicy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		addr   string
		remote bool
		ok     bool
	}{
		{"127.0.0.1:0", false, true},
		{"localhost:0", false, true},
		{"[::1]:0", false, true},
		{"0.0.0.0:0", false, false},
		{":8085", false, false},
		{"10.1.2.3:8085", false, false},
		{"0.0.0.0:0", true, true},
		{"nonsense", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.addr+" remote="+strconv.FormatBool(tc.remote), func(t *testing.T) {
			err := checkListen(tc.addr, tc.remote)
			if (err == nil) != tc.ok {
				t.Errorf("checkListen(%q, %v) = %v", tc.addr, tc.remote, err)
			}
		})
	}
	if _, err := Start(Options{Listen: "0.0.0.0:0"}); err == nil || !strings.Contains(err.Error(), "non-loopback") {
		t.Fatalf("Start on 0.0.0.0 without AllowRemote: %v", err)
	}
	srv := startServer(t, Options{Listen: "0.0.0.0:0", AllowRemote: true})
	if srv.Host() != "127.0.0.1" {
		t.Fatalf("Host for an unspecified address = %q, want 127.0.0.1", srv.Host())
	}
}

func TestDSNConnects(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{AdminPassword: "p@ss word/with:odd&chars"})
	dsn, err := srv.DSN(srv.AdminUser(), srv.AdminPassword(), "SYSADMIN")
	if err != nil {
		t.Fatal(err)
	}
	db := drivertest.OpenDSN(t, dsn)
	var role string
	if err := db.QueryRow("SELECT CURRENT_ROLE()").Scan(&role); err != nil || role != "SYSADMIN" {
		t.Fatalf("via DSN %q: role %q, err %v", dsn, role, err)
	}
}

func TestUnknownEndpoints(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{})
	for _, tc := range []struct{ method, path string }{
		{http.MethodPost, "/nope"},
		{http.MethodGet, pathQuery},
		{http.MethodPost, "/session"}, // without delete=true
	} {
		req, _ := http.NewRequest(tc.method, srv.URL()+tc.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: HTTP %d", tc.method, tc.path, resp.StatusCode)
		}
	}
}
