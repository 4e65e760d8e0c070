package common

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// AddSnowflakeError adds an error diagnostic for a failed operation. action says what the provider
// was doing ("create security integration MY_APP"); the detail keeps Snowflake's code and message and
// suggests a fix when one is known.
func AddSnowflakeError(diags *diag.Diagnostics, action string, err error) {
	diags.AddError("Failed to "+action, SnowflakeErrorDetail(err))
}

// SnowflakeErrorDetail is the detail text AddSnowflakeError uses: snowflake.Detail plus a hint.
func SnowflakeErrorDetail(err error) string {
	detail := snowflake.Detail(err)
	switch {
	case errors.Is(err, snowflake.ErrAlreadyExists):
		detail += "\n\nThe object already exists in Snowflake. To manage it with Terraform, import it with " +
			"`terraform import <resource address> <name>` (or an `import` block) instead of creating it."
	case errors.Is(err, snowflake.ErrInsufficientPrivileges):
		detail += "\n\nThe provider's role lacks a privilege for this operation. Use a role that owns the " +
			"object (or has CREATE INTEGRATION on the account, by default ACCOUNTADMIN), via the provider's " +
			"`role` attribute or SNOWFLAKE_ROLE."
	case errors.Is(err, snowflake.ErrNotFound):
		detail += "\n\nThe object does not exist or the provider's role is not authorized to see it."
	}
	return detail
}

// AddNotFoundWarning warns that an object vanished and was removed from state.
func AddNotFoundWarning(diags *diag.Diagnostics, kind string, name fmt.Stringer) {
	diags.AddWarning(kind+" not found",
		fmt.Sprintf("%s %s no longer exists in Snowflake; it was removed from the Terraform state and will be planned for creation.", kind, name))
}
