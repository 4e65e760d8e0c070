package snowflake

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ClientSecrets is the output of SYSTEM$SHOW_OAUTH_CLIENT_SECRETS. Its String and GoString redact the
// secrets so that printing or logging the value by accident leaks nothing.
type ClientSecrets struct {
	ClientID     string
	ClientSecret string
	// ClientSecret2 is the second secret, kept valid while the first is rotated.
	ClientSecret2 string
}

// String redacts the secrets.
func (s ClientSecrets) String() string {
	return fmt.Sprintf("ClientSecrets{ClientID: %q, ClientSecret: <redacted>, ClientSecret2: <redacted>}", s.ClientID)
}

// GoString redacts the secrets for %#v too.
func (s ClientSecrets) GoString() string { return s.String() }

// parseClientSecrets reads the single JSON cell. The column is named after the expression, so it is the
// only column rather than a known name. Parse errors never quote the cell: it holds secrets.
func parseClientSecrets(t table) (ClientSecrets, error) {
	const what = "SYSTEM$SHOW_OAUTH_CLIENT_SECRETS"
	if len(t.Columns) != 1 || len(t.Rows) != 1 || len(t.Rows[0]) != 1 {
		return ClientSecrets{}, fmt.Errorf("%s: expected one row with one column, got %d column(s) and %d row(s)", what, len(t.Columns), len(t.Rows))
	}
	var v struct {
		ID      string `json:"OAUTH_CLIENT_ID"`
		Secret  string `json:"OAUTH_CLIENT_SECRET"`
		Secret2 string `json:"OAUTH_CLIENT_SECRET_2"`
	}
	if err := json.Unmarshal([]byte(cellString(t.Rows[0][0])), &v); err != nil {
		return ClientSecrets{}, errors.New(what + ": result is not the expected JSON object")
	}
	if v.ID == "" || v.Secret == "" {
		return ClientSecrets{}, errors.New(what + ": result lacks OAUTH_CLIENT_ID or OAUTH_CLIENT_SECRET")
	}
	return ClientSecrets{ClientID: v.ID, ClientSecret: v.Secret, ClientSecret2: v.Secret2}, nil
}
