package acctest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest/oauthclient"
)

// TestOAuthLocalApplication: the built-in SNOWFLAKE$LOCAL_APPLICATION integration serves local clients
// as Snowflake documents (https://docs.snowflake.com/en/user-guide/oauth-local-applications): client id
// and secret LOCAL_APPLICATION, or the id alone (a public client); loopback redirect URIs only; PKCE on
// every request; and sessions that may switch roles.
func TestOAuthLocalApplication(t *testing.T) {
	tg := EmulatorOnly(t, "drives the emulator's OAuth pages")
	ensureLocalApplication(t, tg)
	user, _ := scopeFixture(t, tg, "LOCALAPP", "")
	analyst, reporter := strings.TrimSuffix(user, "_JANE")+"_ANALYST", strings.TrimSuffix(user, "_JANE")+"_REPORTER"
	local := OAuthClient{AccountURL: tg.Emulator.URL(), ClientID: "LOCAL_APPLICATION", ClientSecret: "LOCAL_APPLICATION",
		RedirectURI: "http://127.0.0.1:54321"}

	for _, redirect := range []string{"http://localhost:54321", "http://127.0.0.1:54321/", "https://127.0.0.1:54321", "https://app.example.com/cb"} {
		t.Run("redirect "+redirect, func(t *testing.T) {
			c := local
			c.RedirectURI = redirect
			ar, err := c.Authorize(user, "jane-pw", "", true)
			if err != nil || ar.ErrorCode != "390307" {
				t.Fatalf("%+v, %v; want 390307", ar, err)
			}
		})
	}
	t.Run("PKCE is required", func(t *testing.T) {
		q := url.Values{"client_id": {"LOCAL_APPLICATION"}, "response_type": {"code"}, "redirect_uri": {local.RedirectURI}}
		resp, err := http.Get(tg.Emulator.URL() + "/oauth/authorize?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, resp)
		if resp.StatusCode != 400 || !strings.Contains(body, ">390311<") {
			t.Fatalf("HTTP %d %s; want 390311", resp.StatusCode, body)
		}
	})
	t.Run("id and secret LOCAL_APPLICATION, then USE ROLE", func(t *testing.T) {
		tok := tokenFor(t, local, oauthclient.Login{User: user, Password: "jane-pw", Scope: "session:role:" + analyst, Consent: true})
		conn := tokenSession(t, tg, user, tok.AccessToken)
		if got := useRoles(t, conn, reporter); got[0] != "" || currentRole(t, conn) != reporter {
			t.Fatalf("USE ROLE in a local-application session: %q", got)
		}
	})
	t.Run("the id alone, in the body", func(t *testing.T) {
		pub := local
		pub.ClientSecret, pub.SecretInBody = "", true
		if tok := tokenFor(t, pub, oauthclient.Login{User: user, Password: "jane-pw", Consent: true}); tok.Username != user {
			t.Fatalf("username %q", tok.Username)
		}
		wrong := local
		wrong.ClientSecret = "not-it"
		ar, err := wrong.Authorize(user, "jane-pw", "", true)
		if err != nil || ar.Code == "" {
			t.Fatalf("authorize: %+v, %v", ar, err)
		}
		if tr, err := wrong.ExchangeCode(ar.Code, ar.Verifier); err != nil || tr.Error != "invalid_client" {
			t.Fatalf("wrong secret: %+v, %v; want invalid_client", tr, err)
		}
	})
}

// ensureLocalApplication makes sure the account has SNOWFLAKE$LOCAL_APPLICATION. The emulator's catalog
// has it built in; an emulator without it gets a stand-in (the OAuth server treats the integration of
// that name as the local application whatever its other settings).
func ensureLocalApplication(t *testing.T, tg *Target) {
	t.Helper()
	rows, err := tg.DB.Query("SHOW SECURITY INTEGRATIONS LIKE 'SNOWFLAKE$LOCAL_APPLICATION'")
	if err != nil {
		t.Fatal(err)
	}
	exists := rows.Next()
	_ = rows.Close()
	if !exists {
		tg.Exec(t, "CREATE SECURITY INTEGRATION SNOWFLAKE$LOCAL_APPLICATION TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://unused.example.com/cb'")
		t.Cleanup(func() { _, _ = tg.DB.Exec("DROP SECURITY INTEGRATION IF EXISTS SNOWFLAKE$LOCAL_APPLICATION") })
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
