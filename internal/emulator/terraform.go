package emulator

import "fmt"

// ProviderBlock is the snowflakeoauth provider block that logs in to this server as its admin, for
// tests that need a provider of their own instead of the one the environment configures (a second
// emulator, a restarted one). It lives here, next to Account and Port, so that it is written once.
func (s *Server) ProviderBlock() string {
	return fmt.Sprintf(`
provider "snowflakeoauth" {
  account  = %q
  user     = %q
  password = %q
  role     = "ACCOUNTADMIN"
  host     = %q
  port     = %d
  protocol = "http"
}
`, s.Account(), s.AdminUser(), s.AdminPassword(), s.Host(), s.Port())
}
