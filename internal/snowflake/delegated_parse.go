package snowflake

import (
	"fmt"
	"time"
)

// DelegatedAuthorization is one row of SHOW DELEGATED AUTHORIZATIONS; names are exact stored names.
type DelegatedAuthorization struct {
	CreatedOn         time.Time
	User              Identifier
	Role              Identifier
	Integration       Identifier
	IntegrationStatus string // ENABLED | DISABLED
}

func parseDelegatedAuthorizations(t table) ([]DelegatedAuthorization, error) {
	const what = "SHOW DELEGATED AUTHORIZATIONS"
	if err := t.requireColumns(what, "user_name", "role_name", "integration_name"); err != nil {
		return nil, err
	}
	out := []DelegatedAuthorization{}
	for _, r := range t.records() {
		created, err := r.timestamp("created_on")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, DelegatedAuthorization{
			CreatedOn:         created,
			User:              NewIdentifier(r.str("user_name")),
			Role:              NewIdentifier(r.str("role_name")),
			Integration:       NewIdentifier(r.str("integration_name")),
			IntegrationStatus: r.str("integration_status"),
		})
	}
	return out, nil
}
