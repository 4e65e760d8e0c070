package provider

import (
	"database/sql"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// ProviderData is what Configure hands to every resource, data source and ephemeral resource
// (req.ProviderData in their Configure methods). One value exists per distinct provider
// configuration per process, so caches kept behind Client live as long as the process.
type ProviderData struct {
	// DB is the process-wide connection pool; it is already logged in.
	DB *sql.DB

	// Client is the SQL client built on DB. Resources, data sources and ephemeral resources receive
	// it (not ProviderData) as their provider data, so that they need not import this package.
	Client *snowflake.Client

	// Account, User and Role are the resolved, non-secret login settings, for messages.
	Account string
	User    string
	Role    string
}

// newProviderData wraps a logged-in pool. It runs once per cached pool.
func newProviderData(db *sql.DB, r *resolved) *ProviderData {
	return &ProviderData{
		DB:      db,
		Client:  snowflake.NewClient(db),
		Account: r.cfg.Account,
		User:    r.cfg.User,
		Role:    r.cfg.Role,
	}
}
