package emulator

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// envelope is the JSON shape of every Snowflake REST answer. Code is a numeric string or null: the
// driver runs strconv.Atoi on it and fails on anything else.
type envelope struct {
	Data    any     `json:"data"`
	Code    *string `json:"code"`
	Message *string `json:"message"`
	Success bool    `json:"success"`
	Headers any     `json:"headers"`
}

func okEnvelope(data any) envelope { return envelope{Data: data, Success: true} }

func errEnvelope(code, message string, data any) envelope {
	return envelope{Data: data, Code: &code, Message: &message}
}

// writeJSON answers HTTP 200 with v: every logical outcome, failures included, is a 200 so the driver
// turns it into a *SnowflakeError instead of a generic HTTP error.
func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeBody(w, body)
}

func writeBody(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// Errors of the session layer, with the codes real Snowflake uses.
var (
	errSessionExpired = errEnvelope("390112", "Session token expired.", nil) // renewable; see session.go
	errSessionUnknown = errEnvelope("390104", "Session no longer exists. New login required to access the service.", nil)
	errMasterExpired  = errEnvelope("390114", "Authentication token has expired.  The user must authenticate again.", nil)
)

// readBody decodes a JSON request body into v. The Go driver never compresses bodies, but other
// clients (the Python connector) gzip them, so accept both.
func readBody(r *http.Request, v any) error {
	rd := io.LimitReader(r.Body, 64<<20)
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		gz, err := gzip.NewReader(rd)
		if err != nil {
			return err
		}
		defer func() { _ = gz.Close() }()
		rd = gz
	}
	return json.NewDecoder(rd).Decode(v)
}

// sessionToken extracts the token from `Authorization: Snowflake Token="<token>"`.
func sessionToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	const prefix = `Snowflake Token="`
	if !strings.HasPrefix(h, prefix) || !strings.HasSuffix(h, `"`) || len(h) < len(prefix)+1 {
		return ""
	}
	return h[len(prefix) : len(h)-1]
}
