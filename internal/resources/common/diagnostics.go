package common

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

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
			"`terraform import <resource address> <name>` (or an `import` block) instead of creating it " +
			"(the create errors of resources print the exact block)."
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

// AddCreateError reports a failed create like AddSnowflakeError. When the object already exists, it
// prints the `import` block that adopts it instead, with the ID spelled as in the configuration, so
// that recovery is one copy-paste: resourceType is e.g. "snowflakeoauth_custom_client_integration".
func AddCreateError(diags *diag.Diagnostics, action string, err error, resourceType, importID string) {
	if !errors.Is(err, snowflake.ErrAlreadyExists) {
		AddSnowflakeError(diags, action, err)
		return
	}
	diags.AddError("Failed to "+action, snowflake.Detail(err)+"\n\n"+ImportHint(resourceType, importID))
}

// ImportHint is the advice for an object that already exists: the import block to paste next to the
// resource, and the equivalent command.
func ImportHint(resourceType, importID string) string {
	return fmt.Sprintf("The object already exists in Snowflake. To manage it with this resource instead of "+
		"creating it, add this block to the configuration (use the resource's name from the address Terraform "+
		"shows above in place of <name>) and apply again:\n\n"+
		"import {\n  to = %s.<name>\n  id = %s\n}\n\n"+
		"or run: terraform import %s.<name> %s",
		resourceType, HCLString(importID), resourceType, shellQuote(importID))
}

// HCLString renders s as an HCL quoted string: backslash and quote escaped, and the template
// sequences ${ and %{ doubled so that they stay literal.
func HCLString(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// shellQuote quotes s for a POSIX shell with single quotes.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
