package emulator

import (
	sf "github.com/snowflakedb/gosnowflake"
)

// DriverConfig returns a gosnowflake (v1) configuration for this server with password
// authentication: plain HTTP, no OCSP, no telemetry. Change Authenticator, Token, PrivateKey or Role
// as needed. It lives in a test file so that only the emulator's own tests link the v1 driver.
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
