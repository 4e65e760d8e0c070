package snowflake

import "fmt"

// parseParameter picks the row whose key is exactly name from SHOW PARAMETERS output.
func parseParameter(name string, t table) (string, bool, error) {
	if err := t.requireColumns("SHOW PARAMETERS", "key", "value"); err != nil {
		return "", false, err
	}
	for _, r := range t.records() {
		if r.str("key") == name {
			return r.str("value"), true, nil
		}
	}
	return "", false, nil
}

// parsePrivilegedRolesBlocked reads the parameter as a boolean; an absent row means the default, TRUE.
func parsePrivilegedRolesBlocked(t table) (bool, error) {
	v, ok, err := parseParameter(ParamPrivilegedRolesBlocked, t)
	if err != nil {
		return false, err
	}
	if !ok || v == "" {
		return true, nil
	}
	b, err := parseBool(v)
	if err != nil {
		return false, fmt.Errorf("parameter %s: %w", ParamPrivilegedRolesBlocked, err)
	}
	return b, nil
}
