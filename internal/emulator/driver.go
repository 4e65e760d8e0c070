package emulator

import (
	sf "github.com/snowflakedb/gosnowflake"
)

// DriverConfig returns a gosnowflake configuration for this server with password authentication:
// plain HTTP, no OCSP, no telemetry. Change Authenticator, Token, PrivateKey or Role as needed.
func (s *Server) DriverConfig(user, password string) *sf.Config {
	return &sf.Config{
		Account:           s.Account(),
		User:              user,
		Password:          password,
		Host:              s.Host(),
		Port:              s.Port(),
		Protocol:          "http",
		DisableOCSPChecks: true,
		DisableTelemetry:  true,
	}
}

// DSN returns a gosnowflake DSN for user and password on this server, e.g.
// ADMIN:secret@127.0.0.1:8085?account=EMULATOR&protocol=http&...; role may be empty.
func (s *Server) DSN(user, password, role string) (string, error) {
	cfg := s.DriverConfig(user, password)
	cfg.Role = role
	return sf.DSN(cfg)
}
