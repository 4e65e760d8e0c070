package snowflake

import (
	"context"
	"errors"
	"strings"
)

// SNOWFLAKE$LOCAL_APPLICATION is the built-in Snowflake OAuth integration that local tools (drivers,
// the Snowflake CLI) sign users in through (https://docs.snowflake.com/en/user-guide/oauth-local-applications).
// Nobody creates or drops it; a security administrator ALTERs five documented settings. The
// statements reuse the integration builders (AlterIntegrationSetSQL, DescribeIntegrationSQL): the name
// is emitted quoted, "SNOWFLAKE$LOCAL_APPLICATION", like every identifier this package writes.

// LocalApplicationName is the built-in integration's exact name.
const LocalApplicationName = "SNOWFLAKE$LOCAL_APPLICATION"

// OAuthClientLocalApplication is the client part of its SHOW type, `OAUTH - LOCAL_APPLICATION`.
const OAuthClientLocalApplication = "LOCAL_APPLICATION"

// ParamDisableLocalApplication is the account's opt-out (BCR-2056): while TRUE the integration exists
// with ENABLED FALSE and a security administrator cannot set it TRUE.
const ParamDisableLocalApplication = "DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION"

// The documented defaults of the local application's settings. Access tokens: 600 s (the local-app
// page). Refresh tokens issued, valid 7776000 s, not single-use: the ALTER SECURITY INTEGRATION page's
// defaults, which the local-app page refers to. ENABLED: TRUE, as the integration arrives usable
// without administrator action (BCR-2056), unless the account opted out.
const (
	LocalApplicationDefaultAccessTokenValidity  int64 = 600
	LocalApplicationDefaultRefreshTokenValidity int64 = 7776000
)

// LocalApplication is the built-in integration's identifier.
func LocalApplication() Identifier { return NewIdentifier(LocalApplicationName) }

// DescribeLocalApplication reads the built-in integration with one DESCRIBE. When it is missing (an
// account the BCR-2056 rollout has not reached, or a role below SECURITYADMIN, which does not see it)
// the error is ErrNotFound.
func (c *Client) DescribeLocalApplication(ctx context.Context) (*IntegrationDescription, error) {
	return c.DescribeIntegration(ctx, LocalApplication())
}

// AlterLocalApplication SETs the given settings in one statement (none when p is empty).
func (c *Client) AlterLocalApplication(ctx context.Context, p IntegrationProperties) error {
	return c.AlterIntegration(ctx, LocalApplication(), p)
}

// LocalApplicationOptedOut reports the account parameter DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION
// (1 statement). An account that does not know the parameter has not opted out.
func (c *Client) LocalApplicationOptedOut(ctx context.Context) (bool, error) {
	v, err := c.AccountParameter(ctx, ParamDisableLocalApplication)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return strings.EqualFold(strings.TrimSpace(v), "true"), nil
}
