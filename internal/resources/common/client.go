// Package common holds helpers shared by the provider's resources, data sources and ephemeral
// resources: provider-data access, the Snowflake identifier string type and diagnostics.
package common

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// ClientFrom extracts the SQL client from Configure's ProviderData. A nil providerData (the framework
// calls Configure before the provider itself is configured) returns nil without a diagnostic.
func ClientFrom(providerData any, diags *diag.Diagnostics) *snowflake.Client {
	if providerData == nil {
		return nil
	}
	c, ok := providerData.(*snowflake.Client)
	if !ok || c == nil {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *snowflake.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return c
}
