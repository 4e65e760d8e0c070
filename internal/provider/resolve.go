package provider

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/snowflakedb/gosnowflake/v2"
)

// resolveConfig merges attributes, environment and profile into a gosnowflake configuration and
// reports every missing or contradictory setting. home is the user's home directory. It is a
// pipeline: layering (attribute > environment variable > connections.toml profile), reading the
// values, choosing the authenticator, then the builder of that authenticator; each stage adds
// diagnostics, and a stage after which nothing sensible can follow stops the pipeline.
func resolveConfig(a attrs, env func(string) string, home string) (*resolved, diag.Diagnostics) {
	r := &resolved{sources: map[string]string{}}
	l, diags := buildLayers(a, env, home, r)
	if diags.HasError() {
		return nil, diags
	}
	s, ok := readSettings(l, r, &diags)
	if !ok {
		return nil, diags
	}
	if r.authenticator, ok = chooseAuthenticator(s, r, &diags); !ok {
		return nil, diags
	}
	checkCredentials(s, r, &diags)
	cfg := driverConfig(s, r)
	authBuilders[r.authenticator](s, cfg, r, &diags)
	if r.oauth == nil {
		warnUnusedOAuth(l, &diags)
	} else if !diags.HasError() {
		checkTokenEndpoint(cfg, r, &diags)
	}
	if diags.HasError() {
		return nil, diags
	}
	r.cfg = cfg
	r.finish(s)
	return r, diags
}

// settings are the layered values; "" and 0 mean unset.
type settings struct {
	account, user, role, host, protocol, authenticator string
	port                                               int
	password, privateKey, passphrase, token            string
	clientID, clientSecret, refreshToken, endpoint     string
}

// credentials are the secrets that each select an authenticator, in inference order.
func (s settings) credentials() []struct{ attr, val string } {
	return []struct{ attr, val string }{
		{"password", s.password}, {"private_key", s.privateKey}, {"token", s.token}, {"oauth_refresh_token", s.refreshToken},
	}
}

// buildLayers stacks the attributes, the environment and, when one is named, the profile.
func buildLayers(a attrs, env func(string) string, home string, r *resolved) (layers, diag.Diagnostics) {
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
	if p := l.get("profile"); p.set() {
		prof, err := loadProfile(connectionsFile(env, home), p.v, home)
		if err != nil {
			diags.AddAttributeError(path.Root("profile"), "Cannot load profile",
				fmt.Sprintf("`profile` (from %s) is %q: %s.", p.from, p.v, err))
			return l, diags
		}
		l[2] = prof
		r.profile = p.v
	}
	return l, diags
}

// readSettings takes each value from the highest layer that sets it, recording where it came from.
// It fails when a file named by the profile cannot be read: what follows would only guess.
func readSettings(l layers, r *resolved, diags *diag.Diagnostics) (settings, bool) {
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
		}
		return s
	}
	s := settings{account: resolveAccount(l, r, diags)}
	s.user, s.role, s.host = pick("user"), pick("role"), pick("host")
	s.password, s.privateKey, s.passphrase, s.token = pick("password"), pick("private_key"), pick("private_key_passphrase"), pick("token")
	s.clientID, s.clientSecret, s.refreshToken = pick("oauth_client_id"), pick("oauth_client_secret"), pick("oauth_refresh_token")
	s.endpoint = pick("oauth_token_endpoint")
	if readFailed {
		return s, false
	}
	s.port = resolvePort(l, r, diags)
	r.loginTimeout = resolveSeconds(l, r, diags, "login_timeout", defaultLoginTimeout, maxLoginTimeout)
	r.requestTimeout = resolveSeconds(l, r, diags, "request_timeout", defaultRequestTimeout, maxRequestTimeout)
	s.protocol = strings.ToLower(strings.TrimSpace(pick("protocol")))
	if s.protocol != "" && s.protocol != "http" && s.protocol != "https" {
		diags.AddAttributeError(path.Root("protocol"), "Invalid protocol",
			fmt.Sprintf("%s is %q; `protocol` (SNOWFLAKE_PROTOCOL) must be http or https.", r.sources["protocol"], s.protocol))
	}
	s.authenticator = strings.ToUpper(strings.TrimSpace(pick("authenticator")))
	return s, true
}

func resolvePort(l layers, r *resolved, diags *diag.Diagnostics) int {
	p := l.get("port")
	if !p.set() {
		return 0
	}
	r.sources["port"] = p.from
	n, err := strconv.Atoi(strings.TrimSpace(p.v))
	if err != nil || n < 1 || n > 65535 {
		diags.AddAttributeError(path.Root("port"), "Invalid port",
			fmt.Sprintf("%s is %q; `port` (SNOWFLAKE_PORT) must be a number between 1 and 65535.", p.from, p.v))
	}
	return n
}

// chooseAuthenticator takes the explicit authenticator, else infers it from the one secret set.
func chooseAuthenticator(s settings, r *resolved, diags *diag.Diagnostics) (string, bool) {
	if s.authenticator != "" {
		if !slices.Contains(authenticatorNames, s.authenticator) {
			diags.AddAttributeError(path.Root("authenticator"), "Invalid authenticator",
				fmt.Sprintf("%s is %q; `authenticator` (SNOWFLAKE_AUTHENTICATOR) must be one of %s.",
					r.sources["authenticator"], s.authenticator, strings.Join(authenticatorNames, ", ")))
			return "", false
		}
		return s.authenticator, true
	}
	inferred := map[string]string{"password": authSnowflake, "private_key": authJWT, "token": authOAuth, "oauth_refresh_token": authOAuth}
	var set []string
	auth := ""
	for _, c := range s.credentials() {
		if c.val != "" {
			set = append(set, fmt.Sprintf("%s (from %s)", ref(c.attr), r.sources[c.attr]))
			auth = inferred[c.attr]
		}
	}
	switch len(set) {
	case 0:
		diags.AddAttributeError(path.Root("authenticator"), "Missing credentials",
			"Set one of `password` (SNOWFLAKE_PASSWORD), `private_key` (SNOWFLAKE_PRIVATE_KEY), "+
				"`token` (SNOWFLAKE_TOKEN) or `oauth_refresh_token` (SNOWFLAKE_OAUTH_REFRESH_TOKEN), "+
				"or name a connections.toml connection with `profile` (SNOWFLAKE_PROFILE).")
		return "", false
	case 1:
		r.sources["authenticator"] = "inferred from " + set[0]
		return auth, true
	}
	diags.AddAttributeError(path.Root("authenticator"), "Ambiguous credentials",
		fmt.Sprintf("%s are all set and `authenticator` (SNOWFLAKE_AUTHENTICATOR) is not; "+
			"set `authenticator` to choose, or unset all but one.", strings.Join(set, " and ")))
	return "", false
}

// checkCredentials refuses a secret the authenticator does not use, and a missing login name.
func checkCredentials(s settings, r *resolved, diags *diag.Diagnostics) {
	uses := map[string][]string{
		authSnowflake: {"password"},
		authJWT:       {"private_key"},
		authOAuth:     {"token", "oauth_refresh_token"},
		authPAT:       {"token"},
	}[r.authenticator]
	for _, c := range s.credentials() {
		if c.val == "" || slices.Contains(uses, c.attr) {
			continue
		}
		diags.AddAttributeError(path.Root(c.attr), "Conflicting credentials",
			fmt.Sprintf("%s is set (from %s) but authenticator %s does not use it; unset it or change `authenticator` (SNOWFLAKE_AUTHENTICATOR).",
				ref(c.attr), r.sources[c.attr], r.authenticator))
	}
	if r.authenticator != authOAuth && s.user == "" {
		diags.AddAttributeError(path.Root("user"), "Missing user",
			fmt.Sprintf("Authenticator %s needs a login name: set the `user` attribute or SNOWFLAKE_USER.", r.authenticator))
	}
}

// driverConfig is the part of the gosnowflake configuration every authenticator shares.
func driverConfig(s settings, r *resolved) *gosnowflake.Config {
	return &gosnowflake.Config{
		Account: s.account, User: s.user, Role: s.role, Host: s.host, Port: s.port, Protocol: s.protocol,
		Application:               "terraform-provider-snowflakeoauth",
		DisableOCSPChecks:         s.protocol == "http",
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
		// v2 marks these fields deprecated ("may be reorganized") but they are its only knobs.
		LoginTimeout:   r.loginTimeout,   //nolint:staticcheck // see above
		RequestTimeout: r.requestTimeout, //nolint:staticcheck // see above
		ClientTimeout:  r.requestTimeout, //nolint:staticcheck // see above
	}
}

// authBuilders complete the configuration for one authenticator each.
var authBuilders = map[string]func(s settings, cfg *gosnowflake.Config, r *resolved, diags *diag.Diagnostics){
	authSnowflake: buildPassword,
	authJWT:       buildKeyPair,
	authPAT:       buildPAT,
	authOAuth:     buildOAuth,
}

func buildPassword(s settings, cfg *gosnowflake.Config, _ *resolved, diags *diag.Diagnostics) {
	cfg.Authenticator = gosnowflake.AuthTypeSnowflake
	cfg.Password = required(diags, "password", s.password, "Authenticator SNOWFLAKE needs a password: set the `password` attribute or SNOWFLAKE_PASSWORD.")
}

func buildPAT(s settings, cfg *gosnowflake.Config, _ *resolved, diags *diag.Diagnostics) {
	cfg.Authenticator = gosnowflake.AuthTypePat
	cfg.Token = required(diags, "token", s.token, "Authenticator PROGRAMMATIC_ACCESS_TOKEN needs the token: set the `token` attribute or SNOWFLAKE_TOKEN.")
}

// required returns v, reporting "Missing <attribute>" with detail on the attribute when it is empty.
func required(diags *diag.Diagnostics, attribute, v, detail string) string {
	if v == "" {
		diags.AddAttributeError(path.Root(attribute), "Missing "+attribute, detail)
	}
	return v
}

func buildKeyPair(s settings, cfg *gosnowflake.Config, r *resolved, diags *diag.Diagnostics) {
	cfg.Authenticator = gosnowflake.AuthTypeJwt
	if s.privateKey == "" {
		diags.AddAttributeError(path.Root("private_key"), "Missing private_key",
			"Authenticator SNOWFLAKE_JWT needs an RSA private key: set the `private_key` attribute or "+
				"SNOWFLAKE_PRIVATE_KEY (PEM, PKCS#8), or private_key_file in the profile.")
		return
	}
	key, encrypted, err := parsePrivateKey(s.privateKey, s.passphrase)
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
		if !encrypted && s.passphrase != "" {
			diags.AddAttributeWarning(path.Root("private_key_passphrase"), "Unused private_key_passphrase",
				fmt.Sprintf("The private key (from %s) is not encrypted; the passphrase (from %s) is ignored.",
					r.sources["private_key"], r.sources["private_key_passphrase"]))
		}
	}
}

// buildOAuth takes a static access token, or sets up the refresh-token login (oauthlogin.go).
func buildOAuth(s settings, cfg *gosnowflake.Config, r *resolved, diags *diag.Diagnostics) {
	cfg.Authenticator = gosnowflake.AuthTypeOAuth
	switch {
	case s.token != "" && s.refreshToken != "":
		diags.AddAttributeError(path.Root("token"), "Conflicting credentials",
			fmt.Sprintf("Both %s (from %s) and %s (from %s) are set; authenticator OAUTH uses one of them.",
				ref("token"), r.sources["token"], ref("oauth_refresh_token"), r.sources["oauth_refresh_token"]))
	case s.token != "":
		cfg.Token = s.token
	case s.refreshToken != "":
		if s.clientID == "" {
			diags.AddAttributeError(path.Root("oauth_client_id"), "Missing oauth_client_id",
				"A refresh-token login needs the client: set the `oauth_client_id` attribute or SNOWFLAKE_OAUTH_CLIENT_ID "+
					"(and `oauth_client_secret` / SNOWFLAKE_OAUTH_CLIENT_SECRET for a confidential client).")
		}
		r.oauth = &oauthSettings{ClientID: s.clientID, ClientSecret: s.clientSecret, RefreshToken: s.refreshToken,
			TokenEndpoint: s.endpoint}
	default:
		diags.AddAttributeError(path.Root("token"), "Missing token",
			"Authenticator OAUTH needs an access token or a refresh token: set `token` (SNOWFLAKE_TOKEN), or "+
				"`oauth_refresh_token` (SNOWFLAKE_OAUTH_REFRESH_TOKEN) with `oauth_client_id` (SNOWFLAKE_OAUTH_CLIENT_ID).")
	}
}

// warnUnusedOAuth flags refresh-token attributes written in config without a refresh-token login.
func warnUnusedOAuth(l layers, diags *diag.Diagnostics) {
	for _, attr := range []string{"oauth_client_id", "oauth_client_secret", "oauth_token_endpoint"} {
		if _, fromAttr := l[0][attr]; fromAttr {
			diags.AddAttributeWarning(path.Root(attr), "Unused "+attr,
				fmt.Sprintf("`%s` only applies to the refresh-token login (`oauth_refresh_token`); it is ignored.", attr))
		}
	}
}

// checkTokenEndpoint defaults the refresh-token endpoint to the account's own and validates a given one.
func checkTokenEndpoint(cfg *gosnowflake.Config, r *resolved, diags *diag.Diagnostics) {
	if r.oauth.TokenEndpoint == "" {
		r.oauth.TokenEndpoint = defaultTokenEndpoint(cfg)
		return
	}
	if u, err := url.Parse(r.oauth.TokenEndpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		diags.AddAttributeError(path.Root("oauth_token_endpoint"), "Invalid oauth_token_endpoint",
			fmt.Sprintf("%s is %q; `oauth_token_endpoint` (SNOWFLAKE_OAUTH_TOKEN_ENDPOINT) must be an http(s) URL.",
				r.sources["oauth_token_endpoint"], r.oauth.TokenEndpoint))
	}
}

// finish records the secrets to mask and the hash that keys the connection cache.
func (r *resolved) finish(s settings) {
	for _, v := range []string{s.password, s.privateKey, s.passphrase, s.token, s.clientSecret, s.refreshToken} {
		if v != "" {
			r.secrets = append(r.secrets, v)
		}
	}
	var keyDER []byte
	if r.cfg.PrivateKey != nil {
		keyDER = x509.MarshalPKCS1PrivateKey(r.cfg.PrivateKey)
	}
	h := sha256.New()
	for _, part := range []string{s.account, s.user, s.role, s.host, strconv.Itoa(s.port), s.protocol, r.authenticator,
		s.password, s.token, string(keyDER), s.clientID, s.clientSecret, s.refreshToken, endpointOf(r.oauth),
		r.loginTimeout.String(), r.requestTimeout.String()} {
		_, _ = fmt.Fprintf(h, "%d:%s;", len(part), part) // hash.Hash writes never fail
	}
	r.hash = hex.EncodeToString(h.Sum(nil))
}
