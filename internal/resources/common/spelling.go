package common

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// RequiresReplaceIfOtherObject is the plan modifier of every name attribute whose change replaces
// the resource: it replaces only when the planned name denotes another object than the state's. A
// change of spelling alone (`NOTEBOOK_APP` -> `notebook_app`, `"Legacy App"` -> `Legacy App`) is an
// in-place update, which the resources apply without any statement (DESIGN.md identifier rule).
func RequiresReplaceIfOtherObject(what string) planmodifier.String {
	desc := "Naming another " + what + " replaces the resource; a different spelling of the same name does not."
	return stringplanmodifier.RequiresReplaceIf(differentIdentifier, desc, desc)
}

func differentIdentifier(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	resp.RequiresReplace = !SameObject(req.StateValue.ValueString(), req.PlanValue.ValueString())
}

// SameObject reports whether two spellings denote the same Snowflake object; spellings that do not
// parse are compared as written.
func SameObject(a, b string) bool {
	x, errA := snowflake.ParseIdentifier(a)
	y, errB := snowflake.ParseIdentifier(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return x.Equal(y)
}
