package emulator

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// gzipped returns a gzip body that inflates to prefix, n MiB of spaces (JSON whitespace, so only the
// size can make it fail) and suffix. It is a multi-member stream (which gzip readers, Go's included,
// decode as one): one member per MiB of spaces, compressed once, so the test builds a bomb cheaply.
func gzipped(t *testing.T, prefix string, mib int, suffix string) []byte {
	t.Helper()
	member := func(data []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	spaces := member(bytes.Repeat([]byte(" "), 1<<20))
	out := member([]byte(prefix))
	for range mib {
		out = append(out, spaces...)
	}
	return append(out, member([]byte(suffix))...)
}

// TestDecompressedBodyIsCapped: a small gzip body that inflates past the cap is refused with a clear
// 400; the same shape under the cap is accepted.
func TestDecompressedBodyIsCapped(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{MaxBodyBytes: 4 << 20})
	token, _ := rawLogin(t, srv)
	send := func(body []byte) (int, string) {
		req, err := http.NewRequest(http.MethodPost, srv.URL()+pathQuery+"?requestId="+randomToken(8), bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Encoding", "gzip")
		req.Header.Set("Authorization", `Snowflake Token="`+token+`"`)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	bomb := gzipped(t, `{"sqlText": "SELECT 1"`, 64, `}`) // 64 MiB
	if len(bomb) > 1<<20 {
		t.Fatalf("test body is %d bytes compressed, meant to be tiny", len(bomb))
	}
	status, msg := send(bomb)
	if status != http.StatusBadRequest || !strings.Contains(msg, "exceeds the emulator's limit of 4194304 bytes (counted after decompression)") {
		t.Fatalf("gzip bomb (%d bytes compressed): HTTP %d %q, want 400 naming the limit", len(bomb), status, msg)
	}

	status, msg = send(gzipped(t, `{"sqlText": "SELECT 1"`, 1, `}`))
	if status != http.StatusOK || !strings.Contains(msg, `"success":true`) {
		t.Fatalf("1 MiB gzip body under the cap: HTTP %d %.200s", status, msg)
	}
}

func TestCappedReaderBoundary(t *testing.T) {
	for _, tc := range []struct {
		size    int
		wantErr bool
	}{{9, false}, {10, false}, {11, true}} {
		_, err := io.ReadAll(newCappedReader(strings.NewReader(strings.Repeat("x", tc.size)), 10))
		var tooLarge *errBodyTooLarge
		if errors.As(err, &tooLarge) != tc.wantErr {
			t.Errorf("%d bytes under a limit of 10: err %v", tc.size, err)
		}
	}
}

// TestStatementLogIsARing: the log keeps the most recent StatementLogSize statements and counts the
// ones it dropped.
func TestStatementLogIsARing(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{StatementLogSize: 3})
	db := openSessionDB(t, srv, nil)
	for i := 1; i <= 5; i++ {
		queryRow(t, db, fmt.Sprintf("SELECT %d", i))
	}
	var got []string
	for _, e := range srv.StatementLog() {
		got = append(got, e.SQL)
	}
	if strings.Join(got, ";") != "SELECT 3;SELECT 4;SELECT 5" {
		t.Fatalf("log = %q, want the last three statements, oldest first", got)
	}
	if srv.DroppedStatements() != 2 || srv.CountStatements(nil) != 3 {
		t.Fatalf("dropped %d, counted %d; want 2, 3", srv.DroppedStatements(), srv.CountStatements(nil))
	}
	srv.ResetStatementLog()
	queryRow(t, db, "SELECT 6")
	if log := srv.StatementLog(); len(log) != 1 || log[0].SQL != "SELECT 6" || srv.DroppedStatements() != 0 {
		t.Fatalf("after reset: %+v, dropped %d", log, srv.DroppedStatements())
	}
	if def := startServer(t, Options{}); def.log.size != DefaultStatementLogSize || def.opts.MaxBodyBytes != DefaultMaxBodyBytes {
		t.Fatalf("defaults: log size %d, body cap %d", def.log.size, def.opts.MaxBodyBytes)
	}
}
