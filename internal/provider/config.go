package provider

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/snowflakedb/gosnowflake/v2"
)

const (
	authSnowflake = "SNOWFLAKE"
	authJWT       = "SNOWFLAKE_JWT"
	authOAuth     = "OAUTH"
	authPAT       = "PROGRAMMATIC_ACCESS_TOKEN"
)

var authenticatorNames = []string{authSnowflake, authJWT, authOAuth, authPAT}

// envVars lists, per attribute, the environment variables that fill it, first wins.
var envVars = map[string][]string{
	"account":                {"SNOWFLAKE_ACCOUNT"},
	"organization_name":      {"SNOWFLAKE_ORGANIZATION_NAME"},
	"account_name":           {"SNOWFLAKE_ACCOUNT_NAME"},
	"user":                   {"SNOWFLAKE_USER"},
	"role":                   {"SNOWFLAKE_ROLE"},
	"authenticator":          {"SNOWFLAKE_AUTHENTICATOR"},
	"password":               {"SNOWFLAKE_PASSWORD"},
	"private_key":            {"SNOWFLAKE_PRIVATE_KEY"},
	"private_key_passphrase": {"SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"},
	"token":                  {"SNOWFLAKE_TOKEN"},
	"host":                   {"SNOWFLAKE_HOST"},
	"port":                   {"SNOWFLAKE_PORT"},
	"protocol":               {"SNOWFLAKE_PROTOCOL"},
	"profile":                {"SNOWFLAKE_PROFILE", "SNOWFLAKE_DEFAULT_CONNECTION_NAME"},
	"oauth_client_id":        {"SNOWFLAKE_OAUTH_CLIENT_ID"},
	"oauth_client_secret":    {"SNOWFLAKE_OAUTH_CLIENT_SECRET"},
	"oauth_refresh_token":    {"SNOWFLAKE_OAUTH_REFRESH_TOKEN"},
	"oauth_token_endpoint":   {"SNOWFLAKE_OAUTH_TOKEN_ENDPOINT"},
	"login_timeout":          {"SNOWFLAKE_LOGIN_TIMEOUT"},
	"request_timeout":        {"SNOWFLAKE_REQUEST_TIMEOUT"},
}

// secretAttrs are never logged and are masked wherever they appear.
var secretAttrs = []string{"password", "private_key", "private_key_passphrase", "token", "oauth_client_secret", "oauth_refresh_token"}

// attrs is the provider configuration as written; "" and 0 mean unset.
type attrs struct {
	Account, OrganizationName, AccountName, User, Role, Authenticator string
	Password, PrivateKey, PrivateKeyPassphrase, Token                 string
	Host, Protocol, Profile                                           string
	OAuthClientID, OAuthClientSecret, OAuthRefreshToken               string
	OAuthTokenEndpoint                                                string
	Port, LoginTimeout, RequestTimeout                                int64
}

func (a attrs) layer() map[string]value {
	m := map[string]value{}
	for name, v := range map[string]string{
		"account": a.Account, "organization_name": a.OrganizationName, "account_name": a.AccountName,
		"user": a.User, "role": a.Role, "authenticator": a.Authenticator, "password": a.Password,
		"private_key": a.PrivateKey, "private_key_passphrase": a.PrivateKeyPassphrase, "token": a.Token,
		"host": a.Host, "protocol": a.Protocol, "profile": a.Profile, "oauth_client_id": a.OAuthClientID,
		"oauth_client_secret": a.OAuthClientSecret, "oauth_refresh_token": a.OAuthRefreshToken,
		"oauth_token_endpoint": a.OAuthTokenEndpoint,
	} {
		if v != "" {
			m[name] = value{v: v, from: "the `" + name + "` attribute"}
		}
	}
	for name, v := range map[string]int64{"port": a.Port, "login_timeout": a.LoginTimeout, "request_timeout": a.RequestTimeout} {
		if v != 0 {
			m[name] = value{v: strconv.FormatInt(v, 10), from: "the `" + name + "` attribute"}
		}
	}
	return m
}

// value is one setting and where it came from.
type value struct {
	v    string
	from string // "the `port` attribute", "SNOWFLAKE_PORT", "port in connection \"dev\" of /x/connections.toml"
	file string // profile keys such as private_key_file: the value is this file's content
}

func (v value) set() bool { return v.v != "" || v.file != "" }

// content returns the value, reading it from its file when it names one.
func (v value) content() (string, error) {
	if v.file == "" {
		return v.v, nil
	}
	b, err := os.ReadFile(v.file)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// layers applies the precedence attribute > environment > profile.
type layers [3]map[string]value

func (l layers) get(name string) value {
	for _, m := range l {
		if v := m[name]; v.set() {
			return v
		}
	}
	return value{}
}

// oauthSettings drive the refresh-token login (oauthlogin.go).
type oauthSettings struct {
	ClientID, ClientSecret, RefreshToken, TokenEndpoint string
}

// resolved is a complete, checked login configuration.
type resolved struct {
	cfg           *gosnowflake.Config
	authenticator string
	oauth         *oauthSettings    // set for the refresh-token login; cfg.Token is then filled per connection
	profile       string            // connection used from connections.toml, if any
	sources       map[string]string // attribute -> where its value came from (no values), for logs
	secrets       []string          // secret values to mask in logs
	hash          string            // identifies the configuration for the connection cache

	loginTimeout   time.Duration // bound on one login, retries included (login_timeout)
	requestTimeout time.Duration // bound on one statement, retries included (request_timeout)
}

// ref names an attribute and its first environment variable for messages.
func ref(attr string) string { return "`" + attr + "` (" + envVars[attr][0] + ")" }

// Timeouts. The login default keeps a wrong host, a closed port or a silent server well inside the
// 30 s a user waits before suspecting a hang (the driver's own default is 300 s); a real login takes
// well under a few seconds. Statements here are DDL, DESCRIBE and SHOW, which Snowflake answers in
// seconds, so a minute only fails a statement that is not coming back.
const (
	defaultLoginTimeout   = 20 * time.Second
	defaultRequestTimeout = 60 * time.Second
	maxLoginTimeout       = time.Hour
	maxRequestTimeout     = 24 * time.Hour
)

// resolveSeconds reads a timeout attribute given in whole seconds, def when unset.
func resolveSeconds(l layers, r *resolved, diags *diag.Diagnostics, attr string, def, limit time.Duration) time.Duration {
	v := l.get(attr)
	if !v.set() {
		return def
	}
	r.sources[attr] = v.from
	n, err := strconv.ParseInt(strings.TrimSpace(v.v), 10, 64)
	if err != nil || n < 1 || time.Duration(n)*time.Second > limit {
		diags.AddAttributeError(path.Root(attr), "Invalid "+attr,
			fmt.Sprintf("%s is %q; %s must be a whole number of seconds between 1 and %d.", v.from, v.v, ref(attr), int64(limit/time.Second)))
		return def
	}
	return time.Duration(n) * time.Second
}

// resolveAccount takes account, or organization_name plus account_name. The highest layer that
// sets any of the three decides which form is used, so a profile's or the environment's account
// never clashes with an explicit pair (and vice versa); the two parts of a pair may come from
// different layers.
func resolveAccount(l layers, r *resolved, diags *diag.Diagnostics) string {
	for _, m := range l {
		acc, org, name := m["account"], m["organization_name"], m["account_name"]
		if !acc.set() && !org.set() && !name.set() {
			continue
		}
		if acc.set() {
			r.sources["account"] = acc.from
			if org.set() || name.set() {
				other := org
				if !org.set() {
					other = name
				}
				diags.AddAttributeError(path.Root("account"), "Conflicting account settings",
					fmt.Sprintf("`account` (from %s) cannot be combined with `organization_name`/`account_name` (from %s): "+
						"set either account = \"ORGNAME-ACCOUNTNAME\" (SNOWFLAKE_ACCOUNT) or both organization_name "+
						"(SNOWFLAKE_ORGANIZATION_NAME) and account_name (SNOWFLAKE_ACCOUNT_NAME).", acc.from, other.from))
				return ""
			}
			return strings.TrimSpace(acc.v)
		}
		org, name = l.get("organization_name"), l.get("account_name")
		switch {
		case !name.set():
			diags.AddAttributeError(path.Root("account_name"), "Missing account_name",
				fmt.Sprintf("`organization_name` is set (from %s) but `account_name` is not: set the `account_name` "+
					"attribute or SNOWFLAKE_ACCOUNT_NAME, or use `account` (SNOWFLAKE_ACCOUNT) alone.", org.from))
			return ""
		case !org.set():
			diags.AddAttributeError(path.Root("organization_name"), "Missing organization_name",
				fmt.Sprintf("`account_name` is set (from %s) but `organization_name` is not: set the `organization_name` "+
					"attribute or SNOWFLAKE_ORGANIZATION_NAME, or use `account` (SNOWFLAKE_ACCOUNT) alone.", name.from))
			return ""
		}
		r.sources["organization_name"], r.sources["account_name"] = org.from, name.from
		return strings.TrimSpace(org.v) + "-" + strings.TrimSpace(name.v)
	}
	diags.AddAttributeError(path.Root("account"), "Missing account",
		"Set the `account` attribute or SNOWFLAKE_ACCOUNT (or `organization_name` and `account_name`, "+
			"SNOWFLAKE_ORGANIZATION_NAME and SNOWFLAKE_ACCOUNT_NAME), or name a connections.toml connection with `profile`.")
	return ""
}

// defaultTokenEndpoint is Snowflake's own OAuth token endpoint for the account being logged in to.
func defaultTokenEndpoint(cfg *gosnowflake.Config) string {
	return serverURL(cfg) + "/oauth/token-request"
}

// serverURL is where the driver connects, with its defaults for protocol, host and port filled in
// the way the driver fills them, e.g. https://myorg-acct.snowflakecomputing.com:443.
func serverURL(cfg *gosnowflake.Config) string {
	protocol, host, port := cfg.Protocol, cfg.Host, cfg.Port
	if protocol == "" {
		protocol = "https"
	}
	if host == "" {
		host = defaultHost(cfg.Account)
	}
	if port == 0 {
		port = 443
	}
	return fmt.Sprintf("%s://%s", protocol, net.JoinHostPort(host, strconv.Itoa(port)))
}

// defaultHost derives the host from the account as gosnowflake does (internal/config/dsn.go): a
// legacy locator with a region (xy12345.cn-northwest-1) keeps it in the host, and regions whose
// name starts with "cn-" are Snowflake's China deployment, served under .snowflakecomputing.cn.
func defaultHost(account string) string {
	domain := ".snowflakecomputing.com"
	if _, region, ok := strings.Cut(account, "."); ok && strings.HasPrefix(strings.ToLower(region), "cn-") {
		domain = ".snowflakecomputing.cn"
	}
	return account + domain
}

func endpointOf(o *oauthSettings) string {
	if o == nil {
		return ""
	}
	return o.TokenEndpoint
}

func ptr[T any](v T) *T { return &v }
