package provider

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// profileKeys maps connections.toml keys (lower case, underscores removed, as gosnowflake and the
// Snowflake CLI normalise them) to the provider attribute they fill. Keys ending in "file" or "path"
// name a file whose content is the value.
var profileKeys = []struct {
	key, attr string
	file      bool
}{
	{"account", "account", false},
	{"organizationname", "organization_name", false},
	{"accountname", "account_name", false},
	{"user", "user", false},
	{"username", "user", false},
	{"role", "role", false},
	{"authenticator", "authenticator", false},
	{"password", "password", false},
	{"privatekey", "private_key", false},
	{"privatekeyfile", "private_key", true},
	{"privatekeypath", "private_key", true},
	{"privatekeyfilepwd", "private_key_passphrase", false},
	{"privatekeypassphrase", "private_key_passphrase", false},
	{"privatekeypwd", "private_key_passphrase", false},
	{"token", "token", false},
	{"tokenfilepath", "token", true},
	{"host", "host", false},
	{"port", "port", false},
	{"protocol", "protocol", false},
	{"oauthclientid", "oauth_client_id", false},
	{"oauthclientsecret", "oauth_client_secret", false},
	{"oauthrefreshtoken", "oauth_refresh_token", false},
	{"oauthtokenrequesturl", "oauth_token_endpoint", false},
	{"oauthtokenendpoint", "oauth_token_endpoint", false},
	{"logintimeout", "login_timeout", false},
	{"requesttimeout", "request_timeout", false},
}

// connectionsFile is where the Snowflake CLI and drivers look for connections.toml.
func connectionsFile(env func(string) string, home string) string {
	dir := env("SNOWFLAKE_HOME")
	if dir == "" {
		return filepath.Join(home, ".snowflake", "connections.toml")
	}
	return filepath.Join(expandHome(dir, home), "connections.toml")
}

func expandHome(p, home string) string {
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") {
		return filepath.Join(home, p[2:])
	}
	return p
}

// loadProfile returns the settings of one connection as a layer keyed by attribute name.
func loadProfile(file, name, home string) (map[string]value, error) {
	var doc map[string]any
	if _, err := toml.DecodeFile(file, &doc); err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", file, err)
	}
	raw, ok := doc[name].(map[string]any)
	if !ok {
		var names []string
		for k, v := range doc {
			if _, isTable := v.(map[string]any); isTable {
				names = append(names, k)
			}
		}
		sort.Strings(names)
		return nil, fmt.Errorf("%s has no connection named %q (connections: %s)", file, name, strings.Join(names, ", "))
	}
	normalised := make(map[string]struct {
		key string
		val any
	}, len(raw))
	for k, v := range raw {
		normalised[strings.ReplaceAll(strings.ToLower(k), "_", "")] = struct {
			key string
			val any
		}{k, v}
	}
	layer := map[string]value{}
	for _, pk := range profileKeys {
		entry, ok := normalised[pk.key]
		if !ok {
			continue
		}
		if _, taken := layer[pk.attr]; taken {
			continue
		}
		var s string
		switch v := entry.val.(type) {
		case string:
			s = v
		case int64:
			s = strconv.FormatInt(v, 10)
		default:
			return nil, fmt.Errorf("%s: connection %q key %s must be a string, not %T", file, name, entry.key, entry.val)
		}
		if s == "" {
			continue
		}
		v := value{v: s, from: fmt.Sprintf("%s in connection %q of %s", entry.key, name, file)}
		if pk.file {
			v = value{file: expandHome(s, home), from: v.from}
		}
		layer[pk.attr] = v
	}
	return layer, nil
}
