package emulator

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
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

// DefaultMaxBodyBytes caps a request body after decompression unless Options.MaxBodyBytes says
// otherwise. Real request bodies are a few KiB (the largest are statements with many inline binds);
// the cap stops a small gzip bomb from making the server allocate gigabytes (a 1 MiB gzip body can
// inflate to 1 GiB).
const DefaultMaxBodyBytes = 16 << 20

// errBodyTooLarge is returned by readBody for a body above the cap, compressed or not.
type errBodyTooLarge struct{ limit int64 }

func (e *errBodyTooLarge) Error() string {
	return fmt.Sprintf("request body exceeds the emulator's limit of %d bytes (counted after decompression)", e.limit)
}

// cappedReader reads at most limit bytes from r and fails with errBodyTooLarge beyond that, so that a
// truncated body is reported as too large rather than as malformed JSON.
type cappedReader struct {
	r     io.Reader
	limit int64 // bytes still allowed
	max   int64 // the cap, for the message
}

func newCappedReader(r io.Reader, limit int64) *cappedReader {
	return &cappedReader{r: r, limit: limit, max: limit}
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.limit < 0 {
		return 0, &errBodyTooLarge{c.max}
	}
	if int64(len(p)) > c.limit+1 {
		p = p[:c.limit+1]
	}
	n, err := c.r.Read(p)
	c.limit -= int64(n)
	if c.limit < 0 {
		return n, &errBodyTooLarge{c.max}
	}
	return n, err
}

// readBody decodes a JSON request body into v. The Go driver never compresses bodies, but other
// clients (the Python connector) gzip them, so accept both; the cap applies to the decompressed
// bytes (and, redundantly, to the compressed ones).
func (s *Server) readBody(r *http.Request, v any) error {
	var rd io.Reader = newCappedReader(r.Body, s.opts.MaxBodyBytes)
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		gz, err := gzip.NewReader(rd)
		if err != nil {
			return err
		}
		defer func() { _ = gz.Close() }()
		rd = newCappedReader(gz, s.opts.MaxBodyBytes)
	}
	return json.NewDecoder(rd).Decode(v)
}

// badBody answers HTTP 400 for a body readBody refused: a clear message for an oversized body, else
// "malformed <what> body". Only a broken client gets here, so a plain-text 400 (which drivers report
// as an HTTP failure without retrying) is the right answer.
func badBody(w http.ResponseWriter, what string, err error) {
	var tooLarge *errBodyTooLarge
	if errors.As(err, &tooLarge) {
		http.Error(w, what+": "+err.Error(), http.StatusBadRequest)
		return
	}
	http.Error(w, "malformed "+what+" body", http.StatusBadRequest)
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
