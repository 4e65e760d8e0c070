package common

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// ReadFound settles the error of the statement a Read describes its object with (DESIGN.md, "Reads"):
// an object that no longer exists is removed from state with a warning naming it (kind, name), any
// other error is reported as the failure to action. It is true when err is nil and the Read goes on.
func ReadFound(ctx context.Context, resp *resource.ReadResponse, err error, kind string, name fmt.Stringer, action string) bool {
	switch {
	case errors.Is(err, snowflake.ErrNotFound):
		AddNotFoundWarning(&resp.Diagnostics, kind, name)
		resp.State.RemoveResource(ctx)
		return false
	case err != nil:
		AddSnowflakeError(&resp.Diagnostics, action, err)
		return false
	}
	return true
}
