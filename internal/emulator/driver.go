package emulator

import (
	"fmt"
	"net/url"
)

// DSN returns a gosnowflake DSN for user and password on this server, e.g.
// ADMIN:secret@127.0.0.1:8085?account=EMULATOR&protocol=http&...; role may be empty. It is written
// out here, in the form gosnowflake's DSN function produces (user and password query-escaped), so
// that the emulator package does not link a driver: the provider's tests link gosnowflake v2, the
// emulator's own tests v1, and both register the database/sql name "snowflake".
func (s *Server) DSN(user, password, role string) (string, error) {
	q := url.Values{}
	q.Set("account", s.Account())
	q.Set("protocol", "http")
	q.Set("disableOCSPChecks", "true")
	q.Set("disableTelemetry", "true")
	if role != "" {
		q.Set("role", role)
	}
	return fmt.Sprintf("%s:%s@%s:%d?%s", url.QueryEscape(user), url.QueryEscape(password), s.Host(), s.Port(), q.Encode()), nil
}
