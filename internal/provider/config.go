package provider

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
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

// resolveConfig merges attributes, environment and profile into a gosnowflake configuration and
// reports every missing or contradictory setting. home is the user's home directory.
func resolveConfig(a attrs, env func(string) string, home string) (*resolved, diag.Diagnostics) {
	var diags diag.Diagnostics
	envLayer := map[string]value{}
	for attr, names := range envVars {
		for _, n := range names {
			if v := env(n); v != "" {
				envLayer[attr] = value{v: v, from: n}
				break
			}
		}
	}
	l := layers{a.layer(), envLayer, {}}

	r := &resolved{sources: map[string]string{}}
	if p := l.get("profile"); p.set() {
		file := connectionsFile(env, home)
		prof, err := loadProfile(file, p.v, home)
		if err != nil {
			diags.AddAttributeError(path.Root("profile"), "Cannot load profile",
				fmt.Sprintf("`profile` (from %s) is %q: %s.", p.from, p.v, err))
			return nil, diags
		}
		l[2] = prof
		r.profile = p.v
	}
	readFailed := false
	pick := func(attr string) string {
		v := l.get(attr)
		if !v.set() {
			return ""
		}
		r.sources[attr] = v.from
		s, err := v.content()
		if err != nil {
			diags.AddAttributeError(path.Root(attr), "Unreadable "+attr,
				fmt.Sprintf("Cannot read the file named by %s: %s.", v.from, err))
			readFailed = true
			return ""
		}
		return s
	}

	account := resolveAccount(l, r, &diags)
	user, role, host := pick("user"), pick("role"), pick("host")
	password, privateKey, passphrase, token := pick("password"), pick("private_key"), pick("private_key_passphrase"), pick("token")
	clientID, clientSecret, refreshToken := pick("oauth_client_id"), pick("oauth_client_secret"), pick("oauth_refresh_token")
	endpoint := pick("oauth_token_endpoint")
	if readFailed {
		// A file named by the profile could not be read; what follows would only guess.
		return nil, diags
	}

	port := 0
	if p := l.get("port"); p.set() {
		r.sources["port"] = p.from
		n, err := strconv.Atoi(strings.TrimSpace(p.v))
		if err != nil || n < 1 || n > 65535 {
			diags.AddAttributeError(path.Root("port"), "Invalid port",
				fmt.Sprintf("%s is %q; `port` (SNOWFLAKE_PORT) must be a number between 1 and 65535.", p.from, p.v))
		}
		port = n
	}
	r.loginTimeout = resolveSeconds(l, r, &diags, "login_timeout", defaultLoginTimeout, maxLoginTimeout)
	r.requestTimeout = resolveSeconds(l, r, &diags, "request_timeout", defaultRequestTimeout, maxRequestTimeout)
	protocol := strings.ToLower(strings.TrimSpace(pick("protocol")))
	if protocol != "" && protocol != "http" && protocol != "https" {
		diags.AddAttributeError(path.Root("protocol"), "Invalid protocol",
			fmt.Sprintf("%s is %q; `protocol` (SNOWFLAKE_PROTOCOL) must be http or https.", r.sources["protocol"], protocol))
	}

	// Authenticator: explicit, else inferred from the one secret that is set.
	secrets := []struct{ attr, val string }{
		{"password", password}, {"private_key", privateKey}, {"token", token}, {"oauth_refresh_token", refreshToken},
	}
	auth := strings.ToUpper(strings.TrimSpace(pick("authenticator")))
	if auth != "" {
		if !slices.Contains(authenticatorNames, auth) {
			diags.AddAttributeError(path.Root("authenticator"), "Invalid authenticator",
				fmt.Sprintf("%s is %q; `authenticator` (SNOWFLAKE_AUTHENTICATOR) must be one of %s.",
					r.sources["authenticator"], auth, strings.Join(authenticatorNames, ", ")))
			return nil, diags
		}
	} else {
		var set []string
		for _, s := range secrets {
			if s.val != "" {
				set = append(set, fmt.Sprintf("%s (from %s)", ref(s.attr), r.sources[s.attr]))
				switch s.attr {
				case "password":
					auth = authSnowflake
				case "private_key":
					auth = authJWT
				default:
					auth = authOAuth
				}
			}
		}
		switch len(set) {
		case 0:
			diags.AddAttributeError(path.Root("authenticator"), "Missing credentials",
				"Set one of `password` (SNOWFLAKE_PASSWORD), `private_key` (SNOWFLAKE_PRIVATE_KEY), "+
					"`token` (SNOWFLAKE_TOKEN) or `oauth_refresh_token` (SNOWFLAKE_OAUTH_REFRESH_TOKEN), "+
					"or name a connections.toml connection with `profile` (SNOWFLAKE_PROFILE).")
			return nil, diags
		case 1:
			r.sources["authenticator"] = "inferred from " + set[0]
		default:
			diags.AddAttributeError(path.Root("authenticator"), "Ambiguous credentials",
				fmt.Sprintf("%s are all set and `authenticator` (SNOWFLAKE_AUTHENTICATOR) is not; "+
					"set `authenticator` to choose, or unset all but one.", strings.Join(set, " and ")))
			return nil, diags
		}
	}
	r.authenticator = auth

	// Each authenticator uses exactly its own secret; any other one is a contradiction.
	uses := map[string][]string{
		authSnowflake: {"password"},
		authJWT:       {"private_key"},
		authOAuth:     {"token", "oauth_refresh_token"},
		authPAT:       {"token"},
	}[auth]
	for _, s := range secrets {
		if s.val == "" || slices.Contains(uses, s.attr) {
			continue
		}
		diags.AddAttributeError(path.Root(s.attr), "Conflicting credentials",
			fmt.Sprintf("%s is set (from %s) but authenticator %s does not use it; unset it or change `authenticator` (SNOWFLAKE_AUTHENTICATOR).",
				ref(s.attr), r.sources[s.attr], auth))
	}
	if auth != authOAuth && auth != "" && user == "" {
		diags.AddAttributeError(path.Root("user"), "Missing user",
			fmt.Sprintf("Authenticator %s needs a login name: set the `user` attribute or SNOWFLAKE_USER.", auth))
	}

	cfg := &gosnowflake.Config{
		Account: account, User: user, Role: role, Host: host, Port: port, Protocol: protocol,
		Application:               "terraform-provider-snowflakeoauth",
		DisableOCSPChecks:         protocol == "http",
		ValidateDefaultParameters: gosnowflake.ConfigBoolFalse,
		Params: map[string]*string{
			// Heartbeats only matter for idle sessions kept for hours; a Terraform run is not one.
			"client_session_keep_alive": ptr("false"),
			// gosnowflake v2 dropped Config.DisableTelemetry: it sends in-band telemetry when the
			// session parameter CLIENT_TELEMETRY_ENABLED is true, so the login asks for it off.
			"client_telemetry_enabled": ptr("false"),
		},
		// The driver's own budgets: LoginTimeout and RequestTimeout cap its retries, ClientTimeout
		// (900 s by default) one HTTP attempt, including the abort-request it sends when a statement
		// times out. The connector (connection.go) also puts a deadline on every login and statement.
		LoginTimeout:   r.loginTimeout,
		RequestTimeout: r.requestTimeout,
		ClientTimeout:  r.requestTimeout,
	}
	var keyDER []byte
	switch auth {
	case authSnowflake:
		cfg.Authenticator = gosnowflake.AuthTypeSnowflake
		if password == "" {
			diags.AddAttributeError(path.Root("password"), "Missing password",
				"Authenticator SNOWFLAKE needs a password: set the `password` attribute or SNOWFLAKE_PASSWORD.")
		}
		cfg.Password = password
	case authJWT:
		cfg.Authenticator = gosnowflake.AuthTypeJwt
		if privateKey == "" {
			diags.AddAttributeError(path.Root("private_key"), "Missing private_key",
				"Authenticator SNOWFLAKE_JWT needs an RSA private key: set the `private_key` attribute or "+
					"SNOWFLAKE_PRIVATE_KEY (PEM, PKCS#8), or private_key_file in the profile.")
			break
		}
		key, encrypted, err := parsePrivateKey(privateKey, passphrase)
		switch {
		case errors.Is(err, errKeyNeedPassphrase):
			diags.AddAttributeError(path.Root("private_key_passphrase"), "Missing private_key_passphrase",
				fmt.Sprintf("The private key (from %s) is encrypted: set the `private_key_passphrase` attribute or SNOWFLAKE_PRIVATE_KEY_PASSPHRASE.",
					r.sources["private_key"]))
		case errors.Is(err, errKeyWrongPass):
			diags.AddAttributeError(path.Root("private_key_passphrase"), "Wrong private_key_passphrase",
				fmt.Sprintf("The passphrase (from %s) does not decrypt the private key (from %s).",
					r.sources["private_key_passphrase"], r.sources["private_key"]))
		case err != nil:
			diags.AddAttributeError(path.Root("private_key"), "Invalid private_key",
				fmt.Sprintf("The private key (from %s) cannot be used: %s.", r.sources["private_key"], err))
		default:
			cfg.PrivateKey = key
			keyDER = x509.MarshalPKCS1PrivateKey(key)
			if !encrypted && passphrase != "" {
				diags.AddAttributeWarning(path.Root("private_key_passphrase"), "Unused private_key_passphrase",
					fmt.Sprintf("The private key (from %s) is not encrypted; the passphrase (from %s) is ignored.",
						r.sources["private_key"], r.sources["private_key_passphrase"]))
			}
		}
	case authPAT:
		cfg.Authenticator = gosnowflake.AuthTypePat
		if token == "" {
			diags.AddAttributeError(path.Root("token"), "Missing token",
				"Authenticator PROGRAMMATIC_ACCESS_TOKEN needs the token: set the `token` attribute or SNOWFLAKE_TOKEN.")
		}
		cfg.Token = token
	case authOAuth:
		cfg.Authenticator = gosnowflake.AuthTypeOAuth
		switch {
		case token != "" && refreshToken != "":
			diags.AddAttributeError(path.Root("token"), "Conflicting credentials",
				fmt.Sprintf("Both %s (from %s) and %s (from %s) are set; authenticator OAUTH uses one of them.",
					ref("token"), r.sources["token"], ref("oauth_refresh_token"), r.sources["oauth_refresh_token"]))
		case token != "":
			cfg.Token = token
		case refreshToken != "":
			if clientID == "" {
				diags.AddAttributeError(path.Root("oauth_client_id"), "Missing oauth_client_id",
					"A refresh-token login needs the client: set the `oauth_client_id` attribute or SNOWFLAKE_OAUTH_CLIENT_ID "+
						"(and `oauth_client_secret` / SNOWFLAKE_OAUTH_CLIENT_SECRET for a confidential client).")
			}
			r.oauth = &oauthSettings{ClientID: clientID, ClientSecret: clientSecret, RefreshToken: refreshToken,
				TokenEndpoint: endpoint}
		default:
			diags.AddAttributeError(path.Root("token"), "Missing token",
				"Authenticator OAUTH needs an access token or a refresh token: set `token` (SNOWFLAKE_TOKEN), or "+
					"`oauth_refresh_token` (SNOWFLAKE_OAUTH_REFRESH_TOKEN) with `oauth_client_id` (SNOWFLAKE_OAUTH_CLIENT_ID).")
		}
	}
	if r.oauth == nil {
		for _, attr := range []string{"oauth_client_id", "oauth_client_secret", "oauth_token_endpoint"} {
			if _, fromAttr := l[0][attr]; fromAttr {
				diags.AddAttributeWarning(path.Root(attr), "Unused "+attr,
					fmt.Sprintf("`%s` only applies to the refresh-token login (`oauth_refresh_token`); it is ignored.", attr))
			}
		}
	}
	if r.oauth != nil && !diags.HasError() {
		if r.oauth.TokenEndpoint == "" {
			r.oauth.TokenEndpoint = defaultTokenEndpoint(cfg)
		} else if u, err := url.Parse(r.oauth.TokenEndpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			diags.AddAttributeError(path.Root("oauth_token_endpoint"), "Invalid oauth_token_endpoint",
				fmt.Sprintf("%s is %q; `oauth_token_endpoint` (SNOWFLAKE_OAUTH_TOKEN_ENDPOINT) must be an http(s) URL.",
					r.sources["oauth_token_endpoint"], r.oauth.TokenEndpoint))
		}
	}
	if diags.HasError() {
		return nil, diags
	}

	r.cfg = cfg
	for _, s := range []string{password, privateKey, passphrase, token, clientSecret, refreshToken} {
		if s != "" {
			r.secrets = append(r.secrets, s)
		}
	}
	h := sha256.New()
	for _, part := range []string{account, user, role, host, strconv.Itoa(port), protocol, auth, password, token,
		string(keyDER), clientID, clientSecret, refreshToken, endpointOf(r.oauth), r.loginTimeout.String(), r.requestTimeout.String()} {
		_, _ = fmt.Fprintf(h, "%d:%s;", len(part), part) // hash.Hash writes never fail
	}
	r.hash = hex.EncodeToString(h.Sum(nil))
	return r, diags
}

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
